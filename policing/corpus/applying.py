"""Writing the parts of a curated entry (corpus/parts.py) to the database: every part of a new
entry, or some parts of one already loaded, each checked as the admin checks it. A part that
cannot be written raises ValidationError saying why; the caller's transaction undoes the rest.

`load_curated` writes parts here, and so does an editor who takes the curated version of a
conflicting part in the admin (editorial/curated.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from policing.models import (
    Actor,
    Citation,
    Country,
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
from policing.text import anchoring

# Finds the event a fixture slug names (the relations' and the relative dates' other event).
FindEvent = Callable[[str], Event | None]


def curated_event(slug: str) -> Event | None:
    """The event the fixture entry `slug` made (even if an editor changed its slug since), or
    else the event with that slug."""
    base = CuratedBase.objects.filter(kind=CuratedKind.EVENT, slug=slug).first()
    if base is not None and base.object_id is not None:
        event = Event.objects.filter(pk=base.object_id).first()
        if event is not None:
            return event
    return Event.objects.filter(slug=slug).first()


def apply_event(event: Event, parts: Mapping[str, Any], find: FindEvent = curated_event) -> Event:
    """Write `parts` to `event` (a new event: every part but `relations`, which may name events
    loaded after it) and save it; the parts not given stay as they are."""
    _set_fields(event, parts, find)
    event.full_clean(exclude=["date_relative_to", "date_source"])
    cited = len(parts["citations"]) if "citations" in parts else _citation_count(event)
    event.check_cited(cited)
    event.save()
    if "participants" in parts:
        _write_participants(event, parts["participants"]["states"])
    if "actors" in parts:
        _write_actors(event, parts["actors"])
    if "figures" in parts:
        event.figures.all().delete()  # they cite the citations
    if "citations" in parts:
        _write_citations(event, parts["citations"])
    if "figures" in parts:
        _write_figures(event, parts["figures"])
    if "relations" in parts:
        write_relations(event, parts["relations"], find)
    return event


def apply_fields(row: Actor | Thread, parts: Mapping[str, Any]) -> None:
    """Write the parts of an actor or thread entry (one field each) and save it."""
    for name, value in parts.items():
        setattr(row, "country_id" if name == "country" else name, value)
    row.full_clean()
    row.save()


def _citation_count(event: Event) -> int:
    return event.citations.count() if event.pk else 0


def _set_fields(event: Event, parts: Mapping[str, Any], find: FindEvent) -> None:
    for name in ("title", "summary", "activity", "stage", "published"):
        if name in parts:
            setattr(event, name, parts[name])
    if "date" in parts:
        date = parts["date"]
        event.date_text = date["text"]
        event.date_source = _by_slug(Source, date["source"], "source")
        event.date_relative_to = None
        if date["relative_to"]:
            event.date_relative_to = find(date["relative_to"])
            if event.date_relative_to is None:
                raise ValidationError(f"the date counts from “{date['relative_to']}”, not loaded")
        event.date_edtf = date["edtf"]
        event.date_reading = date["reading"]
        event.date_manual = date["manual"]
    if "thread" in parts:
        event.thread = _by_slug(Thread, parts["thread"], "thread")
    if "participants" in parts:
        event.no_country_note = parts["participants"]["note"]
    if "dispute" in parts:
        event.disputed = parts["dispute"]["disputed"]
        event.dispute_note = parts["dispute"]["note"]


def _by_slug(model, slug: str | None, name: str):
    if slug is None:
        return None
    row = model.objects.filter(slug=slug).first()
    if row is None:
        raise ValidationError(f"unknown {name} “{slug}”")
    return row


def _write_participants(event: Event, states: list[list[str]]) -> None:
    event.participants.all().delete()
    known = set(Country.objects.values_list("code", flat=True))
    missing = sorted({country for country, _, _ in states if country} - known)
    if missing:
        raise ValidationError(f"unknown country codes {missing}")
    for country, region, role in states:
        participant = Participant(event=event, country_id=country or None, region=region, role=role)
        participant.full_clean(exclude=["event"])
        participant.save()


def _write_actors(event: Event, rows: list[list[str]]) -> None:
    event.actor_roles.all().delete()
    for slug, role in rows:
        actor = _by_slug(Actor, slug, "actor")
        row = EventActor(event=event, actor=actor, role=role)
        row.full_clean()
        row.save()


def _write_citations(event: Event, rows: list[dict]) -> None:
    """The event's citations become `rows`, in their order. A citation of the same words is
    kept (its claim and place updated), so the figures that cite it still do; one the rows drop
    cannot go while a figure cites it."""
    kept: dict[tuple, list[Citation]] = {}
    for citation in event.citations.select_related("source").order_by("order", "pk"):
        kept.setdefault(_words_key(citation.source.slug, citation.quote), []).append(citation)
    wanted = []
    for order, row in enumerate(rows):
        same = kept.get(_words_key(row["source"], row["quote"]))
        wanted.append((order, row, same.pop(0) if same else None))
    dropped = [citation for rest in kept.values() for citation in rest]
    cited = Figure.objects.filter(citation__in=dropped).select_related("citation__source")
    if cited:
        figure = cited[0]
        raise ValidationError(
            f"figure “{figure.label}” cites words these citations drop "
            f"({figure.citation.source.slug}: “{figure.citation.quote[:80]}”): take the curated "
            "figures too, or change the figure first"
        )
    for citation in dropped:
        citation.delete()
    for order, row, citation in wanted:
        citation = citation or Citation(event=event)
        citation.source = _by_slug(Source, row["source"], "source")
        citation.quote, citation.claim, citation.order = row["quote"], row["claim"], order
        citation.full_clean()
        citation.save()


def _words_key(source: str, quote: str) -> tuple[str, str]:
    return source, anchoring.normalise(quote)


def _write_figures(event: Event, rows: list[dict]) -> None:
    citations = {
        _words_key(c.source.slug, c.quote): c for c in event.citations.select_related("source")
    }
    for row in rows:
        citation = citations.get(_words_key(row["source"], row["quote"]))
        if citation is None:
            raise ValidationError(
                f"figure “{row['label']}”: the event has no citation of “{row['source']}” "
                f"quoting “{row['quote'][:80]}”, whose words state it"
            )
        figure = Figure(
            event=event,
            label=row["label"],
            counts=row["counts"],
            value=Decimal(row["value"]),
            qualifier=row["qualifier"],
            unit=row["unit"],
            status=row["status"],
            period_edtf=row["period"],
            # Absent from a conflict's version found before figures had a scope.
            scope=row.get("scope", ""),
            scope_region=row.get("scope_region", ""),
            scope_country_id=row.get("scope_country") or None,
            citation=citation,
        )
        figure.full_clean()  # the words state the number; SQLite would not check lengths
        figure.save()


def write_relations(event: Event, rows: list[list[str]], find: FindEvent = curated_event) -> None:
    """The event's relations to other events become `rows` ([other event's slug, relation])."""
    event.relations.all().delete()
    for slug, relation in rows:
        other = find(slug)
        if other is None:
            raise ValidationError(f"related event “{slug}” does not exist")
        row = EventRelation(event=event, other=other, relation=relation)
        row.full_clean()
        row.save()
