"""The map at /map/: every counterpart country with events, linked to its filtered timeline with
the count that timeline shows; China marked as the subject; small Pacific states findable;
regions named without a country listed; bad filters noted."""

import json
import math
import re

import pytest
from django.conf import settings
from django.urls import reverse

from policing.models import OTHER_PARTIES, Country, Participant, Region, Role
from policing.timeline.worldmap import BASE_MAP_PATH, geometry
from tests.markup import select

URL = reverse("map")
PACIFIC_SMALL_STATES = ["FJ", "SB", "VU", "TO", "WS", "KI", "TL", "TV", "NR", "FM", "MH", "PW"]


def counterpart_countries() -> set[str]:
    return set(
        Participant.objects.filter(
            event__published=True, role__in=OTHER_PARTIES, country__isnull=False
        ).values_list("country_id", flat=True)
    )


def svg_links(html: str) -> dict[str, dict]:
    """The map's country links, by country code."""
    return {a["data-country"]: a for a in select(html, "a") if a.get("data-country")}


def path_rings(d: str) -> list[list[tuple[float, float]]]:
    """The rings of path data as build_world_map writes it ("M x y l dx dy dx dy ... z")."""
    rings = []
    for part in d.split("M")[1:]:
        numbers = [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", part)]
        x, y = numbers[0], numbers[1]
        ring = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append(ring)
    return rings


def table_counts(response) -> dict[str, int]:
    return {place["code"]: place["count"] for place in response.context["places"]}


def timeline_count(client, link: str) -> int:
    return client.get(link).context["page_obj"].paginator.count


@pytest.mark.django_db
def test_every_counterpart_country_with_events_is_on_the_map_and_in_the_table(client, curated):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    expected = counterpart_countries()
    assert expected  # the curated data names counterparts
    links = svg_links(html)
    assert set(links) == expected
    for code in expected:
        name = Country.objects.get(pk=code).name
        count = table_counts(response)[code]
        assert links[code]["href"] == f"/?country={code}"
        assert links[code]["aria-label"] == f"{name}: {count} event{'s' if count != 1 else ''}"
        assert f'<a href="/?country={code}">{name}</a>' in html  # the table's row


@pytest.mark.django_db
@pytest.mark.parametrize("filters", [{}, {"activity": "training"}, {"year_from": "2022"}])
def test_counts_are_the_timelines_facet_counts_and_its_links_length(client, curated, filters):
    response = client.get(URL, filters)
    on_map = table_counts(response)
    facet = next(f for f in client.get("/", filters).context["facets"] if f["param"] == "country")
    on_timeline = {o["value"]: o["count"] for o in facet["options"] + facet["more"] if o["count"]}
    on_timeline.pop("CN", None)
    assert on_map == on_timeline
    for place in response.context["places"]:
        assert timeline_count(client, place["link"]) == place["count"]


@pytest.mark.django_db
def test_links_carry_the_filters_and_replace_the_country(client, curated):
    response = client.get(URL, {"activity": "training", "country": "FJ", "page": "3"})
    for place in response.context["places"]:
        assert place["link"] == f"/?country={place['code']}&activity=training"
    html = response.content.decode()
    assert 'href="/?activity=training&amp;country=FJ"' in html  # back to the timeline
    assert "Remove filter" in html


@pytest.mark.django_db
def test_china_is_marked_as_the_subject_not_a_counterpart(client, curated):
    response = client.get(URL)
    html = response.content.decode()
    assert "CN" not in svg_links(html)
    [china] = select(html, "a", class_="subject")
    assert china["href"] == "/?subject=CN"
    assert china["aria-label"].startswith("China, the subject")
    assert "subject-hatch" in html  # a pattern, not a colour alone
    assert "China, the subject (hatched, outlined)" in html


@pytest.mark.django_db
def test_small_pacific_states_have_a_marker_to_select(client, curated):
    html = client.get(URL).content.decode()
    links = svg_links(html)
    shapes = geometry()["countries"]
    markers = {(c["cx"], c["cy"]) for c in select(html, "circle", class_="marker")}
    for code in ["FJ", "SB", "TL"]:  # counterparts in the curated events, tiny at this scale
        assert links[code]["aria-label"].startswith(Country.objects.get(pk=code).name)
        assert (str(shapes[code]["x"]), str(shapes[code]["y"])) in markers, code


def test_every_small_pacific_state_has_a_point_on_the_map():
    shapes = geometry()["countries"]
    width, height = geometry()["width"], geometry()["height"]
    for code in PACIFIC_SMALL_STATES:
        assert 0 <= shapes[code]["x"] <= width, code
        assert 0 <= shapes[code]["y"] <= height, code


@pytest.mark.django_db
def test_the_pacific_states_with_events_are_in_the_middle_of_the_map(client, curated):
    """Centred on the Pacific, the states most of the events are about are drawn whole in the
    middle third of the map, not split between its edges."""
    response = client.get(URL)
    width = response.context["width"]
    pacific = {p["code"]: p for p in response.context["places"] if p["region"] == "Pacific"}
    assert {"FJ", "SB", "PG"} <= set(pacific)
    for code, place in pacific.items():
        assert width / 3 <= place["x"] <= width * 2 / 3, code
        for ring in path_rings(place["d"]):
            assert all(width / 3 <= x <= width * 2 / 3 for x, _ in ring), code
    assert "Equal Earth projection, centred on the Pacific (150°E)" in response.content.decode()


def test_the_map_runs_from_europe_through_china_and_the_pacific_to_the_americas():
    shapes = geometry()["countries"]
    order = ["PT", "IN", "CN", "AU", "FJ", "WS", "US", "BR"]
    assert sorted(order, key=lambda code: shapes[code]["x"]) == order


def test_no_ring_draws_a_line_across_the_map():
    """A ring wrongly cut at the map's edge joins its two sides with a line across the map."""
    width, height = geometry()["width"], geometry()["height"]
    paths = [shape["d"] for shape in geometry()["countries"].values() if shape.get("d")]
    paths += re.findall(r' d="([^"]+)"', BASE_MAP_PATH.read_text())
    assert len(paths) > 170
    for d in paths:
        for ring in path_rings(d):
            for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
                assert math.dist(a, b) < width / 2, (d[:40], a, b)
            assert all(-0.1 <= x <= width + 0.1 and -0.1 <= y <= height + 0.1 for x, y in ring)


def test_the_geometry_is_small_and_keyed_by_alpha_2_codes():
    data = geometry()
    fixture = json.loads((settings.BASE_DIR / "fixtures" / "countries.json").read_text())
    assert {c["code"] for c in fixture} <= set(data["countries"])
    assert all(len(code) == 2 and code.isupper() for code in data["countries"])


@pytest.mark.django_db
def test_a_state_too_small_for_the_shapes_is_a_marker(client, world):
    tonga = Country.objects.create(code="TO", name="Tonga", region=Region.PACIFIC)
    event = world["fiji"]
    Participant.objects.create(event=event, country=tonga, role=Role.COUNTERPART)
    html = client.get(URL).content.decode()
    link = svg_links(html)["TO"]
    assert link["aria-label"] == "Tonga: 1 event"
    assert link["href"] == "/?country=TO"


@pytest.mark.django_db
def test_regions_named_without_a_country_are_listed_with_their_links(client, curated):
    response = client.get(URL)
    regions = {r["value"]: r for r in response.context["regions"]}
    assert "africa" in regions
    africa = regions["africa"]
    assert africa["link"] == "/?region=africa"
    named = Participant.objects.filter(
        event__published=True, country__isnull=True, region="africa", role__in=OTHER_PARTIES
    )
    assert africa["count"] == named.values("event").distinct().count()
    assert '<a href="/?region=africa">Africa</a>' in response.content.decode()


@pytest.mark.django_db
def test_a_bad_filter_is_noted_not_an_error(client, curated):
    response = client.get(URL, {"activity": "nonsense", "year_from": "abc"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ignored the unknown activity “nonsense”." in html
    assert "Ignored the start year “abc”" in html
    assert response.context["chips"] == []
    assert len(response.context["places"]) == len(counterpart_countries())


@pytest.mark.django_db
def test_no_matching_events_says_so(client, curated):
    response = client.get(URL, {"q": "xylophonist"})
    assert response.status_code == 200
    assert response.context["places"] == []
    assert "No counterpart country takes part in the matching events." in response.content.decode()


@pytest.mark.django_db
def test_the_map_is_linked_from_the_navigation_and_the_timeline(client, curated):
    html = client.get("/", {"activity": "training"}).content.decode()
    assert '<a href="/map/?activity=training">See these events on a map</a>' in html
    assert '<a href="/map/"' in html  # the site navigation
    page = client.get(URL).content.decode()
    [current] = [a for a in select(page, "a") if a.get("aria-current") == "page"]
    assert current["href"] == "/map/"
    # A country's page maps the events that country takes part in.
    country_page = client.get("/countries/fj/").content.decode()
    assert '<a href="/map/?party=FJ">See these events on a map</a>' in country_page


@pytest.mark.django_db
def test_the_grey_world_is_a_static_file_under_the_drawn_countries(client, world):
    html = client.get(URL).content.decode()
    [image] = select(html, "image")
    assert image["href"].startswith("/static/map/world")
    assert (settings.BASE_DIR / "static" / "map" / "world.svg").stat().st_size < 150_000


@pytest.mark.django_db
def test_the_map_shows_the_active_filters_as_the_timelines_results_do(client, curated):
    """One chips macro for both engines: the same chips, each removing its filter here."""
    query = {"activity": "training", "country": "FJ"}
    on_map = client.get(URL, query).content.decode()
    on_timeline = client.get("/", query).content.decode()
    chips = select(on_map, "a", class_="chip")
    assert [a["href"] for a in chips] == ["/map/?country=FJ", "/map/?activity=training"]
    assert [a["href"].removeprefix("/map/") for a in chips] == [
        a["href"].removeprefix("/") for a in select(on_timeline, "a", class_="chip")
    ]
    assert '<span class="chip-label">Country</span> Fiji' in on_map
    assert select(on_map, "a", class_="clear-all", href="/map/")
    # The timeline's chips swap its results over HTMX; the map is a plain page.
    assert select(on_timeline, "div", class_="chips", **{"hx-boost": "true"})
    assert not select(on_map, "div", **{"hx-boost": "true"})
