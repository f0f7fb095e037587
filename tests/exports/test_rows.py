"""The exports read events as plain records (`policing/exports/rows.py`: the rows of each table,
joined in Python) instead of model instances. Every value a record holds must be what the
models say, read through their own attributes (`Citation.origin`, `get_absolute_url()`,
`Event.date_display`…): on the curated data, and on random synthetic data given what the
synthetic builder leaves out (derived documents and passages, carried copies, figures citing
their words, relations, readings, citations without their paragraph, dates before EDTF)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import synthetic
from policing.exports import contract, rows
from policing.exports.rows import (
    ExportEvent,
)
from policing.models import (
    Citation,
    Counted,
    Derivation,
    Event,
    EventRelation,
    Figure,
    FigureScope,
    FigureStatus,
    Passage,
    Relation,
    Source,
)
from policing.timeline import disputes
from policing.timeline.filters import Filters
from tests.exports import orm_reference

BASE = "http://testserver"


def from_models(event: Event) -> ExportEvent:
    """The record of an event fetched with `for_timeline()`, read off the models."""
    return rows.from_model(event)


def _claims(entries: list[dict]) -> list[tuple]:
    """A dispute's grouping (timeline/disputes.py), comparable whatever its citations are."""
    return [
        (
            entry["source"].slug,
            entry["derived_from"].slug if entry["derived_from"] else None,
            entry["derivation"],
            entry["origin_cited"],
            [citation.pk for citation in entry["items"]],
        )
        for entry in entries
    ]


def assert_read_as_the_models_say(queryset, *, newest_first=False, chunk_size=rows.CHUNK):
    """`rows.read` gives, event by event, what the models give, and the fields the contract
    derives from a record (countries, independent reports, a dispute's claims) are the
    models' too."""
    ordered = queryset.chronological(newest_first)
    read = list(rows.read(ordered, chunk_size=chunk_size))
    models = list(ordered.for_timeline())
    assert [e.slug for e in read] == [e.slug for e in models]
    for record, event in zip(read, models, strict=True):
        assert record == from_models(event), event.slug
        exported = contract.event_as_dict(record, base_url=BASE)
        assert contract.event_as_dict(event, base_url=BASE) == exported  # a model event too
        assert exported["countries"] == sorted(c.code for c in event.countries.all())
        assert exported["independent_sources"] == event.independent_sources
        assert exported["permalink"] == BASE + event.get_absolute_url()
        citations = list(event.citations.all())
        assert _claims(disputes.claims(record.citations)) == _claims(disputes.claims(citations))
        assert [c.get_derivation_display() for c in record.citations] == [
            c.get_derivation_display() for c in citations
        ]
    return read


# --- the curated data -------------------------------------------------------------------------


def test_the_curated_events_read_as_the_models_say(curated):
    read = assert_read_as_the_models_say(Event.objects.all())
    assert len(read) == Event.objects.count() > 30
    # What the curated data holds that the comparison must have met.
    citations = [c for e in read for c in e.citations]
    assert any(c.derived for c in citations) and any(c.source.carried_by for c in citations)
    assert any(e.related for e in read) and any(e.actors for e in read)
    assert any(f.citation_id for e in read for f in e.figures)
    assert any(e.disputed and any(c.claim for c in e.citations) for e in read)


def test_a_citation_without_its_paragraph_reads_as_the_model_says(curated):
    citation = Citation.objects.filter(event__published=True).first()
    Citation.objects.filter(pk=citation.pk).update(passage=None, start=None, end=None)
    [record] = assert_read_as_the_models_say(Event.objects.filter(pk=citation.event_id))
    [lost] = [c for c in record.citations if c.pk == citation.pk]
    assert lost.passage_anchor is None and lost.url == f"/sources/{citation.source.slug}/"


def test_a_chunk_asks_one_query_per_table_whatever_its_events(curated):
    events = Event.objects.published().chronological()
    total = events.count()
    with CaptureQueriesContext(connection) as queries:
        assert len(list(rows.read(events, chunk_size=10))) == total
    chunks = -(-total // 10)
    # The events, then per chunk its participants, actors, relations, citations and figures,
    # and the sources not read before (at least for the first chunk).
    assert 1 + 5 * chunks + 1 <= len(queries) <= 1 + 6 * chunks
    first = list(events.values_list("pk", flat=True)[:10])
    with CaptureQueriesContext(connection) as queries:
        list(rows.read(events.filter(pk__in=first)))
    assert len(queries) == 1 + 6


def test_by_ids_keeps_their_order_and_skips_the_missing(curated):
    ids = list(Event.objects.published().values_list("pk", flat=True)[:7])
    asked = [ids[3], ids[0], 10**9, ids[6]]
    assert [e.pk for e in rows.by_ids(asked, chunk_size=2)] == [ids[3], ids[0], ids[6]]


# --- every export, byte for byte, against the path of model instances ------------------------

# Filters of each kind, the order turned, paging, the byte-order mark, strict refusals.
QUERIES = [
    "",
    "order=desc",
    "country=MM",
    "country=CN&kind=training",
    "country=CN&kind=training&bom=0",
    "region=pacific",
    "kind=training&country=FJ&order=desc",
    "year=2021",
    "year_from=2018&year_to=2022",
    "q=police",
    "disputed=yes",
    "role=objector",
    "country=XX",
]
FORMATS = [
    "/events.csv",
    "/events.ndjson",
    "/events.json",
    "/citations.csv",
    "/citations.ndjson",
    "/figures.json",
    "/figures.csv",
]


def _body(response) -> tuple:
    content = b"".join(response) if response.streaming else response.content
    headers = {k: v for k, v in response.items() if k not in {"Date", "Expires"}}
    return response.status_code, headers, content


def assert_exports_as_the_models_made_them(client, monkeypatch, paths: list[str]):
    """Each of `paths` gives the same status, headers and bytes as it did when the exports
    were built from model instances (`orm_reference`)."""
    monkeypatch.setattr("django.utils.timezone.now", lambda: dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
    served = {path: _body(client.get(path)) for path in paths}
    with monkeypatch.context() as old:
        orm_reference.use(old)
        made = {path: _body(client.get(path)) for path in paths}
    for path in paths:
        assert served[path] == made[path], path
    return served


def _urls(queries) -> list[str]:
    return [f"{fmt}?{query}" if query else fmt for fmt in FORMATS for query in queries]


def test_every_export_is_the_same_bytes_as_from_the_models(curated, client, monkeypatch):
    actor = Event.objects.published().values_list("actor_roles__actor__slug", flat=True)
    thread = Event.objects.published().values_list("thread__slug", flat=True)
    queries = [
        *QUERIES,
        f"actor={actor.exclude(actor_roles=None).first()}",
        f"thread={thread.exclude(thread=None).first()}",
    ]
    paths = _urls(queries) + ["/events.json?per_page=5&page=2", "/events.json?per_page=1000"]
    paths += [f"/events/{slug}.json" for slug in Event.objects.values_list("slug", flat=True)]
    served = assert_exports_as_the_models_made_them(client, monkeypatch, paths)
    # The comparison met what the exports show: disputes with their claims, figures citing
    # their words, participants with roles, actors, relations, derived and carried reports.
    everything = served["/events.ndjson"][2].decode()
    for field in ['"claims": [{', '"lower_bound": ', '"role": "counterpart"', '"relation": "']:
        assert field in everything, field
    assert '"derived": true' in everything and '"carried_by": "' in everything
    assert sum(status == 200 for status, _, _ in served.values()) > len(paths) - 20
    assert served["/events.csv?country=XX"][0] == 400  # refused alike


# --- random synthetic data --------------------------------------------------------------------


@pytest.fixture
def synthetic_events(db):
    synthetic.build(150, seed=11)  # spans, drafts, regions alone, actors, threads, figures
    return list(Event.objects.order_by("pk").values_list("pk", flat=True))


_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=0, max_size=12
).map(str.strip)
_url = st.sampled_from(["", "https://example.org/report", "https://carrier.example/copy"])


# A figure's scope and the place it names, as the admin allows them (one place at most).
_scopes = st.sampled_from(
    [
        {},
        {"scope": FigureScope.WORLDWIDE},
        {"scope": FigureScope.REGION, "scope_region": "pacific"},
        {"scope": FigureScope.COUNTRY, "scope_country_id": "XA"},
        {"scope": FigureScope.SINGLE, "scope_region": "africa"},
    ]
)


@st.composite
def changes(draw, events: list[int]):
    """What the synthetic builder leaves out, drawn on existing rows: each a function that
    makes one change through `update()` (as a restore or a hand edit would, without save())."""
    sources = list(Source.objects.order_by("pk").values_list("pk", flat=True))
    cited = list(Citation.objects.order_by("pk").values_list("pk", "event_id", "passage_id"))
    made = []
    for source in draw(st.lists(st.sampled_from(sources), max_size=6, unique=True)):
        origin = draw(st.none() | st.sampled_from(sources))
        fields = {
            "rewrite_of_id": origin if origin != source else None,
            "derivation": draw(st.sampled_from(["", *Derivation.values])),
            "carried_by": draw(st.sampled_from(["", "Yahoo"])),
            "url": draw(_url),
            "original_url": draw(_url),
            "title": draw(_text) or "Untitled",
        }
        made.append(lambda s=source, f=fields: Source.objects.filter(pk=s).update(**f))
    for _, _, passage in draw(st.lists(st.sampled_from(cited), max_size=6)):
        origin = draw(st.none() | st.sampled_from(sources))
        derivation = draw(st.sampled_from(["", *Derivation.values]))
        made.append(
            lambda p=passage, o=origin, d=derivation: Passage.objects.filter(pk=p).update(
                derived_from_id=o, derivation=d
            )
        )
    for pk, _, _ in draw(st.lists(st.sampled_from(cited), max_size=4, unique=True)):
        claim = draw(_text)
        made.append(lambda c=pk, t=claim: Citation.objects.filter(pk=c).update(claim=t))
    for pk, _, _ in draw(st.lists(st.sampled_from(cited), max_size=3, unique=True)):
        made.append(
            lambda c=pk: Citation.objects.filter(pk=c).update(passage=None, start=None, end=None)
        )
    for pk, event, _ in draw(st.lists(st.sampled_from(cited), max_size=5)):
        figure = Figure(
            event_id=event,
            citation_id=draw(st.sampled_from([pk, None])),
            label=draw(_text) or "people",
            counts=draw(st.sampled_from(["", *Counted.values])),
            value=Decimal(draw(st.integers(0, 10**9))) / draw(st.sampled_from([1, 1, 4, 100])),
            qualifier=draw(st.sampled_from(Figure.Qualifier.values)),
            unit=draw(st.sampled_from(["", "people", "AUD"])),
            status=draw(st.sampled_from(FigureStatus.values)),
            period_edtf=draw(st.sampled_from(["", "2023", "2018/2021", "../2025"])),
            **draw(_scopes),
        )
        made.append(lambda f=figure: Figure.objects.bulk_create([f]))
    pairs = st.tuples(st.sampled_from(events), st.sampled_from(events))
    for event, other in draw(st.lists(pairs, max_size=6, unique=True)):
        if event != other:
            relation = EventRelation(
                event_id=event, other_id=other, relation=draw(st.sampled_from(Relation.values))
            )
            made.append(lambda r=relation: EventRelation.objects.bulk_create([r]))
    for event in draw(st.lists(st.sampled_from(events), max_size=5, unique=True)):
        fields = {"disputed": draw(st.booleans()), "dispute_note": draw(_text)}
        if draw(st.booleans()):
            fields["date_edtf"] = ""  # a row saved before EDTF values: read from the old fields
        if draw(st.booleans()):
            fields["stage"] = ""
        made.append(lambda e=event, f=fields: Event.objects.filter(pk=e).update(**f))
    return made


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_synthetic_events_read_as_the_models_say(synthetic_events, data):
    with transaction.atomic():  # each example starts from the same synthetic world
        for change in data.draw(changes(synthetic_events)):
            change()
        codes = synthetic.country_codes()
        chosen = data.draw(
            st.sampled_from(
                [
                    Event.objects.all(),
                    Event.objects.published(),
                    Event.objects.published().filtered(Filters.of(countries=codes[:3])),
                    Event.objects.published().filtered(Filters.of(q="police")),
                ]
            )
        )
        assert_read_as_the_models_say(
            chosen,
            newest_first=data.draw(st.booleans()),
            chunk_size=data.draw(st.sampled_from([1, 7, 40, rows.CHUNK])),
        )
        transaction.set_rollback(True)


def test_the_synthetic_world_has_what_the_comparison_must_meet(synthetic_events):
    read = list(rows.read(Event.objects.all().chronological()))
    assert any(p.country is None for e in read for p in e.participants)  # a region alone
    assert any(e.thread for e in read) and any(e.actors for e in read)
    assert any(e.date_end for e in read) and any(e.figures for e in read)
    assert any(len(e.citations) > 1 for e in read)
    assert isinstance(read[0].date_start, dt.date)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_synthetic_exports_are_the_same_bytes_as_from_the_models(
    synthetic_events, client, monkeypatch, data
):
    with transaction.atomic():
        for change in data.draw(changes(synthetic_events)):
            change()
        codes = synthetic.country_codes()
        queries = ["", "order=desc", f"country={codes[0]}&country={codes[1]}", "q=police"]
        assert_exports_as_the_models_made_them(client, monkeypatch, _urls(queries))
        transaction.set_rollback(True)
