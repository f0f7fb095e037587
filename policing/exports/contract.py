"""The public export contract: one JSON object per published event.

`python manage.py export_events` prints these and `/events.json` serves the same objects (with
a `meta` block, and `/events.ndjson` one a line), so field names and formats here are a
promise to people who build on our data: new fields may be added, existing ones keep their
meaning (docs/events.schema.json). `parse_filters` reads the timeline's query parameters
strictly, for the export URLs, and `download_name` names the file they save to; the other
formats in this package are built from the same objects or events.

The objects are built from the plain records `rows.read` makes of the events (one definition
of each field, whichever export writes it), not from model instances."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import parse_qsl

from django.http import QueryDict

from policing.exports import rows
from policing.exports.rows import ExportCitation, ExportEvent, ExportFigure
from policing.models import Event, Figure
from policing.text import derivation
from policing.timeline import disputes
from policing.timeline.filters import MAX_VALUES, FilterForm, Filters, ManyValuesField


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def iso_day(day: dt.date | None) -> str | None:
    """A day as the exports write it, `2024-09-02`, or null."""
    return day.isoformat() if day else None


def figure_as_dict(figure: ExportFigure, citations: list[ExportCitation]) -> dict:
    """A figure as the exports give it. `citation` is the index (from 0) of the citation that
    states it in the event's `citations`, and `url` links to those words; `value` is the
    number where the source states it, `lower_bound` where the source states only a floor
    ("more than 2,000"): one of the two is null. `scope` says what the number spans
    (`FigureScope`), `scope_region` or `scope_country` the place it names, if any."""
    index = next((i for i, c in enumerate(citations) if c.pk == figure.citation_id), None)
    cited = citations[index] if index is not None else None
    number = _number(figure.value)
    lower_bound = figure.qualifier in Figure.LOWER_BOUNDS
    return {
        "label": figure.label,
        "counts": figure.counts or None,
        "value": None if lower_bound else number,
        "lower_bound": number if lower_bound else None,
        "qualifier": figure.qualifier,
        "unit": figure.unit,
        "status": figure.status,
        "period_edtf": figure.period_edtf or None,
        "citation": index,
        "source": cited.source.slug if cited else None,
        "url": cited.url if cited else None,
        # Added with the figure's scope: what the number spans, and the place it names.
        "scope": figure.scope or None,
        "scope_region": figure.scope_region or None,
        "scope_country": figure.scope_country or None,
    }


def event_as_dict(event: ExportEvent | Event, *, base_url: str) -> dict:
    """The event's export object (from its `rows.ExportEvent`, or from a model event fetched
    with `for_timeline()`, read through `rows.from_model`); `base_url` (scheme and host) makes
    its absolute links."""
    if isinstance(event, Event):
        event = rows.from_model(event)
    citations = event.citations
    return {
        "slug": event.slug,
        "title": event.title,
        "kind": event.kind,
        "date_start": iso_day(event.date_start),
        "date_precision": event.date_precision,
        "date_approximate": event.date_approximate,
        "date_end": iso_day(event.date_end),
        "date_text": event.date_text,
        "date_set_by_editor": event.date_manual,
        # The date as EDTF (ISO 8601-2) and the earliest and latest day it allows (null for an
        # open end); the four date_ fields above are derived from it (dates.legacy).
        "date_edtf": event.date_edtf,
        "date_earliest": iso_day(event.date_earliest),
        "date_latest": iso_day(event.date_latest),
        "date_in_words": event.date_in_words,
        "date_reading": event.date_reading,
        # The first and last year the event is placed in (what the year filters match), and
        # whether it is in each of them for certain or only may fall in them (dates.year_certain).
        "years_placed": [event.start_year, event.end_year],
        "year_certain": event.year_certain,
        "countries": countries(event),
        "summary": event.summary,
        "disputed": event.disputed,
        "activity": event.activity,
        "stage": event.stage or None,
        "participants": [
            {"country": p.country, "region": p.region, "role": p.role} for p in event.participants
        ],
        "actors": [
            {"slug": a.slug, "name": a.name, "kind": a.kind, "role": a.role} for a in event.actors
        ],
        "thread": event.thread,
        "related": [{"slug": r.slug, "relation": r.relation} for r in event.related],
        "citations": [citation_as_dict(citation, base_url=base_url) for citation in citations],
        "permalink": base_url + event.url,
        "independent_sources": independent_sources(citations),
        "figures": [figure_as_dict(figure, citations) for figure in event.figures],
        # Added with disputes exported: null unless the event is disputed.
        "dispute": dispute_as_dict(event, citations, base_url=base_url),
    }


def countries(event: ExportEvent) -> list[str]:
    """Every state taking part, in any role: the codes of the participants that are a country,
    sorted."""
    return sorted([p.country for p in event.participants if p.country])


def independent_sources(citations: list[ExportCitation]) -> int:
    """How many independent reports the citations' words come from (their distinct origins)."""
    return derivation.independent_count([c.origin.pk for c in citations])


def dispute_as_dict(event: ExportEvent, citations: list, *, base_url: str) -> dict | None:
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
                        "url": citation.url,
                        "absolute_url": base_url + citation.url,
                    }
                    for citation in entry["items"]
                ],
            }
            for entry in entries
        ],
    }


def citation_as_dict(citation: ExportCitation, *, base_url: str) -> dict:
    """A citation: its words and where they are on the site (`url`, and `absolute_url` with
    scheme and host), the report they come from (`origin`, `derived`) and the cited
    document's publication (`source_meta`)."""
    source = citation.source
    return {
        "source": source.slug,
        "passage": citation.passage_anchor,
        "quote": citation.quote,
        "url": citation.url,
        # Added with absolute links: `url` stays the site path it always was.
        "absolute_url": base_url + citation.url,
        "origin": citation.origin.slug,
        "derived": citation.derived,
        "derivation": citation.derivation or None,
        "source_meta": {
            "outlet": source.outlet,
            "carried_by": source.carried_by or None,
            "published": source.published_edtf,
            "url": derivation.original_address(source.original_url, source.url, source.carried_by)
            or None,
            "carrier_url": (source.url or None) if source.carried_by else None,
        },
    }


def figure_rows(events: Iterable[ExportEvent]) -> list[dict]:
    """Every figure of `events`, in their order, each with its event's slug and the quote
    that states it: `/figures.json`, `/figures.csv`."""
    rows = []
    for event in events:
        citations = event.citations
        for figure in event.figures:
            row = {"event": event.slug, **figure_as_dict(figure, citations)}
            index = row["citation"]
            row["quote"] = citations[index].quote if index is not None else None
            rows.append(row)
    return rows


# /citations.ndjson and /citations.csv: one row per citation, these fields in this order.
CITATION_ROW = (
    "event",
    "event_title",
    "source",
    "source_title",
    "outlet",
    "carried_by",
    "published",
    "paragraph",
    "passage",
    "quote",
    "site_url",
    "original_url",
    "carrier_url",
    "origin",
    "derived",
    "derivation",
    "independent",
    "reading",
    "event_url",
)


def citation_rows(events: Iterable[ExportEvent], *, base_url: str) -> Iterator[dict]:
    """Every citation of `events`, in their order, as a flat row (`CITATION_ROW`): the
    citation as `citation_as_dict` gives it, with its event, the source's title, the
    paragraph's number and the reading on a disputed point. `site_url` is the absolute link
    to the highlighted words on this site, `original_url` where the outlet published the
    report (null where unknown), `independent` true when the words are the source's own
    report (not `derived`)."""
    for event in events:
        event_url = base_url + event.url
        for citation in event.citations:
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
                "paragraph": citation.paragraph,
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


def figures_document(
    rows: list[dict], *, filters: ExportFilters, schema_url: str, generated: dt.datetime
) -> dict:
    """`/figures.json`: the `figure_rows` and a `meta` block like `/events.json`'s."""
    meta = {
        "filters": filters.as_meta(),
        "count": len(rows),
        "generated": generated.astimezone(dt.UTC).isoformat(timespec="seconds"),
        "schema": schema_url,
    }
    return {"meta": meta, "figures": rows}


def export_events(queryset=None, *, base_url: str, newest_first: bool = False) -> list[dict]:
    events = Event.objects.published() if queryset is None else queryset
    return [
        event_as_dict(e, base_url=base_url) for e in rows.read(events.chronological(newest_first))
    ]


# --- Filters: the timeline's parameters, but refused rather than ignored ----------------------


class InvalidFilter(ValueError):
    """A query parameter an export cannot honour. An API refuses it; the page would drop it."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message

    def as_dict(self) -> dict:
        return {"error": "invalid filter", "parameter": self.parameter, "message": self.message}


@dataclass(frozen=True)
class ExportFilters:
    """Valid filters for an export, and the order."""

    filters: Filters
    newest_first: bool = False
    query: str = ""  # the valid parameters, urlencoded in the timeline's stable order

    def events(self):
        """The published events that match, in no particular order (the writers choose)."""
        return Event.objects.published().filtered(self.filters)

    def as_meta(self) -> dict:
        """The filters applied, named as the query parameters are."""
        f = self.filters
        return {
            "q": f.q,
            "country": list(f.countries),
            "region": list(f.regions),
            "kind": list(f.kinds),
            "year_from": f.year_from,
            "year_to": f.year_to,
            "order": "desc" if self.newest_first else "asc",
            # Added with the role filter.
            "role": list(f.roles),
        }

    def download_name(self, extension: str, *, extra: str = "", stem: str = "events") -> str:
        """The file name an export of these filters saves to (see `download_name`)."""
        return download_name("&".join(filter(None, [self.query, extra])), extension, stem=stem)


MAX_DOWNLOAD_STEM = 100
_UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9-]+")


def download_name(query: str, extension: str, *, stem: str = "events") -> str:
    """A file name that names the filters of the canonical `query`, so downloads of different
    filters do not overwrite each other (`stem` is what the file holds, events or figures):
    `country=SB` → `events-country-SB.csv`,
    `country=CN&country=MM&kind=training` → `events-country-CN-MM-kind-training.csv`.

    Letters, digits, `-` and `_` only (accents dropped, other runs of characters become one
    `_`), at most 100 before the extension: safe in a header and on any file system.
    """
    parts: dict[str, list[str]] = {}
    for name, value in parse_qsl(query):
        folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
        if value := _UNSAFE_IN_NAME.sub("_", folded).strip("_-"):
            parts.setdefault(name, []).append(value)
        else:
            parts.setdefault(name, [])
    words = [stem]
    for name, values in parts.items():
        words += [_UNSAFE_IN_NAME.sub("_", name), *values]
    named = "-".join(words)[:MAX_DOWNLOAD_STEM].rstrip("_-")
    return f"{named}.{extension}"


# Exports hold every matching event, so the timeline's `page` is not one of their parameters;
# only /events.json pages its events (see parse_paging). Nor are `view` and `lanes`, which say
# how the page shows the events, not which: like `page`, they are refused as unknown.
NOT_FOR_EXPORTS = {"page", "view", "lanes", "more"}
DEFAULT_PER_PAGE, MAX_PER_PAGE = 50, 1000


@dataclass(frozen=True)
class Paging:
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE


def parse_paging(query: QueryDict) -> Paging:
    """Take `page` and `per_page` out of `query`, or raise `InvalidFilter` naming the bad one."""
    values = {}
    for name, low, high, default in [
        ("page", 1, 10**6, 1),
        ("per_page", 1, MAX_PER_PAGE, DEFAULT_PER_PAGE),
    ]:
        given = query.pop(name, [])
        if len(given) > 1:
            raise InvalidFilter(name, f"Give “{name}” once, not {len(given)} times.")
        text = given[0].strip() if given else str(default)
        if not (text.isascii() and text.isdigit() and len(text) <= 7 and low <= int(text) <= high):
            raise InvalidFilter(name, f"“{name}” must be a whole number from {low} to {high}.")
        values[name] = int(text)
    return Paging(**values)


def parse_bom(query: QueryDict) -> bool:
    """Take `bom` out of `query` (CSV only): 1, the default, starts the file with a UTF-8
    byte-order mark, without which Excel reads the file in the computer's legacy encoding;
    0 leaves it out, for tools that take it for part of the first column's name."""
    given = [value.strip() for value in query.pop("bom", [])]
    if len(given) > 1:
        raise InvalidFilter("bom", f"Give “bom” once, not {len(given)} times.")
    value = given[0] if given and given[0] else "1"  # empty, as a plain form sends it: the default
    if value not in {"0", "1"}:
        raise InvalidFilter(
            "bom",
            "“bom” must be 1 (start the CSV with a UTF-8 byte-order mark, for Excel: the default) "
            "or 0 (no byte-order mark, for tools that reject one).",
        )
    return value == "1"


def parse_filters(query: QueryDict, *, also: tuple[str, ...] = (), **choices) -> ExportFilters:
    """Read the timeline's filter parameters, or raise `InvalidFilter` naming the first bad one.

    `also` names the parameters this export has already taken out of `query` (paging, `bom`),
    for the message that lists what it accepts; `choices`, the valid countries, actors and
    threads if already read (FilterForm reads them otherwise)."""
    form = FilterForm(query, **choices)
    accepted = [name for name in form.fields if name not in NOT_FOR_EXPORTS]
    many = {name for name, field in form.fields.items() if isinstance(field, ManyValuesField)}
    for name in query:
        if name not in accepted:
            shown = name if len(name) <= 40 else name[:39] + "…"
            paged = "page" in also
            raise InvalidFilter(
                shown,
                f"Unknown parameter “{shown}”. This export accepts: "
                f"{', '.join([*accepted, *also])}"
                + ("." if paged else "; it holds every matching event, not a page of them."),
            )
        values = query.getlist(name)
        if name not in many and len(values) > 1:
            raise InvalidFilter(name, f"Give “{name}” once, not {len(values)} times.")
        if len(values) > MAX_VALUES:
            raise InvalidFilter(name, f"Give at most {MAX_VALUES} values of “{name}”.")
    if error := form.first_error():
        raise InvalidFilter(*error)
    return ExportFilters(form.filters, form.newest_first, form.query.urlencode())


def events_document(
    events: list[dict],
    *,
    filters: ExportFilters,
    schema_url: str,
    generated: dt.datetime,
    count: int | None = None,
    paging: dict | None = None,
) -> dict:
    """`/events.json`: the `export_events` objects and a `meta` block saying what they are.

    `count` is every matching event; `paging` (page, per_page, pages, next, previous) says
    which of them this document holds.
    """
    meta = {
        "filters": filters.as_meta(),
        "count": len(events) if count is None else count,
        "generated": generated.astimezone(dt.UTC).isoformat(timespec="seconds"),
        "schema": schema_url,
    }
    return {"meta": meta | (paging or {}), "events": events}
