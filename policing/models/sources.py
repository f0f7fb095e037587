"""Source documents, kept verbatim, split into passages (paragraphs) with stable anchors; and
the countries events name."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models

from policing.links import address
from policing.models.choices import Derivation, Precision, Region, Role, SectionKind
from policing.models.querysets import SourceQuerySet, public
from policing.text import dates, derivation


class Country(models.Model):
    code = models.CharField(
        "ISO code",
        max_length=2,
        primary_key=True,
        help_text="ISO 3166-1 alpha-2 code in capitals, e.g. “SB” for Solomon Islands.",
    )
    name = models.CharField(max_length=100, unique=True, help_text="Short English name.")
    region = models.CharField(
        max_length=20, choices=Region.choices, help_text="Region used by the timeline filter."
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Participants keep their country's region, which the region facet reads.
        self.participations.exclude(region=self.region).update(region=self.region)

    def get_absolute_url(self) -> str:
        return address("country-detail", self.code.lower())

    def clean(self):
        self.code = (self.code or "").strip().upper()
        if len(self.code) != 2 or not self.code.isalpha():
            raise ValidationError({"code": "Use the two-letter ISO 3166-1 code, e.g. “FJ”."})

    def roles_in_published_events(self) -> list[tuple[str, int]]:
        """In how many published events the country takes each part, in the roles' order."""
        counted = dict(
            self.participations.filter(public("event"))
            .values_list("role")
            .annotate(n=models.Count("event", distinct=True))
            .order_by()
        )
        return [(label, counted[role]) for role, label in Role.choices if counted.get(role)]


class Source(models.Model):
    """One source document, kept verbatim; its manifest entry supplies the metadata."""

    VERBATIM_FIELDS = ("text",)  # left as it is by tidy_fields

    slug = models.SlugField(max_length=100, unique=True, help_text="Stable identifier in URLs.")
    title = models.CharField(max_length=300, help_text="Headline as the document gives it.")
    outlet = models.CharField(
        max_length=200,
        help_text="Who published the report, e.g. “South China Morning Post” (not the site "
        "that carries a copy of it: that is “carried by”).",
    )
    carried_by = models.CharField(
        max_length=200,
        blank=True,
        help_text="The site this copy was captured from, when it carries another outlet's "
        "report unchanged, e.g. “Yahoo”. Shown as “South China Morning Post (via Yahoo)”.",
    )
    syndication = models.CharField(
        max_length=300,
        blank=True,
        help_text="Origin and carrier, e.g. “South China Morning Post via Yahoo”.",
    )
    author = models.CharField(max_length=200, blank=True, help_text="Byline, if any.")
    url = models.URLField(
        blank=True,
        help_text="Where this copy was published (the carrying site's page for a carried "
        "copy), if known. Leave empty rather than guess.",
    )
    original_url = models.URLField(
        blank=True,
        help_text="Where the outlet published the original report, if known and different "
        "from the address above. Leave empty rather than guess.",
    )
    published = models.DateField(help_text="Publication date (first day of the period if partial).")
    published_precision = models.CharField(
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text="How much of the publication date is known.",
    )
    published_edtf = models.CharField(
        "publication date (EDTF)",
        max_length=100,
        blank=True,
        help_text="What the texts support, as EDTF: “2025-02-23”, “2024-09”, “2024-09/..”. "
        "The publication date and precision above are derived from it.",
    )
    published_inferred = models.BooleanField(
        default=False, help_text="The document carries no date; it was inferred from the text."
    )
    published_note = models.TextField(
        blank=True, help_text="How an inferred publication date was arrived at."
    )
    derivation = models.CharField(
        max_length=12,
        choices=Derivation.choices,
        blank=True,
        help_text="How the whole document derives from the one below; empty for a report of "
        "its own (a part derived alone is marked on its passages, from the manifest).",
    )
    # Named `rewrite_of` from before derivations had kinds; kept so that backups restore.
    rewrite_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rewrites",
        verbose_name="derived from",
        help_text="The report the whole document copies, rewrites or summarises: its origin, "
        "which must be a report of its own.",
    )
    provenance = models.TextField(
        blank=True, help_text="What this document is and what it carries besides the report."
    )
    file_name = models.CharField(
        max_length=200, blank=True, help_text="File in the seeds folder this was imported from."
    )
    sha256 = models.CharField(max_length=64, blank=True, editable=False)
    text = models.TextField(help_text="The full document, verbatim.")
    imported_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.syndication or self.outlet})"

    def save(self, *args, **kwargs):
        self.sync_published()
        if kwargs.get("update_fields") is not None:
            derived = {"published", "published_precision", "published_edtf"}
            kwargs["update_fields"] = {*kwargs["update_fields"], *derived}
        super().save(*args, **kwargs)
        self._loaded_published = (self.published_edtf, self.published, self.published_precision)

    def get_absolute_url(self) -> str:
        return address("source-detail", self.slug)

    def clean(self):
        errors = derivation.source_errors(self)
        if errors:
            raise ValidationError(errors)

    @property
    def outlet_display(self) -> str:
        """The outlet named honestly: “South China Morning Post (via Yahoo)”."""
        return derivation.outlet_name(self.outlet, self.carried_by)

    @property
    def original_address(self) -> str:
        """Where the outlet published the report, if known: `original_url`, or `url` when this
        document is the outlet's own page rather than a carried copy."""
        return derivation.original_address(self.original_url, self.url, self.carried_by)

    @classmethod
    def from_db(cls, db, field_names, values):
        source = super().from_db(db, field_names, values)
        source._loaded_published = (
            source.__dict__.get("published_edtf"),
            source.__dict__.get("published"),
            source.__dict__.get("published_precision"),
        )
        return source

    def sync_published(self) -> None:
        """`published` and its precision follow the EDTF value; without one, it is made from
        them (rows written before it existed)."""
        loaded = getattr(self, "_loaded_published", None)
        now = (self.published_edtf, self.published, self.published_precision)
        if not self.published_edtf or (loaded and loaded[0] == now[0] and loaded != now):
            published = self.published
            if isinstance(published, str):
                published = dt.date.fromisoformat(published)
            self.published_edtf = dates.iso_at(published, self.published_precision)
        stated = dates.legacy(self.published_edtf)
        self.published, self.published_precision = stated.start, stated.precision

    @property
    def published_latest(self) -> dt.date | None:
        """The last day the texts allow for the publication (None if they give no bound)."""
        return dates.bounds(self.published_edtf or self._legacy_published())[1]

    def _legacy_published(self) -> str:
        return dates.iso_at(self.published, self.published_precision)

    @property
    def published_display(self) -> str:
        """The publication in words: "23 Feb 2025", or "23 Feb 2025 or later" for a copy known
        only to be published on or after a day (`2025-02-23/..`)."""
        parsed = dates.parse_edtf(self.published_edtf or self._legacy_published())
        first, last = parsed.points[0], parsed.points[-1]
        if parsed.form == "interval" and first and last is None:
            shown = f"{first.words()} or later"  # one act, not a period that lasted from then
        else:
            shown = dates.in_words(parsed)
        return f"{shown} (inferred)" if self.published_inferred else shown

    def reference_date(self) -> tuple[dt.date, str]:
        """The date and precision relative phrases in this source are read against: the
        publication date, or for a range the first day at the precision the range shares."""
        parsed = dates.parse_edtf(self.published_edtf or self._legacy_published())
        if parsed.form == "date" and not parsed.points[0].qualifier:
            return parsed.points[0].start, parsed.points[0].precision
        earliest, latest = parsed.earliest, parsed.latest
        if earliest and latest and (earliest.year, earliest.month) == (latest.year, latest.month):
            return earliest, dates.MONTH
        if earliest and latest and earliest.year == latest.year:
            return earliest, dates.YEAR
        if earliest and not latest:  # on or after a day: only absolute phrases can be read
            return earliest, dates.UNBOUNDED
        raise dates.DateResolutionError(
            f"The publication of “{self.title}” is known only as {dates.in_words(parsed)}: "
            "a phrase read against it cannot be resolved; set the date directly."
        )


class Passage(models.Model):
    """A paragraph (non-empty line) of a source, addressed by a content-derived anchor."""

    VERBATIM_FIELDS = ("text",)

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="passages")
    anchor = models.CharField(max_length=32, help_text="Stable id, e.g. “p-1a2b3c4d”.")
    ordinal = models.PositiveIntegerField(help_text="Paragraph number within the source, from 1.")
    line = models.PositiveIntegerField(help_text="Line number in the file, from 1.")
    start = models.PositiveIntegerField(help_text="Character offset of the paragraph in the file.")
    end = models.PositiveIntegerField()
    text = models.TextField()
    section = models.CharField(
        max_length=10, choices=SectionKind.choices, default=SectionKind.REPORT
    )
    section_label = models.CharField(max_length=200, blank=True)
    derivation = models.CharField(
        max_length=12,
        choices=Derivation.choices,
        blank=True,
        help_text="How this part of the document derives from another report (its section in "
        "the manifest); empty when it is the document's own or the whole document derives.",
    )
    derived_from = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="derived_passages",
        help_text="The report this part of the document derives from.",
    )

    class Meta:
        ordering = ["source", "ordinal"]
        constraints = [
            models.UniqueConstraint(fields=["source", "anchor"], name="unique_passage_anchor")
        ]

    def __str__(self) -> str:
        return f"{self.source.slug} ¶{self.ordinal} ({self.anchor})"

    def get_absolute_url(self) -> str:
        return f"{self.source.get_absolute_url()}#{self.anchor}"

    @property
    def citable(self) -> bool:
        """Only the report is evidence: not what a republisher added, nor unrelated material."""
        return self.section == SectionKind.REPORT
