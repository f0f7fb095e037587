"""The threads and the actors: their indexes, and a thread's or an actor's page with its
published events in timeline order."""

from __future__ import annotations

from collections import Counter

from django.db import connection
from django.db.models import Prefetch

from policing.links import citation_address
from policing.models import Actor, ActorKind, ActorRole, Citation, Event, EventActor, Thread
from policing.models.querysets import public, timeline_key, timeline_ordering
from policing.text import names

# The headings of the actors' index, a group per kind in the order of ActorKind.
KIND_HEADINGS = {
    ActorKind.PERSON: "People",
    ActorKind.GOVERNMENT_BODY: "Government bodies",
    ActorKind.POLICE_FORCE: "Police forces",
    ActorKind.ORGANISATION: "Organisations",
    ActorKind.RESEARCH_BODY: "Research bodies",
}


def thread_index() -> dict:
    """Every thread with its published steps: how many, the first and the latest (whose stage
    is where the thread stands). Threads in the order they began; those without a published
    step yet last, by title. Two queries."""
    steps: dict[int, list] = {}
    published = Event.objects.published().filter(thread__isnull=False).defer("search_text")
    for event in published.chronological():
        steps.setdefault(event.thread_id, []).append(event)
    rows = [
        {
            "thread": thread,
            "steps": len(steps.get(thread.pk, ())),
            "first": steps[thread.pk][0] if thread.pk in steps else None,
            "latest": steps[thread.pk][-1] if thread.pk in steps else None,
        }
        for thread in Thread.objects.all()
    ]
    rows.sort(key=lambda row: (row["first"] is None, row["first"] and timeline_key(row["first"])))
    return {"threads": rows}


def actor_index() -> dict:
    """Every actor with the number of published events naming them and the roles they play in
    them (most often first), grouped by kind, each group by number of events, then name. Two
    queries."""
    events: dict[int, set] = {}
    roles: dict[int, Counter] = {}
    labels = dict(ActorRole.choices)
    for actor_id, event_id, role in EventActor.objects.filter(public("event")).values_list(
        "actor_id", "event_id", "role"
    ):
        events.setdefault(actor_id, set()).add(event_id)
        roles.setdefault(actor_id, Counter())[labels.get(role, role)] += 1
    groups: dict[str, list] = {kind: [] for kind in KIND_HEADINGS}
    for actor in Actor.objects.select_related("country"):
        groups.setdefault(actor.kind, []).append(
            {
                "actor": actor,
                "events": len(events.get(actor.pk, ())),
                # Counter.most_common keeps the order first met among equal counts: sort it.
                "roles": sorted(
                    roles.get(actor.pk, Counter()).items(), key=lambda r: (-r[1], r[0])
                ),
            }
        )
    return {
        "actor_count": sum(len(rows) for rows in groups.values()),
        "groups": [
            {
                "kind": kind,
                "heading": KIND_HEADINGS.get(kind, "Other"),
                "actors": sorted(rows, key=lambda r: (-r["events"], r["actor"].name.casefold())),
            }
            for kind, rows in groups.items()
            if rows
        ],
    }


def thread_page(thread) -> dict:
    """A thread's published events in timeline order, each with its stage and citations."""
    events = list(thread.events.published().for_timeline().chronological())
    return {"thread": thread, "events": events}


def actor_page(actor) -> dict:
    """An actor's published events in timeline order, with what the actor did in each and the
    words that tie them to it (`naming_words`)."""
    roles = (
        actor.event_roles.filter(public("event"))
        .select_related("event")
        .prefetch_related(
            Prefetch(
                "event__citations",
                queryset=Citation.objects.select_related("passage", "source"),
            ),
            Prefetch("event__actor_roles", queryset=EventActor.objects.select_related("actor")),
        )
        .order_by(*timeline_ordering(connection.vendor, prefix="event__"), "pk")
    )
    steps: dict[int, dict] = {}
    for role in roles:
        step = steps.setdefault(role.event_id, {"event": role.event, "roles": []})
        step["roles"].append(role.get_role_display())
    for step in steps.values():
        step["words"] = naming_words(actor, step["event"])
    return {"actor": actor, "steps": list(steps.values())}


def naming_words(actor, event) -> dict | None:
    """The words of `event` that tie `actor` to it: the first sentence of its quotes, in their
    order, that names the actor as reports do (text/names.py), with the name apart and a link
    to those words in the reader; else its first citation's words whole (`names` false).

    A person's family name alone counts where no other person of this event shares it: the
    editors tied this actor to the event, so "Wang said" in its quotes is this Wang."""
    citations = list(event.citations.all())  # prefetched, in their order
    if not citations:
        return None
    persons = [r.actor.name for r in event.actor_roles.all() if r.actor.kind == ActorKind.PERSON]
    pattern = names.name_pattern(
        names.short_forms(actor.name, actor.kind, actor.country_id, persons)
    )
    for citation in citations:
        quoted = citation.quoted_text
        found = names.naming_sentence(pattern, quoted)
        if found:
            return _words(
                event,
                citation,
                quoted[found.start : found.name_start],
                quoted[found.name_start : found.name_end],
                quoted[found.name_end : found.end],
            )
    return _words(event, citations[0], citations[0].quoted_text, "", "")


def _words(event, citation, before: str, name: str, after: str) -> dict:
    source = citation.source
    return {
        "before": before,
        "name": name,
        "after": after,
        "names": bool(name),
        "citation": citation,
        # The reader with this event's words set apart, its browser highlighting these ones.
        "url": citation_address(
            source.slug, citation.passage_anchor, before + name + after, event.slug
        ),
    }
