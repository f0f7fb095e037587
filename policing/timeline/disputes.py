"""Where the sources disagree: a disputed event's claims, what each source says on the disputed
point, side by side. The event page shows them and the JSON exports carry them
(`exports.contract.dispute_as_dict`), from this one grouping."""

from __future__ import annotations


def claims(citations: list) -> list[dict]:
    """What each source says on a disputed point, one entry per source and origin: the
    independent reports first, then those that only repeat, rewrite or summarise one (marked,
    so that no dispute counts a derived claim as another report's).

    Each entry: `source`; `items`, its citations; `derived_from`, the origin its words derive
    from (None for a report of its own); `derivation`, how, in words; `origin_cited`, whether
    the origin is cited too."""
    cited = {c.source_id for c in citations}
    entries: dict[tuple[int, int], dict] = {}
    for citation in citations:
        origin = citation.origin
        key = (citation.source_id, origin.pk)
        entry = entries.setdefault(
            key,
            {
                "source": citation.source,
                "items": [],
                "derived_from": origin if citation.derived else None,
                "derivation": citation.get_derivation_display(),
                "origin_cited": origin.pk in cited,
            },
        )
        entry["items"].append(citation)
    return sorted(entries.values(), key=lambda entry: entry["derived_from"] is not None)


def independent_claims(entries: list[dict]) -> int:
    """How many of the `claims` entries are reports of their own."""
    return sum(1 for entry in entries if entry["derived_from"] is None)
