"""The tables of a release: each declared once (its fields, types, values, keys and what each
field means), written as CSV from the export contract's objects, and described from the same
declaration in `datapackage.json` (a Table Schema per table) and in CODEBOOK.md.

The tables join on their keys without parsing a cell: an event is its `slug`, a country its
ISO code, an actor, thread or source its slug; a participant, citation or figure is its event
and its position among the event's (from 0, as in the contract's lists).
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import TextChoices

from policing.exports import contract, rows
from policing.models import (
    Activity,
    Actor,
    ActorKind,
    ActorRole,
    Counted,
    Country,
    Derivation,
    Event,
    Figure,
    FigureScope,
    FigureStatus,
    Kind,
    Passage,
    Precision,
    Region,
    Relation,
    Role,
    Source,
    Stage,
    Thread,
)


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, number, boolean, date
    description: str
    choices: type[TextChoices] | None = None  # the values it may take, with their labels
    required: bool = False

    def schema(self) -> dict:
        described = {"name": self.name, "type": self.type, "description": self.description}
        if self.type == "boolean":
            described |= {"trueValues": ["true"], "falseValues": ["false"]}
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.choices is not None:
            constraints["enum"] = list(self.choices.values)
        if constraints:
            described["constraints"] = constraints
        return described


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    # (columns, table referred to, its columns)
    references: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = field(default=())

    @property
    def path(self) -> str:
        return f"data/{self.name}.csv"

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]

    def schema(self) -> dict:
        return {
            "fields": [column.schema() for column in self.columns],
            "missingValues": [""],
            "primaryKey": list(self.key),
            "foreignKeys": [
                {
                    "fields": list(columns),
                    "reference": {
                        "resource": "" if other == self.name else other,
                        "fields": list(to),
                    },
                }
                for columns, other, to in self.references
            ],
        }


def _event(description="The event's slug (events.slug).") -> Column:
    return Column("event", "string", description, required=True)


def _position(what: str) -> Column:
    return Column(
        "position", "integer", f"The {what}'s place among the event's, from 0.", required=True
    )


EVENTS = Table(
    "events",
    "One row per published event.",
    (
        Column("slug", "string", "The event's identifier, in its address.", required=True),
        Column("title", "string", "A short factual headline.", required=True),
        Column("activity", "string", "What the event is an instance of.", Activity, True),
        Column(
            "stage",
            "string",
            "What happened to the activity, as the text states it; empty where it does not say.",
            Stage,
        ),
        Column(
            "kind",
            "string",
            "The first model's single kind, derived from the activity and stage.",
            Kind,
        ),
        Column(
            "date_edtf",
            "string",
            "The date as EDTF (ISO 8601-2): a day, month or year, an interval, one of a set, "
            "or one day in a window; see “Dates” below.",
            required=True,
        ),
        Column("date_text", "string", "The date phrase as the source writes it."),
        Column(
            "date_set_by_editor",
            "boolean",
            "True where no phrase of the sources states the date and the editors set it.",
            required=True,
        ),
        Column(
            "date_in_words", "string", "The date in words, as the site shows it.", required=True
        ),
        Column("date_reading", "string", "How the words were read to give the date."),
        Column(
            "date_earliest", "date", "The earliest day the date allows; empty for an open start."
        ),
        Column("date_latest", "date", "The latest day the date allows; empty for an open end."),
        Column(
            "date_start",
            "date",
            "The first model's date: the earliest day (the only bound of an open start).",
            required=True,
        ),
        Column("date_precision", "string", "How much of date_start is known.", Precision, True),
        Column(
            "date_approximate",
            "boolean",
            "True unless the date is one known date or span.",
            required=True,
        ),
        Column(
            "date_end", "date", "The last date of a range, set or window; empty for a single date."
        ),
        Column(
            "first_year",
            "integer",
            "The first year the event is placed in (what the year filters match).",
            required=True,
        ),
        Column("last_year", "integer", "The last year the event is placed in.", required=True),
        Column(
            "year_certain",
            "boolean",
            "False where the event only may fall in each of those years.",
            required=True,
        ),
        Column(
            "summary",
            "string",
            "One or two neutral sentences in the editors' words.",
            required=True,
        ),
        Column(
            "disputed",
            "boolean",
            "True where the sources disagree about a date or figure (see citations.reading).",
            required=True,
        ),
        Column("dispute_note", "string", "What the sources disagree about; empty unless disputed."),
        Column(
            "thread", "string", "The thread (threads.slug) the event is a step of; empty for none."
        ),
        Column(
            "independent_sources",
            "integer",
            "How many independent reports its citations come from (distinct citations.origin).",
            required=True,
        ),
        Column("permalink", "string", "The event's page on the site.", required=True),
    ),
    key=("slug",),
    references=((("thread",), "threads", ("slug",)),),
)

PARTICIPANTS = Table(
    "participants",
    "Each state taking part in an event, with its role; where the text names no state, the "
    "region alone.",
    (
        _event(),
        _position("participant"),
        Column(
            "country",
            "string",
            "ISO 3166-1 alpha-2 code (countries.code); empty where the text names only a region.",
        ),
        Column(
            "region",
            "string",
            "The country's region, or the region the text names instead.",
            Region,
            True,
        ),
        Column("role", "string", "The state's part in the event.", Role, True),
    ),
    key=("event", "position"),
    references=(
        (("event",), "events", ("slug",)),
        (("country",), "countries", ("code",)),
    ),
)

EVENT_ACTORS = Table(
    "event_actors",
    "Each actor an event names, with what they did in it.",
    (
        _event(),
        Column("actor", "string", "The actor (actors.slug).", required=True),
        Column("role", "string", "What the actor did in the event.", ActorRole, True),
    ),
    key=("event", "actor", "role"),
    references=(
        (("event",), "events", ("slug",)),
        (("actor",), "actors", ("slug",)),
    ),
)

ACTORS = Table(
    "actors",
    "People and bodies the sources name as acting in events.",
    (
        Column("slug", "string", "The actor's identifier, in its address.", required=True),
        Column("name", "string", "As the sources name them.", required=True),
        Column("kind", "string", "What sort of actor.", ActorKind, True),
        Column(
            "country",
            "string",
            "The state they belong to or serve (countries.code); empty for none.",
        ),
        Column(
            "description",
            "string",
            "One line, saying only what the sources say of them.",
            required=True,
        ),
    ),
    key=("slug",),
    references=((("country",), "countries", ("code",)),),
)

THREADS = Table(
    "threads",
    "Threads: the life of one arrangement or programme, told as events.",
    (
        Column("slug", "string", "The thread's identifier, in its address.", required=True),
        Column("title", "string", "What the thread follows.", required=True),
        Column("summary", "string", "One neutral sentence on it.", required=True),
    ),
    key=("slug",),
)

RELATIONS = Table(
    "relations",
    "An event bearing on an earlier one (only between events of this release).",
    (
        _event("The later event (events.slug)."),
        Column("related", "string", "The earlier event it bears on (events.slug).", required=True),
        Column("relation", "string", "How it bears on it.", Relation, True),
    ),
    key=("event", "related", "relation"),
    references=(
        (("event",), "events", ("slug",)),
        (("related",), "events", ("slug",)),
    ),
)

CITATIONS = Table(
    "citations",
    "Each citation of an event: the exact words of a source that support it.",
    (
        _event(),
        _position("citation"),
        Column("source", "string", "The cited document (sources.slug).", required=True),
        Column(
            "passage",
            "string",
            "The anchor of the quoted paragraph in the document; empty where it is gone.",
        ),
        Column("quote", "string", "The exact words.", required=True),
        Column("url", "string", "The site's path to the highlighted words.", required=True),
        Column("absolute_url", "string", "The same link with the site's address.", required=True),
        Column(
            "origin",
            "string",
            "The report the words come from (sources.slug): the source itself unless it, or "
            "the quoted part, derives from another.",
            required=True,
        ),
        Column("derived", "boolean", "True where origin is another document.", required=True),
        Column(
            "derivation",
            "string",
            "How the words derive from the origin; empty for a report of its own.",
            Derivation,
        ),
        Column(
            "reading", "string", "For a disputed event: what these words say on the disputed point."
        ),
    ),
    key=("event", "position"),
    references=(
        (("event",), "events", ("slug",)),
        (("source",), "sources", ("slug",)),
        (("origin",), "sources", ("slug",)),
    ),
)

FIGURES = Table(
    "figures",
    "Numbers a source gives for an event, each in the words of one of its citations.",
    (
        _event(),
        _position("figure"),
        Column("label", "string", "What the number is.", required=True),
        Column("counts", "string", "What it counts: the group it is compared in.", Counted),
        Column(
            "value",
            "number",
            "The number where the source states it (exactly or about); empty where only a "
            "floor is stated.",
        ),
        Column(
            "lower_bound",
            "number",
            "The floor where the source states only one (“more than 2,000”).",
        ),
        Column("qualifier", "string", "The source's hedge.", Figure.Qualifier, True),
        Column("unit", "string", "Unit or currency code."),
        Column("status", "string", "What the source says of the number.", FigureStatus, True),
        Column(
            "period_edtf",
            "string",
            "The period it covers, in EDTF; empty where the words give none.",
        ),
        Column(
            "citation",
            "integer",
            "The position of the citation that states it (with event: citations.event, "
            "citations.position).",
        ),
        Column("source", "string", "The source that gives it (sources.slug)."),
        Column(
            "scope",
            "string",
            "What the number spans; figures of different scopes are not comparable. Empty "
            "where an editor has not set it.",
            FigureScope,
        ),
        Column(
            "scope_region",
            "string",
            "The region a regional figure spans, or where one programme or act was.",
            Region,
        ),
        Column(
            "scope_country",
            "string",
            "The country a national figure spans, or where one programme or act was "
            "(countries.code).",
        ),
    ),
    key=("event", "position"),
    references=(
        (("event",), "events", ("slug",)),
        # Not declared: (event, citation) → citations (event, position), which a figure stated
        # by no citation leaves half empty, and frictionless checks a key unless all of it is.
        (("source",), "sources", ("slug",)),
        (("scope_country",), "countries", ("code",)),
    ),
)

SOURCES = Table(
    "sources",
    "The source documents events cite, and what each derives from as a whole.",
    (
        Column("slug", "string", "The document's identifier, in its address.", required=True),
        Column("title", "string", "Its headline.", required=True),
        Column("outlet", "string", "Who published the report.", required=True),
        Column(
            "carried_by",
            "string",
            "The site a verbatim copy was captured from; empty for the outlet's own.",
        ),
        Column(
            "published",
            "string",
            "The publication date as EDTF, at the precision the text supports.",
            required=True,
        ),
        Column(
            "published_inferred",
            "boolean",
            "True where the document carries no date and it was inferred.",
            required=True,
        ),
        Column("url", "string", "Where this copy was published; empty where unknown."),
        Column(
            "original_url", "string", "Where the outlet published the report; empty where unknown."
        ),
        Column(
            "derivation",
            "string",
            "How the whole document derives from derived_from; empty for a report of its own.",
            Derivation,
        ),
        Column(
            "derived_from",
            "string",
            "The report the whole document copies, rewrites or summarises (sources.slug).",
        ),
    ),
    key=("slug",),
    references=((("derived_from",), "sources", ("slug",)),),
)

SOURCE_PARTS = Table(
    "source_parts",
    "Parts of a document that derive from another report, where only a part does.",
    (
        Column("source", "string", "The document (sources.slug).", required=True),
        Column("first_paragraph", "integer", "Its first paragraph (from 1).", required=True),
        Column("last_paragraph", "integer", "Its last paragraph.", required=True),
        Column("derivation", "string", "How the part derives.", Derivation, True),
        Column(
            "derived_from", "string", "The report it derives from (sources.slug).", required=True
        ),
    ),
    key=("source", "first_paragraph"),
    references=(
        (("source",), "sources", ("slug",)),
        (("derived_from",), "sources", ("slug",)),
    ),
)

COUNTRIES = Table(
    "countries",
    "The states events name.",
    (
        Column("code", "string", "ISO 3166-1 alpha-2 code.", required=True),
        Column("name", "string", "Short English name.", required=True),
        Column("region", "string", "The region the timeline's filter puts it in.", Region, True),
    ),
    key=("code",),
)

TABLES = (
    EVENTS,
    PARTICIPANTS,
    EVENT_ACTORS,
    ACTORS,
    THREADS,
    RELATIONS,
    CITATIONS,
    FIGURES,
    SOURCES,
    SOURCE_PARTS,
    COUNTRIES,
)


def cell(value) -> str:
    """A value as a CSV cell: true and false as JSON writes them, null as an empty cell."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


class Writers:
    """One CSV writer per table, over files the caller opened; counts the rows, and the rows
    of each value of a coded field (for the codebook)."""

    def __init__(self, files: dict):
        self.writers = {
            name: csv.writer(stream, lineterminator="\r\n") for name, stream in files.items()
        }
        self.counts = dict.fromkeys(files, 0)
        self.values = {table.name: {} for table in TABLES}
        self._coded = {
            table.name: [(i, c.name) for i, c in enumerate(table.columns) if c.choices]
            for table in TABLES
        }
        for table in TABLES:
            self.writers[table.name].writerow(table.names)

    def write(self, table: Table, row: Iterable) -> None:
        cells = [cell(value) for value in row]
        self.writers[table.name].writerow(cells)
        self.counts[table.name] += 1
        values = self.values[table.name]
        for index, name in self._coded[table.name]:
            counter = values.get(name)
            if counter is None:
                counter = values[name] = Counter()
            counter[cells[index]] += 1


def write_event(writers: Writers, event: dict, relations: list) -> None:
    """An event's rows in every table it has rows in, from its export object (`relations`
    collects its relations, written once every released event is known)."""
    slug = event["slug"]
    earliest, latest = event["years_placed"]
    dispute = event["dispute"] or {}
    writers.write(
        EVENTS,
        [
            slug,
            event["title"],
            event["activity"],
            event["stage"],
            event["kind"],
            event["date_edtf"],
            event["date_text"],
            event["date_set_by_editor"],
            event["date_in_words"],
            event["date_reading"],
            event["date_earliest"],
            event["date_latest"],
            event["date_start"],
            event["date_precision"],
            event["date_approximate"],
            event["date_end"],
            earliest,
            latest,
            event["year_certain"],
            event["summary"],
            event["disputed"],
            dispute.get("note"),
            event["thread"],
            event["independent_sources"],
            event["permalink"],
        ],
    )
    for position, p in enumerate(event["participants"]):
        writers.write(PARTICIPANTS, [slug, position, p["country"], p["region"], p["role"]])
    for actor in event["actors"]:
        writers.write(EVENT_ACTORS, [slug, actor["slug"], actor["role"]])
    relations.extend((slug, r["slug"], r["relation"]) for r in event["related"])
    readings = {
        words["citation"]: words["reading"]
        for claim in dispute.get("claims", [])
        for words in claim["words"]
    }
    for position, c in enumerate(event["citations"]):
        writers.write(
            CITATIONS,
            [
                slug,
                position,
                c["source"],
                c["passage"],
                c["quote"],
                c["url"],
                c["absolute_url"],
                c["origin"],
                c["derived"],
                c["derivation"],
                readings.get(position),
            ],
        )
    for position, f in enumerate(event["figures"]):
        writers.write(
            FIGURES,
            [
                slug,
                position,
                f["label"],
                f["counts"],
                f["value"],
                f["lower_bound"],
                f["qualifier"],
                f["unit"],
                f["status"],
                f["period_edtf"],
                f["citation"],
                f["source"],
                f["scope"],
                f["scope_region"],
                f["scope_country"],
            ],
        )


def write_relations(writers: Writers, relations: list, released: set) -> None:
    """Relations between events of the release (a relation to a draft is in the event's
    `related` in events.ndjson, not here, where `related` must be a released event)."""
    for event, related, relation in sorted(set(relations)):
        if related in released:
            writers.write(RELATIONS, [event, related, relation])


def write_catalogue(writers: Writers) -> None:
    """The tables read from the database: countries, actors, threads and sources (with the
    parts of documents that derive)."""
    for row in Country.objects.order_by("code").values_list("code", "name", "region"):
        writers.write(COUNTRIES, row)
    actors = Actor.objects.order_by("slug")
    for row in actors.values_list("slug", "name", "kind", "country_id", "description"):
        writers.write(ACTORS, row)
    for row in Thread.objects.order_by("slug").values_list("slug", "title", "summary"):
        writers.write(THREADS, row)
    sources = Source.objects.order_by("slug").values_list(
        "slug",
        "title",
        "outlet",
        "carried_by",
        "published_edtf",
        "published_inferred",
        "url",
        "original_url",
        "derivation",
        "rewrite_of__slug",
    )
    for row in sources:
        writers.write(SOURCES, row)
    for part in source_parts():
        writers.write(SOURCE_PARTS, part)


def source_parts() -> list[list]:
    """Each run of paragraphs of a document that derives from one report in one way."""
    rows = (
        Passage.objects.exclude(derivation="")
        .filter(derived_from__isnull=False)
        .order_by("source__slug", "ordinal")
        .values_list("source__slug", "ordinal", "derivation", "derived_from__slug")
    )
    parts: list[list] = []
    for slug, ordinal, derivation, origin in rows:
        last = parts[-1] if parts else None
        if last and last[0] == slug and last[2] == ordinal - 1 and last[3:] == [derivation, origin]:
            last[2] = ordinal
        else:
            parts.append([slug, ordinal, ordinal, derivation, origin])
    return parts


def export_objects(*, base_url: str, chunk: int = rows.CHUNK):
    """Every published event's export object, in timeline order, as /events.ndjson gives them:
    read as the exports read them (`rows.read`: the events' columns, then one query per related
    table for each chunk of `chunk` events, joined in Python), without model instances, which
    cost most of a release's time when the release fetched them (docs/performance.md
    "Releases"). `tests/exports/test_releases.py` holds every file a release writes from these
    to what it wrote from model instances."""
    events = Event.objects.published().chronological()
    for event in rows.read(events, chunk_size=chunk):
        yield contract.event_as_dict(event, base_url=base_url)
