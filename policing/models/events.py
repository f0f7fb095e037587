"""Curated events: what happened, when (EDTF read from the words), and whether it is public."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from policing.links import address
from policing.models.actors import Actor, Thread
from policing.models.choices import (
    Activity,
    Kind,
    Precision,
    Stage,
    kind_of,
)
from policing.models.participation import EventRelation
from policing.models.querysets import TIMELINE_ORDER, EventQuerySet
from policing.models.sources import Country, Source
from policing.text import anchoring, dates, derivation, search

UNCITED = (
    "A published event must cite at least one source: add a citation with the source’s exact "
    "words, or untick “Published” to keep it as a draft."
)


# The first model's date fields, derived from `Event.date_edtf` and kept for the exports.
LEGACY_DATE_FIELDS = (
    "date_start",
    "date_precision",
    "date_approximate",
    "date_end",
    "date_end_precision",
)


def legacy_date(start, precision, approximate, end, end_precision) -> dates.ResolvedDate:
    """The first model's date fields (`LEGACY_DATE_FIELDS`, in that order) as one value."""
    return dates.ResolvedDate(
        start=start,
        precision=precision,
        approximate=approximate,
        end=end,
        end_precision=end_precision or None,
    )


def date_in_words(date_edtf: str, *legacy) -> str:
    """An event's date in words (dates.in_words), as every page, feed and export shows it; for
    a row saved before EDTF values, from the first model's fields (`legacy_date`)."""
    if date_edtf:
        return dates.in_words(date_edtf)
    return legacy_date(*legacy).display()


class Event(models.Model):
    slug = models.SlugField(max_length=120, unique=True, help_text="Identifier in the event’s URL.")
    title = models.CharField(max_length=250, help_text="A short factual headline.")
    activity = models.CharField(
        max_length=20, choices=Activity.choices, help_text="What the event is an instance of."
    )
    stage = models.CharField(
        max_length=20,
        choices=Stage.choices,
        blank=True,
        help_text="What happened to the activity, as the source states it (blank if it does not).",
    )
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        editable=False,
        blank=True,  # filled in by save()
        help_text="The first model's single kind, derived from the activity and stage.",
    )
    thread = models.ForeignKey(
        Thread,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text="The arrangement or programme whose life this event is a step of.",
    )
    date_text = models.CharField(
        "date as written",
        max_length=200,
        blank=True,
        help_text="The date phrase exactly as the source writes it, e.g. “last September”.",
    )
    date_source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dated_events",
        help_text="The source whose publication date the phrase is read against.",
    )
    date_relative_to = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dated_relative",
        help_text="For phrases like “two months later”: the event they count from.",
    )
    date_start = models.DateField(
        "date", help_text="Resolved date; the first day of the month or year if less precise."
    )
    date_precision = models.CharField(
        max_length=5, choices=Precision.choices, help_text="How much of the date is known."
    )
    date_approximate = models.BooleanField(
        default=False, help_text="The source only bounds the date (e.g. “weeks after”)."
    )
    date_edtf = models.CharField(
        "date (EDTF)",
        max_length=100,
        blank=True,
        help_text="The date as EDTF: “2025-02-20”, “2024-03”, “2025-01~” (about), “2024?” "
        "(uncertain), “2014/2020”, “2019-06/..” (after), “../2025-02-20” (by), "
        "“[2024-09-02,2024-09-09]” (one of), “[2025-03-10..2025-12-31]” (sometime between). "
        "The fields below are derived from it.",
    )
    date_reading = models.TextField(
        "how the date was read",
        blank=True,
        help_text="How the phrase was read, e.g. “‘after June 2019’, read as a lower bound: the "
        "hearing was told the policy had ended”.",
    )
    date_earliest = models.DateField(
        null=True, blank=True, editable=False, help_text="Earliest day the date allows."
    )
    date_latest = models.DateField(
        null=True, blank=True, editable=False, help_text="Latest day the date allows."
    )
    date_manual = models.BooleanField(
        "date set directly",
        default=False,
        help_text="The date was set by hand because no phrase in the sources states it; "
        "explain how in the summary or note.",
    )
    date_end = models.DateField(
        null=True, blank=True, help_text="Last date of a span, e.g. a programme 2014–2020."
    )
    date_end_precision = models.CharField(
        max_length=5, choices=Precision.choices, blank=True, help_text="Precision of the end date."
    )
    countries = models.ManyToManyField(
        Country,
        through="Participant",
        blank=True,
        related_name="events",
        help_text="Every state taking part, in any role (see `participants`).",
    )
    actors = models.ManyToManyField(Actor, through="EventActor", blank=True, related_name="events")
    no_country_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="If no country beyond China can be named, say why (e.g. “Africa-wide pledge”).",
    )
    summary = models.TextField(help_text="One or two neutral sentences in our own words.")
    disputed = models.BooleanField(
        default=False, help_text="Sources disagree about a date or figure of this event."
    )
    dispute_note = models.TextField(blank=True, help_text="What the sources disagree about.")
    published = models.BooleanField(
        default=False, help_text="Shown on the public site and in exports."
    )
    # The years the event is placed in (`years_covered`), kept as integers so year filters
    # and the per-year bars need no date functions, which SQLite runs in Python for every row.
    start_year = models.PositiveSmallIntegerField(editable=False, default=0)
    end_year = models.PositiveSmallIntegerField(
        editable=False, default=0, help_text="The year the event (or its span) ends."
    )
    # Whether it is in those years for certain or only may fall in them (`dates.year_certain`),
    # kept so the per-year bars and the exports tell the two apart without reading dates.
    year_certain = models.BooleanField(
        editable=False,
        default=True,
        help_text="In every year it is placed in for certain; false if it only may fall in "
        "them (one day of a window or one of a set over several years, or open at one end).",
    )
    search_text = models.TextField(
        editable=False,
        blank=True,
        help_text="Title, summary and quoted words, kept for the timeline's text search.",
    )
    edit_token = models.UUIDField(
        default=uuid.uuid4,
        editable=False,
        help_text="Changes on every save, so a save based on an older copy can be refused.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = TIMELINE_ORDER
        indexes = [
            # Partial, because Django writes published=True as a bare "WHERE published",
            # which SQLite matches to an index only through the same condition.
            models.Index(
                fields=["date_start", "date_end", "title"],
                condition=Q(published=True),
                name="event_published_order",
            ),
            models.Index(
                fields=["start_year", "end_year"],
                condition=Q(published=True),
                name="event_published_years",
            ),
            models.Index(fields=["kind"], condition=Q(published=True), name="event_published_kind"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.sync_dates()
        self.edit_token = uuid.uuid4()
        self.search_text = self.compose_search_text()
        self.sync_years()
        self.kind = kind_of(self.activity, self.stage)
        if kwargs.get("update_fields") is not None:
            derived = {"edit_token", "search_text", "kind"}
            derived |= {"start_year", "end_year", "year_certain"}
            derived |= {"date_edtf", "date_earliest", "date_latest", *LEGACY_DATE_FIELDS}
            kwargs["update_fields"] = {*kwargs["update_fields"], *derived}
        super().save(*args, **kwargs)
        self._loaded_dates = self._legacy_dates()

    def get_absolute_url(self) -> str:
        return address("event-detail", self.slug)

    def activity_labels(self) -> list[str]:
        """What the event is, in the words the site shows on its card and page and offers as
        filters: its activity's label and, if it has a stage, the stage's ("Visit or meeting",
        "Announced"). The calendar's and the feed's categories."""
        labels = [self.get_activity_display()]
        if self.stage:
            labels.append(self.get_stage_display())
        return labels

    def relations_both_ways(self) -> tuple[list, list]:
        """Its relations to other events and theirs to it, read in one query."""
        rows = EventRelation.objects.filter(Q(event=self) | Q(other=self)).select_related(
            "event", "other"
        )
        rows = list(rows)
        return [r for r in rows if r.event_id == self.pk], [
            r for r in rows if r.other_id == self.pk
        ]

    @classmethod
    def from_db(cls, db, field_names, values):
        event = super().from_db(db, field_names, values)
        event._loaded_dates = event._legacy_dates()
        return event

    def _legacy_dates(self) -> tuple:
        # Read off __dict__: a deferred field (a card reads a few columns) is not loaded.
        return (
            self.__dict__.get("date_edtf", ""),
            tuple(self.__dict__.get(f) for f in LEGACY_DATE_FIELDS),
        )

    def sync_dates(self) -> None:
        """Derive the first model's date fields and the bounds from `date_edtf` (one rule,
        dates.legacy). Code that sets only the old fields (or an older copy that changed
        them) gets an EDTF value made from them."""
        loaded = getattr(self, "_loaded_dates", None)
        edtf, old = self._legacy_dates()
        changed_old_only = loaded is not None and loaded[0] == edtf and loaded[1] != old
        if not edtf or changed_old_only:
            start, end = self.date_start, self.date_end
            self.date_edtf = dates.edtf_of(
                dates.ResolvedDate(
                    start=dt.date.fromisoformat(start) if isinstance(start, str) else start,
                    precision=self.date_precision,
                    approximate=self.date_approximate,
                    end=dt.date.fromisoformat(end) if isinstance(end, str) else end,
                    end_precision=self.date_end_precision or None,
                )
            )
        stated = dates.legacy(self.date_edtf)
        self.date_start, self.date_precision = stated.start, stated.precision
        self.date_approximate, self.date_end = stated.approximate, stated.end
        self.date_end_precision = stated.end_precision or ""
        self.date_earliest, self.date_latest = dates.bounds(self.date_edtf)

    def years_covered(self) -> tuple[int, int]:
        """The first and last year the event is placed in, stored as `start_year` and
        `end_year` for the year filters, the counts and the axis (docs/corpus.md, “Dates”):
        from its earliest known bound to its latest (`dates.years_placed`). An open end adds
        no years, not even up to the publication of the source it is read from."""
        earliest, latest = self.date_earliest, self.date_latest
        if earliest is None and latest is None:  # never for a valid value; the old fields
            earliest = self.date_start
        return dates.years_placed(earliest, latest)

    def sync_years(self) -> None:
        """Store the years the event is placed in (`years_covered`) and whether it is in them
        for certain (`dates.year_certain`), from the dates `sync_dates` derived."""
        self.start_year, self.end_year = self.years_covered()
        self.year_certain = dates.year_certain(self.date_edtf)

    def compose_search_text(self) -> str:
        """What the search reads (search.compose): the title, the summary and the quotes."""
        quotes = []
        if self.pk:
            quotes = self.citations.order_by("order", "pk").values_list("quote", flat=True)
        return search.compose(self.title, self.summary, quotes)

    def refresh_search_text(self) -> None:
        Event.objects.filter(pk=self.pk).update(search_text=self.compose_search_text())

    @property
    def resolved_date(self) -> dates.ResolvedDate:
        return legacy_date(*(getattr(self, name) for name in LEGACY_DATE_FIELDS))

    @property
    def date_display(self) -> str:
        """The date in words, as every page and feed shows it (`date_in_words`)."""
        return date_in_words(self.date_edtf, *(getattr(self, name) for name in LEGACY_DATE_FIELDS))

    @property
    def independent_sources(self) -> int:
        """How many independent reports the citations come from (read with `for_timeline()`
        or `for_detail()`, which load what each citation's origin needs)."""
        return derivation.independent_count(c.origin.pk for c in self.citations.all())

    @property
    def date_bounds_display(self) -> str:
        """The earliest and latest day the date allows, in words, for the event page."""
        earliest, latest = self.date_earliest, self.date_latest
        if not (earliest or latest):
            return ""
        if earliest == latest:
            return f"On {dates.format_date(earliest, dates.DAY)}"
        text = "; ".join(
            [
                f"earliest {dates.format_date(earliest, dates.DAY)}"
                if earliest
                else "no earliest day given",
                f"latest {dates.format_date(latest, dates.DAY)}"
                if latest
                else "no latest day given",
            ]
        )
        return text[0].upper() + text[1:]

    def read_date_text(self) -> str:
        """The EDTF value `date_text` states, read against the date source and, for phrases
        counting from another event, that event's date."""
        if not self.date_source_id:
            raise dates.DateResolutionError("Choose the source whose date the phrase is read in.")
        base, base_precision = self.date_source.reference_date()
        anchor = self.date_relative_to.date_edtf if self.date_relative_to_id else None
        return dates.read(self.date_text, base, base_precision, anchor=anchor or None)

    def check_cited(self, citations: int) -> None:
        """Refuse to publish an event without a citation. `citations` is how many it will have:
        they are saved after the event, so the admin counts its citation forms."""
        if self.published and not citations:
            raise ValidationError(UNCITED, code="uncited")

    def date_phrase_error(self) -> str | None:
        """Why the date phrase cannot be shown as the date source's words, if it cannot.

        The event page says "The source writes …", so the phrase must occur in the report of
        that source; a date no source words is set directly (`date_manual`) and shown so.
        """
        phrase = self.date_text.strip()
        if self.date_manual or not phrase or not self.date_source_id:
            return None
        passages = [p for p in self.date_source.passages.all() if p.citable]
        if anchoring.contains_phrase(phrase, passages):
            return None
        return (
            f"“{phrase}” does not occur in the report “{self.date_source.title}” "
            f"({self.date_source.slug}). Type the date as that source writes it, choose the "
            "source that does, or tick “date set directly” and give the date."
        )

    def clean_fields(self, exclude=None):
        # The derived date fields are filled in from the EDTF value before they are checked.
        if self.date_edtf or self.date_start:
            try:
                if self.date_edtf:
                    dates.check_edtf(self.date_edtf)
                self.sync_dates()
            except dates.DateResolutionError as error:
                raise ValidationError({"date_edtf": str(error)}) from None
        super().clean_fields(exclude=exclude)

    def clean(self):
        errors = {}
        if phrase_error := self.date_phrase_error():
            errors["date_text"] = phrase_error
        if self.date_end and self.date_start and self.date_end < self.date_start:
            errors["date_end"] = "The end of a span cannot be before its start."
        if self.date_end and not self.date_end_precision:
            errors["date_end_precision"] = "Give the precision of the end date."
        if self.disputed and not self.dispute_note.strip():
            errors["dispute_note"] = "Say what the sources disagree about."
        if self.date_relative_to_id and self.date_relative_to_id == self.pk:
            errors["date_relative_to"] = "An event cannot be dated relative to itself."
        if errors:
            raise ValidationError(errors)
