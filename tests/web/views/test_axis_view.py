"""The time axis view (`/?view=axis`): every matching event drawn, lanes chosen by the reader,
the same filters and links as the list, HTMX swaps, a fixed number of queries, and refused
values ignored with a note."""

import html as markup
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from policing.models import OTHER_PARTIES, Event, Participant
from policing.timeline import axis
from tests.factories import make_event, many_events
from tests.web.views.test_timeline_input import INDEX_UPDATE_QUERIES

URL = "/"

# Cold: the data version; the countries, actors and threads the filters accept; the facet
# index (the events, their participants, their actors); the drawn events' fields. Lanes and
# counts come from the index at no query.
AXIS_QUERIES = 8


def axis_of(response) -> dict:
    return response.context["axis"]


def drawn_keys(response) -> list[int]:
    return [m.item.key for lane in axis_of(response)["drawing"].lanes for m in lane.marks]


def test_the_axis_draws_every_matching_event_instead_of_a_page_of_cards(client, world):
    response = client.get(URL, {"view": "axis"})
    assert response.status_code == 200
    published = Event.objects.published()
    drawing = axis_of(response)["drawing"]
    assert {i.key for i in drawing.items} == set(published.values_list("pk", flat=True))
    assert set(drawn_keys(response)) == {i.key for i in drawing.items}
    html = response.content.decode()
    assert 'class="axis-chart"' in html and "event-card" not in html
    assert response.context["page_obj"].paginator.count == published.count()
    # Each mark links to its event and names it, with its date in words, in its <title>.
    for event in published:
        assert f'<a href="{event.get_absolute_url()}" class="axis-mark' in html
        assert f"<title>{event.title}, {event.date_display}</title>" in html


def test_one_day_between_two_dates_is_a_hatched_band_named_in_words(client, world):
    fiji = world["fiji"]
    fiji.date_edtf = "[2011-01-03..2011-03-31]"
    fiji.save()
    response = client.get(URL, {"view": "axis"})
    band = next(
        m
        for lane in axis_of(response)["drawing"].lanes
        for m in lane.marks
        if m.item.key == fiji.pk
    )
    assert band.kind == axis.BETWEEN
    html = response.content.decode()
    drawn = re.search(
        rf'<a href="{fiji.get_absolute_url()}" class="axis-mark[^"]*">(.*?)</a>', html, re.S
    )
    assert "mark-between" in drawn.group(0)
    assert f"<title>{fiji.title}, between 3 Jan and 31 Mar 2011</title>" in drawn.group(1)
    assert 'class="axis-window"' in drawn.group(1)  # the hatch over the band
    assert "Sometime between two dates" in html  # and the legend says what it means
    # No other kind of mark is hatched as a window.
    marks = re.findall(r'<a href="[^"]*" class="axis-mark.*?</a>', html, re.S)
    assert len(marks) > 1 and sum('class="axis-window"' in m for m in marks) == 1


def test_the_list_and_the_axis_switch_keeping_the_filters(client, world):
    listed = client.get(URL, {"kind": "training"}).content.decode()
    assert 'href="/?kind=training&amp;view=axis"' in listed
    on_axis = client.get(URL, {"kind": "training", "view": "axis"})
    html = on_axis.content.decode()
    assert 'href="/?kind=training"' in html  # back to the list
    assert 'aria-current="page">Time axis' in html
    assert {i.key for i in axis_of(on_axis)["drawing"].items} == set(
        Event.objects.published().filter(kind="training").values_list("pk", flat=True)
    )


def test_links_on_the_axis_keep_the_view_and_lanes_but_exports_and_the_map_do_not(client, world):
    response = client.get(URL, {"view": "axis", "lanes": "country", "country": "FJ"})
    html = response.content.decode().replace("&amp;", "&")
    chip = re.search(r'<a class="chip" href="([^"]+)"', html)[1]
    assert "view=axis" in chip and "lanes=country" in chip
    assert 'href="/?country=FJ&view=axis&lanes=country&order=desc"' in html  # the order
    assert '<input type="hidden" name="view" value="axis">' in html
    assert '<input type="hidden" name="lanes" value="country">' in html
    for href in re.findall(r'href="([^"]+)"[^>]*data-export=', html):
        assert "view" not in href and "lanes" not in href
        assert client.get(href).status_code == 200
    map_link = re.search(r'<p class="map-link"><a href="([^"]+)"', html)[1]
    assert "view" not in map_link and "lanes" not in map_link
    # Choosing other lanes, or a year, keeps the other filters and the view.
    lanes = {c["value"]: c["link"] for c in axis_of(response)["lane_choices"]}
    assert lanes["activity"] == "/?country=FJ&view=axis&lanes=activity"
    assert lanes["thread"] == "/?country=FJ&view=axis"
    ticks = [t for t in axis_of(response)["drawing"].ticks if t.link]
    assert ticks and all("view=axis" in t.link and "country=FJ" in t.link for t in ticks)


@pytest.mark.parametrize(("lanes", "expected"), [("activity", "activity"), ("", "thread")])
def test_lanes_by_activity_or_thread_hold_each_event_once(client, world, lanes, expected):
    response = client.get(URL, {"view": "axis", "lanes": lanes})
    assert axis_of(response)["lanes"] == expected
    keys = drawn_keys(response)
    assert sorted(keys) == sorted(set(keys))


def test_lanes_by_country_draw_an_event_in_each_of_its_other_countries(client, world):
    make_event("two-countries", countries=["CN", "FJ", "AU"], title="Fiji and Australia")
    response = client.get(URL, {"view": "axis", "lanes": "country"})
    lanes = {lane.label: lane for lane in axis_of(response)["drawing"].lanes}
    others = Participant.objects.filter(
        event__published=True, role__in=OTHER_PARTIES, country__isnull=False
    )
    assert {lane for lane in lanes if lane != "No other country named"} == set(
        others.values_list("country__name", flat=True)
    )
    for name in ("Fiji", "Australia"):
        assert "Fiji and Australia" in {m.item.title for m in lanes[name].marks}
    listed = [entry["item"].title for entry in axis_of(response)["listed"]]
    assert listed.count("Fiji and Australia") == 1


def test_an_htmx_swap_renders_the_results_with_the_axis_and_pushes_its_address(client, world, hx):
    response = client.get(URL, {"view": "axis", "lanes": "activity", "year": "2024"}, **hx)
    html = response.content.decode()
    assert "<html" not in html and 'class="axis-chart"' in html
    assert response["HX-Push-Url"] == "/?year=2024&view=axis&lanes=activity"
    assert axis_of(response)["drawing"].scale.first_year == 2024


def test_zooms_inside_the_drawing_swap_the_results_over_htmx_and_stay_plain_links(
    client, countries
):
    """Issue #28: the year links inside the SVG were not boosted, so a zoom loaded the whole
    page. Each zoom there names its hx-get (the same address as its href, which works without
    JavaScript); the target, swap and pushed address are those of #results. An event's mark
    stays a plain link to its page."""
    many_events(40)
    for day in range(1, 21):  # a crowd, in one month
        make_event(f"crowded-{day}", date=(2005, 3, day), precision="day", kind="training")
    response = client.get(URL, {"view": "axis", "lanes": "activity"})
    html = response.content.decode()
    years = re.findall(r'<g class="axis-years">(.*?)</g>', html, re.S)[0]
    zooms = re.findall(r'<a href="([^"]*)"( hx-get="([^"]*)")?>', years)
    assert len(zooms) >= 2
    assert all(hx_get == href and "view=axis" in href for href, _, hx_get in zooms)
    crowds = axis_of(response)["clusters"]
    assert any(c.zooms for c in crowds)
    for cluster in crowds:
        link = f'<a href="{markup.escape(cluster.link)}"'
        hx = f' hx-get="{markup.escape(cluster.link)}"' if cluster.zooms else ""
        assert f'{link}{hx} class="axis-cluster">' in html
    assert not re.search(r'class="axis-mark[^"]*"[^>]* hx-get', html)
    assert not re.search(r'hx-get="[^"]*"[^>]*class="axis-mark', html)
    # htmx keeps no copy of a page with the axis in localStorage (back and forward ask the
    # server, which has it cached): copying a drawing of 1,000 events cost each zoom 90 ms.
    assert '<section class="axis" aria-labelledby="axis-title" hx-history="false">' in html
    # The results region they are in gives the target, the swap and the pushed address.
    region = re.search(r'<div id="results"[^>]*>', html)[0]
    assert 'hx-target="#results" hx-swap="outerHTML" hx-push-url="true"' in region
    # The swap is that region alone, with the zoom's address pushed.
    first = markup.unescape(zooms[0][0])
    swapped = client.get(first, HTTP_HX_REQUEST="true")
    assert "<html" not in swapped.content.decode() and "axis-chart" in swapped.content.decode()
    assert parse_qs(urlsplit(swapped["HX-Push-Url"]).query) == parse_qs(urlsplit(first).query)


def test_the_list_below_the_axis_counts_down_when_newest_first(client, world):
    """Marks with no room for a title show their number in this list: newest first, the
    list counts down so that each event keeps its number."""
    ascending = client.get(URL, {"view": "axis"}).content.decode()
    assert '<ol class="axis-list-events">' in ascending
    descending = client.get(URL, {"view": "axis", "order": "desc"}).content.decode()
    assert '<ol class="axis-list-events" reversed>' in descending


@pytest.mark.parametrize(
    ("params", "note"),
    [
        ({"view": "bogus"}, "Ignored the view “bogus”: use list or axis."),
        (
            {"view": "axis", "lanes": "<script>"},
            "Ignored the lanes “<script>”: use thread, country or activity.",
        ),
        ({"view": ["axis", "list"]}, None),  # the last of a repeated value, as for order
    ],
)
def test_refused_values_are_ignored_with_a_note(client, world, params, note):
    response = client.get(URL, params)
    assert response.status_code == 200
    if note:
        assert note in response.context["notes"]
    if params["view"] == "bogus":
        assert "axis" not in response.context and response.context["view"] == "list"
    elif "lanes" in params:
        assert axis_of(response)["lanes"] == "thread"
        assert "&lt;script&gt;" in response.content.decode()


def test_lanes_without_the_axis_are_left_out_of_the_address(client, world):
    response = client.get(URL, {"lanes": "country", "kind": "training"})
    assert response.context["canonical_query"] == "?kind=training"


def test_the_axis_view_and_its_lanes_are_cached_apart_from_the_list(client, world):
    listed = client.get(URL).content
    on_axis = client.get(URL, {"view": "axis"}).content
    by_country = client.get(URL, {"view": "axis", "lanes": "country"}).content
    assert len({listed, on_axis, by_country}) == 3
    assert client.get(URL, {"view": "axis"}).content == on_axis


@pytest.mark.parametrize("name", ["view", "lanes"])
def test_exports_refuse_the_view_and_lanes_as_they_refuse_page(client, world, name):
    for export in ("/events.json", "/events.csv", "/events.ics"):
        response = client.get(export, {name: "axis"})
        assert response.status_code == 400
        assert response.json()["parameter"] == name


@pytest.mark.parametrize("params", [{}, {"lanes": "country"}, {"lanes": "activity", "q": "event"}])
def test_query_count_does_not_grow_with_the_events(
    client, countries, source, params, django_assert_num_queries
):
    expected = AXIS_QUERIES + (1 if "q" in params else 0)  # a search's matches
    many_events(5)
    with django_assert_num_queries(expected):
        client.get(URL, {"view": "axis", **params})
    many_events(60, start=5)
    with django_assert_num_queries(expected + INDEX_UPDATE_QUERIES):  # the index updated
        response = client.get(URL, {"view": "axis", **params})
    assert not axis_of(response)["dense"]


def test_the_same_query_count_over_htmx(client, world, hx, django_assert_num_queries):
    with django_assert_num_queries(AXIS_QUERIES):
        client.get(URL, {"view": "axis", "kind": "training"}, **hx)


def test_too_many_marks_are_counted_per_lane_and_year_and_the_page_says_so(
    client, countries, monkeypatch, django_assert_num_queries
):
    many_events(30)
    monkeypatch.setattr(axis, "MAX_MARKS", 10)
    with django_assert_num_queries(AXIS_QUERIES - 1):  # no event is drawn: nothing to read
        response = client.get(URL, {"view": "axis", "lanes": "activity"})
    context = axis_of(response)
    assert context["dense"]
    assert "too many to draw one by one" in response.content.decode()
    drawing = context["drawing"]
    assert {lane.label: lane.total for lane in drawing.lanes} == {
        "Training": Event.objects.filter(activity="training").count(),
        "Scrutiny: hearings, indictments, reports": Event.objects.filter(
            activity="scrutiny"
        ).count(),
    }
    for lane in drawing.lanes:
        assert sum(cell.count for cell in lane.cells) == lane.total  # one year each
        assert all(f"year={cell.year}" in cell.link for cell in lane.cells)
    # Each cell zooms over HTMX too (hx-boost passes over links inside an SVG).
    html = response.content.decode()
    cells = re.findall(r'<a href="([^"]*)"( hx-get="[^"]*")? class="axis-cell-link">', html)
    assert cells and all(hx == f' hx-get="{href}"' for href, hx in cells)


def test_the_year_range_zooms_the_axis_and_offers_wider_earlier_and_later(client, countries):
    many_events(20)
    response = client.get(URL, {"view": "axis", "year_from": "2005", "year_to": "2009"})
    context = axis_of(response)
    scale = context["drawing"].scale
    assert (scale.first_year, scale.last_year) == (2005, 2009)
    assert set(context["zoom"]) == {"out", "earlier", "later"}
    assert "year_from=2000&year_to=2004" in context["zoom"]["earlier"]
    assert "year_from=2010&year_to=2014" in context["zoom"]["later"]
    assert context["all_years"] == "/?view=axis"
    years = {i.key for i in context["drawing"].items}
    assert years == set(
        Event.objects.filter(date_start__year__range=(2005, 2009)).values_list("pk", flat=True)
    )


def test_no_matching_events_on_the_axis_says_so(client, world):
    response = client.get(URL, {"view": "axis", "q": "nothing-matches-this"})
    assert response.status_code == 200
    assert "No events match these filters" in response.content.decode()


def test_a_country_page_shows_its_events_on_the_axis(client, world):
    response = client.get("/countries/fj/", {"view": "axis"})
    assert response.status_code == 200
    keys = {i.key for i in axis_of(response)["drawing"].items}
    assert keys == set(
        Event.objects.published().filter(countries="FJ").values_list("pk", flat=True)
    )


# --- On the curated events: each lane's number is the events drawn in it -----------------------

YEAR_SELECTIONS = [
    {},
    {"year": "2024"},
    {"year": "2022"},
    {"year_from": "2019", "year_to": "2022"},
    {"year_from": "2024"},
    {"year_to": "2019"},
]


def expected_lanes(lanes: str, years: dict) -> dict[str, set[int]]:
    """Each lane's events, worked out from the database and the year rule (an event matches
    when the years it is placed in overlap those chosen), not from the facet index."""
    first = int(years.get("year", years.get("year_from", 0)))
    last = int(years.get("year", years.get("year_to", 9999)))
    events = Event.objects.published().filter(end_year__gte=first, start_year__lte=last)
    found: dict[str, set[int]] = {}
    for event in events.select_related("thread"):
        if lanes == "thread":
            names = [event.thread.title if event.thread else "Not part of a thread"]
        elif lanes == "activity":
            names = [event.get_activity_display()]
        else:
            names = sorted(
                set(
                    Participant.objects.filter(
                        event=event, role__in=OTHER_PARTIES, country__isnull=False
                    ).values_list("country__name", flat=True)
                )
            ) or ["No other country named"]
        for name in names:
            found.setdefault(name, set()).add(event.pk)
    return found


def drawn_lanes(html: str) -> dict[str, tuple[int, int]]:
    """Each lane group of the drawing: the number its heading shows, and its marks plus the
    events its crowds hold (a crowd "+N" counting N)."""
    lanes = {}
    for group in re.findall(r'<g class="axis-lane" role="group".*?</g>', html, re.S):
        label = re.search(r'aria-label="([^"]*): (\d+) events?', group)
        heading = re.search(r'<text class="axis-lane-label" [^>]*>([^<]*) · (\d+)', group)
        assert heading and (heading[1], heading[2]) == (label[1], label[2])
        marks = group.count('class="axis-mark ')
        crowds = sum(int(n) for n in re.findall(r'text-anchor="middle">\+(\d+)</text>', group))
        lanes[markup.unescape(label[1])] = (int(label[2]), marks + crowds)
    return lanes


@pytest.mark.parametrize("lanes", ["thread", "country", "activity"])
def test_on_the_curated_events_a_lanes_number_is_the_events_drawn_in_it(client, curated, lanes):
    """Issue #26: on ?view=axis&year=2024 a lane said 2 and drew 1. In every lane mode and
    every choice of years, each lane holds exactly the events the filters list in it, its
    number counts them, and each is drawn there (clipped to the years shown)."""
    for years in YEAR_SELECTIONS:
        response = client.get(URL, {"view": "axis", "lanes": lanes, **years})
        drawing = axis_of(response)["drawing"]
        expected = expected_lanes(lanes, years)
        drawn = {
            lane.label: {m.item.key for m in lane.marks}
            | {i.key for cluster in lane.clusters for i in cluster.items}
            for lane in drawing.lanes
        }
        assert drawn == expected, years
        assert all(lane.count == len(drawn[lane.label]) for lane in drawing.lanes), years
        html = response.content.decode()
        assert all(shown == marks for shown, marks in drawn_lanes(html).values()), years
        assert {k: n for k, (n, _) in drawn_lanes(html).items()} == {
            k: len(v) for k, v in expected.items()
        }


def test_on_2024_the_afp_window_is_drawn_clipped_and_named_so(client, curated):
    """The AFP's policy end, one day between Jul 2019 and Dec 2024, in its thread's lane on
    ?year=2024: drawn from the left edge, with an arrowhead there, its name saying it reaches
    before 2024, and the legend saying what the arrowhead means."""
    response = client.get(URL, {"view": "axis", "year": "2024"})
    lanes = {lane.label: lane for lane in axis_of(response)["drawing"].lanes}
    australia = lanes["Chinese police operating in Australia"]
    assert australia.count == len(australia.marks) == 2
    window = next(m for m in australia.marks if m.kind == axis.BETWEEN)
    assert window.clipped_start and not window.clipped_end and window.x0 == axis.PLOT_LEFT
    html = response.content.decode()
    assert f"<title>{window.item.title}, {window.item.when} (reaches before 2024)</title>" in html
    assert "Reaching beyond the years shown" in html
    # Unfiltered, nothing is clipped and nothing says so.
    everything = client.get(URL, {"view": "axis"}).content.decode()
    assert "reaches before" not in everything and "Reaching beyond" not in everything
