"""An event's page: its citations grouped by source and origin, and the latest events of its
countries."""

from __future__ import annotations

from policing.models import OTHER_PARTIES, Event, ReleaseEntry, ReleaseEntryKind
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
        "corrections": list(event.corrections.newest_first()),
        **release_history(event.slug),
    }


def release_history(slug: str) -> dict:
    """In which release the event first appeared and in which it last changed (None if not
    since it first appeared), and each release that holds a state of it of its own: the
    releases that added or changed it, oldest first, each to link "as of" (one query)."""
    entries = ReleaseEntry.objects.filter(slug=slug).select_related("release")
    entries = list(entries.order_by("release__created", "release_id"))
    first = next((e.release for e in entries if e.change == ReleaseEntryKind.ADDED), None)
    states = [e.release for e in entries if e.change != ReleaseEntryKind.WITHDRAWN]
    last = states[-1] if states else None
    return {
        "first_release": first,
        "last_changed_release": last if last is not None and last != first else None,
        "release_states": states,
    }
