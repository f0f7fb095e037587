"""Releases: immutable, numbered snapshots of the published data, each a zip in RELEASES_DIR
(built by exports/releases/), and which events each added, changed or withdrew.

A release is never rebuilt or altered: its row refuses a second save and any deletion, its
queryset refuses `update()` and `delete()`, and its file is written once, read-only, with its
SHA-256 kept here and checked whenever it is served.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from policing.links import address

# A version names the file and the address: letters and digits, dots and hyphens between them
# ("2026.1", "2026.2-rc1").
VERSION_PATTERN = re.compile(r"[0-9A-Za-z]+(?:[.-][0-9A-Za-z]+)*")
VERSION_MAX = 40


class ImmutableRelease(Exception):
    """A release, once made, cannot be rebuilt, changed or deleted."""


def check_version(version: str) -> str:
    """`version` if it may name a release, else ValidationError saying why."""
    if version == "latest":
        raise ValidationError(
            "“latest” names the newest release's address: give a version such as 2026.1.",
            code="version",
        )
    if not (len(version) <= VERSION_MAX and VERSION_PATTERN.fullmatch(version)):
        raise ValidationError(
            f"“{version}” cannot name a release: use letters and digits with dots or hyphens "
            f"between them, at most {VERSION_MAX} characters (e.g. 2026.1).",
            code="version",
        )
    return version


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableRelease("Releases are never changed: make a new one.")

    def delete(self):
        raise ImmutableRelease("Releases are never deleted.")


class ReleaseQuerySet(ImmutableQuerySet):
    def newest_first(self):
        return self.order_by("-created", "-pk")


class Release(models.Model):
    version = models.CharField(max_length=VERSION_MAX, unique=True, help_text="e.g. “2026.1”.")
    created = models.DateTimeField(default=timezone.now)
    notes = models.TextField(blank=True, help_text="What this release is, in a few sentences.")
    made_by = models.CharField(
        max_length=150, blank=True, help_text="Who made it (a username; empty for a command)."
    )
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The release its changes are counted from.",
    )
    counts = models.JSONField(
        default=dict,
        help_text="Rows of each table, and events added, changed and withdrawn since the "
        "previous release.",
    )
    base_url = models.CharField(max_length=200, help_text="The address its links are made from.")
    file = models.CharField(max_length=200, help_text="The zip's name in RELEASES_DIR.")
    size = models.PositiveBigIntegerField(help_text="The zip's size in bytes.")
    checksum = models.CharField(max_length=64, help_text="The zip's SHA-256, in hex.")

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        default_permissions = ("view",)
        permissions = [("make_release", "Can make a release of the published data")]

    def __str__(self) -> str:
        return f"Release {self.version}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRelease(f"Release {self.version} exists and is never changed.")
        check_version(self.version)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return address("release-detail", self.version)

    def delete(self, *args, **kwargs):
        raise ImmutableRelease(f"Release {self.version} is never deleted.")

    def get_download_url(self) -> str:
        return address("release-download", self.version)

    def event_url(self, slug: str) -> str:
        """The address of event `slug` as this release holds it."""
        return address("release-detail", self.version) + f"events/{slug}/"

    @property
    def path(self) -> Path:
        return Path(settings.RELEASES_DIR) / self.file

    @property
    def changes_in_a_line(self) -> str:
        """What changed since the previous release, in a line: "3 added, 1 changed"."""
        counts = self.counts
        if self.previous_id is None:
            return f"First release: {counts.get('events', 0)} events."
        said = [
            f"{counts.get(name, 0)} {name}"
            for name in ("added", "changed", "withdrawn")
            if counts.get(name)
        ]
        return ", ".join(said).capitalize() + "." if said else "No event changed."


class ReleaseEntryKind(models.TextChoices):
    ADDED = "added", "added"
    CHANGED = "changed", "changed"
    WITHDRAWN = "withdrawn", "withdrawn"


class ReleaseEntry(models.Model):
    """An event a release added, changed or withdrew, by slug (the key of the released
    data): an event's page reads from these in which release it first appeared and last
    changed."""

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="entries")
    slug = models.SlugField(max_length=120, db_index=True)
    change = models.CharField(max_length=10, choices=ReleaseEntryKind)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        ordering = ["release__created", "release_id", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["release", "slug"], name="one_entry_per_release")
        ]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.release.version}: {self.slug} {self.change}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRelease("A release's entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRelease("A release's entries are never deleted.")
