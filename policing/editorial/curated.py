"""An editor's decision on a curated conflict: a part of an event, actor or thread that both the
editors and the fixtures changed since it was loaded (corpus/curation.py records them). Take the
curated version, or keep the editors'.

Each decision is one transaction and one revision by the editor, holding the row as the
decision left it, so it shows in the row's history with what was chosen. Taking the curated
version makes the part the loaded one again: a later update brings the fixtures' next change of
it without asking. Keeping the editors' leaves it theirs: a later change of it in the fixtures is
a conflict again. A decision that cannot be made raises ConflictError (nothing is changed).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import reversion
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from policing.corpus.applying import apply_event, apply_fields
from policing.corpus.curation import FILES
from policing.corpus.describing import describe
from policing.corpus.parts import MODELS, label, of_row
from policing.models import CuratedConflict, CuratedKind, Resolution, corrections
from policing.text.errors import one_line


class ConflictError(Exception):
    """The decision was not made; the message says why, for the editor."""


@dataclass(frozen=True)
class Shown:
    """A conflict as the change page shows it: both versions in words."""

    conflict: CuratedConflict
    label: str
    editors: str
    curated: str
    agree: bool  # an editor has since given the part the curated version


def kind_of(model: type[models.Model]) -> str:
    return next(kind for kind, known in MODELS.items() if known is model)


def label_of(conflict: CuratedConflict) -> str:
    return label(conflict.base.kind, conflict.part)


def open_conflicts(kind: str, row: models.Model) -> list[Shown]:
    """The conflicts of `row` still to decide, each with the part as the row has it now."""
    conflicts = CuratedConflict.objects.filter(
        base__kind=kind, base__object_id=row.pk, resolved__isnull=True
    ).order_by("pk")
    if not conflicts:
        return []
    current = of_row(kind, row)
    return [
        Shown(
            conflict,
            label(kind, conflict.part),
            describe(kind, conflict.part, current.get(conflict.part)),
            describe(kind, conflict.part, conflict.curated),
            current.get(conflict.part) == conflict.curated,
        )
        for conflict in conflicts
    ]


def take_curated(conflict: CuratedConflict, *, user) -> None:
    """Give the row the fixtures' version of the part."""
    with _deciding(conflict, Resolution.CURATED, user) as (kind, row):
        published = [row] if kind == CuratedKind.EVENT else []
        reason = f"Took the curated {label(kind, conflict.part)} from fixtures/{FILES[kind]}."
        try:
            with corrections.recording(published, reason=reason, editor=user):
                _write(kind, row, conflict.part, conflict.curated)
        except ValidationError as error:
            raise ConflictError(
                f"The curated {label(kind, conflict.part)} cannot be taken as it is: "
                f"{one_line(error, fields=True)}. Change the row so that it can, or keep the "
                "editors' version."
            ) from None
        base = conflict.base
        base.loaded = {**base.loaded, conflict.part: of_row(kind, row)[conflict.part]}
        base.save(update_fields=["loaded", "updated"])
        reversion.set_comment(
            f"Took the curated {label(kind, conflict.part)} (fixtures/{FILES[kind]}) over the "
            "editors' version"
        )


def keep_editors(conflict: CuratedConflict, *, user) -> None:
    """Keep the row's own version of the part; the fixtures' stays recorded on the conflict."""
    with _deciding(conflict, Resolution.EDITORS, user) as (kind, _):
        reversion.set_comment(
            f"Kept the editors' {label(kind, conflict.part)} over the curated version "
            f"(fixtures/{FILES[kind]})"
        )


def _write(kind: str, row: models.Model, part: str, value: Any) -> None:
    if kind == CuratedKind.EVENT:
        apply_event(row, {part: value})
    else:
        apply_fields(row, {part: value})


@contextmanager
def _deciding(conflict: CuratedConflict, resolution: str, user):
    """One transaction and one revision by `user`, which starts by claiming the conflict (of two
    editors deciding at once, the second is told it was decided) and ends with the row in the
    revision."""
    with transaction.atomic(), reversion.create_revision():
        claimed = CuratedConflict.objects.filter(pk=conflict.pk, resolved__isnull=True).update(
            resolved=timezone.now(), resolution=resolution, resolved_by=user
        )
        if not claimed:
            raise ConflictError("This conflict was already decided.")
        base = conflict.base
        row = MODELS[base.kind].objects.filter(pk=base.object_id).first()
        if row is None:
            raise ConflictError("Its row was deleted meanwhile.")
        yield base.kind, row
        reversion.add_to_revision(row)
        reversion.set_user(user)
