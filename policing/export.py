"""The public export contract: one JSON object per published event, and the other formats.

`python manage.py export_events` prints these and the site's JSON endpoint serves the same
objects, so field names and formats here are a promise to people who build on our data. The
other writers (CSV, iCalendar, TimelineJS, schema.org JSON-LD) are built from the same events;
`parse_filters` reads the timeline's query parameters strictly, for the export URLs.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass

import icalendar
from django.core.serializers.json import DjangoJSONEncoder
from django.http import QueryDict
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from . import dates
from .filters import MAX_VALUES, FilterForm, Filters, ManyValuesField
from .models import Event
from .text import multi_line, single_line

SITE_NAME = "Policing Diplomacy Timeline"


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
        "countries": sorted(country.code for country in event.countries.all()),
        "summary": event.summary,
        "disputed": event.disputed,
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


# --- Writers: the same events in other formats -------------------------------------------------
# Each takes events fetched with `for_timeline()` (so it runs no queries per event) and
# `base_url`, the scheme and host links are made absolute with: exports leave the site.


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


CSV_COLUMNS = [
    "slug",
    "title",
    "kind",
    "date_start",
    "date_precision",
    "date_approximate",
    "date_end",
    "date_text",
    "countries",
    "summary",
    "disputed",
    "citations",
    "url",
]
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(out, events, *, base_url: str) -> None:
    """One row per event: the JSON fields, citations one per line as “quote” URL."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for event in events:
        item = event_as_dict(event)
        citations = "\n".join(f"“{c['quote']}” {base_url}{c['url']}" for c in item["citations"])
        writer.writerow(
            [
                item["slug"],
                _cell(item["title"]),
                item["kind"],
                item["date_start"],
                item["date_precision"],
                json.dumps(item["date_approximate"]),
                item["date_end"] or "",
                _cell(item["date_text"]),
                "; ".join(item["countries"]),
                _cell(item["summary"]),
                json.dumps(item["disputed"]),
                _cell(citations),
                base_url + event.get_absolute_url(),
            ]
        )


def period_after(day: dt.date, precision: str) -> dt.date:
    """The first day after the day, month or year `day` stands for (an exclusive end)."""
    if precision == dates.YEAR:
        return dt.date(day.year + 1, 1, 1)
    if precision == dates.MONTH:
        return dates.add_months(day.replace(day=1), 1)
    return day + dt.timedelta(days=1)


def calendar_for(events, *, base_url: str, name: str = SITE_NAME) -> icalendar.Calendar:
    """An iCalendar of all-day events: a month- or year-precision date spans that period.

    Text is tidied as it is written, for rows saved before their fields were: NAME cannot
    escape a line break, and no iCalendar text may hold other control characters.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{SITE_NAME}//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", single_line(name))
    calendar.add("x-wr-calname", single_line(name))
    host = base_url.split("://", 1)[-1].split(":", 1)[0]
    for event in events:
        calendar.add_component(_calendar_event(event, base_url=base_url, host=host))
    return calendar


def _calendar_event(event: Event, *, base_url: str, host: str) -> icalendar.Event:
    end, end_precision = event.date_end, event.date_end_precision or event.date_precision
    if end is None:
        end, end_precision = event.date_start, event.date_precision
    countries = [country.name for country in event.countries.all()]
    lines = [event.summary, "", f"Date: {event.date_display}"]
    if event.date_manual:
        lines[-1] += " (set by the editors)"
    elif event.date_text:
        lines[-1] += f" (the source writes “{event.date_text}”)"
    lines.append(f"Kind: {event.get_kind_display()}")
    lines.append(f"Countries: {', '.join(countries) or event.no_country_note or 'none named'}")
    if event.disputed:
        lines.append(f"Disputed: {event.dispute_note}")
    lines += ["", "Sources:"]
    for citation in event.citations.all():
        lines.append(f"{citation.source.outlet}: “{citation.quote}”")
        lines.append(base_url + citation.get_absolute_url())

    entry = icalendar.Event()
    entry.add("uid", f"{event.slug}@{host}")
    entry.add("dtstamp", event.updated)
    entry.add("created", event.created)
    entry.add("last-modified", event.updated)
    entry.add("dtstart", event.date_start)
    entry.add("dtend", period_after(end, end_precision))
    entry.add("summary", single_line(event.title))
    entry.add("description", multi_line("\n".join(lines)))
    entry.add("categories", [event.get_kind_display()])
    entry.add("url", base_url + event.get_absolute_url())
    # Past events for reference: they should never show the reader as busy.
    entry.add("transp", "TRANSPARENT")
    return entry


def _timelinejs_date(day: dt.date, precision: str) -> dict:
    """Only the parts known: {"year"}, {"year", "month"} or {"year", "month", "day"}."""
    parts = {"year": str(day.year)}
    if precision in (dates.MONTH, dates.DAY):
        parts["month"] = str(day.month)
    if precision == dates.DAY:
        parts["day"] = str(day.day)
    return parts


def timelinejs_for(events, *, base_url: str, title: str, text: str = "") -> dict:
    """The Knight Lab TimelineJS 3 JSON format: a title slide and one slide per event.

    Every string TimelineJS shows is read as HTML, so editor text is escaped here.
    """
    slides = []
    for event in events:
        citations = format_html_join(
            "",
            '<li>“{}” <a href="{}">{}</a></li>',
            (
                (c.quote, base_url + c.get_absolute_url(), c.source.outlet)
                for c in event.citations.all()
            ),
        )
        body = format_html("<p>{}</p>", event.summary)
        if event.disputed:
            body += format_html("<p><strong>Disputed:</strong> {}</p>", event.dispute_note)
        body += format_html(
            '<ol class="citations">{}</ol><p><a href="{}">Read it on the {}</a></p>',
            citations,
            base_url + event.get_absolute_url(),
            SITE_NAME,
        )
        slide = {
            "unique_id": event.slug,
            "start_date": _timelinejs_date(event.date_start, event.date_precision),
            "text": {"headline": escape(event.title), "text": str(body)},
            "group": escape(event.get_kind_display()),
            # The links are written out already; TimelineJS's own would nest inside them.
            "autolink": False,
        }
        if event.date_end:
            slide["end_date"] = _timelinejs_date(
                event.date_end, event.date_end_precision or event.date_precision
            )
        if event.date_approximate:
            slide["display_date"] = escape(event.date_display)
        slides.append(slide)
    return {
        "title": {"text": {"headline": escape(title), "text": text}},
        "events": slides,
    }


def event_json_ld(event: Event, *, base_url: str) -> dict:
    """schema.org Event for the event page; the sources are the works it is the subject of."""
    url = base_url + event.get_absolute_url()
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": url,
        "url": url,
        "name": event.title,
        "description": event.summary,
        "startDate": dates.iso_at(event.date_start, event.date_precision),
        "keywords": event.get_kind_display(),
    }
    if event.date_end:
        data["endDate"] = dates.iso_at(
            event.date_end, event.date_end_precision or event.date_precision
        )
    countries = list(event.countries.all())
    if countries:
        data["location"] = [
            {"@type": "Country", "name": country.name, "identifier": country.code}
            for country in countries
        ]
    sources = {}
    for citation in event.citations.all():
        source = citation.source
        work = {
            "@type": "CreativeWork",
            "name": source.title,
            "url": base_url + source.get_absolute_url(),
            "publisher": {"@type": "Organization", "name": source.outlet},
            "datePublished": dates.iso_at(source.published, source.published_precision),
        }
        if source.url:
            work["sameAs"] = source.url
        sources.setdefault(source.pk, work)
    if sources:
        data["subjectOf"] = list(sources.values())
    return data


# What `django.utils.html.json_script` escapes: no text can then end the script element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> SafeString:
    """A `<script type="application/ld+json">` data block (not executable, so CSP allows it)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
