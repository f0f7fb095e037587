"""The public export contract: one JSON object per published event.

`python manage.py export_events` prints these and `/events.json` serves the same objects (with
a `meta` block), so field names and formats here are a promise to people who build on our
data: new fields may be added, existing ones keep their meaning (docs/events.schema.json).
`parse_filters` reads the timeline's query parameters strictly, for the export URLs; the other
formats in this package are built from the same objects or events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import QueryDict

from ..filters import MAX_VALUES, FilterForm, Filters, ManyValuesField
from ..models import Event


def event_as_dict(event: Event) -> dict:
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
        "citations": [
            {
                "source": citation.source.slug,
                "passage": citation.passage_anchor,
                "quote": citation.quote,
                "url": citation.get_absolute_url(),
            }
            for citation in event.citations.all()
        ],
    }


def export_events(queryset=None, *, newest_first: bool = False) -> list[dict]:
    events = Event.objects.published() if queryset is None else queryset
    return [event_as_dict(e) for e in events.for_timeline().chronological(newest_first)]


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
        }


# Exports hold every matching event, so the timeline's `page` is not one of their parameters;
# only /events.json pages its events (see parse_paging).
NOT_FOR_EXPORTS = {"page"}
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


def parse_filters(query: QueryDict, *, countries=None) -> ExportFilters:
    """Read the timeline's filter parameters, or raise `InvalidFilter` naming the first bad one."""
    form = FilterForm(query, countries=countries)
    accepted = [name for name in form.fields if name not in NOT_FOR_EXPORTS]
    many = {name for name, field in form.fields.items() if isinstance(field, ManyValuesField)}
    for name in query:
        if name not in accepted:
            shown = name if len(name) <= 40 else name[:39] + "…"
            raise InvalidFilter(
                shown,
                f"Unknown parameter “{shown}”. Exports accept: {', '.join(accepted)}; "
                "they are not paginated.",
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
