"""schema.org Event data for the event page, and the script element that carries it."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from policing.models import Event
from policing.text import dates


def event_json_ld(event: Event, *, base_url: str, countries=None) -> dict:
    """schema.org Event for the event page; the sources are the works it is the subject of.
    `countries`, the event's, if already read (by name)."""
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
    if event.date_earliest is None and event.date_latest is not None:
        # Known only as "by" a date: that date ends it; no start is claimed.
        data["endDate"] = data.pop("startDate")
    countries = list(event.countries.all()) if countries is None else countries
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
