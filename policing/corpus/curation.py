"""Loading the curated data in `fixtures/`: countries, actors, threads and events with their
citations, participants, actors and relations; with `update`, bringing a site loaded before to a
revised fixture without losing what its editors changed (docs/editors.md, "Updating from the
curated fixtures").

The event file is written for people: each citation is a source slug and a quote, and each
date keeps the phrase the source used. Loading validates every citation against the imported
passages and every date phrase against the date module, and refuses the whole file otherwise.

An update is three-way, part by part (corpus/parts.py), against what each entry was when last
loaded (corpus/bases.py): a part only the fixtures changed is taken, a part only the editors
changed is kept, and a part both changed, differently, is a conflict: the editors' version
stays, and the conflict is recorded for an editor to decide in the admin.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import reversion
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from policing.corpus import bases
from policing.corpus.applying import apply_event, apply_fields, curated_event, write_relations
from policing.corpus.parts import MODELS, Names, describe, label, of_entry, of_row
from policing.models import (
    Citation,
    Country,
    CuratedBase,
    CuratedConflict,
    CuratedKind,
    Event,
    Resolution,
    Source,
)
from policing.text import dates
from policing.text.errors import one_line

COUNTRIES_FILE = "countries.json"
ACTORS_FILE = "actors.json"
THREADS_FILE = "threads.json"
EVENTS_FILE = "events.json"
FILES = {
    CuratedKind.THREAD: THREADS_FILE,
    CuratedKind.ACTOR: ACTORS_FILE,
    CuratedKind.EVENT: EVENTS_FILE,
}


class CurationError(Exception):
    """The fixtures do not agree with the corpus; the message lists every problem."""


@dataclass
class Conflict:
    """A part both the editors and the fixtures changed: the editors' version is kept."""

    part: str
    editors: Any
    curated: Any
    note: str = ""


@dataclass
class Outcome:
    """What a load did with one entry: made its row, compared it (`update`), left it as it was
    (`present`), or did not make again a row the editors deleted."""

    kind: str
    slug: str
    action: str  # "created", "compared", "present", "deleted"
    taken: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def state(self) -> str:
        """The summary's column for this entry."""
        if self.action != "compared":
            return self.action
        if self.conflicts:
            return "conflicts"
        if self.taken:
            return "updated"
        return "kept" if self.kept else "unchanged"


# The summary's columns, in order, with their words.
STATES = {
    "created": "created",
    "updated": "updated",
    "kept": "kept the editors' changes",
    "conflicts": "with conflicts",
    "unchanged": "unchanged",
    "present": "already present",
    "deleted": "deleted by the editors",
    "gone": "no longer in the fixtures",
}


@dataclass
class LoadReport:
    countries_created: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    gone: list[tuple[str, str]] = field(default_factory=list)  # (kind, slug)
    open_conflicts: int = 0
    problems: list[str] = field(default_factory=list)

    def count(self, kind: str, state: str) -> int:
        if state == "gone":
            return sum(1 for k, _ in self.gone if k == kind)
        return sum(1 for o in self.outcomes if o.kind == kind and o.state == state)

    def __str__(self) -> str:
        text = f"countries: {self.countries_created} created"
        for kind in FILES:
            counts = [(state, self.count(kind, state)) for state in STATES]
            shown = [f"{n} {STATES[state]}" for state, n in counts if n or state == "created"]
            text += f"; {kind}s: {', '.join(shown)}"
        if self.open_conflicts:
            text += (
                f"; {self.open_conflicts} conflict(s) open for an editor to decide "
                "(the admin's lists filter them: “curated conflicts”)"
            )
        return text

    def lines(self) -> list[str]:
        """What happened to each entry the load did more than look at, in words."""
        lines = []
        for outcome in self.outcomes:
            name = f"{outcome.kind} {outcome.slug}"
            if outcome.action == "created":
                lines.append(f"{name}: created")
            elif outcome.action == "deleted":
                lines.append(f"{name}: deleted by the editors, not made again")
            elif outcome.state not in ("unchanged", "present"):
                lines.append(f"{name}: {'; '.join(_what_changed(outcome))}")
                lines.extend(_conflict_lines(outcome))
        lines.extend(
            f"{kind} {slug}: no longer in the fixtures, left as it is" for kind, slug in self.gone
        )
        return lines


def _parts(kind: str, names: list[str]) -> str:
    return ", ".join(label(kind, part) for part in names)


def _what_changed(outcome: Outcome) -> list[str]:
    kind, said = outcome.kind, []
    if outcome.taken:
        said.append(f"took the fixtures' {_parts(kind, outcome.taken)}")
    if outcome.kept:
        said.append(f"kept the editors' {_parts(kind, outcome.kept)}")
    if outcome.conflicts:
        parts = _parts(kind, [c.part for c in outcome.conflicts])
        said.append(f"CONFLICT in {parts}: the editors' version kept")
    return said


def _conflict_lines(outcome: Outcome) -> list[str]:
    lines = []
    for conflict in outcome.conflicts:
        name = label(outcome.kind, conflict.part)
        for whose, value in (("the editors'", conflict.editors), ("curated", conflict.curated)):
            words = describe(outcome.kind, conflict.part, value).replace("\n", "\n      ")
            lines.append(f"    {name}, {whose}: {words}")
        if conflict.note:
            lines.append(f"    (not taken alongside the editors' changes: {conflict.note})")
    return lines


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


def load_curated(fixtures_dir: Path, update: bool = False, dry_run: bool = False) -> LoadReport:
    """Create the curated rows that are missing; with `update`, bring the others to the
    fixtures where their editors did not change them (the module's docstring).

    Without `update`, a row already in the database is left as it is, so running `make run`
    again changes nothing. A row the editors deleted is not made again. All or nothing.
    """
    report = LoadReport()
    entries = read_events(fixtures_dir)
    names = Names()
    with transaction.atomic():
        load_countries(fixtures_dir, report)
        for kind in (CuratedKind.THREAD, CuratedKind.ACTOR):
            _Load(kind, update, report, names).catalogue(_read_optional(fixtures_dir, FILES[kind]))
        report.problems.extend(check_event_dates(entries))
        _Load(CuratedKind.EVENT, update, report, names).events(entries)
        report.open_conflicts = CuratedConflict.objects.filter(resolved__isnull=True).count()
        if report.problems:
            transaction.set_rollback(True)
            raise CurationError("\n".join(report.problems))
        if dry_run:
            transaction.set_rollback(True)
    return report


class _Problem(Exception):
    """An entry that cannot be loaded; the message is the report's line."""


class _Undo(Exception):
    """Leaves a savepoint undone."""


@dataclass
class _Entry:
    """One entry on its way through a load."""

    slug: str
    new: dict
    base: bases.Base | None
    row: models.Model | None
    outcome: Outcome
    relations: list | None = None  # to write once every event is loaded
    same: list[str] = field(default_factory=list)  # parts the row has in the entry's version


class _Load:
    """One load of one kind of entry: each entry compared, then finished (a version in the
    history, its base, its conflicts)."""

    def __init__(self, kind: str, update: bool, report: LoadReport, names: Names):
        self.kind, self.update, self.report, self.names = kind, update, report, names
        self.file = FILES[kind]
        self.stored = bases.stored(kind)
        self._legacy: dict[str, bases.Base] | None = None
        self.saved: dict[str, models.Model] = {}

    def legacy(self) -> dict[str, bases.Base]:
        if self._legacy is None:
            events = self.kind == CuratedKind.EVENT
            self._legacy = bases.legacy_events(self.names, self.file) if events else {}
        return self._legacy

    def find(self, slug: str) -> Event | None:
        return self.saved.get(slug) or curated_event(slug)

    def catalogue(self, rows: list[dict]) -> None:
        entries = [self._visit(row) for row in rows]
        self._finish([entry for entry in entries if entry is not None], rows)

    def events(self, rows: list[dict]) -> None:
        entries = []
        for row in _dated_in_order(rows):
            entry = self._visit(row)
            if entry is not None:
                entries.append(entry)
                if entry.row is not None:
                    self.saved[entry.slug] = entry.row
        # Relations last: they may point to events later in the file.
        for entry in entries:
            if entry.relations is not None:
                self._relate(entry)
        self._finish(entries, rows)

    def _problem(self, slug: str, error: ValidationError | str) -> None:
        text = error if isinstance(error, str) else one_line(error, fields=True)
        prefix = slug if self.kind == CuratedKind.EVENT else f"{self.file} {slug}"
        self.report.problems.append(f"{prefix}: {text}")

    def _visit(self, raw: dict) -> _Entry | None:
        slug = raw["slug"]
        try:
            new = of_entry(self.kind, raw)
        except dates.DateResolutionError:
            return None  # check_event_dates says why
        except ValidationError as error:
            self._problem(slug, self._cause(raw) or error)
            return None
        base = self.stored.get(slug) or self.legacy().get(slug)
        row = self._locate(slug, base)
        outcome = Outcome(self.kind, slug, "compared")
        self.report.outcomes.append(outcome)
        entry = _Entry(slug, new, base, row, outcome)
        try:
            if row is None and base is not None and base.object_id is not None:
                outcome.action = "deleted"
            elif row is None:
                outcome.action = "created"
                self._create(entry)
            elif not self.update:
                outcome.action = "present"
            else:
                self._compare(entry)
        except _Problem as problem:
            self._problem(slug, str(problem))
            return None
        return entry

    def _cause(self, raw: dict) -> ValidationError | None:
        """What is wrong with an event entry's citations, which its figures cite: a figure
        refused for want of its words is refused because a quote is."""
        if self.kind != CuratedKind.EVENT:
            return None
        try:
            for citation in raw["citations"]:
                source = Source.objects.filter(slug=citation["source"]).first()
                if source is None:
                    raise ValidationError(f"unknown source “{citation['source']}”")
                Citation(source=source, quote=citation["quote"]).anchor()
            Event(published=raw.get("published", True)).check_cited(len(raw["citations"]))
        except ValidationError as error:
            return error
        return None

    def _locate(self, slug: str, base: bases.Base | None) -> models.Model | None:
        model = MODELS[self.kind]
        if base is not None and base.object_id is not None:
            return model.objects.filter(pk=base.object_id).first()
        return model.objects.filter(slug=slug).first()

    def _create(self, entry: _Entry) -> None:
        parts = dict(entry.new)
        if self.kind == CuratedKind.EVENT:
            entry.relations = parts.pop("relations")
        entry.outcome.taken = list(entry.new)
        try:
            with transaction.atomic():
                entry.row = self._apply(MODELS[self.kind](slug=entry.slug), parts)
        except ValidationError as error:
            raise _Problem(one_line(error, fields=True)) from None

    def _apply(self, row: models.Model, parts: dict) -> models.Model:
        if self.kind == CuratedKind.EVENT:
            return apply_event(row, parts, self.find)
        apply_fields(row, parts)
        return row

    def _compare(self, entry: _Entry) -> None:
        current = of_row(self.kind, entry.row, self.names)
        if entry.base is None and self.kind != CuratedKind.EVENT:
            entry.base = bases.legacy_catalogue(self.kind, entry.row, current)
        plan = bases.plan(entry.base, current, entry.new)
        outcome = entry.outcome
        outcome.kept = plan.kept
        outcome.conflicts = [Conflict(p, current[p], entry.new[p]) for p in plan.conflicts]
        entry.same = plan.same
        if not plan.take:
            return
        parts = {part: entry.new[part] for part in plan.take if part != "relations"}
        try:
            with transaction.atomic():
                self._apply(entry.row, parts)
        except ValidationError as error:
            if not (plan.kept or plan.conflicts) or self.kind != CuratedKind.EVENT:
                raise _Problem(one_line(error, fields=True)) from None
            if alone := self._problem_alone(entry.new):
                raise _Problem(alone) from None
            # The entry is sound, but not together with the editors' changes: an editor decides.
            note = one_line(error, fields=True)
            outcome.conflicts += [Conflict(p, current[p], entry.new[p], note) for p in plan.take]
            entry.row.refresh_from_db()
            return
        outcome.taken = plan.take
        if "relations" in plan.take:
            entry.relations = entry.new["relations"]

    def _problem_alone(self, new: dict) -> str | None:
        """What is wrong with an event's entry on its own (written to a new event, then undone),
        if anything: an update that could not take it may fail for the editors' changes."""
        parts = {part: value for part, value in new.items() if part != "relations"}
        try:
            with transaction.atomic():
                apply_event(Event(slug=f"check-{uuid.uuid4().hex}"), parts, self.find)
                raise _Undo
        except _Undo:
            return None
        except ValidationError as error:
            return one_line(error, fields=True)

    def _relate(self, entry: _Entry) -> None:
        missing = [slug for slug, _ in entry.relations if self.find(slug) is None]
        if missing:
            self._problem(entry.slug, f"related event “{missing[0]}” does not exist")
            return
        try:
            with transaction.atomic():
                write_relations(entry.row, entry.relations, self.find)
        except ValidationError as error:
            outcome = entry.outcome
            if outcome.action == "created":
                self._problem(entry.slug, error)
                return
            # Sound on its own, but not with the dates the editors gave: an editor decides.
            current = of_row(self.kind, entry.row, self.names)["relations"]
            outcome.taken.remove("relations")
            note = one_line(error, fields=True)
            outcome.conflicts.append(Conflict("relations", current, entry.relations, note))
            entry.relations = None

    # --- finishing: the history, the bases, the conflicts -------------------------------------

    def _finish(self, entries: list[_Entry], rows: list[dict]) -> None:
        if self.report.problems:
            return  # the load is undone: nothing to record
        for entry in entries:
            if entry.outcome.action in ("created", "compared"):
                self._record(entry)
        slugs = {row["slug"] for row in rows}
        known = {**self.legacy(), **self.stored}
        for slug in sorted(known.keys() - slugs):
            object_id = known[slug].object_id
            if object_id and MODELS[self.kind].objects.filter(pk=object_id).exists():
                self.report.gone.append((self.kind, slug))

    def _record(self, entry: _Entry) -> None:
        outcome = entry.outcome
        if outcome.taken:
            with reversion.create_revision():
                reversion.set_comment(self._comment(outcome))
                reversion.add_to_revision(entry.row)
        after = of_row(self.kind, entry.row, self.names)
        held = set(outcome.kept) | {c.part for c in outcome.conflicts}
        before = entry.base.loaded if entry.base else {}
        loaded = {part: value for part, value in after.items() if part not in held}
        loaded.update({part: before[part] for part in held if part in before})
        base = self._save_base(entry, loaded)
        self._record_conflicts(base, outcome, entry.same)

    def _comment(self, outcome: Outcome) -> str:
        if outcome.action == "created":
            return bases.LOADED_COMMENT.format(file=self.file)
        said = bases.UPDATED_COMMENT.format(file=self.file)
        said += f": {_parts(self.kind, outcome.taken)}"
        if outcome.kept:
            said += f"; the editors' {_parts(self.kind, outcome.kept)} kept"
        return said

    def _save_base(self, entry: _Entry, loaded: dict) -> CuratedBase:
        values = {"fixture": entry.new, "loaded": loaded, "object_id": entry.row.pk}
        row = entry.base.row if entry.base else None
        if row is None:
            return CuratedBase.objects.create(kind=self.kind, slug=entry.slug, **values)
        if any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            row.save()
        return row

    def _record_conflicts(self, base: CuratedBase, outcome: Outcome, same: list[str]) -> None:
        open_ = {c.part: c for c in base.conflicts.filter(resolved__isnull=True)}
        for conflict in outcome.conflicts:
            values = {
                "editors": conflict.editors,
                "curated": conflict.curated,
                "note": conflict.note,
            }
            row = open_.get(conflict.part)
            if row is None:
                CuratedConflict.objects.create(base=base, part=conflict.part, **values)
            elif any(getattr(row, name) != value for name, value in values.items()):
                CuratedConflict.objects.filter(pk=row.pk).update(**values)
        # A part the row now has in the fixtures' version needs no decision any more.
        for part, resolution in [
            *((part, Resolution.SAME) for part in same),
            *((part, Resolution.CURATED) for part in outcome.taken),
        ]:
            if part in open_:
                CuratedConflict.objects.filter(pk=open_[part].pk).update(
                    resolved=timezone.now(), resolution=resolution
                )


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
