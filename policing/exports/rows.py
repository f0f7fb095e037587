"""The events an export writes, read as plain records: the events' columns, then one query per
related table for each chunk of them, joined in Python (`read`).

The contract (`contract.py`) builds every export object from these records. Model instances
with their prefetches cost the exports ten times what reading the rows does: at 10,000 events
two thirds of `/events.csv`'s time went into `prefetch_related_objects`, building some 20,000
model instances and 6,700 queryset copies for each chunk of 500 events (docs/performance.md).
Each value a record holds is what the model says it is (its link, its origin, its date in
words), through the same rule: `tests/exports/test_rows.py` compares the records with the
models' on the curated data and on random synthetic data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from operator import itemgetter
from typing import NamedTuple

from policing.links import addresser, citation_address
from policing.models import (
    Citation,
    Derivation,
    Event,
    EventActor,
    EventRelation,
    Figure,
    Participant,
    Source,
)
from policing.models.events import LEGACY_DATE_FIELDS, date_in_words
from policing.models.querysets import rows_for_ids, streamed_rows
from policing.text import anchoring, derivation

# Events read at a time: each chunk asks one query per related table, and only one chunk's
# records are held, so that streaming every event of a large filter keeps memory flat.
CHUNK = 500


class ExportSource(NamedTuple):
    """A cited document, or the report its words come from, as the exports name it."""

    pk: int
    slug: str
    title: str
    outlet: str
    carried_by: str
    published_edtf: str
    url: str
    original_url: str
    derivation: str  # how the whole document derives from another, or ""


@dataclass(slots=True)
class ExportCitation:
    """A citation: its words, where they are on the site (`url`, as `Citation.get_absolute_url`),
    its source and the report the words come from (`origin`, as `Citation.origin`). Its
    attribute names are the model's, for the grouping of a dispute (timeline/disputes.py)."""

    pk: int
    source: ExportSource
    origin: ExportSource
    derivation: str  # how the quoted words derive from the origin, or "" (Citation.derivation)
    quote: str
    claim: str
    passage_anchor: str | None
    paragraph: int | None  # the passage's number in the source
    url: str

    @property
    def source_id(self) -> int:
        return self.source.pk

    @property
    def derived(self) -> bool:
        return self.origin.pk != self.source.pk

    def get_derivation_display(self) -> str:
        return Derivation(self.derivation).label if self.derivation else ""


class ExportFigure(NamedTuple):
    label: str
    counts: str
    value: Decimal
    qualifier: str
    unit: str
    status: str
    period_edtf: str
    citation_id: int | None
    scope: str
    scope_region: str
    scope_country: str | None  # its code


class ExportParticipant(NamedTuple):
    country: str | None  # its code
    region: str
    role: str


class ExportActor(NamedTuple):
    slug: str
    name: str
    kind: str
    role: str


class ExportRelation(NamedTuple):
    slug: str  # the other event's
    relation: str


@dataclass(slots=True)
class ExportEvent:
    """An event with what its export object shows: its columns, `date_in_words`, the slug of
    its thread, and its participants, actors, relations, citations and figures in the order
    the event page lists them."""

    pk: int
    slug: str
    title: str
    kind: str
    activity: str
    stage: str
    thread: str | None
    date_start: dt.date
    date_precision: str
    date_approximate: bool
    date_end: dt.date | None
    date_text: str
    date_manual: bool
    date_edtf: str
    date_earliest: dt.date | None
    date_latest: dt.date | None
    date_in_words: str
    date_reading: str
    start_year: int
    end_year: int
    year_certain: bool
    summary: str
    disputed: bool
    dispute_note: str
    url: str = ""  # the event's page, a site path (Event.get_absolute_url)
    participants: list[ExportParticipant] = field(default_factory=list)
    actors: list[ExportActor] = field(default_factory=list)
    related: list[ExportRelation] = field(default_factory=list)
    citations: list[ExportCitation] = field(default_factory=list)
    figures: list[ExportFigure] = field(default_factory=list)


# The event's columns as `values_list` reads them: the record's fields in order, but for
# `date_in_words`, made from the date's columns, where `date_end_precision` is read (the one
# first-model date field the record does not keep).
EVENT_COLUMNS = [
    "id",
    "slug",
    "title",
    "kind",
    "activity",
    "stage",
    "thread__slug",
    "date_start",
    "date_precision",
    "date_approximate",
    "date_end",
    "date_text",
    "date_manual",
    "date_edtf",
    "date_earliest",
    "date_latest",
    "date_end_precision",
    "date_reading",
    "start_year",
    "end_year",
    "year_certain",
    "summary",
    "disputed",
    "dispute_note",
]
_IN_WORDS = EVENT_COLUMNS.index("date_end_precision")
_EDTF = EVENT_COLUMNS.index("date_edtf")
_LEGACY = itemgetter(*(EVENT_COLUMNS.index(name) for name in LEGACY_DATE_FIELDS))


def read(events, *, chunk_size: int = CHUNK) -> Iterator[ExportEvent]:
    """The events of the queryset `events`, in its order, as `ExportEvent`s: its rows are read
    as they are written, and each chunk of `chunk_size` events brings its related rows in one
    query per table (participants, actors, relations, citations with their passages, their
    sources, figures)."""
    rows = streamed_rows(events.values_list(*EVENT_COLUMNS), chunk_size=chunk_size)
    sources: dict[int, ExportSource] = {}  # read once an export: a few hundred documents
    while chunk := list(islice(rows, chunk_size)):
        yield from _joined(chunk, sources, events.db)


def from_model(event: Event) -> ExportEvent:
    """The record of a model event fetched with `for_timeline()`, read through the models' own
    attributes: for code holding model instances (`contract.event_as_dict` takes either), and
    the reference `tests/exports/test_rows.py` compares `read` with."""
    return ExportEvent(
        pk=event.pk,
        slug=event.slug,
        title=event.title,
        kind=event.kind,
        activity=event.activity,
        stage=event.stage,
        thread=event.thread.slug if event.thread else None,
        date_start=event.date_start,
        date_precision=event.date_precision,
        date_approximate=event.date_approximate,
        date_end=event.date_end,
        date_text=event.date_text,
        date_manual=event.date_manual,
        date_edtf=event.date_edtf,
        date_earliest=event.date_earliest,
        date_latest=event.date_latest,
        date_in_words=event.date_display,
        date_reading=event.date_reading,
        start_year=event.start_year,
        end_year=event.end_year,
        year_certain=event.year_certain,
        summary=event.summary,
        disputed=event.disputed,
        dispute_note=event.dispute_note,
        url=event.get_absolute_url(),
        participants=[
            ExportParticipant(p.country_id, p.region, p.role) for p in event.participants.all()
        ],
        actors=[
            ExportActor(r.actor.slug, r.actor.name, r.actor.kind, r.role)
            for r in event.actor_roles.all()
        ],
        related=[ExportRelation(r.other.slug, r.relation) for r in event.relations.all()],
        citations=[
            ExportCitation(
                c.pk,
                _source(c.source),
                _source(c.origin),
                c.derivation,
                c.quote,
                c.claim,
                c.passage_anchor,
                c.passage.ordinal if c.passage else None,
                c.get_absolute_url(),
            )
            for c in event.citations.all()
        ],
        figures=[
            ExportFigure(
                f.label,
                f.counts,
                f.value,
                f.qualifier,
                f.unit,
                f.status,
                f.period_edtf,
                f.citation_id,
                f.scope,
                f.scope_region,
                f.scope_country_id,
            )
            for f in event.figures.all()
        ],
    )


def _source(source: Source) -> ExportSource:
    return ExportSource(*(getattr(source, name) for name in ExportSource._fields))


def by_ids(ids: list[int], *, chunk_size: int = CHUNK) -> list[ExportEvent]:
    """The events `ids`, in that order (an id no longer in the database is skipped)."""
    found = {e.pk: e for e in read(Event.objects.filter(pk__in=ids), chunk_size=chunk_size)}
    return [found[i] for i in ids if i in found]


# The related rows of a chunk's events, each query a function of their ids, which
# `rows_for_ids` compiles once per number of ids: Django took longer to prepare a query's 500
# ids than SQLite to answer it. Each is ordered by event first, then as the event page lists
# them: the event_id index then gives the rows in order, where `ORDER BY id` alone had SQLite
# read the whole table for every chunk.
def _participants(ids):
    rows = Participant.objects.filter(event_id__in=ids).order_by("event_id", "pk")
    return rows.values_list("event_id", "country_id", "region", "role")


def _actors(ids):
    rows = EventActor.objects.filter(event_id__in=ids).order_by("event_id", "pk")
    return rows.values_list("event_id", "actor__slug", "actor__name", "actor__kind", "role")


def _relations(ids):
    rows = EventRelation.objects.filter(event_id__in=ids).order_by("event_id", "pk")
    return rows.values_list("event_id", "other__slug", "relation")


def _citations(ids):
    rows = Citation.objects.filter(event_id__in=ids).order_by("event_id", "order", "pk")
    return rows.values_list(
        "id",
        "event_id",
        "source_id",
        "source__rewrite_of_id",
        "quote",
        "claim",
        "start",
        "end",
        "passage__anchor",
        "passage__ordinal",
        "passage__text",
        "passage__derivation",
        "passage__derived_from_id",
    )


def _figures(ids):
    rows = Figure.objects.filter(event_id__in=ids).order_by("event_id", "pk")
    return rows.values_list(
        "event_id",
        "label",
        "counts",
        "value",
        "qualifier",
        "unit",
        "status",
        "period_edtf",
        "citation_id",
        "scope",
        "scope_region",
        "scope_country_id",
    )


def _sources(ids):
    return Source.objects.filter(pk__in=ids).order_by().values_list(*ExportSource._fields)


def _joined(chunk: list[tuple], sources: dict, using: str) -> list[ExportEvent]:
    at = addresser()
    events = {}
    # Each date in words once a chunk: its events come in date order, and share their dates
    # (20,080 dates for 100,000 synthetic events, more than `parse_edtf`'s cache keeps from one
    # export to the next). A date saved before EDTF values is its first model's fields.
    in_words = {}
    for row in chunk:
        date = row[_EDTF] or _LEGACY(row)
        if (words := in_words.get(date)) is None:
            words = in_words[date] = date_in_words(row[_EDTF], *_LEGACY(row))
        url = at("event-detail", row[1])
        events[row[0]] = ExportEvent(*row[:_IN_WORDS], words, *row[_IN_WORDS + 1 :], url)
    ids = list(events)
    for row in rows_for_ids(_participants, ids, using):
        events[row[0]].participants.append(ExportParticipant(*row[1:]))
    for row in rows_for_ids(_actors, ids, using):
        events[row[0]].actors.append(ExportActor(*row[1:]))
    for row in rows_for_ids(_relations, ids, using):
        events[row[0]].related.append(ExportRelation(*row[1:]))
    citations = rows_for_ids(_citations, ids, using)
    # The cited documents and the reports their words come from, unless an earlier chunk read
    # them: one query.
    wanted = {i for row in citations for i in (row[2], row[3], row[12]) if i is not None}
    if missing := list(wanted - sources.keys()):
        sources.update(
            (row[0], ExportSource(*row)) for row in rows_for_ids(_sources, missing, using)
        )
    for row in citations:
        (pk, event_id, source_id, rewrite_of_id, quote, claim, start, end) = row[:8]
        (anchor, ordinal, text, passage_derivation, derived_from_id) = row[8:]
        source = sources[source_id]
        origin = sources[derivation.origin(derived_from_id, rewrite_of_id, source_id)]
        quoted = anchoring.quoted_span(text, start, end, quote)
        events[event_id].citations.append(
            ExportCitation(
                pk,
                source,
                origin,
                derivation.derivation_kind(passage_derivation or "", source.derivation),
                quote,
                claim,
                anchor,
                ordinal,
                citation_address(source.slug, anchor, quoted, at=at),
            )
        )
    for row in rows_for_ids(_figures, ids, using):
        events[row[0]].figures.append(ExportFigure(*row[1:]))
    return list(events.values())
