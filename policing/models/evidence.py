"""What supports an event: citations anchored in a source's words, and the figures they state."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from policing.links import citation_address
from policing.models.choices import Counted, Derivation, FigureScope, FigureStatus, Region
from policing.models.events import Event
from policing.models.sources import Country, Passage, Source
from policing.text import anchoring, derivation, figures


class Citation(models.Model):
    """An exact quote from a source supporting an event, resolved to a passage and span."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="citations", help_text="Cited document."
    )
    quote = models.TextField(
        help_text="The exact words of the source (spacing and quote marks may differ)."
    )
    claim = models.CharField(
        max_length=300,
        blank=True,
        help_text="For disputed events: what this source says on the disputed point.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Position among the citations.")
    passage = models.ForeignKey(
        Passage, on_delete=models.PROTECT, related_name="citations", editable=False, null=True
    )
    start = models.PositiveIntegerField(
        editable=False, null=True, help_text="Start of the quote within the passage."
    )
    end = models.PositiveIntegerField(editable=False, null=True)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            # The same words cited twice would show twice, as two citations, on the event.
            models.UniqueConstraint(
                fields=["event", "passage", "start", "end"], name="one_citation_per_span"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source.slug}: “{self.quote[:60]}”"

    def save(self, *args, **kwargs):
        if self.passage_id is None or not self._span_matches_quote():
            self.anchor()
        super().save(*args, **kwargs)
        self.event.refresh_search_text()

    def get_absolute_url(self) -> str:
        return citation_address(self.source.slug, self.passage_anchor, self.quoted_text)

    def reader_address(self) -> str:
        """The site's own link to the words: `get_absolute_url()` with `?event=`, so the
        reader marks this event's words apart. (Exports keep the address without it: the
        contract's `url` pattern is `/sources/<slug>/#…`.)"""
        return citation_address(
            self.source.slug, self.passage_anchor, self.quoted_text, self.event.slug
        )

    @property
    def passage_anchor(self) -> str | None:
        """The paragraph's anchor, or None for a citation that lost its paragraph (a row
        changed outside `save()`, or restored so): it then links to the whole source."""
        return self.passage.anchor if self.passage else None

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        if Event.objects.filter(pk=self.event_id).exists():
            self.event.refresh_search_text()
        return result

    def anchor(self, passages=None) -> None:
        """Resolve the quote to its passage and span, or raise a ValidationError saying why."""
        if passages is None:
            passages = list(self.source.passages.all())
        citable = [p for p in passages if p.citable]
        match = anchoring.find_quote(self.quote, citable) or anchoring.find_quote(
            self.quote, passages
        )
        if match is None:
            raise ValidationError(
                {"quote": anchoring.explain_miss(self.quote, self.source, passages)}
            )
        if not match.passage.citable:
            raise ValidationError(
                {
                    "quote": (
                        f"This quote is in material of “{self.source.title}” that is not part of "
                        f"the report ({match.passage.section_label or 'unrelated'}, line "
                        f"{match.passage.line}). Cite the report itself."
                    )
                }
            )
        self.passage, self.start, self.end = match.passage, match.start, match.end

    def clean(self):
        if self.source_id and self.quote:
            self.anchor()

    def _span_matches_quote(self) -> bool:
        if self.passage is None or self.start is None or self.end is None:
            return False
        if self.passage.source_id != self.source_id:
            return False
        stored = self.passage.text[self.start : self.end]
        return anchoring.normalise(stored) == anchoring.normalise(self.quote)

    @property
    def quoted_text(self) -> str:
        """The cited words as the source spells them."""
        return self.passage.text[self.start : self.end] if self.passage else self.quote

    @property
    def origin(self) -> Source:
        """The report these words come from: the source itself unless it (or the quoted part
        of it) derives from another (derivation.py)."""
        return derivation.citation_origin(self)

    @property
    def derivation(self) -> str:
        """How the quoted words derive from the origin ("rewrite", …), or ""."""
        return derivation.citation_derivation(self)

    @property
    def derived(self) -> bool:
        return self.origin.pk != self.source_id

    def get_derivation_display(self) -> str:
        return Derivation(self.derivation).label if self.derivation else ""


class Figure(models.Model):
    """A number one source gives for an event, in the words of one of the event's citations:
    people repatriated, officers trained, money. Where sources disagree, each claim is its own
    figure."""

    class Qualifier(models.TextChoices):
        EXACT = "exact", "exactly"
        AT_LEAST = "at least", "at least"
        MORE_THAN = "more than", "more than"
        ABOUT = "about", "about"

    # A number hedged so is only a floor: exported as `lower_bound`, not `value`.
    LOWER_BOUNDS = (Qualifier.AT_LEAST, Qualifier.MORE_THAN)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="figures")
    label = models.CharField(
        max_length=120,
        help_text="What this number is, e.g. “foreign law enforcement officers trained”.",
    )
    counts = models.CharField(
        "what it counts",
        max_length=40,
        choices=Counted.choices,
        blank=True,
        help_text="The group it is compared in on the figures page.",
    )
    value = models.DecimalField(
        max_digits=18,
        decimal_places=2,
        help_text="The number in full (190000000 for “A$190million”); for “more than 2,000”, "
        "2000 with the qualifier “more than”.",
    )
    qualifier = models.CharField(
        max_length=10,
        choices=Qualifier.choices,
        default=Qualifier.EXACT,
        help_text="As the source hedges it: “at least” and “more than” make it a lower bound.",
    )
    unit = models.CharField(
        max_length=40, blank=True, help_text="Unit or currency code, e.g. “people”, “AUD”."
    )
    status = models.CharField(
        max_length=10,
        choices=FigureStatus.choices,
        default=FigureStatus.REPORTED,
        help_text="Whether the source reports it as done, or as pledged, targeted or offered.",
    )
    period_edtf = models.CharField(
        "period (EDTF)",
        max_length=100,
        blank=True,
        help_text="The period the number covers, as the cited words give it, in EDTF: “2023”, "
        "“2018/2021”, “../2025” (by 2025), “2025-02”. Blank where the text gives none.",
    )
    scope = models.CharField(
        max_length=10,
        choices=FigureScope.choices,
        blank=True,
        help_text="What the number spans, as the cited words say or allow: worldwide (no place "
        "named, or “worldwide”, “foreign”), one region or country (name it below), or one "
        "programme, course or act (a course’s trainees, a forum’s delegations, one package).",
    )
    scope_region = models.CharField(
        "scope’s region",
        max_length=20,
        choices=Region.choices,
        blank=True,
        help_text="The region a regional figure spans (“African police”), or where one programme "
        "or act was, if the words name a region and no country.",
    )
    scope_country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="scoped_figures",
        verbose_name="scope’s country",
        help_text="The country a national figure spans, or where one programme or act was.",
    )
    citation = models.ForeignKey(
        Citation,
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="figures",
        help_text="The event’s citation whose words state this number (save a new citation "
        "first, then choose it).",
    )
    source = models.ForeignKey(
        Source,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="figures",
        help_text="The source that gives this number: the citation’s source.",
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope_region="") | models.Q(scope_country__isnull=True),
                name="figure_scope_one_place",
            )
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.display_value}"

    def save(self, *args, **kwargs):
        if self.citation_id:
            self.source_id = Citation.objects.values_list("source_id", flat=True).get(
                pk=self.citation_id
            )
        super().save(*args, **kwargs)

    @property
    def is_lower_bound(self) -> bool:
        return self.qualifier in self.LOWER_BOUNDS

    @property
    def display_number(self) -> str:
        """The number as a reader writes it: 2,700; 3.3."""
        if self.value == self.value.to_integral_value():
            return f"{int(self.value):,}"
        return f"{self.value.normalize():,}"

    @property
    def display_value(self) -> str:
        prefix = "" if self.qualifier == self.Qualifier.EXACT else f"{self.qualifier} "
        return f"{prefix}{self.display_number} {self.unit}".strip()

    @property
    def period_display(self) -> str:
        return figures.period_in_words(self.period_edtf)

    @property
    def scope_key(self) -> tuple[str, str, str]:
        """What the number spans, as one value: the scope and its region or country."""
        return self.scope, self.scope_region, self.scope_country_id or ""

    @property
    def scope_place(self) -> str:
        """The region or country the scope names, in words, or ""."""
        if self.scope_country_id:
            return self.scope_country.name
        return Region(self.scope_region).label if self.scope_region else ""

    @property
    def scope_display(self) -> str:
        """“Worldwide”, “Region: Africa”, “One programme, course or act (Solomon Islands)”."""
        if not self.scope:
            return "Scope not yet set"
        place = self.scope_place
        if self.scope == FigureScope.WORLDWIDE:
            return "Worldwide"
        if self.scope == FigureScope.SINGLE:
            label = FigureScope.SINGLE.label.capitalize()
            return f"{label} ({place})" if place else label
        return f"{'Region' if self.scope == FigureScope.REGION else 'Country'}: {place}"

    def clean(self):
        errors = {}
        if problem := self._scope_problem():
            errors[problem[0]] = problem[1]
        if self.period_edtf:
            try:
                self.period_edtf = figures.parse_period(self.period_edtf, check=True).text
            except figures.FigureError as error:
                errors["period_edtf"] = str(error)
        citation = self.citation if self.citation_id else None
        if citation is not None:
            if self.event_id and citation.event_id != self.event_id:
                errors["citation"] = "Choose one of this event’s own citations."
            elif self.value is not None and (
                problem := figures.stated_problem(citation.quote, self.value, self.qualifier)
            ):
                errors["citation"] = problem
        if errors:
            raise ValidationError(errors)

    def _scope_problem(self) -> tuple[str, str] | None:
        """The field whose value does not fit the scope, and why; None if they fit."""
        region, country = bool(self.scope_region), bool(self.scope_country_id)
        if self.scope == FigureScope.REGION and (country or not region):
            return "scope_region", "A regional figure names its region, and no country."
        if self.scope == FigureScope.COUNTRY and (region or not country):
            return "scope_country", "A national figure names its country, and no region."
        if self.scope in ("", FigureScope.WORLDWIDE) and (region or country):
            return "scope", "Only a regional, national or single figure names a place."
        if region and country:
            return "scope_region", "Name the country or the region, not both."
        return None
