"""The data version every cached page and the facet index are keyed by, and the log of which
events each version changed."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.utils import timezone


class DataVersion(models.Model):
    """One row counting changes to the public data.

    Cached facet counts are keyed by it and pages derive their ETag and Last-Modified from it,
    so any saved change shows at once, and an unchanged page can answer 304.
    """

    counter = models.PositiveBigIntegerField(default=0)
    changed = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"data version {self.counter} ({self.changed:%Y-%m-%d %H:%M})"

    @classmethod
    def current(cls) -> DataVersion:
        return cls.objects.get_or_create(pk=1)[0]

    @classmethod
    def bump(cls, events: Iterable[int] | None = None, **signal) -> None:
        """Move the version on, logging for the facet index which events changed (`events`;
        None, as any caller that changed rows without signals passes it, means any of them)."""
        # One transaction, so a version is never seen without its log rows; the row lock the
        # update takes makes concurrent bumps number their versions in commit order.
        with transaction.atomic(using=DEFAULT_DB_ALIAS):
            updated = cls.objects.filter(pk=1).update(
                counter=models.F("counter") + 1, changed=timezone.now()
            )
            if not updated:
                cls.objects.get_or_create(pk=1, defaults={"counter": 1})
            counter = cls.objects.values_list("counter", flat=True).get(pk=1)
            changes = [None] if events is None else sorted(set(events))
            IndexChange.objects.bulk_create(
                IndexChange(version=counter, event_id=event_id) for event_id in changes
            )
            if counter % IndexChange.PRUNE_EVERY == 0:
                IndexChange.objects.filter(version__lte=counter - IndexChange.KEPT).delete()


class IndexChange(models.Model):
    """Which events a data version changed, for the facet index to update itself by
    (facets.py); `event_id` NULL: anything may have changed, rebuild. Rows older than `KEPT`
    versions are pruned: an index that old is rebuilt."""

    KEPT = 2000
    PRUNE_EVERY = 100

    version = models.PositiveBigIntegerField(db_index=True)
    # Not a foreign key: a deleted event's row must stay, to remove it from the index.
    event_id = models.BigIntegerField(null=True)

    def __str__(self) -> str:
        return f"version {self.version}: event {self.event_id or 'any'}"
