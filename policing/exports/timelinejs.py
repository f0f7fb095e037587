"""`/events.timelinejs.json`: Knight Lab TimelineJS 3's JSON."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils.html import escape, format_html, format_html_join

from policing.text import dates


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
                (c.quote, base_url + c.get_absolute_url(), c.source.outlet_display)
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
            settings.SITE_NAME,
        )
        slide = {
            "unique_id": event.slug,
            "start_date": _timelinejs_date(event.date_start, event.date_precision),
            "text": {"headline": escape(event.title), "text": str(body)},
            # One row per arrangement or programme, else per activity.
            "group": escape(event.thread.title if event.thread else event.get_activity_display()),
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
