"""One load of one kind of curated entry (corpus/curation.py runs them): each entry found,
created or compared with its base (corpus/bases.py) and given the parts the plan takes
(corpus/applying.py), then finished: a version in the history, its base, its conflicts.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from policing.corpus import bases
from policing.corpus.applying import apply_event, apply_fields, curated_event, write_relations
from policing.corpus.load_report import Conflict, LoadReport, Outcome, part_names
from policing.corpus.parts import MODELS, Names, of_entry, of_row
from policing.models import (
    Citation,
    CuratedBase,
    CuratedConflict,
    CuratedKind,
    Event,
    Resolution,
    Source,
)
from policing.text import dates
from policing.text.errors import one_line


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


class Load:
    """One load of one kind of entry: each entry compared, then finished (a version in the
    history, its base, its conflicts)."""

    def __init__(self, kind: str, file: str, update: bool, report: LoadReport, names: Names):
        self.kind, self.file, self.update = kind, file, update
        self.report, self.names = report, names
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
        """Load event entries, each after any it is dated relative to."""
        entries = []
        for row in rows:
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
        said += f": {part_names(self.kind, outcome.taken)}"
        if outcome.kept:
            said += f"; the editors' {part_names(self.kind, outcome.kept)} kept"
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
