"""`/events.ics` and `/events/<slug>.ics`: all-day iCalendar events."""

from __future__ import annotations

import datetime as dt

import icalendar
from django.conf import settings

from policing.models import Event
from policing.text import dates
from policing.text.tidy import multi_line, single_line


def period_after(day: dt.date, precision: str) -> dt.date:
    """The first day after the day, month or year `day` stands for (an exclusive end)."""
    if precision == dates.YEAR:
        return dt.date(day.year + 1, 1, 1)
    if precision == dates.MONTH:
        return dates.add_months(day.replace(day=1), 1)
    return day + dt.timedelta(days=1)


def calendar_for(events, *, base_url: str, name: str = "") -> icalendar.Calendar:
    """An iCalendar of all-day events: a month- or year-precision date spans that period.

    Text is tidied as it is written, for rows saved before their fields were: NAME cannot
    escape a line break, and no iCalendar text may hold other control characters.
    """
    name = name or settings.SITE_NAME
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", single_line(name))
    calendar.add("x-wr-calname", single_line(name))
    host = base_url.split("://", 1)[-1].split(":", 1)[0]
    for event in events:
        calendar.add_component(_calendar_event(event, base_url=base_url, host=host))
    return calendar


def _calendar_event(event: Event, *, base_url: str, host: str) -> icalendar.Event:
    # The honest range: from the earliest possible day to the latest (an open end stops at
    # the period of its known bound; the description says it in words).
    last = event.date_latest
    if last is None:
        last = period_after(event.date_start, event.date_precision) - dt.timedelta(days=1)
    countries = [country.name for country in event.countries.all()]
    lines = [event.summary, "", f"Date: {event.date_display}"]
    if event.date_manual:
        lines[-1] += " (set by the editors)"
    elif event.date_text:
        lines[-1] += f" (the source writes “{event.date_text}”)"
    lines.append(f"Activity: {' · '.join(event.activity_labels())}")
    lines.append(f"Countries: {', '.join(countries) or event.no_country_note or 'none named'}")
    if event.disputed:
        lines.append(f"Disputed: {event.dispute_note}")
    lines += ["", "Sources:"]
    for citation in event.citations.all():
        lines.append(f"{citation.source.outlet_display}: “{citation.quote}”")
        lines.append(base_url + citation.get_absolute_url())

    entry = icalendar.Event()
    entry.add("uid", f"{event.slug}@{host}")
    entry.add("dtstamp", event.updated)
    entry.add("created", event.created)
    entry.add("last-modified", event.updated)
    entry.add("dtstart", event.date_start)
    entry.add("dtend", last + dt.timedelta(days=1))
    entry.add("summary", single_line(event.title))
    entry.add("description", multi_line("\n".join(lines)))
    # The site's activity and stage labels (the old single kind was never part of a contract).
    entry.add("categories", event.activity_labels())
    entry.add("url", base_url + event.get_absolute_url())
    # Past events for reference: they should never show the reader as busy.
    entry.add("transp", "TRANSPARENT")
    return entry
