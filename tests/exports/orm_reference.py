"""The exports as they were built before `rows.py`: from model instances fetched with
`for_timeline()` (each citation's origin, link and date read through the models' own
attributes). Kept as the reference the faster path must equal byte for byte
(`test_rows.py`, `orm_path`): a copy of `contract.py`'s functions at the time, and of the
CSV's row as it was built from the export object (`csv_event_row`), changed only where they
name each other. Do not bring it up to date with the contract: a new field is
added to both; a changed value is what the comparison is there to catch."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from policing.exports import contract, rows
from policing.exports import csv as csv_export
from policing.models import Event, Figure
from policing.timeline import disputes

_number = contract._number


def figure_as_dict(figure: Figure, citations: list) -> dict:
    """A figure as the exports give it. `citation` is the index (from 0) of the citation that
    states it in the event's `citations`, and `url` links to those words; `value` is the
    number where the source states it, `lower_bound` where the source states only a floor
    ("more than 2,000"): one of the two is null."""
    cited = next((c for c in citations if c.pk == figure.citation_id), None)
    number = _number(figure.value)
    return {
        "label": figure.label,
        "counts": figure.counts or None,
        "value": None if figure.is_lower_bound else number,
        "lower_bound": number if figure.is_lower_bound else None,
        "qualifier": figure.qualifier,
        "unit": figure.unit,
        "status": figure.status,
        "period_edtf": figure.period_edtf or None,
        "citation": citations.index(cited) if cited else None,
        "source": cited.source.slug if cited else None,
        "url": cited.get_absolute_url() if cited else None,
        # Added with the figure's scope: what the number spans, and the place it names.
        "scope": figure.scope or None,
        "scope_region": figure.scope_region or None,
        "scope_country": figure.scope_country_id or None,
    }


def event_as_dict(event: Event, *, base_url: str) -> dict:
    """The event's export object; `base_url` (scheme and host) makes its absolute links."""
    citations = list(event.citations.all())
    return {
        "slug": event.slug,
        "title": event.title,
        "kind": event.kind,
        "date_start": event.date_start.isoformat(),
        "date_precision": event.date_precision,
        "date_approximate": event.date_approximate,
        "date_end": event.date_end.isoformat() if event.date_end else None,
        "date_text": event.date_text,
        "date_set_by_editor": event.date_manual,
        # The date as EDTF (ISO 8601-2) and the earliest and latest day it allows (null for an
        # open end); the four date_ fields above are derived from it (dates.legacy).
        "date_edtf": event.date_edtf,
        "date_earliest": event.date_earliest.isoformat() if event.date_earliest else None,
        "date_latest": event.date_latest.isoformat() if event.date_latest else None,
        "date_in_words": event.date_display,
        "date_reading": event.date_reading,
        # The first and last year the event is placed in (what the year filters match), and
        # whether it is in each of them for certain or only may fall in them (dates.year_certain).
        "years_placed": [event.start_year, event.end_year],
        "year_certain": event.year_certain,
        "countries": sorted(country.code for country in event.countries.all()),
        "summary": event.summary,
        "disputed": event.disputed,
        "activity": event.activity,
        "stage": event.stage or None,
        "participants": [
            {"country": p.country_id, "region": p.region, "role": p.role}
            for p in event.participants.all()
        ],
        "actors": [
            {"slug": r.actor.slug, "name": r.actor.name, "kind": r.actor.kind, "role": r.role}
            for r in event.actor_roles.all()
        ],
        "thread": event.thread.slug if event.thread else None,
        "related": [{"slug": r.other.slug, "relation": r.relation} for r in event.relations.all()],
        "citations": [citation_as_dict(citation, base_url=base_url) for citation in citations],
        "permalink": base_url + event.get_absolute_url(),
        "independent_sources": event.independent_sources,
        "figures": [figure_as_dict(figure, citations) for figure in event.figures.all()],
        # Added with disputes exported: null unless the event is disputed.
        "dispute": dispute_as_dict(event, citations, base_url=base_url),
    }


def dispute_as_dict(event: Event, citations: list, *, base_url: str) -> dict | None:
    """Where the sources disagree, as the event page shows it (timeline/disputes.py): the
    editors' note and one claim per source and origin, reports of their own first, each with
    its words and what they say on the disputed point (`reading`). `citation` is the index (from
    0) of those words in the event's `citations`."""
    if not event.disputed:
        return None
    entries = disputes.claims(citations)
    return {
        "note": event.dispute_note,
        "independent_claims": disputes.independent_claims(entries),
        "claims": [
            {
                "source": entry["source"].slug,
                "source_title": entry["source"].title,
                "outlet": entry["source"].outlet,
                "carried_by": entry["source"].carried_by or None,
                "published": entry["source"].published_edtf,
                "origin": (entry["derived_from"] or entry["source"]).slug,
                "independent": entry["derived_from"] is None,
                "derivation": entry["items"][0].derivation or None,
                "origin_cited": entry["origin_cited"],
                "words": [
                    {
                        "citation": citations.index(citation),
                        "quote": citation.quote,
                        "reading": citation.claim or None,
                        "passage": citation.passage_anchor,
                        "url": citation.get_absolute_url(),
                        "absolute_url": base_url + citation.get_absolute_url(),
                    }
                    for citation in entry["items"]
                ],
            }
            for entry in entries
        ],
    }


def citation_as_dict(citation, *, base_url: str) -> dict:
    """A citation: its words and where they are on the site (`url`, and `absolute_url` with
    scheme and host), the report they come from (`origin`, `derived`) and the cited
    document's publication (`source_meta`)."""
    source = citation.source
    return {
        "source": source.slug,
        "passage": citation.passage_anchor,
        "quote": citation.quote,
        "url": citation.get_absolute_url(),
        # Added with absolute links: `url` stays the site path it always was.
        "absolute_url": base_url + citation.get_absolute_url(),
        "origin": citation.origin.slug,
        "derived": citation.derived,
        "derivation": citation.derivation or None,
        "source_meta": {
            "outlet": source.outlet,
            "carried_by": source.carried_by or None,
            "published": source.published_edtf,
            "url": source.original_address or None,
            "carrier_url": (source.url or None) if source.carried_by else None,
        },
    }


def figure_rows(events) -> list[dict]:
    """Every figure of `events` (with their figures and citations fetched), in their order,
    each with its event's slug and the quote that states it: `/figures.json`, `/figures.csv`."""
    rows = []
    for event in events:
        citations = list(event.citations.all())
        for figure in event.figures.all():
            row = {"event": event.slug, **figure_as_dict(figure, citations)}
            index = row["citation"]
            row["quote"] = citations[index].quote if index is not None else None
            rows.append(row)
    return rows


def citation_rows(events: Iterable, *, base_url: str) -> Iterator[dict]:
    """Every citation of `events` (with their citations fetched), in their order, as a flat row
    (`CITATION_ROW`): the citation as `citation_as_dict` gives it, with its event, the source's
    title, the paragraph's number and the reading on a disputed point. `site_url` is the
    absolute link to the highlighted words on this site, `original_url` where the outlet
    published the report (null where unknown), `independent` true when the words are the
    source's own report (not `derived`)."""
    for event in events:
        event_url = base_url + event.get_absolute_url()
        for citation in event.citations.all():
            cited = citation_as_dict(citation, base_url=base_url)
            meta = cited["source_meta"]
            yield {
                "event": event.slug,
                "event_title": event.title,
                "source": cited["source"],
                "source_title": citation.source.title,
                "outlet": meta["outlet"],
                "carried_by": meta["carried_by"],
                "published": meta["published"],
                "paragraph": citation.passage.ordinal if citation.passage else None,
                "passage": cited["passage"],
                "quote": cited["quote"],
                "site_url": cited["absolute_url"],
                "original_url": meta["url"],
                "carrier_url": meta["carrier_url"],
                "origin": cited["origin"],
                "derived": cited["derived"],
                "derivation": cited["derivation"],
                "independent": not cited["derived"],
                "reading": citation.claim or None,
                "event_url": event_url,
            }


def csv_event_row(event: Event, base_url: str) -> list:
    """`csv._event_row` as it was: the cells read from the event's export object."""
    item = event_as_dict(event, base_url=base_url)
    citations = "\n".join(f"“{c['quote']}” {c['absolute_url']}" for c in item["citations"])
    cell, flag = csv_export._cell, json.dumps
    return [
        item["slug"],
        cell(item["title"]),
        item["kind"],
        item["date_start"],
        item["date_precision"],
        flag(item["date_approximate"]),
        item["date_end"] or "",
        cell(item["date_text"]),
        "; ".join(item["countries"]),
        cell(item["summary"]),
        flag(item["disputed"]),
        cell(citations),
        item["permalink"],
        flag(item["date_set_by_editor"]),
        item["activity"],
        item["stage"] or "",
        "; ".join(f"{p['country'] or p['region']}: {p['role']}" for p in item["participants"]),
        cell("; ".join(f"{a['name']}: {a['role']}" for a in item["actors"])),
        item["thread"] or "",
        "; ".join(f"{r['relation']} {r['slug']}" for r in item["related"]),
        item["independent_sources"],
        "\n".join(_origin_line(c) for c in item["citations"]),
        cell("\n".join(csv_export._figure_line(f, base_url) for f in item["figures"])),
        json.dumps(item["figures"], ensure_ascii=False) if item["figures"] else "",
        item["date_edtf"],
        item["date_earliest"] or "",
        item["date_latest"] or "",
        "; ".join(str(year) for year in item["years_placed"]),
        flag(item["year_certain"]),
    ]


def _origin_line(citation: dict) -> str:
    if not citation["derived"]:
        return citation["source"]
    return f"{citation['source']}: {citation['derivation']} of {citation['origin']}"


def read(events, *, chunk_size: int = rows.CHUNK):
    """What the exports read before `rows.read`: model instances with their prefetches."""
    return events.for_timeline().iterator(chunk_size=chunk_size)


def by_ids(ids: list[int], *, chunk_size: int = rows.CHUNK) -> list:
    found = Event.objects.filter(pk__in=ids).for_timeline().in_bulk()
    return [found[i] for i in ids if i in found]


def use(monkeypatch) -> None:
    """Make the exports take the path of model instances, as they did before `rows.py`."""
    for name in ["read", "by_ids"]:
        monkeypatch.setattr(rows, name, globals()[name])
    for name in [
        "figure_as_dict",
        "event_as_dict",
        "dispute_as_dict",
        "citation_as_dict",
        "figure_rows",
        "citation_rows",
    ]:
        monkeypatch.setattr(contract, name, globals()[name])
    monkeypatch.setattr(csv_export, "_event_row", csv_event_row)
    monkeypatch.setattr(csv_export, "_flag", json.dumps)
