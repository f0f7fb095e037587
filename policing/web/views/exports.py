"""Exports: the timeline's events in formats other tools read.

An API refuses what the page would ignore: a bad filter answers 400 naming the parameter.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_safe

from policing.exports import atom, contract, ical, ndjson, rows, timelinejs
from policing.exports import csv as csv_export
from policing.links import base_url
from policing.models import Event
from policing.timeline import facet_sharing
from policing.web.caching import data_version, fresh
from policing.web.streaming import collecting_less
from policing.web.views.pages import filter_choices

SCHEMA_PATH = settings.BASE_DIR / "docs" / "events.schema.json"
# Events /events.ndjson, /events.csv and /citations.* read at a time (with one query per related
# table, `rows.read`), so that streaming every event of a large filter keeps only one chunk of
# them in memory.
STREAM_CHUNK = rows.CHUNK
CSV_TYPE = "text/csv; charset=utf-8; header=present"
NDJSON_TYPE = "application/x-ndjson; charset=utf-8"


def _open_to_all(response: HttpResponse) -> HttpResponse:
    # Public data, read without credentials: a TimelineJS embed on any site may fetch it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _filtered_export(view=None, *, paged: bool = False, bom: bool = False):
    """Read the filters (and, if `paged`, the page; if `bom`, the CSV's byte-order mark)
    strictly and hand them to `view`, or answer 400 with a JSON error naming the parameter."""

    def decorate(view):
        @require_safe
        @fresh
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            query = request.GET.copy()
            try:
                also = ()
                if paged:
                    kwargs["paging"] = contract.parse_paging(query)
                    also += ("page", "per_page")
                if bom:
                    kwargs["bom"] = contract.parse_bom(query)
                    also += ("bom",)
                filters = contract.parse_filters(query, also=also, **filter_choices(request))
            except contract.InvalidFilter as error:
                return _open_to_all(JsonResponse(error.as_dict(), status=400))
            return _open_to_all(view(request, filters, *args, **kwargs))

        return wrapper

    return decorate(view) if view is not None else decorate


def _stream(lines, content_type: str) -> StreamingHttpResponse:
    """A response written as its `lines` (text) are made, in UTF-8, as `content_type` says,
    with the garbage collector held back (`streaming`). (Told the charset, Django
    encodes each line without searching the header for it again.)"""
    lines = collecting_less(lines)
    return StreamingHttpResponse(lines, content_type=content_type, charset="utf-8")


def _json(data, **dumps) -> JsonResponse:
    return JsonResponse(data, safe=False, json_dumps_params={"ensure_ascii": False, **dumps})


def _named(response: HttpResponse, filename: str, *, attachment: bool = False) -> HttpResponse:
    """Name the file a browser saves: `attachment` downloads it at once; the JSON formats and
    the feed stay `inline`, shown in the browser, and saved under this name if asked to.
    (`filename` holds safe characters only: see `contract.download_name`.)"""
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _calendar(calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    return _named(response, filename, attachment=True)


@_filtered_export(paged=True)
def events_json(
    request: HttpRequest, filters: contract.ExportFilters, paging: contract.Paging
) -> HttpResponse:
    """The matching events a page at a time (`per_page` up to 1,000), so a response stays
    small however many events there are; `meta.next` links to the following page. Which
    events, and how many, the facet index says, as it does for the timeline's pages."""
    index = facet_sharing.current(data_version(request))
    masks = index.masks(filters.filters)
    matching = index.select(index.combine(masks), newest_first=filters.newest_first)
    paginator = Paginator(matching, paging.per_page)
    if paging.page > paginator.num_pages:
        error = contract.InvalidFilter(
            "page",
            f"Page {paging.page} is past the last page ({paginator.num_pages}) "
            f"at {paging.per_page} events a page.",
        )
        return JsonResponse(error.as_dict(), status=400)
    page = Page(_events_by_ids(matching, paging.page, paging.per_page), paging.page, paginator)
    root = base_url(request)
    events = [contract.event_as_dict(e, base_url=root) for e in page.object_list]

    def link(number):
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    document = contract.events_document(
        events,
        filters=filters,
        schema_url=request.build_absolute_uri(reverse("events-schema")),
        generated=timezone.now(),
        count=paginator.count,
        paging={
            "page": page.number,
            "per_page": paging.per_page,
            "pages": paginator.num_pages,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
        },
    )
    page_part = f"page={page.number}" if paginator.num_pages > 1 else ""
    # Without indentation or spaces: a page of 50 events, each with its participants, actors,
    # relations, citations and figures, is 108 KB so and was 149 KB indented (a browser's JSON
    # viewer and `jq .` lay it out for reading).
    compact = _json(document, separators=(",", ":"))
    return _named(compact, filters.download_name("json", extra=page_part))


def _events_by_ids(matching, number: int, per_page: int) -> list:
    """The events of page `number` of `matching` (a facets.Selection), as the exports read
    them (`rows`), in the selection's order."""
    return rows.by_ids(matching.ids((number - 1) * per_page, number * per_page))


def _streamed(filters: contract.ExportFilters):
    """The matching events in the order asked for, as the exports read them (`rows.read`), a
    chunk of `STREAM_CHUNK` at a time as the response is written."""
    events = filters.events().chronological(filters.newest_first)
    return rows.read(events, chunk_size=STREAM_CHUNK)


@_filtered_export
def events_ndjson(request: HttpRequest, filters: contract.ExportFilters) -> HttpResponse:
    """Every matching event, one JSON object a line: the objects of /events.json without its
    `meta`, for `jq` and `pandas.read_json(url, lines=True)`. Not paged: a researcher wants all
    of a filter, so the lines are streamed as they are written, a chunk of events at a time."""
    root = base_url(request)
    lines = (ndjson.line(contract.event_as_dict(e, base_url=root)) for e in _streamed(filters))
    response = _stream(lines, NDJSON_TYPE)
    return _named(response, filters.download_name("ndjson"))


@_filtered_export(bom=True)
def events_csv(request: HttpRequest, filters: contract.ExportFilters, bom: bool) -> HttpResponse:
    """Every matching event, a row each, streamed a chunk of events at a time as the NDJSON is:
    built whole, 10,000 events held 286 MB of Python objects (docs/performance.md)."""
    lines = csv_export.csv_lines(_streamed(filters), base_url=base_url(request), bom=bom)
    response = _stream(lines, CSV_TYPE)
    return _named(response, filters.download_name("csv"), attachment=True)


def _citation_rows(request: HttpRequest, filters: contract.ExportFilters):
    """The citations of the matching events, a row each (`contract.citation_rows`), read a
    chunk of events at a time as the events' CSV is."""
    return contract.citation_rows(_streamed(filters), base_url=base_url(request))


@_filtered_export
def citations_ndjson(request: HttpRequest, filters: contract.ExportFilters) -> HttpResponse:
    """Every citation of the matching events, one JSON object a line, streamed."""
    lines = (ndjson.line(row) for row in _citation_rows(request, filters))
    response = _stream(lines, NDJSON_TYPE)
    return _named(response, filters.download_name("ndjson", stem="citations"))


@_filtered_export(bom=True)
def citations_csv(request: HttpRequest, filters: contract.ExportFilters, bom: bool) -> HttpResponse:
    """Every citation of the matching events, a row each, streamed; a byte-order mark unless
    `bom=0`, as /events.csv."""
    lines = csv_export.citation_csv_lines(_citation_rows(request, filters), bom=bom)
    response = _stream(lines, CSV_TYPE)
    return _named(response, filters.download_name("csv", stem="citations"), attachment=True)


def _with_figures(filters: contract.ExportFilters) -> list[dict]:
    events = filters.events().filter(figures__isnull=False).distinct()
    return contract.figure_rows(rows.read(events.chronological(filters.newest_first)))


@_filtered_export
def figures_json(request: HttpRequest, filters: contract.ExportFilters) -> HttpResponse:
    """Every figure of the matching published events, each with its event's slug."""
    document = contract.figures_document(
        _with_figures(filters),
        filters=filters,
        schema_url=request.build_absolute_uri(reverse("events-schema")),
        generated=timezone.now(),
    )
    return _named(_json(document, indent=2), filters.download_name("json", stem="figures"))


@_filtered_export(bom=True)
def figures_csv(request: HttpRequest, filters: contract.ExportFilters, bom: bool) -> HttpResponse:
    lines = csv_export.figure_csv_lines(_with_figures(filters), base_url=base_url(request), bom=bom)
    response = _stream(lines, CSV_TYPE)
    return _named(response, filters.download_name("csv", stem="figures"), attachment=True)


@_filtered_export
def events_ics(request: HttpRequest, filters: contract.ExportFilters) -> HttpResponse:
    events = filters.events().for_timeline().chronological()
    return _calendar(
        ical.calendar_for(events, base_url=base_url(request)), filters.download_name("ics")
    )


@_filtered_export
def events_timelinejs(request: HttpRequest, filters: contract.ExportFilters) -> HttpResponse:
    events = list(filters.events().for_timeline().chronological())
    timeline_url = base_url(request) + reverse("timeline")
    if filters.query:
        timeline_url += f"?{filters.query}"
    text = format_html(
        "<p>{} event{} of the {}, each quoting the exact words of its source.</p>"
        '<p><a href="{}">See them on the timeline</a></p>',
        len(events),
        pluralize(len(events)),
        settings.SITE_NAME,
        timeline_url,
    )
    data = timelinejs.timelinejs_for(
        events,
        base_url=base_url(request),
        title="China’s international policing diplomacy",
        text=str(text),
    )
    return _named(_json(data), filters.download_name("timelinejs.json"))


@_filtered_export
def event_feed(request: HttpRequest, filters: contract.ExportFilters) -> HttpResponse:
    feed = atom.EventFeed(filters, query=filters.query, base_url=base_url(request))
    response = feed(request)
    # The syndication view dates the feed by its newest entry; `fresh` answers If-Modified-Since
    # by the data version's time, so that is the Last-Modified to send (it adds it when absent).
    del response["Last-Modified"]
    return _named(response, filters.download_name("atom"))


@require_safe
@fresh
def event_json(request: HttpRequest, slug: str) -> HttpResponse:
    found = list(rows.read(Event.objects.published().filter(slug=slug)))
    if not found:
        raise Http404("No published event has this address.")
    data = contract.event_as_dict(found[0], base_url=base_url(request))
    return _open_to_all(_named(_json(data, indent=2), f"{found[0].slug}.json"))


@require_safe
@fresh
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.published().for_timeline(), slug=slug)
    calendar = ical.calendar_for([event], base_url=base_url(request), name=event.title)
    return _open_to_all(_calendar(calendar, f"{event.slug}.ics"))


@require_safe
def events_schema(request: HttpRequest) -> HttpResponse:
    """The JSON Schema of `/events.json`, at a URL that does not change."""
    response = HttpResponse(SCHEMA_PATH.read_bytes(), content_type="application/schema+json")
    return _open_to_all(response)
