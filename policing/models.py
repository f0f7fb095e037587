"""The data: sources split into passages, and curated events whose citations anchor in them."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from . import anchoring, dates, derivation, figures, search
from .links import address, citation_address
from .querysets import TIMELINE_ORDER, EventQuerySet, SourceQuerySet, public


class Region(models.TextChoices):
    SOUTHEAST_ASIA = "southeast-asia", "Southeast Asia"
    EAST_ASIA = "east-asia", "East Asia"
    SOUTH_ASIA = "south-asia", "South Asia"
    CENTRAL_ASIA = "central-asia", "Central Asia"
    PACIFIC = "pacific", "Pacific"
    MIDDLE_EAST = "middle-east", "Middle East"
    AFRICA = "africa", "Africa"
    EUROPE = "europe", "Europe"
    NORTH_AMERICA = "north-america", "North America"
    LATIN_AMERICA = "latin-america", "Latin America"


class Precision(models.TextChoices):
    DAY = dates.DAY, "Day"
    MONTH = dates.MONTH, "Month"
    YEAR = dates.YEAR, "Year"


class Kind(models.TextChoices):
    REPATRIATION = "repatriation", "Repatriation"
    TRAINING = "training", "Training"
    AGREEMENT_SIGNED = "agreement-signed", "Agreement signed"
    AGREEMENT_CHANGED = "agreement-changed", "Agreement suspended, revoked or amended"
    JOINT_PATROL = "joint-patrol", "Joint patrol"
    DEPLOYMENT = "deployment", "Deployment"
    ANNOUNCEMENT = "announcement", "Policy or announcement"
    SCRUTINY = "scrutiny", "Scrutiny: hearings, indictments, reports"


class Activity(models.TextChoices):
    """What the event is an instance of."""

    REPATRIATION = "repatriation", "Repatriation"
    TRAINING = "training", "Training"
    AGREEMENT = "agreement", "Agreement"
    JOINT_PATROL = "joint-patrol", "Joint patrol"
    DEPLOYMENT = "deployment", "Deployment"
    POLICY = "policy", "Policy or initiative"
    VISIT = "visit", "Visit or meeting"
    SCRUTINY = "scrutiny", "Scrutiny: hearings, indictments, reports"


class Stage(models.TextChoices):
    """What happened to the activity in this event, as the text states it."""

    PLEDGED = "pledged", "Pledged or offered"
    ANNOUNCED = "announced", "Announced"
    SIGNED = "signed", "Signed or agreed"
    STARTED = "started", "Started"
    COMPLETED = "completed", "Delivered or completed"
    SUSPENDED = "suspended", "Suspended or put on hold"
    AMENDED = "amended", "Amended"
    ENDED = "ended", "Ended or revoked"
    REJECTED = "rejected", "Rejected"
    CHARGED = "charged", "Investigated or charged"
    REPORTED = "reported", "Reported"


# The single kind events had before activity and stage, kept (derived) for the export contract
# and old permalinks: an agreement's kind depends on its stage, every other activity has one.
_AGREEMENT_KINDS = {
    Stage.PLEDGED: Kind.ANNOUNCEMENT,
    Stage.ANNOUNCED: Kind.ANNOUNCEMENT,
    Stage.SUSPENDED: Kind.AGREEMENT_CHANGED,
    Stage.AMENDED: Kind.AGREEMENT_CHANGED,
    Stage.ENDED: Kind.AGREEMENT_CHANGED,
    Stage.REJECTED: Kind.AGREEMENT_CHANGED,
}
_ACTIVITY_KINDS = {
    Activity.REPATRIATION: Kind.REPATRIATION,
    Activity.TRAINING: Kind.TRAINING,
    Activity.JOINT_PATROL: Kind.JOINT_PATROL,
    Activity.DEPLOYMENT: Kind.DEPLOYMENT,
    Activity.POLICY: Kind.ANNOUNCEMENT,
    Activity.VISIT: Kind.ANNOUNCEMENT,
    Activity.SCRUTINY: Kind.SCRUTINY,
}


# Each kind as an activity and, where the kind implied one, a stage (migration 0010 moved
# existing events by the same table; "agreement-changed" took the stage "amended").
KIND_AS_ACTIVITY = {
    Kind.REPATRIATION: (Activity.REPATRIATION, ""),
    Kind.TRAINING: (Activity.TRAINING, ""),
    Kind.AGREEMENT_SIGNED: (Activity.AGREEMENT, Stage.SIGNED),
    Kind.AGREEMENT_CHANGED: (Activity.AGREEMENT, Stage.AMENDED),
    Kind.JOINT_PATROL: (Activity.JOINT_PATROL, ""),
    Kind.DEPLOYMENT: (Activity.DEPLOYMENT, ""),
    Kind.ANNOUNCEMENT: (Activity.POLICY, Stage.ANNOUNCED),
    Kind.SCRUTINY: (Activity.SCRUTINY, ""),
}


def kind_of(activity: str, stage: str) -> str:
    """The kind an event of this activity and stage had in the first model."""
    if activity == Activity.AGREEMENT:
        return _AGREEMENT_KINDS.get(stage, Kind.AGREEMENT_SIGNED)
    return _ACTIVITY_KINDS.get(activity, "")


# The subject of the whole timeline: the country on China's side of every event.
SUBJECT_COUNTRY = "CN"


def free_slug(model, text: str, fallback: str) -> str:
    """A slug of `text` that no row of `model` has yet: "-2", "-3" … added when taken, within
    the slug field's length."""
    room = model._meta.get_field("slug").max_length - 10
    base = slugify(text)[:room] or fallback
    slug, n = base, 1
    while model._default_manager.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class Role(models.TextChoices):
    """A state's part in an event. The timeline is about China's policing diplomacy, so its
    facets select by the other parties: where that diplomacy reached."""

    SUBJECT = "subject", "China’s side"
    COUNTERPART = "counterpart", "Counterpart (partner, host, recipient)"
    OBJECTOR = "objector", "Objector"
    THIRD_PARTY = "third-party", "Third party"


# The roles the country and region facets select by.
OTHER_PARTIES = (Role.COUNTERPART, Role.OBJECTOR, Role.THIRD_PARTY)


class ActorKind(models.TextChoices):
    PERSON = "person", "Person"
    GOVERNMENT_BODY = "government-body", "Government body"
    POLICE_FORCE = "police-force", "Police force"
    ORGANISATION = "organisation", "Organisation"
    RESEARCH_BODY = "research-body", "Research body"


class ActorRole(models.TextChoices):
    ANNOUNCED = "announced", "announced"
    NEGOTIATED = "negotiated", "negotiated"
    SIGNED = "signed", "signed"
    MET = "met", "met"
    VISITED = "visited", "visited"
    HOSTED = "hosted", "hosted"
    TRAINED = "trained", "trained"
    DEPLOYED = "deployed", "deployed"
    REPATRIATED = "repatriated", "repatriated"
    FUNDED = "funded", "funded"
    OBJECTED = "objected", "objected"
    ENDED = "ended", "ended"
    INVESTIGATED = "investigated", "investigated"
    CHARGED = "charged", "charged"
    ACCUSED = "accused", "was accused"
    REPORTED = "reported", "reported"


class Relation(models.TextChoices):
    """How an event bears on an earlier one."""

    AMENDS = "amends", "amends"
    ENDS = "ends", "ends"
    RESPONDS_TO = "responds-to", "responds to"
    FOLLOWS_FROM = "follows-from", "follows from"
    PART_OF = "part-of", "is part of"


class SectionKind(models.TextChoices):
    REPORT = "report", "Report"
    ADDED = "added", "Added by the republisher"
    UNRELATED = "unrelated", "Not part of the report"


class Derivation(models.TextChoices):
    """How a document, or a part of one, derives from another report (see derivation.py)."""

    SYNDICATION = "syndication", "Syndicated copy"
    REWRITE = "rewrite", "Rewrite"
    SUMMARY = "summary", "Summary"


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
        return self.original_url or ("" if self.carried_by else self.url)

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
        shown = dates.in_words(self.published_edtf or self._legacy_published())
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


UNCITED = (
    "A published event must cite at least one source: add a citation with the source’s exact "
    "words, or untick “Published” to keep it as a draft."
)


class Thread(models.Model):
    """The life of one arrangement or programme, told as events (signed → amended → ended)."""

    slug = models.SlugField(max_length=120, unique=True, help_text="Identifier in its URL.")
    title = models.CharField(max_length=200, help_text="e.g. “Fiji–China policing agreement”.")
    summary = models.TextField(help_text="One neutral sentence on what the thread follows.")

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return address("thread-detail", self.slug)


class Actor(models.Model):
    """A person or organisation the sources name as acting in events."""

    slug = models.SlugField(max_length=120, unique=True, help_text="Identifier in its URL.")
    name = models.CharField(max_length=200, unique=True, help_text="As the sources name them.")
    kind = models.CharField(max_length=20, choices=ActorKind.choices)
    country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actors",
        help_text="The state they belong to or serve, if any.",
    )
    description = models.CharField(
        max_length=300, help_text="One line, saying only what the sources say of them."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return address("actor-detail", self.slug)


# The first model's date fields, derived from `Event.date_edtf` and kept for the exports.
LEGACY_DATE_FIELDS = (
    "date_start",
    "date_precision",
    "date_approximate",
    "date_end",
    "date_end_precision",
)
# The years an open start or an unbounded open end is stored as, for the year filters: such
# an event may fall in any year before (or after) its known bound.
OPEN_START_YEAR, OPEN_END_YEAR = 0, 9999


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
    # Years kept as integers so year filters and the per-year bars need no date functions,
    # which SQLite runs in Python for every row.
    start_year = models.PositiveSmallIntegerField(editable=False, default=0)
    end_year = models.PositiveSmallIntegerField(
        editable=False, default=0, help_text="The year the event (or its span) ends."
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
        self.start_year, self.end_year = self.years_covered()
        self.kind = kind_of(self.activity, self.stage)
        if kwargs.get("update_fields") is not None:
            derived = {"edit_token", "search_text", "start_year", "end_year", "kind"}
            derived |= {"date_edtf", "date_earliest", "date_latest", *LEGACY_DATE_FIELDS}
            kwargs["update_fields"] = {*kwargs["update_fields"], *derived}
        super().save(*args, **kwargs)
        self._loaded_dates = self._legacy_dates()

    def get_absolute_url(self) -> str:
        return address("event-detail", self.slug)

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
        """The years the event may fall in, for the year filters (docs/corpus.md, “Dates”):
        from its earliest year (0 if the start is open) to its latest; an open end is bounded
        by the publication of the source it is dated from, which reports it as past."""
        earliest, latest = self.date_earliest, self.date_latest
        if latest is None and self.date_source_id:
            latest = self.date_source.published_latest
        start = earliest.year if earliest else OPEN_START_YEAR
        end = latest.year if latest else OPEN_END_YEAR
        return start, max(start, end)

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
        return dates.ResolvedDate(
            start=self.date_start,
            precision=self.date_precision,
            approximate=self.date_approximate,
            end=self.date_end,
            end_precision=self.date_end_precision or None,
        )

    @property
    def date_display(self) -> str:
        """The date in words (dates.in_words), as every page and feed shows it."""
        if self.date_edtf:
            return dates.in_words(self.date_edtf)
        return self.resolved_date.display()

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


class Participant(models.Model):
    """A state taking part in an event, and its role; where the text names no state, only a
    region ("African police"), the region alone."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="participations"
    )
    region = models.CharField(
        max_length=20,
        choices=Region.choices,
        blank=True,
        help_text="The country's region (filled in), or the region the text names instead.",
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.COUNTERPART)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "country"], name="one_role_per_country_and_event"
            ),
            models.CheckConstraint(
                condition=~Q(country__isnull=True, region=""), name="participant_country_or_region"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country or Region(self.region).label}: {self.get_role_display()}"

    def save(self, *args, **kwargs):
        if self.country_id:
            self.region = Country.objects.values_list("region", flat=True).get(pk=self.country_id)
        super().save(*args, **kwargs)

    def clean(self):
        if not self.country_id and not self.region:
            raise ValidationError("Give the country, or the region where the text names none.")


class EventActor(models.Model):
    """An actor in an event, with what they did in it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="actor_roles")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="event_roles")
    role = models.CharField(max_length=20, choices=ActorRole.choices)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "actor", "role"], name="one_actor_role")
        ]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_role_display()}"


class EventRelation(models.Model):
    """One event bearing on another: the later one amends, ends or responds to the earlier."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="relations")
    other = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="related_from", verbose_name="event"
    )
    relation = models.CharField(max_length=20, choices=Relation.choices)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "other", "relation"], name="one_relation"),
            models.CheckConstraint(condition=~Q(event=models.F("other")), name="not_to_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.get_relation_display()} {self.other}"

    def clean(self):
        if self.event_id and self.event_id == self.other_id:
            raise ValidationError({"other": "An event cannot relate to itself."})
        event, other = getattr(self, "event", None), getattr(self, "other", None)
        dated = event and other and event.date_start and other.date_start
        if dated and other.date_start > (event.date_end or event.date_start):
            raise ValidationError(
                {
                    "other": f"“{other}” is dated after this event: it cannot be what this "
                    f"event {self.get_relation_display()}."
                }
            )


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


class Counted(models.TextChoices):
    """What a figure counts: the key the /figures/ page groups by, so that figures of the same
    thing given by different sources or for different periods sit together."""

    FOREIGN_POLICE_TRAINED = "foreign-police-trained", "Foreign police trained by China"
    PEOPLE_REPATRIATED = "people-repatriated", "People repatriated to China"
    POLICE_FUNDING = "police-funding", "Money for police support"
    EMBASSY_POLICE = "embassy-police", "Countries with Chinese police at their embassies"
    FORUM_ATTENDANCE = "forum-attendance", "Delegations at a policing forum"
    REGIONAL_DEAL_STATES = "regional-deal-states", "Pacific states and the regional security deal"
    SERVICE_STATIONS = "service-stations", "Chinese police “service stations” alleged abroad"
    OFFICERS_INDICTED = "officers-indicted", "Chinese police officers indicted"
    CHINESE_POLICE_TRAINED_ABROAD = (
        "chinese-police-trained-abroad",
        "Chinese police trained abroad, and what it earned",
    )
    PERSON_AGE = "person-age", "Ages of people named in events"


class FigureStatus(models.TextChoices):
    """What the source says of the number: that it happened, that it is promised, or on offer."""

    REPORTED = "reported", "reported as done"
    PLEDGED = "pledged", "pledged or targeted"
    OFFERED = "offered", "offered"


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

    def clean(self):
        errors = {}
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


class ProposalStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted (new event)"
    MERGED = "merged", "Merged (cited in an existing event)"
    REJECTED = "rejected", "Rejected"


class Proposal(models.Model):
    """A candidate event read from a source's words (policing/proposals.py), anchored to them
    and kept for an editor: nothing is published until one accepts it. A rejected proposal
    stays, so that proposing the source again does not offer it again (its fingerprint)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="proposals")
    passage = models.ForeignKey(
        Passage, on_delete=models.CASCADE, null=True, blank=True, related_name="proposals"
    )
    quote = models.TextField(help_text="The source's words, verbatim.")
    start = models.PositiveIntegerField(help_text="Start of the quote within the passage.")
    end = models.PositiveIntegerField(help_text="End of the quote within the passage.")
    date_text = models.CharField(
        "date as written", max_length=200, blank=True, help_text="The date phrase found."
    )
    date_edtf = models.CharField("date (EDTF)", max_length=100, blank=True)
    date_start = models.DateField(null=True, blank=True, help_text="Earliest day of the date.")
    date_precision = models.CharField(max_length=5, choices=Precision.choices, blank=True)
    date_reading = models.TextField(
        "how the date was read", blank=True, help_text="How the phrase was read, in words."
    )
    countries = models.JSONField(default=list, blank=True, help_text="ISO alpha-2 codes.")
    activity = models.CharField(max_length=20, choices=Activity.choices, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    actors = models.JSONField(default=list, blank=True, help_text="Names of known actors.")
    figures = models.JSONField(default=list, blank=True, help_text="Numbers the words state.")
    matches = models.JSONField(
        default=list,
        blank=True,
        help_text="Existing events the words may state: [{slug, score, relation}].",
    )
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    reject_reason = models.TextField(blank=True)
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        help_text="The event created or cited on acceptance.",
    )
    fingerprint = models.CharField(
        max_length=64,
        editable=False,
        help_text="sha256 of the whitespace-normalised quote and its passage's anchor.",
    )
    created = models.DateTimeField(auto_now_add=True)
    decided = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["source", "passage__ordinal", "start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "fingerprint"], name="one_proposal_per_quote_and_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source.slug}: “{self.quote[:60]}”"

    @staticmethod
    def fingerprint_of(quote: str, anchor: str | None) -> str:
        """sha256 of the quote with its whitespace collapsed and the passage it is in."""
        words = " ".join(quote.split())
        return hashlib.sha256(f"{anchor or ''}\n{words}".encode()).hexdigest()


# History: a version of an event includes its citations and figures, so restoring or
# recovering an event brings them back as they were.
reversion.register(Citation)
reversion.register(Figure)
reversion.register(Participant)
reversion.register(EventActor)
reversion.register(EventRelation)
reversion.register(Actor)
reversion.register(Thread)
# A decision on a proposal is in the same revision as the event it made or cited.
reversion.register(Proposal)
reversion.register(
    Event, follow=["citations", "figures", "participants", "actor_roles", "relations"]
)
