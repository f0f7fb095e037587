"""Corrections: every change to a published event, with the fields it changed (old and new, in
words) and the reason the editor gave. `/changes/` lists them, an event's page shows its own,
and each release's CHANGES names the reasons behind what changed since the one before.

What is compared is an event's public record (`record_of`): what its page and the exports
show, each part as plain text, so that a correction says "title", "date" or "citations" and
what they were and became, whichever way the change was made.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.conf import settings
from django.db import models
from django.utils import timezone

from policing.models.events import Event

# The parts of an event a correction compares, in the order a reader is told them, each with
# the words that name it.
RECORD_FIELDS = {
    "title": "title",
    "slug": "address",
    "summary": "summary",
    "activity": "activity",
    "stage": "stage",
    "date": "date",
    "date_text": "date as the source writes it",
    "date_reading": "how the date was read",
    "date_set_by_editor": "date set by the editors",
    "participants": "states taking part",
    "actors": "actors",
    "thread": "thread",
    "related": "related events",
    "citations": "citations",
    "figures": "figures",
    "disputed": "disputed",
    "dispute_note": "what the sources disagree about",
    "published": "published",
}


def record_of(event) -> dict:
    """The event's public record: each part of `RECORD_FIELDS` as text or a list of texts,
    read from the database (a few queries; an editor's save, not a page, asks for it)."""
    participants = [
        f"{p.country_id or p.get_region_display()}: {p.get_role_display()}"
        for p in event.participants.select_related("country").order_by("pk")
    ]
    actors = [
        f"{r.actor.name} {r.get_role_display()}"
        for r in event.actor_roles.select_related("actor").order_by("pk")
    ]
    related = [
        f"{r.get_relation_display()} {r.other.slug}"
        for r in event.relations.select_related("other").order_by("pk")
    ]
    citations = [
        f"{c.source.slug}: “{c.quote}”"
        + (f" (on the disputed point: {c.claim})" if c.claim else "")
        for c in event.citations.select_related("source").order_by("order", "pk")
    ]
    figures = [_figure_in_words(f) for f in event.figures.order_by("pk")]
    return {
        "title": event.title,
        "slug": event.slug,
        "summary": event.summary,
        "activity": event.get_activity_display(),
        "stage": event.get_stage_display() if event.stage else "",
        "date": f"{event.date_display} ({event.date_edtf})" if event.date_edtf else "",
        "date_text": event.date_text,
        "date_reading": event.date_reading,
        "date_set_by_editor": "yes" if event.date_manual else "no",
        "participants": participants,
        "actors": actors,
        "thread": event.thread.title if event.thread_id else "",
        "related": related,
        "citations": citations,
        "figures": figures,
        "disputed": "yes" if event.disputed else "no",
        "dispute_note": event.dispute_note,
        "published": "yes" if event.published else "no",
    }


def _figure_in_words(figure) -> str:
    said = f"{figure.label}: {figure.display_value} ({figure.get_status_display()}"
    if figure.period_edtf:
        said += f", {figure.period_display}"
    return said + ")"


def differences(before: dict, after: dict) -> list[dict]:
    """The parts that differ between two records, in `RECORD_FIELDS` order: `{field, label,
    old, new}`, where a list part gives only what was removed (`old`) and added (`new`)."""
    changed = []
    for field, label in RECORD_FIELDS.items():
        old, new = before.get(field), after.get(field)
        if old == new:
            continue
        if isinstance(old, list) and isinstance(new, list):
            removed = [item for item in old if item not in new]
            added = [item for item in new if item not in old]
            if not removed and not added:  # only the order changed
                removed, added = old, new
            old, new = removed, added
        changed.append({"field": field, "label": label, "old": old, "new": new})
    return changed


class CorrectionKind(models.TextChoices):
    CHANGED = "changed", "Changed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class CorrectionQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-created", "-pk")

    def between(self, after, until):
        """Corrections made after `after` (None: from the start) up to `until`."""
        rows = self.filter(created__lte=until)
        return rows.filter(created__gt=after) if after else rows


class Correction(models.Model):
    """A change an editor made to a published event, or its withdrawal from the public site,
    and why. Written in the same transaction as the change (`recording`)."""

    # Not a cascade: the log outlives an event deleted later, named by its slug and title.
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="corrections"
    )
    slug = models.SlugField(max_length=120, help_text="The event's slug after the change.")
    title = models.CharField(max_length=250, help_text="The event's title after the change.")
    kind = models.CharField(max_length=10, choices=CorrectionKind)
    created = models.DateTimeField(default=timezone.now, db_index=True)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    reason = models.TextField(
        help_text="Why the event was changed or withdrawn, as the editor said."
    )
    changes = models.JSONField(
        default=list, help_text="The parts changed: [{field, label, old, new}] (`differences`)."
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.slug}: {self.get_kind_display().lower()} {self.created:%Y-%m-%d}"

    @property
    def fields_in_words(self) -> str:
        """The parts changed, named as a reader would: "title, date and citations"."""
        labels = [change["label"] for change in self.changes]
        if len(labels) < 2:
            return "".join(labels)
        return f"{', '.join(labels[:-1])} and {labels[-1]}"


def snapshot(events) -> dict[int, dict]:
    """The records of those of `events` that are published now, by id: what `record` compares
    the events with after a change."""
    ids = [event.pk for event in events if event.pk]
    published = Event.objects.filter(pk__in=ids, published=True).select_related("thread")
    return {event.pk: record_of(event) for event in published}


def record(before: dict[int, dict], *, reason: str, editor=None) -> list[Correction]:
    """A `Correction` for each event of `before` (a `snapshot`) whose record now differs:
    changed, or withdrawn where it is no longer published (or deleted). Drafts were left out
    of the snapshot: nothing public changed. Call inside the transaction of the change."""
    found = Event.objects.filter(pk__in=list(before)).select_related("thread").in_bulk()
    made = []
    for pk, was in before.items():
        event = found.get(pk)
        after = record_of(event) if event else {**was, "published": "no (deleted)"}
        changed = differences(was, after)
        if not changed:
            continue
        public = event is not None and event.published
        made.append(
            Correction.objects.create(
                event=event,
                slug=after["slug"],
                title=after["title"],
                kind=CorrectionKind.CHANGED if public else CorrectionKind.WITHDRAWN,
                editor=editor if getattr(editor, "pk", None) else None,
                reason=reason.strip(),
                changes=changed,
            )
        )
    return made


@contextmanager
def recording(events, *, reason: str, editor=None):
    """`snapshot` the published among `events`, run the block, then `record` what it
    changed of them, with `reason`."""
    before = snapshot(events)
    yield
    record(before, reason=reason, editor=editor)
