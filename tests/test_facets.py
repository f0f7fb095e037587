"""The facet index must answer exactly what the database answers: the same events, in the
same order, and for every option the count that choosing it would give."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import synthetic
from policing import facets
from policing.facets import FacetIndex, bitmap
from policing.models import Country, Event, Kind, Region

YEARS = range(synthetic.FIRST_YEAR - 2, synthetic.FIRST_YEAR + synthetic.YEARS + 3)
CODES = synthetic.country_codes()

filters = st.fixed_dictionaries(
    {
        "countries": st.lists(st.sampled_from(CODES), max_size=3, unique=True),
        "regions": st.lists(st.sampled_from(Region.values), max_size=2, unique=True),
        "kinds": st.lists(st.sampled_from(Kind.values), max_size=3, unique=True),
        "year_from": st.none() | st.sampled_from(YEARS),
        "year_to": st.none() | st.sampled_from(YEARS),
        "q": st.sampled_from(["", "police", "cyber treaty", "polic", "nothing-like-this"]),
    }
)


@pytest.fixture
def synthetic_world(db, monkeypatch):
    # Small chunks, so that paging skips across many of them as it does at 100,000 events.
    monkeypatch.setattr(facets, "CHUNK_BITS", 64)
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
    for code in Country.objects.values_list("code", flat=True):
        expected = _db(**{**chosen, "countries": [code]}).count()
        assert counts["country"].get(code, 0) == expected, code
    for region in Region.values:
        assert counts["region"].get(region, 0) == _db(**{**chosen, "regions": [region]}).count()
    for kind in Kind.values:
        assert counts["kind"].get(kind, 0) == _db(**{**chosen, "kinds": [kind]}).count()
    for year in YEARS:
        expected = _db(**{**chosen, "year_from": year, "year_to": year}).count()
        assert counts["year"].get(year, 0) == expected, year


def test_country_kinds_count_all_of_a_countrys_events(synthetic_world):
    index = synthetic_world
    counts = index.facet_counts(index.masks(kinds=["training"]), kinds_of_country="XA")
    for kind in Kind.values:
        expected = _db(countries=["XA"], kinds=[kind]).count()
        assert counts["country-kind"].get(kind, 0) == expected


def test_an_empty_timeline_has_an_empty_index(db):
    index = FacetIndex.build()
    assert len(index.select(index.combine(index.masks()))) == 0
    assert index.facet_counts(index.masks(year_from=2020))["kind"] == {}
    assert index.year_totals() == {}


def test_bitmap_sets_exactly_the_given_bits():
    assert bitmap([0, 3, 9], 12) == 0b1000001001
    assert bitmap([], 5) == 0


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
            (c.get_absolute_url(), c.source.outlet, c.passage.ordinal)
            for c in event.citations.all()
        ]
        expected = _card(event, event.countries.all(), event.figures.all(), cited)
        assert shown == expected
    assert any(card.card_figures for card in cards)
    assert any(len(card.card_countries) > 1 for card in cards)


def test_cards_skip_events_deleted_since_the_index_was_built(synthetic_world):
    first, second, third = Event.objects.values_list("pk", flat=True)[:3]
    Event.objects.filter(pk=second).delete()
    assert [e.pk for e in Event.objects.cards([third, second, first])] == [third, first]
