"""Public pages: thin views over the QuerySet methods in models.py."""

from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .models import Country, Event, Source


@require_GET
def timeline(request: HttpRequest) -> HttpResponse:
    events = Event.objects.published().for_timeline().chronological()
    years = [
        (year, list(group)) for year, group in groupby(events, key=lambda e: e.date_start.year)
    ]
    return render(request, "policing/timeline.html", {"years": years})


@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.published().for_timeline(), slug=slug)
    return render(request, "policing/event_detail.html", {"event": event})


@require_GET
def source_list(request: HttpRequest) -> HttpResponse:
    return render(request, "policing/source_list.html", {"sources": Source.objects.all()})


@require_GET
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    source = get_object_or_404(Source, slug=slug)
    return render(
        request,
        "policing/source_detail.html",
        {"source": source, "passages": source.passages.all()},
    )


@require_GET
def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    country = get_object_or_404(Country, code=code.upper())
    events = country.events.published().for_timeline().chronological()
    return render(request, "policing/country_detail.html", {"country": country, "events": events})
