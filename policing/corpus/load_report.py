"""What a load of the curated fixtures did, entry by entry, in words: the command's lines and
its summary (corpus/curation.py loads)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from policing.corpus.describing import describe
from policing.corpus.parts import label
from policing.models import CuratedKind

# The kinds of entry, in the order a load reads them.
KINDS = (CuratedKind.THREAD, CuratedKind.ACTOR, CuratedKind.EVENT)


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
        for kind in KINDS:
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


def part_names(kind: str, names: list[str]) -> str:
    return ", ".join(label(kind, part) for part in names)


def _what_changed(outcome: Outcome) -> list[str]:
    kind, said = outcome.kind, []
    if outcome.taken:
        said.append(f"took the fixtures' {part_names(kind, outcome.taken)}")
    if outcome.kept:
        said.append(f"kept the editors' {part_names(kind, outcome.kept)}")
    if outcome.conflicts:
        parts = part_names(kind, [c.part for c in outcome.conflicts])
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
