"""A curated entry as the parts a three-way update compares (docs/editors.md, "Updating from
the curated fixtures"): read from a fixture entry, from the database or from a saved version,
each as the same plain JSON values, so that an entry loaded and left alone reads the same all
three ways (in words: corpus/describing.py).

Text is read as a save tidies it and values as a load writes them (an EDTF date or a period
checked, a number without trailing zeros), lists that have no order of their own are sorted,
and every row names what it refers to by slug, never by id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import models

from policing.models import (
    Actor,
    Citation,
    CuratedBase,
    CuratedKind,
    Event,
    EventActor,
    EventRelation,
    Figure,
    Participant,
    Source,
    Thread,
)
from policing.models.signals import TIDIED_MODELS
from policing.text import anchoring, dates, figures
from policing.text.tidy import multi_line, single_line

# Each kind's parts, in the order they are reported, with their names for people.
PARTS = {
    CuratedKind.EVENT: {
        "title": "title",
        "summary": "summary",
        "date": "date",
        "activity": "activity",
        "stage": "stage",
        "published": "published",
        "thread": "thread",
        "participants": "participants",
        "actors": "actors",
        "citations": "citations",
        "figures": "figures",
        "relations": "related events",
        "dispute": "dispute",
    },
    CuratedKind.ACTOR: {
        "name": "name",
        "kind": "kind",
        "country": "country",
        "description": "description",
    },
    CuratedKind.THREAD: {"title": "title", "summary": "summary"},
}
MODELS = {CuratedKind.EVENT: Event, CuratedKind.ACTOR: Actor, CuratedKind.THREAD: Thread}


def label(kind: str, part: str) -> str:
    return PARTS[kind].get(part, part)


# --- from a fixture entry --------------------------------------------------------------------


def of_entry(kind: str, entry: dict) -> dict:
    """The parts of a fixture entry; ValidationError (or dates.DateResolutionError) if the entry
    cannot be read so: a figure whose words no citation holds, a period that is not EDTF."""
    if kind == CuratedKind.ACTOR:
        return _plain(
            {
                "name": entry["name"],
                "kind": entry["kind"],
                "country": entry.get("country") or None,
                "description": entry["description"],
            }
        )
    if kind == CuratedKind.THREAD:
        return _plain({"title": entry["title"], "summary": entry["summary"]})
    return _event_of_entry(entry)


def _event_of_entry(entry: dict) -> dict:
    date = entry["date"]
    citations = [
        {
            "source": raw["source"],
            "quote": _as_saved(Citation, "quote", raw["quote"]),
            "claim": _as_saved(Citation, "claim", raw.get("claim", "")),
        }
        for raw in entry["citations"]
    ]
    states = [[raw["country"], "", raw["role"]] for raw in entry.get("participants", [])]
    states += [["", raw["region"], raw["role"]] for raw in entry.get("regions", [])]
    return _plain(
        {
            "title": _as_saved(Event, "title", entry["title"]),
            "summary": _as_saved(Event, "summary", entry["summary"]),
            "date": {
                "text": _as_saved(Event, "date_text", date["text"]),
                "source": date.get("source") or None,
                "relative_to": date.get("relative_to") or None,
                "edtf": dates.check_edtf(date["edtf"]).text,
                "reading": _as_saved(Event, "date_reading", date.get("reading", "")),
                "manual": bool(date.get("manual")),
            },
            "activity": entry["activity"],
            "stage": entry.get("stage") or "",
            "published": bool(entry.get("published", True)),
            "thread": entry.get("thread") or None,
            "participants": {
                "states": sorted(states),
                "note": _as_saved(Event, "no_country_note", entry.get("no_country_note", "")),
            },
            "actors": sorted([raw["actor"], raw["role"]] for raw in entry.get("actors", [])),
            "citations": citations,
            "figures": [_figure_of_entry(raw, citations) for raw in entry.get("figures", [])],
            "relations": sorted([r["event"], r["relation"]] for r in entry.get("related", [])),
            "dispute": {
                "disputed": bool(entry.get("disputed")),
                "note": _as_saved(Event, "dispute_note", entry.get("dispute_note", "")),
            },
        }
    )


def _figure_of_entry(raw: dict, citations: list[dict]) -> dict:
    name = f"figure “{raw['label']}”"
    period = raw.get("period", "")
    try:
        period = figures.parse_period(period, check=True).text if period else ""
    except figures.FigureError as error:
        raise ValidationError(f"{name}: period: {error}") from None
    citation = stating_citation(raw, citations)
    return {
        "label": _as_saved(Figure, "label", raw["label"]),
        "counts": raw["counts"],
        "value": _number(raw["value"]),
        "qualifier": raw.get("qualifier", Figure.Qualifier.EXACT),
        "unit": _as_saved(Figure, "unit", raw.get("unit", "")),
        "status": raw["status"],
        "period": period,
        "scope": raw.get("scope", ""),
        "scope_region": raw.get("scope_region", ""),
        "scope_country": raw.get("scope_country", ""),
        "source": citation["source"],
        "quote": citation["quote"],
    }


def stating_citation(raw: dict, citations: list[dict]) -> dict:
    """The entry's citation from the figure's source whose quote holds the figure's words, which
    must state its number as the figure hedges it."""
    name = f"figure “{raw['label']}”"
    words = raw.get("words", "")
    problem = figures.stated_problem(words, raw["value"], raw.get("qualifier", "exact"))
    if problem:
        raise ValidationError(f"{name}: its words “{words}”: {problem}")
    for citation in citations:
        if citation["source"] == raw["source"] and anchoring.normalise(
            words
        ) in anchoring.normalise(citation["quote"]):
            return citation
    raise ValidationError(
        f"{name}: no citation of this event from “{raw['source']}” contains “{words}”; "
        "a figure must cite the words that state it"
    )


# --- from the database, or a saved version ---------------------------------------------------


@dataclass
class EventRows:
    """An event with the rows that belong to it, as the database holds them now or as a saved
    version (django-reversion) held them."""

    event: Event
    participants: list[Participant]
    actors: list[EventActor]
    citations: list[Citation]
    figures: list[Figure]
    relations: list[EventRelation]

    @classmethod
    def of(cls, event: Event) -> EventRows:
        return cls(
            event,
            list(event.participants.order_by("pk")),
            list(event.actor_roles.order_by("pk")),
            list(event.citations.order_by("order", "pk")),
            list(event.figures.order_by("pk")),
            list(event.relations.order_by("pk")),
        )

    @classmethod
    def of_version(cls, version) -> EventRows:
        """The event and its rows as one revision saved them (the event's version follows its
        citations, figures, participants, actors and relations)."""
        rows: dict[type, list] = {}
        for saved in version.revision.version_set.all():
            for item in serializers.deserialize(
                saved.format, saved.serialized_data, ignorenonexistent=True
            ):
                rows.setdefault(type(item.object), []).append(item.object)
        event = next(e for e in rows.get(Event, []) if str(e.pk) == version.object_id)

        def own(model, key=lambda row: (row.pk,)):
            return sorted((r for r in rows.get(model, []) if r.event_id == event.pk), key=key)

        return cls(
            event,
            own(Participant),
            own(EventActor),
            own(Citation, key=lambda row: (row.order, row.pk)),
            own(Figure),
            own(EventRelation),
        )


class Names:
    """The slugs rows refer to, read as they are asked for: sources, actors and threads by
    their own slug, events by the slug of the entry that made them (an editor may have changed
    the event's slug; its relations still name the entry). A row deleted since is `#id`."""

    def __init__(self):
        self._known: dict[type, dict[int, str]] = {}

    def slug(self, model: type[models.Model], pk: int | None) -> str | None:
        if pk is None:
            return None
        known = self._known.setdefault(model, {})
        if pk not in known:
            slug = None
            if model is Event:
                entries = CuratedBase.objects.filter(kind=CuratedKind.EVENT, object_id=pk)
                slug = entries.values_list("slug", flat=True).first()
            slug = slug or model.objects.filter(pk=pk).values_list("slug", flat=True).first()
            known[pk] = slug or f"#{pk}"
        return known[pk]


def of_event(rows: EventRows, names: Names) -> dict:
    """The parts of an event as the database (or a saved version) holds it."""
    event = rows.event
    citations = {citation.pk: citation for citation in rows.citations}
    states = [
        [p.country_id or "", "" if p.country_id else p.region, p.role] for p in rows.participants
    ]
    return _plain(
        {
            "title": event.title,
            "summary": event.summary,
            "date": {
                "text": event.date_text,
                "source": names.slug(Source, event.date_source_id),
                "relative_to": names.slug(Event, event.date_relative_to_id),
                "edtf": event.date_edtf,
                "reading": event.date_reading,
                "manual": event.date_manual,
            },
            "activity": event.activity,
            "stage": event.stage,
            "published": event.published,
            "thread": names.slug(Thread, event.thread_id),
            "participants": {"states": sorted(states), "note": event.no_country_note},
            "actors": sorted([names.slug(Actor, r.actor_id), r.role] for r in rows.actors),
            "citations": [
                {"source": names.slug(Source, c.source_id), "quote": c.quote, "claim": c.claim}
                for c in rows.citations
            ],
            "figures": [_figure_of(figure, citations, names) for figure in rows.figures],
            "relations": sorted(
                [names.slug(Event, r.other_id), r.relation] for r in rows.relations
            ),
            "dispute": {"disputed": event.disputed, "note": event.dispute_note},
        }
    )


def _figure_of(figure: Figure, citations: dict[int, Citation], names: Names) -> dict:
    citation = citations.get(figure.citation_id)
    return {
        "label": figure.label,
        "counts": figure.counts,
        "value": _number(figure.value),
        "qualifier": figure.qualifier,
        "unit": figure.unit,
        "status": figure.status,
        "period": figure.period_edtf,
        "scope": figure.scope,
        "scope_region": figure.scope_region,
        "scope_country": figure.scope_country_id or "",
        "source": names.slug(Source, citation.source_id if citation else figure.source_id),
        "quote": citation.quote if citation else "",
    }


def of_row(kind: str, row: models.Model, names: Names | None = None) -> dict:
    """The parts of an event, actor or thread as the database holds it now."""
    if kind == CuratedKind.EVENT:
        return of_event(EventRows.of(row), names or Names())
    if kind == CuratedKind.ACTOR:
        return _plain(
            {
                "name": row.name,
                "kind": row.kind,
                "country": row.country_id,
                "description": row.description,
            }
        )
    return _plain({"title": row.title, "summary": row.summary})


# --- parts stored before a field was added -----------------------------------------------------

# What a figure's part holds for the fields added to it since bases were first stored (a
# figure's scope, migration 0025): the values the migration gave the figures it found.
FIGURE_FIELDS_ADDED = {"scope": "", "scope_region": "", "scope_country": ""}


def upgraded(parts: dict) -> dict:
    """Parts a load stored before fields were added to them, as that load would store them now,
    so that a field the fixtures since filled in reads as their change, not as the editors'."""
    if not isinstance(parts.get("figures"), list):
        return parts
    figures_part = [{**FIGURE_FIELDS_ADDED, **figure} for figure in parts["figures"]]
    return {**parts, "figures": figures_part}


# --- shared -------------------------------------------------------------------------------------


def _as_saved(model: type[models.Model], name: str, value: str) -> str:
    """`value` as a save of `model` stores it in field `name` (text/tidy.py)."""
    if model not in TIDIED_MODELS:
        return value
    field = model._meta.get_field(name)
    return multi_line(value) if isinstance(field, models.TextField) else single_line(value)


def _number(value) -> str:
    """A number as one string however it was written: "200", 200, Decimal("200.00")."""
    return format(Decimal(str(value)).normalize(), "f")


def _plain(parts: dict) -> dict:
    """The parts as JSON gives them back (lists, not tuples), so stored ones compare equal."""
    return json.loads(json.dumps(parts))
