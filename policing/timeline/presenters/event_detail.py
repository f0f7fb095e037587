"""An event's page: its citations grouped by source and origin, and the latest events of its
countries."""

from __future__ import annotations

import datetime as dt
import json

from django.db import connections
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from policing.models import OTHER_PARTIES, Correction, Event, Release, ReleaseEntryKind
from policing.text import derivation
from policing.timeline import disputes, references

# "Other events of the same countries" looks past China's side, which nearly every event has.
RELATED_PER_COUNTRY = 8


def _by_name(countries) -> list:
    """Each country once, by name, as `event.countries.all()` lists them."""
    return sorted({c.code: c for c in countries}.values(), key=lambda c: c.name)


def event_page(event: Event, *, base_url: str) -> dict:
    """An event with its citations grouped by source, and the latest events of its countries
    (China left out where others are named)."""
    citations = list(event.citations.all())
    participants = list(event.participants.all())
    countries = [p.country for p in participants if p.country]
    relations_out, relations_in = event.relations_both_ways()
    others = [p.country for p in participants if p.country and p.role in OTHER_PARTIES]
    neighbours = others or countries
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
    claims = disputes.claims(citations)
    return {
        "event": event,
        "citations": citations,
        "countries": countries,
        "participants": participants,
        "actor_roles": list(event.actor_roles.all()),
        "relations_out": relations_out,
        "relations_in": relations_in,
        "claims": claims,
        "independent_claims": disputes.independent_claims(claims),
        "independent_sources": derivation.independent_count(c.origin.pk for c in citations),
        "related": related,
        "reference": references.reference(
            event, citations, permalink=base_url + event.get_absolute_url()
        ),
        "countries_by_name": _by_name(countries),
        **history(event),
    }


def history(event: Event) -> dict:
    """Its corrections, newest first (as `CorrectionQuerySet.newest_first`), and its
    `release_history`, from what `EventQuerySet.with_history` read with the event (or, for
    an event read without it, in one query)."""
    if not hasattr(event, "correction_rows"):
        event = Event.objects.with_history().only("pk", "slug").get(pk=event.pk)
    db = event._state.db or "default"
    corrections = [
        _loaded(
            Correction,
            db,
            id=row["id"],
            event_id=event.pk,
            created=_datetime(row["created"], db),
            kind=row["kind"],
            reason=row["reason"],
            changes=_json(row["changes"]),
        )
        for row in event.correction_rows or []
    ]
    corrections.sort(key=lambda c: (c.created, c.pk), reverse=True)
    entries = [
        (
            _loaded(
                Release,
                db,
                id=row["id"],
                version=row["version"],
                created=_datetime(row["created"], db),
            ),
            row["change"],
        )
        for row in event.release_rows or []
    ]
    entries.sort(key=lambda entry: (entry[0].created, entry[0].pk))
    return {"corrections": corrections, **release_history(entries)}


def _loaded(model, db: str, **values):
    """An instance of `model` as the database would give it, with only `values` loaded (the
    other fields deferred)."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(db, names, [values[name] for name in names])


def _json(value):
    """A JSON column as a JSON object holds it: SQLite's JSON_OBJECT as its text, PostgreSQL's
    as the value."""
    return json.loads(value) if isinstance(value, str) else value


def _datetime(text: str, db: str) -> dt.datetime:
    """A time as JSON holds it (ISO 8601; SQLite's without offset, in the connection's
    time zone), aware and in UTC, as a DateTimeField reads it."""
    value = parse_datetime(text)
    if timezone.is_naive(value):
        value = timezone.make_aware(value, connections[db].timezone)
    return value.astimezone(dt.UTC)


def release_history(entries: list[tuple[Release, str]]) -> dict:
    """In which release the event first appeared and in which it last changed (None if not
    since it first appeared), and each release that holds a state of it of its own: the
    releases that added or changed it, oldest first, each to link "as of". `entries`: each
    release that added, changed or withdrew the event, with which (a `ReleaseEntryKind`),
    oldest first."""
    first = next((r for r, change in entries if change == ReleaseEntryKind.ADDED), None)
    states = [r for r, change in entries if change != ReleaseEntryKind.WITHDRAWN]
    last = states[-1] if states else None
    return {
        "first_release": first,
        "last_changed_release": last if last is not None and last != first else None,
        "release_states": states,
    }
