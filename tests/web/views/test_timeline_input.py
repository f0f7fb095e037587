"""Bad input never breaks the timeline: the invalid part is ignored and a note says which;
pagination; the number of queries does not grow with the number of events."""

import html as entities

import pytest
from django.urls import reverse

from policing.models import Event
from policing.timeline.filters import MAX_QUERY_LENGTH
from policing.timeline.presenters.timeline_page import PAGE_SIZE
from tests.factories import make_event, many_events
from tests.markup import assert_contains_html, elements, select, text_outside

URL = reverse("timeline")


def slugs(response):
    return [event.slug for _, events in response.context["groups"] for event in events]


@pytest.mark.parametrize(
    ("params", "note", "still_applied"),
    [
        ({"country": ["ZZ", "FJ"]}, "Ignored the unknown country code “ZZ”.", 2),
        ({"country": "Fiji"}, "Ignored the unknown country code “Fiji”.", 6),
        ({"kind": ["training", "parade"]}, "Ignored the unknown kind of event “parade”.", 2),
        ({"region": "atlantis"}, "Ignored the unknown region “atlantis”.", 6),
        ({"year": "last"}, "Ignored the year “last”: not a year between 1900 and 2100.", 6),
        ({"year": "99999"}, "Ignored the year “99999”: not a year between 1900 and 2100.", 6),
        ({"year": "-2024"}, "Ignored the year “-2024”: not a year between 1900 and 2100.", 6),
        ({"year": "²⁰²⁴"}, "Ignored the year “²⁰²⁴”: not a year between 1900 and 2100.", 6),
        ({"year_from": "1066"}, "Ignored the start year “1066”", 6),
        ({"year_to": "9" * 5000}, "Ignored the end year “99999999999999999999999…”", 6),
        (
            {"year_from": "2024", "year_to": "2011"},
            "Ignored the years 2024 to 2011: the start is after the end.",
            6,
        ),
        (
            {"year": "2024", "year_from": "2011"},
            "Ignored the year range: a single year (2024) was also given.",
            2,
        ),
        ({"year_from": "\x00\x01"}, "Ignored the start year “\x01”", 6),
        ({"page": "two"}, "Ignored the page “two”: not a page number.", 6),
        ({"page": "0"}, "Ignored the page “0”: not a page number.", 6),
        ({"page": "99"}, "Ignored page 99: these results fill one page.", 6),
        ({"page": "9" * 5000}, "Ignored the page “99999999999999999999999…”", 6),
        ({"order": "sideways"}, "Ignored the order “sideways”: use asc or desc.", 6),
    ],
)
def test_invalid_values_are_ignored_with_a_note(client, world, params, note, still_applied):
    response = client.get(URL, params)
    assert response.status_code == 200
    notes = response.context["notes"]
    assert any(n.startswith(note) for n in notes), notes
    assert len(slugs(response)) == still_applied
    html = response.content.decode()
    assert "Some of the address was ignored" in html


@pytest.mark.parametrize("variant", ["page", "htmx"])
def test_an_unknown_parameter_gets_the_note_a_refused_value_gets(client, world, hx, variant):
    headers = hx if variant == "htmx" else {}
    everything = slugs(client.get(URL))
    response = client.get(URL, {"nonsense": "1"}, **headers)
    assert response.status_code == 200
    assert response.context["notes"] == ["Ignored the unknown parameter “nonsense”."]
    html = response.content.decode()
    [notice] = select(html, "div", class_="notice", role="status")
    assert "Some of the address was ignored" in html
    assert "Ignored the unknown parameter “nonsense”." in entities.unescape(html)
    # It changes nothing else, and the address the page shares leaves it out.
    assert slugs(response) == everything
    if headers:
        assert response["HX-Push-Url"] == "/"
    # Beside a valid filter, which still applies; a misspelt one is named as typed.
    response = client.get(URL, {"contry": "FJ", "country": "FJ"}, **headers)
    assert response.context["notes"] == ["Ignored the unknown parameter “contry”."]
    assert len(slugs(response)) == 2


def test_many_unknown_parameters_give_a_bounded_number_of_notes(client, world):
    response = client.get(URL, {f"p{n}": "x" for n in range(40)})
    notes = response.context["notes"]
    assert len(notes) == 6
    assert notes[-1] == "Ignored 35 more unknown parameters."


def test_a_page_of_only_known_parameters_has_no_note(client, world):
    params = {"country": "FJ", "order": "desc", "view": "list", "more": "country", "q": ""}
    assert client.get(URL, params).context["notes"] == []


def test_ten_kilobytes_of_search_text_are_cut_short(client, world):
    response = client.get(URL, {"q": "police " * 1500})
    assert response.status_code == 200
    assert response.context["notes"] == [
        f"Ignored the search text after its first {MAX_QUERY_LENGTH} characters."
    ]
    assert len(response.context["filters"].q) <= MAX_QUERY_LENGTH
    assert len(response.content) < 200_000


def test_many_unknown_values_give_a_bounded_number_of_notes(client, world):
    response = client.get(URL, {"country": [f"Z{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]})
    assert response.status_code == 200
    assert len(response.context["notes"]) == 6
    assert response.context["notes"][-1] == "Ignored 21 more unknown values of country code."


def test_nothing_from_the_query_is_echoed_unescaped(client, world, hx):
    evil = '<script>alert("x")</script>'
    params = {
        "q": evil,
        "country": evil,
        "region": evil,
        "kind": evil,
        "year": evil,
        "year_from": evil,
        "page": evil,
        "order": evil,
    }
    for headers in ({}, hx):
        response = client.get(URL, params, **headers)
        html = response.content.decode()
        assert response.status_code == 200
        assert evil not in html
        assert "<script>alert" not in html
        # Shown back as text, escaped (whichever entity names the quote mark): in the search
        # box, and in the note.
        assert select(html, "input", id="filter-q")[0]["value"] == evil
        shown = '“<script>alert("x")</scr…”'
        assert f"Ignored the unknown country code {shown}" in entities.unescape(html)


# Attributes that hold an address or a value a form would submit again.
ADDRESSES = {"href", "hx-get", "hx-push-url", "action", "src", "value", "content"}


def test_invalid_values_are_left_out_of_every_link(client, world, hx):
    params = {"country": ["FJ", "ZZ"], "kind": "nope", "page": "x"}
    response = client.get(URL, params)
    assert response.context["query"].urlencode() == "country=FJ"
    html = response.content.decode()
    addresses = [
        (tag, name, value)
        for tag, attributes in elements(html)
        for name, value in attributes.items()
        if name in ADDRESSES
    ]
    assert ("link", "href", "http://testserver/?country=FJ") in addresses  # the canonical link
    assert any(name == "hx-get" for _, name, _ in addresses)
    for tag, name, value in addresses:
        for invalid in ("ZZ", "nope", "page=x"):
            assert invalid not in value, (tag, name, value)
    # Only the notice names what was ignored.
    text = text_outside(html, "notice")
    assert "ZZ" not in text and "nope" not in text
    assert "ZZ" in html and "nope" in html

    partial = client.get(URL, params, **hx)
    assert partial["HX-Push-Url"] == "/?country=FJ"
    for tag, attributes in elements(partial.content.decode()):
        for name, value in attributes.items():
            if name in ADDRESSES:
                assert "ZZ" not in value and "nope" not in value, (tag, name, value)


def test_long_results_are_paginated(client, countries):
    many_events(60)
    first = client.get(URL, {"kind": "training"})
    assert first.context["page_obj"].paginator.count == 40
    many_events(30, start=60)
    first = client.get(URL)
    assert len(slugs(first)) == PAGE_SIZE == 25
    html = first.content.decode()
    assert len(select(html, "nav", class_="pagination", aria_label="Pages of results")) == 1
    assert 'rel="next" href="/?page=2"' in html
    assert_contains_html(
        html,
        '<h2 id="results-title" tabindex="-1" data-result-count>'
        '90 events<span class="results-range">, 1–25 shown</span></h2>',
        count=1,
    )

    second = client.get(URL, {"page": "2"})
    assert len(slugs(second)) == 25
    assert set(slugs(first)).isdisjoint(slugs(second))
    assert 'rel="prev" href="/?page=1"' in second.content.decode()
    last = client.get(URL, {"page": "4"})
    assert len(slugs(last)) == 15

    filtered = client.get(URL, {"country": "AU", "kind": "scrutiny"})  # 15 events
    assert "page=2" not in filtered.content.decode()
    past_the_end = client.get(URL, {"page": "5"})
    assert past_the_end.context["notes"] == ["Ignored page 5: these results fill 4 pages."]
    assert past_the_end.context["page_obj"].number == 1


def test_pages_follow_the_timeline_order_both_ways(client, countries):
    many_events(60)
    make_event("same-day-b", date=(2020, 5, 1), title="Same day")
    make_event("same-day-a", date=(2020, 5, 1), title="Same day")

    def every_page(order):
        found = []
        for number in (1, 2, 3):
            found += slugs(client.get(URL, {"order": order, "page": str(number)}))
        return found

    oldest_first = every_page("asc")
    expected = Event.objects.published().chronological().values_list("slug", flat=True)
    assert oldest_first == list(expected)
    assert every_page("desc") == oldest_first[::-1]


def test_page_links_keep_the_filters(client, countries):
    many_events(120)
    html = client.get(URL, {"kind": "training", "order": "desc"}).content.decode()
    assert 'href="/?kind=training&amp;order=desc&amp;page=2"' in html


def test_htmx_page_request_pushes_the_page(client, countries, hx):
    many_events(60)
    response = client.get(URL, {"page": "2"}, **hx)
    assert response["HX-Push-Url"] == "/?page=2"


# With nothing cached: the data version; the countries, actors and threads the filters accept;
# the facet index (the events, their participants, their actors); the page of events, and one
# query each for the events' countries, figures and citations. Counts and totals come from
# the index at no query.
TIMELINE_QUERIES = 11
# A text search asks the database for its matches, and for the excerpts of the page's events.
SEARCH_QUERIES = 2
# Once the data version's facet index and filter values are built.
WARM_TIMELINE_QUERIES = 5
# The same address again: the rendered page is cached too; only the data version is read.
CACHED_PAGE_QUERIES = 1
# After an edit the facet index is updated, not built: the change log and the newest data
# version are read besides the changed events and their relations (facets.FacetIndex.updated).
INDEX_UPDATE_QUERIES = 2


@pytest.mark.parametrize(
    "params", [{}, {"country": ["FJ", "AU"], "kind": "training", "q": "neutral"}]
)
def test_query_count_does_not_grow_with_the_events(
    client, countries, source, params, django_assert_num_queries
):
    expected = TIMELINE_QUERIES + (SEARCH_QUERIES if "q" in params else 0)
    many_events(5)
    make_event("cited", quotes=["Italy ended its joint police patrols"], source=source)
    with django_assert_num_queries(expected):
        client.get(URL, params)
    many_events(40, start=5)
    for n in range(5):
        make_event(
            f"cited-{n}",
            quotes=["Cambodia returned 50 people", "scam compound to China"],
            source=source,
            date=(2024, 1, 1),
            countries=["CN", "KH"],
        )
    with django_assert_num_queries(expected + INDEX_UPDATE_QUERIES):
        client.get(URL, params)


def test_query_count_with_htmx_is_the_same(client, world, hx, django_assert_num_queries):
    with django_assert_num_queries(TIMELINE_QUERIES):
        client.get(URL, {"kind": "training"}, **hx)


def test_cached_facets_are_reused_until_the_data_changes(client, world, django_assert_num_queries):
    full = client.get(URL, {"kind": "training"})
    with django_assert_num_queries(WARM_TIMELINE_QUERIES):
        client.get(URL, {"kind": "training", "order": "desc"})  # same filters, other page
    with django_assert_num_queries(CACHED_PAGE_QUERIES):
        again = client.get(URL, {"kind": "training"})
    assert again.content == full.content
    partial = client.get(URL, {"kind": "training"}, HTTP_HX_REQUEST="true")
    assert b"<html" in full.content and b"<html" not in partial.content
    many_events(1, start=100)  # a change: the next page counts afresh, and sees the new event
    with django_assert_num_queries(TIMELINE_QUERIES + INDEX_UPDATE_QUERIES):
        response = client.get(URL, {"kind": "training"})
    assert response.context["page_obj"].paginator.count == (
        Event.objects.published().filter(kind="training").count()
    )
