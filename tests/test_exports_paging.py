"""/events.json pages its events, so a response stays small however many events there are."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings

from policing.models import Event

SCHEMA = json.loads((Path(settings.BASE_DIR) / "docs" / "events.schema.json").read_text())


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def test_pages_together_hold_every_matching_event_once(client, curated):
    first = get(client, "/events.json?per_page=10")
    assert first["meta"]["count"] == Event.objects.published().count()
    assert first["meta"]["pages"] == -(-first["meta"]["count"] // 10)
    assert first["meta"]["previous"] is None
    slugs, document = [], first
    while True:
        jsonschema.validate(document, SCHEMA)
        slugs += [e["slug"] for e in document["events"]]
        if document["meta"]["next"] is None:
            break
        document = get(client, document["meta"]["next"].removeprefix("http://testserver"))
        assert document["meta"]["previous"]
    assert slugs == list(Event.objects.published().chronological().values_list("slug", flat=True))


def test_paging_keeps_the_filters(client, curated):
    document = get(client, "/events.json?kind=training&per_page=5")
    assert "kind=training" in document["meta"]["next"]
    second = get(client, document["meta"]["next"].removeprefix("http://testserver"))
    assert all(e["kind"] == "training" for e in second["events"])


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page=0", "page"),
        ("page=abc", "page"),
        ("page=99", "page"),
        ("per_page=1001", "per_page"),
        ("per_page=-5", "per_page"),
        ("page=1&page=2", "page"),
    ],
)
def test_bad_paging_is_refused_naming_the_parameter(client, curated, query, parameter):
    response = client.get(f"/events.json?{query}")
    assert response.status_code == 400
    assert json.loads(response.content)["parameter"] == parameter


def test_other_exports_are_not_paged(client, curated):
    assert client.get("/events.csv?page=2").status_code == 400
