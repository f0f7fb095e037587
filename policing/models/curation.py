"""What `load_curated` last loaded from each fixture entry, and where an update found that the
editors and the fixtures both changed the same part of it (docs/editors.md, "Updating from the
curated fixtures")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from policing.models.choices import CuratedKind, Resolution


class CuratedBase(models.Model):
    """The common ancestor of a three-way update: an entry of `fixtures/` as last loaded, and
    the row it made as that load left it, each as its parts (corpus/parts.py).

    The editors changed a part where the row's part differs from `loaded`; the fixtures did where
    the entry's differs from `fixture`. Both are kept, not one: a load tidies text and derives
    fields, so the row is compared with what the load made of the entry, the entry with itself.
    """

    kind = models.CharField(max_length=10, choices=CuratedKind.choices)
    slug = models.SlugField(max_length=120, help_text="The entry's slug in the fixture file.")
    # Not a foreign key: a row the editors deleted keeps its base, so it is not made again.
    object_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The row the entry made (the slug may have changed)."
    )
    fixture = models.JSONField(default=dict, help_text="The entry's parts as last loaded.")
    loaded = models.JSONField(
        default=dict,
        help_text="The row's parts as that load left them; a part missing is not known, and "
        "counts as changed by the editors.",
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug"], name="one_base_per_entry"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.slug}"


class CuratedConflict(models.Model):
    """A part of an entry that both the editors and the fixtures changed since it was loaded.
    The editors' version stays until an editor takes the curated one or keeps theirs."""

    base = models.ForeignKey(CuratedBase, on_delete=models.CASCADE, related_name="conflicts")
    part = models.CharField(max_length=20)
    editors = models.JSONField(help_text="The editors' version when the update found it.")
    curated = models.JSONField(help_text="The fixtures' version.")
    note = models.TextField(
        blank=True, help_text="Why the curated version could not be taken alongside theirs."
    )
    found = models.DateTimeField(default=timezone.now)
    resolved = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=10, choices=Resolution.choices, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["found", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["base", "part"],
                condition=Q(resolved__isnull=True),
                name="one_open_conflict_per_part",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.base}: {self.part}"
