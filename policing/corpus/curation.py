"""Loading the curated data in `fixtures/`: countries, actors, threads and events with their
citations, participants, actors and relations.

The event file is written for people: each citation is a source slug and a quote, and each
date keeps the phrase the source used. Loading validates every citation against the imported
passages and every date phrase against the date module, and refuses the whole file otherwise.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction

from policing.models import (
    Actor,
    Citation,
    Country,
    Event,
    EventActor,
    EventRelation,
    Figure,
    Participant,
    Source,
    Thread,
)
from policing.text import anchoring, dates, figures
from policing.text.errors import one_line

COUNTRIES_FILE = "countries.json"
ACTORS_FILE = "actors.json"
THREADS_FILE = "threads.json"
EVENTS_FILE = "events.json"


class CurationError(Exception):
    """The fixtures do not agree with the corpus; the message lists every problem."""


@dataclass
class LoadReport:
    countries_created: int = 0
    events_created: int = 0
    events_updated: int = 0
    events_skipped: int = 0
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"countries: {self.countries_created} created; events: {self.events_created} "
            f"created, {self.events_updated} updated, {self.events_skipped} already present"
        )


def read_events(fixtures_dir: Path) -> list[dict]:
    return json.loads((fixtures_dir / EVENTS_FILE).read_text(encoding="utf-8"))


def read_countries(fixtures_dir: Path) -> list[dict]:
    return json.loads((fixtures_dir / COUNTRIES_FILE).read_text(encoding="utf-8"))


def _read_optional(fixtures_dir: Path, name: str) -> list[dict]:
    path = fixtures_dir / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def expected_date(entry: dict, events_by_slug: dict[str, dict]) -> str:
    """The EDTF value the fixture's phrase reads as, counting from the `relative_to` event's
    stated date."""
    date = entry["date"]
    source = Source.objects.get(slug=date["source"])
    base, base_precision = source.reference_date()
    anchor = None
    if date.get("relative_to"):
        anchor = stated_date(events_by_slug[date["relative_to"]])
    return dates.read(date["text"], base, base_precision, anchor=anchor)


def stated_date(entry: dict) -> str:
    """The date the fixture states outright, as EDTF (`"edtf"`)."""
    return dates.check_edtf(entry["date"]["edtf"]).text


def check_event_dates(entries: list[dict]) -> list[str]:
    """Problems where a stated date is not valid EDTF or disagrees with its phrase. A date the
    editors set (`"manual": true`) is exempt from the phrase, but must say how it was read."""
    by_slug = {e["slug"]: e for e in entries}
    problems = []
    for entry in entries:
        date = entry["date"]
        try:
            stated = dates.check_edtf(date.get("edtf", ""))
        except dates.DateResolutionError as error:
            problems.append(f"{entry['slug']}: date: {error}")
            continue
        if date.get("manual"):
            if not date.get("reading", "").strip():
                problems.append(
                    f"{entry['slug']}: the date {stated.text} is set by the editors: say in "
                    "“reading” how the source’s words were read"
                )
            continue
        try:
            resolved = expected_date(entry, by_slug)
        except (dates.DateResolutionError, KeyError, Source.DoesNotExist) as error:
            problems.append(f"{entry['slug']}: date “{date['text']}”: {error}")
            continue
        if dates.parse_edtf(resolved).points != stated.points or (
            dates.parse_edtf(resolved).form != stated.form
        ):
            problems.append(
                f"{entry['slug']}: “{date['text']}” reads as {resolved} "
                f"({dates.in_words(resolved)}), but the fixture states {stated.text} "
                f"({dates.in_words(stated)}); correct it, or mark it set by the editors "
                "(“manual”) with its “reading”"
            )
    return problems


def load_countries(fixtures_dir: Path, report: LoadReport) -> None:
    for row in read_countries(fixtures_dir):
        _, created = Country.objects.get_or_create(
            code=row["code"], defaults={"name": row["name"], "region": row["region"]}
        )
        report.countries_created += created


def load_actors_and_threads(fixtures_dir: Path, update: bool) -> list[str]:
    """Create the curated actors and threads that are missing (with `update`, overwrite)."""
    problems = []
    for model, name, fields in [
        (Thread, THREADS_FILE, ["title", "summary"]),
        (Actor, ACTORS_FILE, ["name", "kind", "description"]),
    ]:
        for row in _read_optional(fixtures_dir, name):
            values = {f: row[f] for f in fields}
            if model is Actor:
                values["country_id"] = row.get("country")
            item = model.objects.filter(slug=row["slug"]).first()
            if item and not update:
                continue
            item = item or model(slug=row["slug"])
            for key, value in values.items():
                setattr(item, key, value)
            try:
                item.full_clean()
            except ValidationError as error:
                problems.append(f"{name} {row['slug']}: {one_line(error, fields=True)}")
                continue
            item.save()
    return problems


def load_curated(fixtures_dir: Path, update: bool = False, dry_run: bool = False) -> LoadReport:
    """Create the curated events that are missing (or, with `update`, overwrite them all).

    Without `update`, an event already in the database is left as it is, so nothing an editor
    changed in the admin is overwritten by running `make run` again.
    """
    report = LoadReport()
    entries = read_events(fixtures_dir)
    with transaction.atomic():
        load_countries(fixtures_dir, report)
        report.problems.extend(load_actors_and_threads(fixtures_dir, update))
        report.problems.extend(check_event_dates(entries))
        saved, written = {}, []
        for entry in _dated_in_order(entries):
            existing = Event.objects.filter(slug=entry["slug"]).first()
            if existing and not update:
                report.events_skipped += 1
                saved[entry["slug"]] = existing
                continue
            try:
                with reversion.create_revision():
                    reversion.set_comment(f"Loaded from fixtures/{EVENTS_FILE}")
                    saved[entry["slug"]] = _save_event(entry, existing, saved)
                written.append(entry)
            except ValidationError as error:
                report.problems.append(f"{entry['slug']}: {one_line(error, fields=True)}")
                continue
            if existing:
                report.events_updated += 1
            else:
                report.events_created += 1
        # Relations last: they may point to events later in the file.
        for entry in written:
            try:
                _save_relations(entry, saved)
            except ValidationError as error:
                report.problems.append(f"{entry['slug']}: {one_line(error, fields=True)}")
        if report.problems:
            transaction.set_rollback(True)
            raise CurationError("\n".join(report.problems))
        if dry_run:
            transaction.set_rollback(True)
    return report


def _dated_in_order(entries: list[dict]) -> list[dict]:
    """Events dated relative to another come after it."""
    by_slug = {e["slug"]: e for e in entries}
    ordered, placed = [], set()

    def place(entry, trail=()):
        slug = entry["slug"]
        if slug in placed:
            return
        if slug in trail:
            raise CurationError(f"Events dated relative to each other in a loop: {trail}")
        earlier = entry["date"].get("relative_to")
        if earlier:
            if earlier not in by_slug:
                raise CurationError(f"{slug}: relative_to “{earlier}” is not a fixture event")
            place(by_slug[earlier], (*trail, slug))
        ordered.append(entry)
        placed.add(slug)

    for entry in entries:
        place(entry)
    return ordered


def _save_event(entry: dict, event: Event | None, saved: dict[str, Event]) -> Event:
    date = entry["date"]
    stated = stated_date(entry)
    event = event or Event(slug=entry["slug"])
    event.title = entry["title"]
    event.activity = entry["activity"]
    event.stage = entry.get("stage") or ""
    thread = entry.get("thread")
    event.thread = Thread.objects.filter(slug=thread).first() if thread else None
    if thread and event.thread is None:
        raise ValidationError(f"unknown thread “{thread}”")
    event.summary = entry["summary"]
    event.date_text = date["text"]
    event.date_source = Source.objects.get(slug=date["source"]) if date.get("source") else None
    event.date_relative_to = saved.get(date["relative_to"]) if date.get("relative_to") else None
    event.date_edtf = stated
    event.date_reading = date.get("reading", "")
    event.date_manual = bool(date.get("manual"))
    event.no_country_note = entry.get("no_country_note", "")
    event.disputed = bool(entry.get("disputed"))
    event.dispute_note = entry.get("dispute_note", "")
    event.published = bool(entry.get("published", True))
    event.full_clean(exclude=["date_relative_to", "date_source"])
    event.check_cited(len(entry["citations"]))
    event.save()

    _save_participants(event, entry.get("participants", []) + entry.get("regions", []))
    event.actor_roles.all().delete()
    for raw in entry.get("actors", []):
        actor = Actor.objects.filter(slug=raw["actor"]).first()
        if actor is None:
            raise ValidationError(f"unknown actor “{raw['actor']}”")
        role = EventActor(event=event, actor=actor, role=raw["role"])
        role.full_clean()
        role.save()

    event.figures.all().delete()  # they cite the citations
    event.citations.all().delete()
    for order, raw in enumerate(entry["citations"]):
        citation = Citation(
            event=event,
            source=Source.objects.get(slug=raw["source"]),
            quote=raw["quote"],
            claim=raw.get("claim", ""),
            order=order,
        )
        citation.full_clean()
        citation.save()

    citations = list(event.citations.all())
    for raw in entry.get("figures", []):
        figure = Figure(
            event=event,
            label=raw["label"],
            counts=raw["counts"],
            value=Decimal(raw["value"]),
            qualifier=raw.get("qualifier", Figure.Qualifier.EXACT),
            unit=raw.get("unit", ""),
            status=raw["status"],
            period_edtf=raw.get("period", ""),
            citation=_figure_citation(raw, citations),
        )
        figure.full_clean()  # the words state the number; SQLite would not check lengths
        figure.save()
    return event


def _figure_citation(raw: dict, citations: list[Citation]) -> Citation:
    """The event's citation from the figure's source whose quote holds the figure's words, which
    must state its number as the figure hedges it."""
    label = f"figure “{raw['label']}”"
    words = raw.get("words", "")
    problem = figures.stated_problem(words, raw["value"], raw.get("qualifier", "exact"))
    if problem:
        raise ValidationError(f"{label}: its words “{words}”: {problem}")
    for citation in citations:
        if citation.source.slug == raw["source"] and anchoring.normalise(
            words
        ) in anchoring.normalise(citation.quote):
            return citation
    raise ValidationError(
        f"{label}: no citation of this event from “{raw['source']}” contains “{words}”; "
        "a figure must cite the words that state it"
    )


def _save_participants(event: Event, rows: list[dict]) -> None:
    event.participants.all().delete()
    known = set(Country.objects.values_list("code", flat=True))
    missing = sorted({r["country"] for r in rows if r.get("country")} - known)
    if missing:
        raise ValidationError(f"unknown country codes {missing}")
    for raw in rows:
        participant = Participant(
            event=event,
            country_id=raw.get("country"),
            region=raw.get("region", ""),
            role=raw["role"],
        )
        participant.full_clean(exclude=["event"])
        participant.save()


def _save_relations(entry: dict, saved: dict[str, Event]) -> None:
    event = saved[entry["slug"]]
    event.relations.all().delete()
    for raw in entry.get("related", []):
        other = saved.get(raw["event"]) or Event.objects.filter(slug=raw["event"]).first()
        if other is None:
            raise ValidationError(f"related event “{raw['event']}” does not exist")
        relation = EventRelation(event=event, other=other, relation=raw["relation"])
        relation.full_clean()
        relation.save()
