"""The facet index must answer exactly what the database answers: the same events, in the
same order, and for every option the count that choosing it would give."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import synthetic
from policing import facets
from policing.facets import FacetIndex
from policing.filters import FACETS
from policing.models import Activity, Country, Event, Kind, Region, Stage

YEARS = range(synthetic.FIRST_YEAR - 2, synthetic.FIRST_YEAR + synthetic.YEARS + 3)
CODES = synthetic.country_codes()
# Every value each facet can take in the synthetic world (and a few it never has).
VALUES = {
    "countries": CODES,
    "subjects": CODES,
    "parties": CODES,
    "regions": Region.values,
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
    return Event.objects.published().filtered(**chosen)


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
        expected = _db(**{**chosen, "year_from": year, "year_to": year}).count()
        assert counts["year"].get(year, 0) == expected, year


def test_a_countrys_activities_count_all_of_its_events(synthetic_world):
    index = synthetic_world
    of_country = index.options("parties").get("XA", facets.EMPTY)
    counts = index.facet_counts(index.masks(kinds=["training"]), within=of_country)
    for activity in Activity.values:
        expected = _db(parties=["XA"], activities=[activity]).count()
        assert counts["within"].get(activity, 0) == expected


def test_an_empty_timeline_has_an_empty_index(db):
    index = FacetIndex.build()
    assert len(index.select(index.combine(index.masks()))) == 0
    assert index.facet_counts(index.masks(year_from=2020))["kind"] == {}
    assert index.year_totals() == {}


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
