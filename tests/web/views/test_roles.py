"""The role filter on the curated data: `?role=objector` lists the events where some state (or
a region the text names instead) objects, on the page, over HTMX and in the exports alike;
with a region or country it is that place in that role."""

import json
import re

import pytest

from policing.models import Event, Participant, Role
from tests.markup import select

TIMELINE = "/"
HX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "http://testserver/"}


def in_role(role: str, **place) -> set[str]:
    """Published events with a participant in `role` (at `place`, the same participant), read
    from the participants themselves, not through the filters under test."""
    rows = Participant.objects.filter(
        event__in=Event.objects.published().values("pk"), role=role, **place
    )
    return set(rows.values_list("event__slug", flat=True))


def shown(response) -> list[str]:
    """The slugs of the event cards the response's HTML shows."""
    html = response.content.decode()
    return [a["aria-labelledby"].removeprefix("title-") for a in select(html, "article")]


def facet(response, param: str) -> dict[str, dict]:
    [found] = [f for f in response.context["facets"] if f["param"] == param]
    return {o["value"]: o for o in found["options"] + found["more"]}


def ndjson_slugs(client, query: str) -> set[str]:
    response = client.get(f"/events.ndjson?{query}")
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode().splitlines()
    return {json.loads(line)["slug"] for line in lines}


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_role_objector_lists_exactly_the_events_with_an_objector(curated, client, headers):
    objecting = in_role(Role.OBJECTOR)
    assert 3 < len(objecting) < Event.objects.published().count()
    response = client.get(TIMELINE, {"role": "objector"}, **headers)
    assert response.status_code == 200
    assert not response.context["notes"]
    assert set(shown(response)) == objecting
    assert len(shown(response)) == len(objecting)
    assert response.context["page_obj"].paginator.count == len(objecting)
    # The chip names the filter, in the role's words.
    [chip] = response.context["chips"]
    assert (chip.label, chip.value) == ("Role", Role.OBJECTOR.label)
    if headers:
        assert response["HX-Push-Url"] == "/?role=objector"
    assert ndjson_slugs(client, "role=objector") == objecting
    # /events.json pages through the facet index, as the timeline does; NDJSON asks the database.
    data = json.loads(client.get("/events.json?role=objector").content)
    assert data["meta"]["filters"]["role"] == ["objector"]
    assert {e["slug"] for e in data["events"]} == objecting


def test_role_and_region_are_one_participant_and_narrow_the_list(curated, client):
    objecting = in_role(Role.OBJECTOR)
    pacific = in_role(Role.OBJECTOR, region="pacific")
    assert pacific and pacific < objecting
    for headers in ({}, HX):
        response = client.get(TIMELINE, {"role": "objector", "region": "pacific"}, **headers)
        assert set(shown(response)) == pacific
    assert ndjson_slugs(client, "role=objector&region=pacific") == pacific
    italy = "italy-ends-joint-patrols-2022"  # Italy objects, in Europe
    assert italy in objecting and italy not in pacific


def test_role_and_country_are_that_country_in_that_role(curated, client):
    australia_objects = in_role(Role.OBJECTOR, country_id="AU")
    assert australia_objects
    response = client.get(TIMELINE, {"role": "objector", "country": "AU"})
    assert set(shown(response)) == australia_objects
    # The Solomons take part in their security deal, and the United States objects to it: the
    # Solomons are a counterpart there, not an objector.
    solomons = "china-solomon-islands-security-agreement-2022"
    assert solomons in in_role(Role.OBJECTOR, country_id="US")
    assert solomons in in_role(Role.COUNTERPART, country_id="SB")
    for role, country in [("objector", "SB"), ("counterpart", "US")]:
        response = client.get(TIMELINE, {"role": role, "country": country})
        assert set(shown(response)) == in_role(role, country_id=country)
        assert solomons not in shown(response)


def test_the_role_facet_counts_what_each_role_would_list(curated, client):
    page = client.get(TIMELINE, {"region": "pacific"})
    options = facet(page, "role")
    # Every role the data has is offered, in the order of the model's choices.
    assert list(options) == [role for role in Role.values if in_role(role)]
    for role, option in options.items():
        assert option["label"] == Role(role).label
        assert option["count"] == len(in_role(role, region="pacific")), role
        # Following the option lists that many events.
        listed = client.get(TIMELINE, {"region": "pacific", "role": role})
        assert len(shown(listed)) == option["count"], role
    # With a role chosen, each region counts its own states in that role.
    regions = facet(client.get(TIMELINE, {"role": "objector"}), "region")
    assert regions["pacific"]["count"] == len(in_role(Role.OBJECTOR, region="pacific"))
    assert regions["europe"]["count"] == len(in_role(Role.OBJECTOR, region="europe"))


def test_the_role_facet_works_without_javascript(curated, client):
    html = client.get(TIMELINE).content.decode()
    [form] = select(html, "form", id="filter-form")
    assert form["method"] == "get"
    boxes = select(html, "input", type="checkbox", name="role")
    assert {box["value"] for box in boxes} == {r for r in Role.values if in_role(r)}
    [legend] = re.findall(r'<fieldset class="facet facet-role">\s*<legend>(.*?)</legend>', html)
    assert legend == "Role"
    # Ticked after a plain GET of the form.
    html = client.get(TIMELINE, {"role": "objector"}).content.decode()
    [ticked] = select(html, "input", name="role", value="objector")
    assert "checked" in ticked


def test_an_unknown_role_is_ignored_on_the_page_and_refused_by_the_exports(curated, client):
    response = client.get(TIMELINE, {"role": ["objector", "bystander"]})
    assert response.context["notes"] == ["Ignored the unknown role “bystander”."]
    assert set(shown(response)) == in_role(Role.OBJECTOR)
    refused = client.get("/events.json?role=bystander")
    assert refused.status_code == 400
    assert json.loads(refused.content)["parameter"] == "role"


def test_a_countrys_page_takes_the_role_as_its_own(curated, client):
    response = client.get("/countries/au/", {"role": "objector"})
    assert set(shown(response)) == in_role(Role.OBJECTOR, country_id="AU")
    # The sentence at the top and the facet agree: Australia objects in so many events.
    assert facet(response, "role")["objector"]["count"] == len(
        in_role(Role.OBJECTOR, country_id="AU")
    )
