"""What each curated entry was when it was last loaded, and the three-way plan an update makes
from it (docs/editors.md, "Updating from the curated fixtures").

The base of an entry is a `CuratedBase` row, written by every load since it was added. A site
set up before has none; its base is then read from the history: the version of each event that
`load_curated` saved ("Loaded from fixtures/events.json"), and, for actors and threads (which
it saved without a version), whether an editor ever saved one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reversion.models import Version

from policing.corpus.parts import EventRows, Names, of_event, upgraded
from policing.models import Actor, CuratedBase, Event, Thread

# The comments of the versions a load saves: of a new row, and of one it updated.
LOADED_COMMENT = "Loaded from fixtures/{file}"
UPDATED_COMMENT = "Updated from fixtures/{file}"


@dataclass
class Base:
    """The entry as last loaded (`fixture`) and the row as that load left it (`loaded`), as
    parts; a part missing from either is not known. `object_id` is the row the entry made."""

    fixture: dict
    loaded: dict
    object_id: int | None
    row: CuratedBase | None = None


@dataclass
class Plan:
    """What an update does with each part of a row the entry made before."""

    take: list[str] = field(default_factory=list)  # the fixtures changed it, the editors did not
    kept: list[str] = field(default_factory=list)  # the editors changed it, the fixtures did not
    conflicts: list[str] = field(default_factory=list)  # both changed it, differently
    same: list[str] = field(default_factory=list)  # the row already has the entry's version


def plan(base: Base | None, current: dict, new: dict) -> Plan:
    """Compare each part of the row (`current`) and of the entry (`new`) with the base. Without
    a base (a row the editors made with the entry's slug), any part that differs is a conflict."""
    fixture, loaded = (base.fixture, base.loaded) if base else ({}, {})
    result = Plan()
    for part, value in new.items():
        if current.get(part) == value:
            result.same.append(part)
            continue
        editors = part not in loaded or current.get(part) != loaded[part]
        fixtures = part not in fixture or value != fixture[part]
        if editors and fixtures:
            result.conflicts.append(part)
        elif editors:
            result.kept.append(part)
        elif fixtures:
            result.take.append(part)
        # Neither: the load made the row differ from the entry; both stayed as they were.
    return result


def stored(kind: str) -> dict[str, Base]:
    """The bases the loads wrote, by fixture slug."""
    return {
        row.slug: Base(upgraded(row.fixture), upgraded(row.loaded), row.object_id, row)
        for row in CuratedBase.objects.filter(kind=kind)
    }


def legacy_events(names: Names, file: str) -> dict[str, Base]:
    """The bases of the events a load made before bases were stored, by slug: each event as the
    version the load saved of it left it (the entry as it was then is not kept, but the load
    wrote it faithfully, so the two are read as one)."""
    versions = (
        Version.objects.get_for_model(Event)
        .filter(revision__comment=LOADED_COMMENT.format(file=file))
        .select_related("revision")
        .order_by("pk")
    )
    latest = {version.object_id: version for version in versions}  # the last load of each
    bases = {}
    for version in latest.values():
        rows = EventRows.of_version(version)
        loaded = of_event(rows, names)
        pk = int(version.object_id)
        if not rows.relations and _edited_since(version, pk):
            # Those loads wrote the relations after the version: an event edited since has no
            # record of the relations it was loaded with.
            del loaded["relations"]
        elif not rows.relations and (event := Event.objects.filter(pk=pk).first()):
            loaded["relations"] = of_event(EventRows.of(event), names)["relations"]
        bases[rows.event.slug] = Base(dict(loaded), loaded, pk)
    return bases


def _edited_since(version: Version, pk: int) -> bool:
    later = Version.objects.get_for_object_reference(Event, pk).filter(pk__gt=version.pk)
    return later.exists()


def legacy_catalogue(kind: str, row: Actor | Thread, current: dict) -> Base:
    """The base of an actor or thread a load made before bases were stored. Those loads saved no
    version of them, so one no editor ever saved is as loaded; of one an editor saved, the base
    is not known."""
    versions = Version.objects.get_for_object(row)
    for comment in (LOADED_COMMENT, UPDATED_COMMENT):
        versions = versions.exclude(revision__comment__startswith=comment.format(file=""))
    if versions.exists():
        return Base({}, {}, row.pk)
    return Base(dict(current), dict(current), row.pk)
