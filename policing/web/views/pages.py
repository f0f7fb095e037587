"""Public pages: read the request, ask presenters.py for the context, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from policing.exports import jsonld
from policing.links import base_url
from policing.models import Actor, Country, Event, Source, Thread
from policing.timeline import facet_sharing, presenters
from policing.timeline.filters import FilterForm
from policing.timeline.worldmap import geometry
from policing.web.caching import (
    cached,
    cached_page,
    cached_response,
    data_version,
    fresh,
    remembered,
    variant,
)


@require_safe
@vary_on_headers("HX-Request")
@fresh
@cached_page
def timeline(request: HttpRequest) -> HttpResponse:
    return _timeline_page(request, "policing/timeline.html")


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
    return _timeline_page(request, "policing/country_detail.html", countries, country)


@require_safe
@fresh
@cached_page
def world_map(request: HttpRequest) -> HttpResponse:
    countries = _countries(request)
    context = presenters.map_page(
        filter_form(request, countries),
        facet_sharing.current(data_version(request)),
        countries=countries,
        geometry=geometry(),
        region_only=cached(
            request,
            "region-only",
            None,
            lambda: Event.objects.published().naming_only_regions(),
        ),
        timeline=reverse("timeline"),
    )
    return render(request, "policing/map.html", context)


def _timeline_page(request, template, countries=None, country=None) -> HttpResponse:
    """The whole page, or for an HTMX swap its results, which then push their address."""
    countries = countries if countries is not None else _countries(request)
    context = presenters.timeline(
        filter_form(request, countries),
        facet_sharing.current(data_version(request)),
        path=request.path,
        countries=countries,
        country=country,
    )
    if variant(request) == "partial":
        response = render(request, "policing/timeline.html#results", context)
        return push_url(response, request.path + context["canonical_query"])
    return render(request, template, context)


def _countries(request: HttpRequest) -> list[Country]:
    return remembered(request, "countries", lambda: list(Country.objects.all()))


def filter_form(request: HttpRequest, countries=None) -> FilterForm:
    """The timeline's filters from the query, with the valid values read once per version."""
    choices = filter_choices(request)
    if countries is not None:
        choices["countries"] = countries
    return FilterForm(request.GET, **choices)


def filter_choices(request: HttpRequest) -> dict:
    """The countries, actors and threads a filter may name, kept in the process per version
    (caching.remembered): every timeline request and export reads them."""
    return {
        "countries": _countries(request),
        "actors": remembered(request, "actors", lambda: list(Actor.objects.only("slug", "name"))),
        "threads": remembered(
            request, "threads", lambda: list(Thread.objects.only("slug", "title"))
        ),
    }


@require_safe
@fresh
@cached_page
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.published().for_detail(), slug=slug)
    base = base_url(request)
    context = presenters.event_page(event, base_url=base)
    described = jsonld.event_json_ld(event, base_url=base, countries=context["countries_by_name"])
    context["json_ld"] = jsonld.json_ld_script(described)
    return render(request, "policing/event_detail.html", context)


@require_safe
@fresh
@cached_page
def source_list(request: HttpRequest) -> HttpResponse:
    sources = Source.objects.with_counts().select_related("rewrite_of")
    return render(request, "policing/source_list.html", {"sources": sources})


@require_safe
@fresh
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    source = get_object_or_404(Source.objects.select_related("rewrite_of"), slug=slug)
    # Keyed on what changes the page: any other `event` (or parameter) is the plain page, so
    # new values cannot make the site render the document again and again.
    query = presenters.reader_query(source, request.GET)
    page = int(query.get("page", 1))
    return cached_response(
        request,
        f"{request.path}?{urlencode(query)}",
        lambda: render(
            request,
            "policing/source_detail.html",
            presenters.reader(source, query.get("event", ""), page),
        ),
    )


@require_safe
@fresh
@cached_page
def thread_list(request: HttpRequest) -> HttpResponse:
    return render(request, "policing/thread_list.html", presenters.thread_index())


@require_safe
@fresh
@cached_page
def actor_list(request: HttpRequest) -> HttpResponse:
    return render(request, "policing/actor_list.html", presenters.actor_index())


@require_safe
@fresh
@cached_page
def thread_detail(request: HttpRequest, slug: str) -> HttpResponse:
    thread = get_object_or_404(Thread, slug=slug)
    return render(request, "policing/thread_detail.html", presenters.thread_page(thread))


@require_safe
@fresh
@cached_page
def actor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    actor = get_object_or_404(Actor.objects.select_related("country"), slug=slug)
    return render(request, "policing/actor_detail.html", presenters.actor_page(actor))


@require_safe
@fresh
@cached_page
def figures(request: HttpRequest) -> HttpResponse:
    return render(request, "policing/figures.html", presenters.figures_page(filter_form(request)))
