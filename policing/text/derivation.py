"""Where a citation's words come from: derivation of documents and of their parts, origins, and
how many independent reports support an event.

A document may be a syndicated copy, a rewrite or a summary of another report, or only one of
its parts may be (a digest's first item summarises the SCMP report, its second is its own).
The origin of a citation is the report its passage derives from, else the report its whole
document derives from, else its own document. Events count the distinct origins of their
citations: three documents retelling one report are one independent report.

`derived_from` always names an origin (a report that derives from nothing), so the origin is
found in one step and never by walking a chain.
"""

from __future__ import annotations

from collections.abc import Iterable


def origin(passage_origin, document_origin, own):
    """The rule, for slugs or sources alike: the part's derivation, then the document's, else
    the document itself."""
    return passage_origin or document_origin or own


def derivation_kind(passage_kind: str, document_kind: str) -> str:
    """How the cited words derive ("rewrite", "summary", "syndication"), or "" if they do not."""
    return passage_kind or document_kind


def citation_origin(citation):
    """The Source a model Citation's words come from (its passage and source read as loaded)."""
    passage = citation.passage
    return origin(
        passage.derived_from if passage else None, citation.source.rewrite_of, citation.source
    )


def citation_derivation(citation) -> str:
    passage = citation.passage
    return derivation_kind(passage.derivation if passage else "", citation.source.derivation)


def independent_count(origins: Iterable) -> int:
    """How many independent reports the origins are."""
    return len(set(origins))


def support_phrase(citations: int, reports: int) -> str:
    """“3 citations, 1 independent report”: what a card and an event page say."""
    cited = f"{citations} citation{'' if citations == 1 else 's'}"
    return f"{cited}, {reports} independent report{'' if reports == 1 else 's'}"


def outlet_name(outlet: str, carried_by: str) -> str:
    """The outlet that published the report, and the site a copy came from: “South China
    Morning Post (via Yahoo)”."""
    return f"{outlet} (via {carried_by})" if carried_by else outlet


def original_address(original_url: str, url: str, carried_by: str) -> str:
    """Where the outlet published the report, if known: its original address, or the
    document's own when the document is the outlet's page rather than a copy another site
    carries ("" when unknown)."""
    return original_url or ("" if carried_by else url)


def source_errors(source) -> dict[str, str]:
    """Why a Source's derivation cannot be saved, by field: a kind needs the report it derives
    from and the reverse, and that report must be another one, itself an origin."""
    errors = {}
    target = source.rewrite_of if source.rewrite_of_id else None
    if source.derivation and target is None:
        errors["rewrite_of"] = "Choose the report this document derives from."
    elif target is not None and not source.derivation:
        errors["derivation"] = "Say how this document derives from that report."
    elif target is not None and source.pk and target.pk == source.pk:
        errors["rewrite_of"] = "A document cannot derive from itself."
    elif target is not None and target.rewrite_of_id:
        errors["rewrite_of"] = (
            f"“{target.title}” itself derives from “{target.rewrite_of.title}”: choose that "
            "report, the origin."
        )
    return errors
