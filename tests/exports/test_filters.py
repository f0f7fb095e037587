"""Every export honours the timeline's filters, shows only published events, and refuses an
invalid filter with a 400 that names the parameter."""

from unittest.mock import ANY

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from policing.models import Event
from tests.exports.readers import (
    EXPORTS,
    MYANMAR,
    SLUGS,
    export_events,
    published_slugs,
    read_json,
)

# --- every export honours the filters and shows only published events -------------------------

FILTERS = [
    ("country=MM", {"countries": ["MM"]}),
    ("kind=training&kind=repatriation", {"kinds": ["training", "repatriation"]}),
    ("region=pacific", {"regions": ["pacific"]}),
    ("year=2024", {"year_from": 2024, "year_to": 2024}),
    ("year_from=2015&year_to=2019", {"year_from": 2015, "year_to": 2019}),
    ("q=scam", {"q": "scam"}),
    ("country=SB&kind=training", {"countries": ["SB"], "kinds": ["training"]}),
    ("role=objector", {"roles": ["objector"]}),
    ("role=objector&region=pacific", {"roles": ["objector"], "regions": ["pacific"]}),
]


@pytest.mark.parametrize(("query", "filters"), FILTERS, ids=[q for q, _ in FILTERS])
def test_each_export_applies_the_filters(curated, client, query, filters):
    expected = published_slugs(**filters)
    assert expected and expected != published_slugs()
    for name in EXPORTS:
        response = client.get(f"{reverse(name)}?{query}")
        assert response.status_code == 200, name
        slugs = SLUGS[name](response)
        assert len(slugs) == len(set(slugs)), name
        assert set(slugs) == expected, name


@pytest.mark.parametrize("name", EXPORTS)
def test_each_export_without_filters_holds_every_published_event_and_no_draft(
    curated, client, name
):
    Event.objects.filter(slug=MYANMAR).update(published=False)
    slugs = SLUGS[name](client.get(reverse(name)))
    assert set(slugs) == published_slugs()
    assert MYANMAR not in slugs


def test_a_draft_has_no_event_exports(curated, client):
    Event.objects.filter(slug=MYANMAR).update(published=False)
    assert MYANMAR not in {item["slug"] for item in export_events()}
    assert client.get(f"/events/{MYANMAR}.json").status_code == 404
    assert client.get(f"/events/{MYANMAR}.ics").status_code == 404


@pytest.mark.parametrize("name", EXPORTS)
def test_queries_do_not_grow_with_the_number_of_events(curated, client, name):
    def count(query: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{reverse(name)}{query}")
            assert response.status_code == 200
            if response.streaming:  # its queries run as it is read
                assert b"".join(response.streaming_content)
        return len(queries)

    # The first request of a data version in a process also reads the filter lists and builds
    # the facet index, whatever the filters; after it, what each export asks is the same.
    count("")
    assert count("") == count("?country=FJ") == count("?country=MM")


# --- invalid filters: 400 with JSON naming the parameter ---------------------------------------

BAD = [
    ("year=abc", "year"),
    ("year=1066", "year"),
    ("country=XX", "country"),
    ("country=MM&country=ZZ", "country"),
    ("kind=bogus", "kind"),
    ("region=atlantis", "region"),
    ("role=bystander", "role"),
    ("role=objector&role=victim", "role"),
    ("order=sideways", "order"),
    ("year_from=2022&year_to=2020", "year_to"),
    ("year=2020&year_from=2019", "year"),
    ("year=2020&year=2021", "year"),
    ("q=" + "word " * 60, "q"),
    ("page=2", "page"),
    ("more=country", "more"),
    ("contry=MM", "contry"),
    ("nonsense=1", "nonsense"),
]


@pytest.mark.parametrize(("query", "parameter"), BAD, ids=[q[:30] for q, _ in BAD])
def test_an_invalid_filter_is_refused_naming_the_parameter(curated, client, query, parameter):
    for name in EXPORTS:
        response = client.get(f"{reverse(name)}?{query}")
        assert response.status_code == 400, name
        body = read_json(response)
        assert body == {"error": "invalid filter", "parameter": parameter, "message": ANY}, name
        assert body["message"] and "Ignored" not in body["message"], name


def test_the_page_ignores_what_an_export_refuses(curated, client):
    response = client.get("/?country=MM&year=abc")
    assert response.status_code == 200
    assert response.context["notes"]
    assert client.get("/events.json?country=MM&year=abc").status_code == 400


def test_empty_parameters_are_no_filter(curated, client):
    # A plain GET form submits its empty fields; they are no more a filter there than here.
    data = read_json(client.get("/events.json?q=&year_from=&year_to=&kind=training"))
    assert {e["slug"] for e in data["events"]} == published_slugs(kinds=["training"])


@pytest.mark.parametrize("name", [*EXPORTS, "events-schema"])
def test_exports_may_be_read_from_any_site(curated, client, name):
    assert client.get(reverse(name))["Access-Control-Allow-Origin"] == "*"
    assert client.get(f"{reverse(name)}?year=x")["Access-Control-Allow-Origin"] == "*"
