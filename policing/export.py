"""The public export contract: one JSON object per published event.

`python manage.py export_events` prints these and the site's JSON endpoint serves the same
objects, so field names and formats here are a promise to people who build on our data.
"""

from __future__ import annotations

from .models import Event


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
        "countries": sorted(country.code for country in event.countries.all()),
        "summary": event.summary,
        "disputed": event.disputed,
        "citations": [
            {
                "source": citation.source.slug,
                "passage": citation.passage.anchor,
                "quote": citation.quote,
                "url": citation.get_absolute_url(),
            }
            for citation in event.citations.all()
        ],
    }


def export_events(queryset=None) -> list[dict]:
    events = Event.objects.published() if queryset is None else queryset
    return [event_as_dict(e) for e in events.for_timeline().chronological()]
