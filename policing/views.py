"""Public pages: thin views over the QuerySet methods in models.py and the filter form."""

from __future__ import annotations

import dataclasses
import hashlib
import math
from functools import wraps
from itertools import groupby

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import condition, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from . import export, facets
from .feeds import EventFeed
from .filters import ORDER_CHOICES, FilterForm, query_without
from .models import Citation, Country, DataVersion, Event, Kind, Region, Source
from .querysets import timeline_key

PAGE_SIZE = 25
CACHE_SECONDS = 60 * 60


def _code_fingerprint() -> str:
    """Changes when the code or templates change, so a deploy never answers 304 with old HTML."""
    digest = hashlib.sha256()
    roots = [settings.BASE_DIR / "policing", settings.BASE_DIR / "templates"]
    for path in sorted(
        p for root in roots for p in root.rglob("*") if p.suffix in {".py", ".html"}
    ):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


RELEASE = _code_fingerprint()


def _data_version(request: HttpRequest) -> DataVersion:
    """The data version, read once per request (ETag, Last-Modified and cache keys share it)."""
    if not hasattr(request, "_data_version"):
        request._data_version = DataVersion.current()
    return request._data_version


def _variant(request: HttpRequest) -> str:
    """Which rendering a request gets (its ETag and page-cache key say so too): the results
    partial for an HTMX swap, else the whole page (history restores included)."""
    return "partial" if request.htmx and not request.htmx.history_restore_request else "page"


def _etag(request: HttpRequest, *args, **kwargs) -> str:
    return f"{RELEASE}-{_data_version(request).counter}-{_variant(request)}"


def _last_modified(request: HttpRequest, *args, **kwargs):
    return _data_version(request).changed


# Conditional GET: pages and exports change only when the data (or the code) does.
fresh = condition(etag_func=_etag, last_modified_func=_last_modified)


def _cached(request: HttpRequest, name: str, key: object, compute):
    """`compute()`, cached until the data changes."""
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:24]
    full_key = f"{name}:{RELEASE}:{_data_version(request).counter}:{digest}"
    return cache.get_or_set(full_key, compute, CACHE_SECONDS)


def cached_page(view):
    """Keep the rendered page until the data (or the code) changes.

    Public pages do not depend on who asks, so one rendering serves every visitor of the same
    address. The address is the whole URL, scheme and host included, because pages write their
    canonical link from them; the ETag adds the data version and the variant (page or HTMX
    partial). (The CSP nonce in a cached page is stale, which is harmless: every script is a
    file from this site, allowed by 'self'.)
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        address = hashlib.sha256(url.encode()).hexdigest()[:32]
        key = f"page:{_etag(request)}:{address}"
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                cache.set(key, response, CACHE_SECONDS)
        return response

    return wrapper


# China is party to nearly every event, so "other events of the same countries" looks past it.
SUBJECT_COUNTRY = "CN"
RELATED_PER_COUNTRY = 8
BAR_LEVELS = 20
# The reader's aside lists the earliest events citing a document; the rest are under their
# paragraphs. (A long report cited by 150 events would otherwise list each of them twice.)
CITED_IN_ASIDE = 30


@require_safe
@vary_on_headers("HX-Request")
@fresh
@cached_page
def timeline(request: HttpRequest) -> HttpResponse:
    return _render_timeline(request, "policing/timeline.html", {})


@require_safe
@vary_on_headers("HX-Request")
@fresh
@cached_page
def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    # Two ASCII letters, matched before anything upper-cases them ('ſ'.upper() is 'S').
    if not (len(code) == 2 and code.isascii() and code.isalpha()):
        raise Http404("No such country.")
    if code != code.lower():
        # One address per country: /countries/FJ/ moves to /countries/fj/, filters kept.
        query = request.META.get("QUERY_STRING", "")
        target = reverse("country-detail", args=[code.lower()])
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
    countries = _countries(request)
    country = next((c for c in countries if c.code == code.upper()), None)
    if country is None:
        raise Http404("No such country.")
    extra = {"country": country, "country_region": Region(country.region).label}
    return _render_timeline(
        request, "policing/country_detail.html", extra, countries=countries, country=country
    )


def _render_timeline(request, template, extra, *, countries=None, country=None) -> HttpResponse:
    if countries is None:
        countries = _countries(request)
    form = FilterForm(request.GET, countries=countries)
    # The page applies what is valid and says what it ignored.
    filters, query, notes = form.filters, form.query, form.notes()
    if country is not None:
        if filters.countries not in ((), (country.code,)):
            notes.append(f"Ignored the country filter: this page shows {country.name} only.")
        filters = dataclasses.replace(filters, countries=(country.code,))
        query.pop("country", None)

    index = facets.current(_data_version(request))
    masks = index.masks(filters)
    counts = index.facet_counts(masks, kinds_of_country=country.code if country else "")
    if country is not None:
        kind_totals = counts["country-kind"]
        extra["kind_totals"] = [(Kind(k), n) for k, n in _in_choice_order(kind_totals, Kind)]
        extra["country_total"] = sum(kind_totals.values())
    year_axis = {
        year: (total, counts["year"].get(year, 0)) for year, total in index.year_totals().items()
    }
    selection = index.select(index.combine(masks), newest_first=form.newest_first)
    paginator = Paginator(selection, PAGE_SIZE)
    number = form.page_number
    if number > paginator.num_pages:
        pages = "one page" if paginator.num_pages == 1 else f"{paginator.num_pages} pages"
        notes.append(f"Ignored page {number}: these results fill {pages}.")
        number = 1
    page = paginator.page(number)
    # A year bar's link: these filters in that one year, from the first page.
    others = query_without(query, "year", "year_from", "year_to", "page").urlencode()
    link_prefix = f"{request.path}?{others}&year=" if others else f"{request.path}?year="

    def year_link(year: int) -> str:
        return f"{link_prefix}{year}"

    context = {
        **extra,
        "form": form,
        "filters": filters,
        "query": query,
        "notes": notes,
        "chips": form.chips(fixed={"country"} if country else ()),
        "fixed_country": country,
        "page_obj": page,
        "page_range": paginator.get_elided_page_range(number, on_each_side=2, on_ends=1),
        "groups": [(y, list(g)) for y, g in groupby(page, key=lambda e: e.date_start.year)],
        "kind_options": _options("kind", Kind.choices, counts["kind"], filters.kinds),
        "region_options": _options("region", Region.choices, counts["region"], filters.regions),
        "country_options": _options(
            "country",
            [(c.code, c.name) for c in countries],
            counts["country"],
            filters.countries,
        ),
        "bars": _year_bars(year_axis, filters.year_from, filters.year_to, year_link),
        "orders": ORDER_CHOICES,
        "order": form.ordering,
    }
    context["year_options"] = sorted(
        {bar["year"] for bar in context["bars"]}
        | {y for y in (filters.year_from, filters.year_to) if y is not None}
    )
    # The canonical address: invalid values dropped, empty fields left out, the page if past 1.
    # base.html writes it as the canonical link and og:url; an HTMX swap pushes it instead.
    canonical = query.copy()
    if number > 1:
        canonical["page"] = str(number)
    context["canonical_query"] = f"?{canonical.urlencode()}" if canonical else ""
    if _variant(request) == "partial":
        response = render(request, "policing/timeline.html#results", context)
        return push_url(response, request.path + context["canonical_query"])
    return render(request, template, context)


def _countries(request: HttpRequest) -> list[Country]:
    return _cached(request, "countries", None, lambda: list(Country.objects.all()))


def _options(name: str, choices, counts: dict, selected: list) -> list[dict]:
    """A facet's checkboxes: each option's value, label, count and state."""
    options = []
    for value, label in choices:
        count, chosen = counts.get(value, 0), value in selected
        options.append(
            {
                "name": name,
                "id": f"{name}-{value.lower()}",
                "value": value,
                "label": label,
                "count": count,
                "selected": chosen,
                "empty": not count and not chosen,
            }
        )
    return options


def _in_choice_order(counts: dict, choices) -> list[tuple[str, int]]:
    return [(value, counts[value]) for value in choices.values if counts.get(value)]


def _bar_description(matching: int, total: int) -> str:
    """What a bar says to a screen reader, after its year."""
    if not matching:
        return "no events"
    shown = f"{matching} event{pluralize(matching)}"
    return shown if matching == total else f"{shown} of {total}"


def _year_bars(counts: dict[int, tuple[int, int]], year_from, year_to, link) -> list[dict]:
    """One bar per year from the first to the last event; heights in BAR_LEVELS steps."""
    if not counts:
        return []
    tallest = max(total for total, _ in counts.values()) or 1
    bars = []
    for year in range(min(counts), max(counts) + 1):
        total, matching = counts.get(year, (0, 0))
        bars.append(
            {
                "year": year,
                "total": total,
                "matching": matching,
                "total_level": math.ceil(total / tallest * BAR_LEVELS),
                "level": math.ceil(matching / tallest * BAR_LEVELS),
                "in_range": (year_from is None or year >= year_from)
                and (year_to is None or year <= year_to)
                and (year_from is not None or year_to is not None),
                "labelled": year % 5 == 0 or year == min(counts) or year == max(counts),
                "link": link(year) if matching else "",
                "description": _bar_description(matching, total),
            }
        )
    return bars


@require_safe
@fresh
@cached_page
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.published().for_detail(), slug=slug)
    citations = list(event.citations.all())
    countries = list(event.countries.all())
    neighbours = [c for c in countries if c.code != SUBJECT_COUNTRY] or countries
    latest = Event.objects.latest_per_country(
        [c.code for c in neighbours], RELATED_PER_COUNTRY, exclude=event
    )
    related = [
        {
            "country": country,
            "events": latest[country.code][0],
            "more": max(latest[country.code][1] - RELATED_PER_COUNTRY, 0),
        }
        for country in neighbours
    ]
    by_source: dict[int, dict] = {}
    for citation in citations:
        entry = by_source.setdefault(citation.source_id, {"source": citation.source, "items": []})
        entry["items"].append(citation)
    return render(
        request,
        "policing/event_detail.html",
        {
            "event": event,
            "citations": citations,
            "countries": countries,
            "claims": list(by_source.values()),
            "related": related,
            "json_ld": export.json_ld_script(
                export.event_json_ld(event, base_url=_base_url(request))
            ),
        },
    )


@require_safe
@fresh
@cached_page
def source_list(request: HttpRequest) -> HttpResponse:
    sources = Source.objects.with_counts().select_related("rewrite_of")
    return render(request, "policing/source_list.html", {"sources": sources})


@require_safe
@fresh
@cached_page
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    source = get_object_or_404(Source.objects.select_related("rewrite_of"), slug=slug)
    passages = source.passages.prefetch_related(
        Prefetch(
            "citations",
            queryset=Citation.objects.filter(event__published=True)
            .select_related("event")
            .order_by("start", "pk"),
        )
    )
    blocks = []
    for (section, label), group in groupby(passages, key=lambda p: (p.section, p.section_label)):
        group = list(group)
        blocks.append(
            {
                "section": section,
                "label": label,
                "passages": group,
                "first": group[0].ordinal,
                "last": group[-1].ordinal,
            }
        )
    cited = {c.event.pk: c.event for b in blocks for p in b["passages"] for c in p.citations.all()}
    events = sorted(cited.values(), key=timeline_key)
    return render(
        request,
        "policing/source_detail.html",
        {
            "source": source,
            "blocks": blocks,
            "paragraph_count": sum(len(b["passages"]) for b in blocks),
            "cited_count": len(events),
            # Every citing event is also listed under the paragraph it quotes.
            "cited_events": events[:CITED_IN_ASIDE],
            "cited_later": max(len(events) - CITED_IN_ASIDE, 0),
            "rewrites": list(source.rewrites.all()),
        },
    )


# --- Exports: the timeline's filters in formats other tools read -------------------------------
# An API refuses what the page would ignore: a bad filter answers 400 naming the parameter.

SCHEMA_PATH = settings.BASE_DIR / "docs" / "events.schema.json"
EXPORT_FILENAME = "policing-diplomacy-events"


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").removesuffix("/")


def _open_to_all(response: HttpResponse) -> HttpResponse:
    # Public data, read without credentials: a TimelineJS embed on any site may fetch it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _filtered_export(view=None, *, paged: bool = False):
    """Read the filters (and, if `paged`, the page) strictly and hand them to `view`, or
    answer 400 with a JSON error naming the parameter."""

    def decorate(view):
        @require_safe
        @fresh
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            query = request.GET.copy()
            try:
                if paged:
                    kwargs["paging"] = export.parse_paging(query)
                filters = export.parse_filters(query)
            except export.InvalidFilter as error:
                return _open_to_all(JsonResponse(error.as_dict(), status=400))
            return _open_to_all(view(request, filters, *args, **kwargs))

        return wrapper

    return decorate(view) if view is not None else decorate


def _json(data, **dumps) -> JsonResponse:
    return JsonResponse(data, safe=False, json_dumps_params={"ensure_ascii": False, **dumps})


def _calendar(calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@_filtered_export(paged=True)
def events_json(
    request: HttpRequest, filters: export.ExportFilters, paging: export.Paging
) -> HttpResponse:
    """The matching events a page at a time (`per_page` up to 1,000), so a response stays
    small however many events there are; `meta.next` links to the following page."""
    matching = filters.events().chronological(filters.newest_first)
    paginator = Paginator(matching, paging.per_page)
    if paging.page > paginator.num_pages:
        error = export.InvalidFilter(
            "page",
            f"Page {paging.page} is past the last page ({paginator.num_pages}) "
            f"at {paging.per_page} events a page.",
        )
        return JsonResponse(error.as_dict(), status=400)
    page = paginator.page(paging.page)
    events = [export.event_as_dict(e) for e in page.object_list.for_timeline()]

    def link(number):
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    document = export.events_document(
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
    return _json(document, indent=2)


@_filtered_export
def events_csv(request: HttpRequest, filters: export.ExportFilters) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8; header=present")
    response["Content-Disposition"] = f'attachment; filename="{EXPORT_FILENAME}.csv"'
    events = filters.events().for_timeline().chronological(filters.newest_first)
    export.write_csv(response, events, base_url=_base_url(request))
    return response


@_filtered_export
def events_ics(request: HttpRequest, filters: export.ExportFilters) -> HttpResponse:
    events = filters.events().for_timeline().chronological()
    return _calendar(
        export.calendar_for(events, base_url=_base_url(request)), f"{EXPORT_FILENAME}.ics"
    )


@_filtered_export
def events_timelinejs(request: HttpRequest, filters: export.ExportFilters) -> HttpResponse:
    events = list(filters.events().for_timeline().chronological())
    timeline_url = _base_url(request) + reverse("timeline")
    if filters.query:
        timeline_url += f"?{filters.query}"
    text = format_html(
        "<p>{} event{} of the {}, each quoting the exact words of its source.</p>"
        '<p><a href="{}">See them on the timeline</a></p>',
        len(events),
        pluralize(len(events)),
        export.SITE_NAME,
        timeline_url,
    )
    data = export.timelinejs_for(
        events,
        base_url=_base_url(request),
        title="China’s international policing diplomacy",
        text=str(text),
    )
    return _json(data)


@_filtered_export
def event_feed(request: HttpRequest, filters: export.ExportFilters) -> HttpResponse:
    feed = EventFeed(filters, query=filters.query, base_url=_base_url(request))
    return feed(request)


@require_safe
@fresh
def event_json(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.published().for_timeline(), slug=slug)
    return _open_to_all(_json(export.event_as_dict(event), indent=2))


@require_safe
@fresh
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.published().for_timeline(), slug=slug)
    calendar = export.calendar_for([event], base_url=_base_url(request), name=event.title)
    return _open_to_all(_calendar(calendar, f"{event.slug}.ics"))


@require_safe
def events_schema(request: HttpRequest) -> HttpResponse:
    """The JSON Schema of `/events.json`, at a URL that does not change."""
    response = HttpResponse(SCHEMA_PATH.read_bytes(), content_type="application/schema+json")
    return _open_to_all(response)
