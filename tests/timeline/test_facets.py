"""The facet index must answer exactly what the database answers: the same events, in the
same order, and for every option the count that choosing it would give."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import synthetic
from policing.corpus import seeds as corpus
from policing.models import (
    Activity,
    Citation,
    Country,
    Event,
    Kind,
    Region,
    Role,
    Source,
    Stage,
)
from policing.timeline import facets
from policing.timeline.facets import FacetIndex
from policing.timeline.filters import FACETS, Filters
from tests.factories import make_event

YEARS = range(synthetic.FIRST_YEAR - 2, synthetic.FIRST_YEAR + synthetic.YEARS + 3)
CODES = synthetic.country_codes()
# Every value each facet can take in the synthetic world (and a few it never has).
VALUES = {
    "countries": CODES,
    "subjects": CODES,
    "parties": CODES,
    "regions": Region.values,
    "roles": Role.values,
    "activities": Activity.values,
    "stages": Stage.values,
    "kinds": Kind.values,
    "actors": [f"actor-{n}" for n in range(42)],
    "threads": [f"thread-{n}" for n in range(22)],
    "disputed": ["yes", "no"],
}
assert set(VALUES) == {facet.name for facet in FACETS}


def _some(values, most: int):
    return st.lists(st.sampled_from(values), max_size=most, unique=True)


filters = st.fixed_dictionaries(
    {
        **{name: _some(values, 2) for name, values in VALUES.items()},
        "year_from": st.none() | st.sampled_from(YEARS),
        "year_to": st.none() | st.sampled_from(YEARS),
        "q": st.sampled_from(
            ["", "police", "cyber treaty", "polic", "nothing-like-this", "trainings", "3000"]
        ),
    }
)
# Each example filters by up to three facets, so that combinations still select something.
filters = st.builds(
    lambda chosen, used: {k: v for k, v in chosen.items() if k not in VALUES or k in used},
    filters,
    st.sets(st.sampled_from(sorted(VALUES)), max_size=3),
)


@pytest.fixture
def synthetic_world(db):
    synthetic.build(400, seed=3)  # spans, drafts, events in one to three countries
    return FacetIndex.build()


def _db(**chosen):
    return Event.objects.published().filtered(Filters.of(**chosen))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(chosen=filters, newest_first=st.booleans(), start=st.integers(0, 60))
def test_the_index_selects_what_the_database_selects(synthetic_world, chosen, newest_first, start):
    index = synthetic_world
    selection = index.select(index.combine(index.masks(**chosen)), newest_first=newest_first)
    expected = list(_db(**chosen).chronological(newest_first).values_list("pk", flat=True))
    assert len(selection) == len(expected)
    assert [e.pk for e in selection[start : start + 25]] == expected[start : start + 25]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(chosen=filters)
def test_each_option_counts_what_choosing_it_would_select(synthetic_world, chosen):
    index = synthetic_world
    counts = index.facet_counts(index.masks(**chosen))
    for facet in FACETS:
        for value in VALUES[facet.name]:
            expected = _db(**{**chosen, facet.name: [value]}).count()
            assert counts[facet.param].get(value, 0) == expected, (facet.param, value)
    for year in YEARS:
        in_year = _db(**{**chosen, "year_from": year, "year_to": year})
        assert counts["year"].get(year, 0) == in_year.count(), year
        # Of those, the ones that only may fall in that year.
        expected = in_year.filter(year_certain=False).count()
        assert counts["year_uncertain"].get(year, 0) == expected, year


# The facets a chosen role qualifies, with the participant's column each tests.
PLACES = {"countries": ("country", "country_id"), "parties": ("party", "country_id")}
PLACES["regions"] = ("region", "region")


@pytest.mark.parametrize("facet", sorted(PLACES))
def test_a_role_chosen_with_a_place_is_that_place_in_that_role(synthetic_world, facet):
    from policing.models import Participant

    index = synthetic_world
    param, column = PLACES[facet]
    published = Event.objects.published().values("pk")
    tried = 0
    for value in VALUES[facet][:8]:
        counts = index.facet_counts(index.masks(**{facet: [value], "roles": ["objector"]}))
        for role in Role.values:
            # Read from the participants themselves: one row with the place and the role.
            rows = Participant.objects.filter(event__in=published, role=role, **{column: value})
            expected = set(rows.values_list("event_id", flat=True))
            chosen = {facet: [value], "roles": [role]}
            selection = index.select(index.combine(index.masks(**chosen)))
            assert {e.pk for e in selection[:999]} == expected, (value, role)
            assert set(_db(**chosen).values_list("pk", flat=True)) == expected, (value, role)
            # The role's option beside the place, and the place's beside the role.
            assert counts["role"].get(role, 0) == len(expected), (value, role)
            in_role = index.facet_counts(index.masks(roles=[role]))
            assert in_role[param].get(value, 0) == len(expected), (value, role)
            tried += bool(expected)
    assert tried > 5  # the synthetic world has places in each role


def test_a_countrys_activities_count_all_of_its_events(synthetic_world):
    index = synthetic_world
    of_country = index.options("parties").get("XA", facets.EMPTY)
    counts = index.facet_counts(index.masks(kinds=["training"]), within=of_country)
    for activity in Activity.values:
        expected = _db(parties=["XA"], activities=[activity]).count()
        assert counts["within"].get(activity, 0) == expected


def test_the_generated_events_split_every_year_as_the_database_does(synthetic_world):
    index = synthetic_world
    published = Event.objects.published()
    uncertain = published.filter(year_certain=False)
    assert 0 < uncertain.count() < published.count()
    assert len(index.uncertain) == uncertain.count()
    in_year = {year: _db(year_from=year, year_to=year) for year in YEARS}
    assert index.year_totals() == {y: n for y, found in in_year.items() if (n := found.count())}
    assert index.year_uncertain_totals() == {
        y: n for y, found in in_year.items() if (n := found.filter(year_certain=False).count())
    }
    assert any(n < index.year_totals()[y] for y, n in index.year_uncertain_totals().items())


def test_an_empty_timeline_has_an_empty_index(db):
    index = FacetIndex.build()
    assert len(index.select(index.combine(index.masks()))) == 0
    assert index.facet_counts(index.masks(year_from=2020))["kind"] == {}
    assert index.year_totals() == index.year_uncertain_totals() == {}
    assert index.facet_counts(index.masks())["year_uncertain"] == {}


def test_an_event_later_in_the_year_of_its_report_counts_in_that_year_alone(db):
    report = Source.objects.create(
        slug="report",
        title="Report",
        outlet="O",
        published_edtf="2025-03-10",
        text="Training follows later this year.\n",
    )
    corpus.import_text(report)
    event = Event(
        slug="later",
        title="Later",
        activity="training",
        summary="s",
        published=True,
        date_text="later this year",
        date_source=report,
    )
    event.date_edtf = event.read_date_text()
    event.save()
    Citation(event=event, source=report, quote="Training follows later this year").save()
    index = FacetIndex.build()
    assert index.year_totals() == {2025: 1}
    assert _db(year_from=2025, year_to=2025).count() == 1
    assert _db(year_to=2024).count() == _db(year_from=2026).count() == 0


def _card(event, countries, figures, citations):
    """What a timeline card shows of an event, as plain values; `citations` as
    (address, outlet, paragraph) triples."""
    return (
        event.slug,
        event.title,
        event.summary,
        event.date_display,
        [(c.code, c.name, c.get_absolute_url()) for c in countries],
        [(f.display_value, f.label) for f in figures],
        list(citations),
    )


def test_a_pages_cards_show_what_the_events_prefetched_show(synthetic_world):
    ids = list(Event.objects.order_by("?").values_list("pk", flat=True)[:40])
    # Countries are listed by name, whatever the order of their codes.
    first, second = Country.objects.order_by("code")[:2]
    Country.objects.filter(pk=first.pk).update(name="Zembla")
    Country.objects.filter(pk=second.pk).update(name="Arcadia")
    Event.objects.get(pk=ids[0]).countries.set([first, second])
    reference = Event.objects.for_timeline().in_bulk(ids)
    cards = Event.objects.cards(ids)
    assert [e.pk for e in cards] == ids
    for card in cards:
        event = reference[card.pk]
        cited = [(c.url, c.outlet, c.ordinal) for c in card.card_citations]
        shown = _card(card, card.card_countries, card.card_figures, cited)
        cited = [
            (c.reader_address(), c.source.outlet, c.passage.ordinal) for c in event.citations.all()
        ]
        expected = _card(event, event.countries.all(), event.figures.all(), cited)
        assert shown == expected
    assert any(card.card_figures for card in cards)
    assert any(len(card.card_countries) > 1 for card in cards)


def test_cards_skip_events_deleted_since_the_index_was_built(synthetic_world):
    first, second, third = Event.objects.values_list("pk", flat=True)[:3]
    Event.objects.filter(pk=second).delete()
    assert [e.pk for e in Event.objects.cards([third, second, first])] == [third, first]


# --- The years an event is placed in (docs/corpus.md, "Dates") ---------------------------

RULE_YEARS = range(1998, 2014)


def _point(year: int, month: int | None) -> str:
    return f"{year}-{month:02d}" if month else str(year)


@st.composite
def placed_dates(draw) -> tuple[tuple[str, set[int]], bool]:
    """An EDTF value and the years the rule places it in, worked out from its form alone:
    a single date its year; a span, window or set the years from its first to its last; an
    open end only the year of its known bound. With it, whether it is in those years for
    certain: what lasted and a date are; one day of a window or one of a set over several
    years, or open at one end, only may fall in them."""
    first = draw(st.integers(2000, 2011))
    last = first + draw(st.integers(1, 2))
    a = _point(first, draw(st.none() | st.integers(1, 12)))
    b = _point(last, draw(st.none() | st.integers(1, 12)))
    qualifier = draw(st.sampled_from(["", "~", "?"]))
    return draw(
        st.sampled_from(
            [
                ((a + qualifier, {first}), True),
                ((f"{a}/{b}", set(range(first, last + 1))), True),
                ((f"[{a}..{b}]", set(range(first, last + 1))), False),
                ((f"[{a},{b}]", set(range(first, last + 1))), False),
                ((f"{a}/..", {first}), True),
                ((f"../{b}", {last}), True),
                ((f"[{a}..]", {first}), False),
                ((f"[..{b}]", {last}), False),
            ]
        )
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    dated=st.lists(st.tuples(placed_dates(), st.booleans()), min_size=1, max_size=6),
    chosen=st.tuples(st.sampled_from(RULE_YEARS), st.sampled_from(RULE_YEARS)),
)
def test_an_event_is_listed_under_a_year_exactly_when_the_rule_places_it_there(db, dated, chosen):
    Event.objects.all().delete()
    # A report published long after: an open end read from it gains no years up to it.
    report, _ = Source.objects.get_or_create(
        slug="later-report",
        defaults={"title": "R", "outlet": "O", "published_edtf": "2013-06-01", "text": ""},
    )
    placed, uncertain = {}, set()
    for n, (((edtf, years), certain), from_report) in enumerate(dated):
        event = make_event(f"e{n}", date_edtf=edtf, date_source=report if from_report else None)
        placed[event.pk] = years
        if not certain:
            uncertain.add(event.pk)
    index = FacetIndex.build()

    def listed(**years) -> tuple[set, set]:
        selection = index.select(index.combine(index.masks(**years)))
        return set(_db(**years).values_list("pk", flat=True)), {e.pk for e in selection[:99]}

    for year in RULE_YEARS:
        expected = {pk for pk, years in placed.items() if year in years}
        orm, from_index = listed(year_from=year, year_to=year)
        assert orm == from_index == expected, year
        assert index.facet_counts(index.masks())["year"].get(year, 0) == len(expected), year
        assert index.year_totals().get(year, 0) == len(expected), year
        # Split into the events placed there for certain and those that only may fall there,
        # alike by the index, the database and the form of each date.
        may_fall = expected & uncertain
        in_db = set(
            _db(year_from=year, year_to=year)
            .filter(year_certain=False)
            .values_list("pk", flat=True)
        )
        assert in_db == may_fall, year
        assert index.facet_counts(index.masks())["year_uncertain"].get(year, 0) == len(may_fall)
        assert index.year_uncertain_totals().get(year, 0) == len(may_fall), year
    low, high = sorted(chosen)
    expected = {pk for pk, years in placed.items() if years & set(range(low, high + 1))}
    assert listed(year_from=low, year_to=high) == (expected, expected)
    assert listed(year_from=low) == listed(year_from=low, year_to=9999)


# --- Updating the index from the change log (facets.FacetIndex.updated) ----------------------

DATES = [
    "2005-03-04",
    "2010-07",
    "2012",
    "2014/2020",
    "2016-05-01",
    "2019-06/..",  # open end: placed in 2019 alone
    "../2005-02-20",  # open start: placed in 2005 alone
    "[2024-09-02,2024-09-09]",
    "[2019-07..2024-12]",  # one day of several years: only may fall in each
    "[..2022-12]",  # one day by Dec 2022: only may fall in 2022
    "1990",  # before every other
]
# Titles that tie on the date and compare differently by locale than by code point.
TITLES = ["alpha", "Alpha", "Émile", "zeta", "Zeta", "ßtraße", "a b", "a-b", "", "Ω"]
COPIES = itertools.count()  # slugs of new events, unique across examples
EDITS = [
    "date",
    "title",
    "publish",
    "participant",
    "actor",
    "thread",
    "delete",
    "new",
    "noop",
    "region",
]


def _edit(kind: str, rng) -> None:
    from policing.models import Actor, EventActor, Participant, Role, Thread

    event = Event.objects.order_by("?").first()
    if kind == "date":
        event.date_edtf = rng.choice(DATES)
        event.save()
    elif kind == "title":
        event.title = rng.choice(TITLES)
        event.save()
    elif kind == "publish":
        event.published = not event.published
        event.save()
    elif kind == "participant":
        if (found := event.participants.first()) and rng.random() < 0.5:
            found.delete()
        else:
            country = Country.objects.exclude(participations__event=event).order_by("?").first()
            Participant.objects.create(event=event, country=country, role=rng.choice(Role.values))
    elif kind == "actor":
        if (found := event.actor_roles.first()) and rng.random() < 0.5:
            found.delete()
        else:
            EventActor.objects.get_or_create(
                event=event, actor=Actor.objects.order_by("?").first(), role="trained"
            )
    elif kind == "thread":
        event.thread = Thread.objects.order_by("?").first() if rng.random() < 0.7 else None
        event.save()
    elif kind == "delete":
        event.delete()
    elif kind == "new":
        copy = Event.objects.get(pk=event.pk)
        copy.pk, copy.slug = None, f"{event.slug}-copy-{next(COPIES)}"
        copy.title = rng.choice(TITLES)
        copy.published = True
        copy.save()
        copy.countries.add(Country.objects.order_by("?").first())
    elif kind == "region":  # a country's region: read through every participant
        country = Country.objects.order_by("?").first()
        country.region = rng.choice(Region.values)
        country.save()


@pytest.fixture
def small_world(db):
    synthetic.build(120, seed=5)


def _version() -> int:
    from policing.models import DataVersion

    return DataVersion.current().counter


def _assert_same(updated: FacetIndex, fresh: FacetIndex) -> None:
    assert list(updated.ids) == list(fresh.ids)
    assert updated == fresh
    assert updated.facet_counts(updated.masks()) == fresh.facet_counts(fresh.masks())
    chosen = {"kinds": ["training"], "year_from": 2010}
    assert updated.slice_ids(
        updated.combine(updated.masks(**chosen)), 0, 10**6, newest_first=True
    ) == (fresh.slice_ids(fresh.combine(fresh.masks(**chosen)), 0, 10**6, newest_first=True))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    batches=st.lists(st.lists(st.sampled_from(EDITS), min_size=1, max_size=4), max_size=4),
    seed=st.integers(0, 2**32),
)
def test_an_index_updated_from_the_log_is_the_index_built_afresh(small_world, batches, seed):
    import random

    rng = random.Random(seed)
    index = FacetIndex.build(version=_version())
    for batch in batches:
        for kind in batch:
            _edit(kind, rng)
        version = _version()
        updated = index.updated(version)
        if updated is None:  # the log says "anything"
            updated = FacetIndex.build(version=version)
        assert updated.version == version
        _assert_same(updated, FacetIndex.build(version=version))
        index = updated


def test_an_edit_is_applied_without_a_build(small_world):
    version = _version()
    index = FacetIndex.build(version=version)
    before = FacetIndex.build(version=version)
    event = Event.objects.published().order_by("pk").first()
    event.date_edtf, event.title = "2012-05", "Ω moved"
    event.save()
    Event.objects.published().order_by("pk").last().delete()
    builds = FacetIndex.builds
    updated = index.updated(_version())
    assert updated is not None and FacetIndex.builds == builds
    _assert_same(updated, FacetIndex.build(version=_version()))
    # The index it came from is untouched: requests may still be reading it.
    assert index == before and index.version == version


def test_a_change_to_a_country_rebuilds(small_world):
    index = FacetIndex.build(version=_version())
    Country.objects.order_by("?").first().save()
    assert index.updated(_version()) is None


def test_the_database_orders_titles_by_code_point(small_world):
    day = Event.objects.published().first()
    for title in TITLES:
        copy = Event.objects.get(pk=day.pk)
        copy.pk, copy.slug, copy.title = None, f"tie-{TITLES.index(title)}", title
        copy.save()
    ordered = list(Event.objects.filter(date_start=day.date_start).chronological())
    keys = [(e.date_start, e.date_end is not None, e.date_end, e.title, e.pk) for e in ordered]
    assert keys == sorted(keys, key=lambda k: (k[0], k[1], k[2] or k[0], k[3], k[4]))
    newest = list(Event.objects.filter(date_start=day.date_start).chronological(True))
    assert newest == ordered[::-1]
