"""A thread's page and an actor's page: their published events in timeline order."""

from __future__ import annotations

from django.db import connection

from policing.models.querysets import public, timeline_ordering


def thread_page(thread) -> dict:
    """A thread's published events in timeline order, each with its stage and citations."""
    events = list(thread.events.published().for_timeline().chronological())
    return {"thread": thread, "events": events}


def actor_page(actor) -> dict:
    """An actor's published events in timeline order, with what the actor did in each."""
    roles = (
        actor.event_roles.filter(public("event"))
        .select_related("event")
        .order_by(*timeline_ordering(connection.vendor, prefix="event__"), "pk")
    )
    steps: dict[int, dict] = {}
    for role in roles:
        step = steps.setdefault(role.event_id, {"event": role.event, "roles": []})
        step["roles"].append(role.get_role_display())
    return {"actor": actor, "steps": list(steps.values())}
