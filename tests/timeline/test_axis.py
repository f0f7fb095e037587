"""The time axis's layout (timeline/axis.py): how each kind of date is drawn, lanes and rows
without collisions, crowds, thread joins, ticks and the per-year counts. No database."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policing.text import dates
from policing.timeline import axis
from policing.timeline.axis import Item, extent, layout

D = dt.date


@pytest.mark.parametrize(
    ("edtf", "kind", "start", "end"),
    [
        ("2025-02-20", axis.DAY, D(2025, 2, 20), D(2025, 2, 20)),
        ("2024-03", axis.PERIOD, D(2024, 3, 1), D(2024, 3, 31)),
        ("2022", axis.PERIOD, D(2022, 1, 1), D(2022, 12, 31)),
        ("2014/2020", axis.SPAN, D(2014, 1, 1), D(2020, 12, 31)),
        ("2024-03/2025-02-23", axis.SPAN, D(2024, 3, 1), D(2025, 2, 23)),
        ("[2024-09-02,2024-09-09]", axis.ONE_OF, D(2024, 9, 2), D(2024, 9, 9)),
        ("[2024-12,2025-01]", axis.ONE_OF, D(2024, 12, 1), D(2025, 1, 31)),
        ("{2024-01,2024-03}", axis.EACH, D(2024, 1, 1), D(2024, 3, 31)),
        ("[2025-02-01..2025-02-23]", axis.BETWEEN, D(2025, 2, 1), D(2025, 2, 23)),
        ("[2025-03..2025-12]", axis.BETWEEN, D(2025, 3, 1), D(2025, 12, 31)),
    ],
)
def test_each_kind_of_date_is_drawn_over_the_days_it_allows(edtf, kind, start, end):
    drawn = extent(edtf)
    assert (drawn.kind, drawn.start, drawn.end) == (kind, start, end)
    assert not drawn.approximate


def test_a_set_keeps_each_possible_date():
    drawn = extent("[2024-09-02,2024-09-09]")
    assert drawn.choices == ((D(2024, 9, 2), D(2024, 9, 2)), (D(2024, 9, 9), D(2024, 9, 9)))


def test_one_day_between_two_dates_is_drawn_over_the_window_but_not_as_a_span():
    window, span = extent("[2025-02-01..2025-02-23]"), extent("2025-02-01/2025-02-23")
    assert (window.start, window.end) == (span.start, span.end)
    assert window.kind != span.kind and span.exact and not window.exact
    assert window.choices == ()  # one band, not a tick at each end


def test_an_open_end_fades_from_its_bound_for_at_most_a_year_within_its_source():
    after = extent("2019-06/..")
    assert (after.kind, after.start) == (axis.AFTER, D(2019, 6, 1))
    assert after.end == D(2019, 6, 1) + axis.OPEN_FADE
    # Its source, published in 2019, bounds it: the fade stops at the end of that year.
    assert extent("2019-06/..", start_year=2019, end_year=2019).end == D(2019, 12, 31)
    by = extent("../2025-02-20")
    assert (by.kind, by.end) == (axis.BY, D(2025, 2, 20))
    assert by.start == D(2025, 2, 20) - axis.OPEN_FADE
    assert extent("../2025-02-20", start_year=2025, end_year=2025).start == D(2025, 1, 1)
    # An open end at year precision still covers its whole year.
    assert extent("2022/..", start_year=2022, end_year=2022).end == D(2022, 12, 31)


@pytest.mark.parametrize("edtf", ["2025-01~", "2024?", "2014~/2020", "2019-06%/.."])
def test_a_qualified_date_is_approximate(edtf):
    assert extent(edtf).approximate
    assert not extent(edtf).exact


def item(key, edtf, lanes=("a",), *, thread="", title=None, stage="", years=(0, 9999)):
    return Item(
        key=key,
        url=f"/events/e{key}/",
        title=title or f"Event {key}",
        edtf=edtf,
        activity="training",
        lanes=lanes,
        stage=stage,
        thread=thread,
        start_year=years[0],
        end_year=years[1],
    )


def marks_of(drawing):
    return {m.item.key: m for lane in drawing.lanes for m in lane.marks}


def test_a_span_is_wider_than_a_day_and_a_year_wider_than_a_month():
    items = [
        item(1, "2014/2020"),
        item(2, "2021-03-05"),
        item(3, "2019"),
        item(4, "2019-06"),
    ]
    marks = marks_of(layout(items, [("a", "A")]))
    assert marks[1].width > 10 * marks[2].width
    assert marks[3].width > marks[4].width >= axis.MIN_MARK
    assert marks[2].width == axis.DIAMOND
    # Left to right in time.
    assert marks[1].x0 < marks[4].x0 < marks[2].x0


def test_the_years_shown_are_those_asked_for_and_a_longer_date_is_marked_as_continuing():
    drawing = layout([item(1, "2014/2020"), item(2, "2016-05")], [("a", "A")], year_from=2016)
    assert (drawing.scale.first_year, drawing.scale.last_year) == (2016, 2020)
    span = marks_of(drawing)[1]
    assert span.clipped_start and not span.clipped_end
    assert span.x0 == axis.PLOT_LEFT
    assert span.continues
    assert "continues" in drawing.kinds


def test_an_event_is_drawn_in_each_of_its_lanes_and_listed_once():
    items = [item(1, "2020", ("fj", "sb")), item(2, "2021", ("sb",))]
    drawing = layout(items, [("fj", "Fiji"), ("sb", "Solomon Islands"), ("xx", "Empty")])
    assert [lane.key for lane in drawing.lanes] == ["fj", "sb"]  # an empty lane is not drawn
    assert [len(lane.marks) for lane in drawing.lanes] == [1, 2]
    assert drawing.items == items
    assert drawing.lanes[0].bottom <= drawing.lanes[1].y


def test_a_lanes_name_is_written_again_along_it_only_after_it_ends():
    """On a phone the lane's name repeats as the axis scrolls; a long name must not run into
    its own repeat (the Justice Institute's programme has an 80-character name)."""
    long_name = "Justice Institute of British Columbia programme for Chinese police academies"
    drawing = layout(
        [item(1, "2014/2020"), item(2, "2016-05", ("b",))], [("a", long_name), ("b", "B")]
    )
    long_lane, short_lane = drawing.lanes
    ends = axis.PLOT_LEFT + len(f"{long_name} · 1") * axis.LANE_CHAR_WIDTH
    assert long_lane.repeats and long_lane.repeats[0] > ends
    gaps = [b - a for a, b in zip(long_lane.repeats, long_lane.repeats[1:], strict=False)]
    assert all(gap > ends - axis.PLOT_LEFT for gap in gaps)
    assert short_lane.repeats[0] == axis.PLOT_LEFT + axis.REPEAT  # a short name keeps its pace


def footprint(mark):
    width = axis.text_width(mark.label)
    if mark.label_end:
        return min(mark.x0, mark.label_x - width), mark.x1
    return mark.x0, max(mark.x1, mark.x0 + width)


def test_no_two_marks_or_labels_in_a_row_overlap_and_a_crowd_is_clustered():
    # Forty events in one month of one lane: more than the rows hold.
    items = [item(n, f"2024-03-{n % 28 + 1:02d}", title=f"Crowded event {n}") for n in range(40)]
    items += [item(100, "2015/2016"), item(101, "2020-01")]
    drawing = layout(items, [("a", "A")])
    lane = drawing.lanes[0]
    rows: dict[float, list] = {}
    for mark in lane.marks:
        rows.setdefault(mark.y, []).append(footprint(mark))
    assert len(rows) <= axis.MAX_ROWS
    for spans in rows.values():
        spans.sort()
        for (_, right), (left, _) in zip(spans, spans[1:], strict=False):
            assert left >= right + axis.GAP
    clustered = sum(c.count for c in lane.clusters)
    assert clustered and len(lane.marks) + clustered == len(items) == lane.count
    assert drawing.clusters == lane.clusters
    # Below the rows, not over them.
    assert all(c.y > max(m.y for m in lane.marks) for c in lane.clusters)


def test_a_cluster_links_to_a_zoom_on_its_years_or_to_its_list_when_that_is_no_closer():
    def zoom(first, last):
        return f"?year_from={first}&year_to={last}"

    items = [item(n, f"2024-03-{n % 28 + 1:02d}") for n in range(40)] + [item(99, "2010")]
    wide = layout(items, [("a", "A")], link=zoom)
    assert wide.clusters[0].link == "?year_from=2024&year_to=2024"
    assert wide.clusters[0].zooms
    close = layout(items, [("a", "A")], year_from=2024, year_to=2024, link=zoom)
    assert close.clusters[0].link == f"#axis-cluster-{close.clusters[0].number}"
    assert not close.clusters[0].zooms


def test_a_threads_steps_in_a_lane_are_joined_in_order():
    items = [
        item(1, "2011", thread="fiji", stage="signed"),
        item(2, "2015", thread="other"),
        item(3, "2024-03", thread="fiji", stage="amended"),
        item(4, "2025-02-20", thread="fiji", stage="ended"),
    ]
    drawing = layout(items, [("a", "A")], lane_kind="thread")
    marks = marks_of(drawing)
    joins = [j for j in drawing.lanes[0].joins if j.thread == "fiji"]
    assert [(j.x1, j.x2) for j in joins] == [
        (marks[1].x1, marks[3].x0),
        (marks[3].x1, marks[4].x0),
    ]
    assert not [j for j in drawing.lanes[0].joins if j.thread == "other"]
    # In lanes by thread a label starts with the step's stage.
    assert marks[1].label.startswith("Signed: ")


def test_a_long_label_near_the_right_edge_ends_at_its_mark():
    drawing = layout([item(1, "2010"), item(2, "2020-12-30", title="A" * 30)], [("a", "A")])
    mark = marks_of(drawing)[2]
    assert mark.label_end and mark.label_x == mark.x1


LONG = "Chinese liaison officers complete police tactical training for 30 Solomon Islands officers"


def test_a_label_is_whole_where_its_row_has_room_and_cut_only_at_the_next_mark():
    """Issue #28: every label was cut at 40 characters whatever the room. A label now runs
    until the next mark in its row, whole where it fits."""
    apart = marks_of(layout([item(1, "2011", title=LONG), item(2, "2025")], [("a", "A")]))
    assert apart[1].label == LONG and not apart[1].cut
    # An event a year for eight years: more than six rows hold whole, so labels are cut where
    # the next mark in their row begins, with "…" after a whole word.
    items = [item(n, f"{2000 + n}", title=LONG) for n in range(1, 9)]
    lane = layout(items, [("a", "A")], year_from=2001, year_to=2012).lanes[0]
    by_row: dict[float, list] = {}
    for mark in lane.marks:
        by_row.setdefault(mark.y, []).append(mark)
    cut = [m for m in lane.marks if m.label.endswith("…")]
    assert cut and len(lane.marks) == len(items)
    for mark in cut:
        row = sorted(by_row[mark.y], key=lambda m: m.x0)
        after = row[row.index(mark) + 1 :]
        room = (after[0].x0 - axis.GAP if after else axis.PLOT_RIGHT) - mark.x0
        assert axis.text_width(mark.label) <= room
        # It used the room: one more word would not have fitted.
        words = mark.label[:-1].split(" ")
        longer = " ".join(LONG.split(" ")[: len(words) + 1]) + "…"
        assert axis.text_width(longer) > room
        assert LONG.startswith(mark.label[:-1])


def test_a_label_cut_at_the_right_edge_ends_at_its_mark_where_there_is_room_before_it():
    drawing = layout([item(1, "2011"), item(2, "2024-06", title=LONG)], [("a", "A")])
    mark = marks_of(drawing)[2]
    assert mark.label == LONG and mark.label_end and mark.label_x == mark.x1
    assert mark.x1 - axis.text_width(LONG) >= marks_of(drawing)[1].x0


def test_a_mark_with_no_room_for_a_label_shows_its_number_in_the_list():
    """The list below the axis numbers every event in timeline order; a mark whose row has
    no room for a label shows that number, and names the event in its tooltip."""
    items = [item(n, f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}", title=LONG) for n in range(30)]
    items.sort(key=lambda i: axis.extent(i.edtf).start)
    drawing = layout(items, [("a", "A")], year_from=2024, year_to=2024)
    marks = [m for lane in drawing.lanes for m in lane.marks]
    numbered = [m for m in marks if m.numbered]
    assert numbered and len(numbered) < len(marks)
    for mark in marks:
        assert mark.number == items.index(mark.item) + 1
        assert mark.name.startswith(LONG)  # the tooltip and accessible name: whole
    assert all(m.label == str(m.number) and m.cut for m in numbered)
    assert "numbered" in drawing.kinds


def test_a_cut_label_that_would_show_only_its_stage_is_a_number():
    items = [
        item(1, "2024-01", title=LONG, stage="announced"),
        item(2, "2024-02-20", title=LONG, stage="completed"),
    ]
    for mark in marks_of(layout(items, [("a", "A")], lane_kind="thread", year_from=2024)).values():
        title_shown = mark.label.removeprefix(f"{mark.item.stage.capitalize()}: ")
        assert mark.numbered or len(title_shown.rstrip("…")) >= axis.MIN_TITLE


@pytest.mark.parametrize(
    ("text", "room", "expected"),
    [
        ("Fiji and China sign", 500, "Fiji and China sign"),
        ("Fiji and China sign a policing agreement", 120, "Fiji and China…"),
        ("Extraordinarily", 60, "Extraor…"),  # no word ends in time: cut inside it
        ("Fiji", 5, ""),
    ],
)
def test_a_label_is_cut_to_its_room_after_a_word(text, room, expected):
    assert axis.fitted(text, room) == expected
    assert axis.text_width(axis.fitted(text, room)) <= room


def test_a_phone_opens_the_axis_on_its_busiest_years():
    """Issue #28: at 390 px the axis opened on 2011 with blank lanes, its events in 2022–25."""
    items = [item(1, "2011")] + [item(n, f"2024-{n % 12 + 1:02d}") for n in range(2, 30)]
    drawing = layout(items, [("a", "A")])
    middle = drawing.opens_at * drawing.width
    busiest = drawing.scale.x(D(2024, 7, 1))
    assert abs(middle - busiest) < axis.PHONE_VIEW / 2
    # Of equals, the earlier: labels run to the right of their marks.
    assert axis.busiest([(20, 30, 1), (900, 910, 1)]) < axis.WIDTH / 2
    assert axis.busiest([]) == (axis.PLOT_LEFT + axis.PLOT_RIGHT) / 2
    # A crowd counts its events.
    assert axis.busiest([(20, 30, 1), (900, 910, 1), (890, 924, 5)]) > axis.WIDTH / 2


def test_years_are_ticked_and_link_to_a_zoom_and_two_years_or_fewer_by_month():
    def zoom(first, last):
        return f"?year={first}"

    ticks = axis.Scale(2011, 2025).ticks(zoom)
    assert [t.year for t in ticks] == list(range(2011, 2026))
    assert all(t.link == f"?year={t.year}" for t in ticks if t.label)
    assert [t.x for t in ticks] == sorted(t.x for t in ticks)
    months = axis.Scale(2024, 2024).ticks(zoom)
    assert len(months) == 12 and months[1].label == "Feb"
    assert not any(t.link for t in months)  # one year shown: nothing closer to zoom to
    decades = axis.Scale(1950, 2025).ticks()
    assert all(t.year % 5 == 0 or t.year == 1950 for t in decades if t.label)


def test_a_lane_counts_what_it_draws_and_no_date_outside_the_years_shown():
    """An item with no day in the years shown (here an open end given no placed years, so
    fading its one year) is neither drawn nor counted: the lane's number is its marks."""
    drawing = layout(
        [item(1, "2019-06/..", years=(2019, 9999)), item(2, "2024")],
        [("a", "A")],
        year_from=2023,
    )
    assert set(marks_of(drawing)) == {2}
    assert drawing.lanes[0].count == 1 and drawing.lanes[0].heading == "A · 1"


def test_an_open_end_is_drawn_in_each_year_it_is_placed_in_and_no_other():
    # Placed in 2019 to 2024 (say by an older rule): the fade reaches into 2024, not past it.
    after = extent("2019-06/..", start_year=2019, end_year=2024)
    assert (after.start, after.end.year) == (D(2019, 6, 1), 2024)
    by = extent("../2025-02-20", start_year=2022, end_year=2025)
    assert (by.start.year, by.end) == (2022, D(2025, 2, 20))
    # Placed in its bound's year alone (the rule today): it stays inside it.
    assert extent("2019-06/..", start_year=2019, end_year=2019).end == D(2019, 12, 31)


def test_a_window_reaching_past_the_years_shown_is_drawn_clipped_with_its_ends_marked():
    """The AFP's policy end [2019-07..2024-12], on ?year=2024: counted in its lane, so drawn
    there, clipped to 2024, its cut end marked and named."""
    items = [
        item(1, "[2019-07..2024-12]", years=(2019, 2024), title="Policy ended"),
        item(2, "2024", years=(2024, 2024)),
        item(3, "2014/2030", years=(2014, 2030), title="Programme"),
        item(4, "[2024-12,2025-01]", years=(2024, 2025), title="Package"),
    ]
    drawing = layout(items, [("a", "A")], year_from=2024, year_to=2024)
    assert drawing.lanes[0].count == len(drawing.lanes[0].marks) == 4
    marks = marks_of(drawing)
    window = marks[1]
    assert window.clipped_start and not window.clipped_end
    assert (window.x0, window.x1) == (axis.PLOT_LEFT, axis.PLOT_RIGHT)
    assert window.continues and window.beyond == "reaches before 2024"
    assert window.name == "Policy ended, between Jul 2019 and Dec 2024 (reaches before 2024)"
    assert marks[3].beyond == "reaches before and after 2024"
    assert not marks[2].beyond and marks[2].name == "Event 2, 2024"
    # A possible date past the years shown is not drawn at the edge: the arrowhead says it.
    package = marks[4]
    assert package.clipped_end and len(package.choices) == 1
    assert all(axis.PLOT_LEFT <= a < b <= axis.PLOT_RIGHT + 3 for a, b in package.choices)
    assert "continues" in drawing.kinds
    wider = layout(items, [("a", "A")], year_from=2020, year_to=2026)
    assert marks_of(wider)[3].beyond == "reaches before 2020 and after 2026"


def test_a_bound_past_the_years_shown_loses_its_solid_edge():
    drawing = layout([item(1, "2019-06/..", years=(2019, 2021))], [("a", "A")], year_from=2020)
    after = marks_of(drawing)[1]
    assert after.kind == axis.AFTER and after.clipped_start and not after.has_edge
    shown = marks_of(layout([item(1, "2019-06/..", years=(2019, 2019))], [("a", "A")]))[1]
    assert shown.has_edge


def test_steps_drawn_from_the_same_x_are_not_joined():
    """An arrow between two steps that begin together (here both before 2024, cut at the
    edge) has no length: it would read as the arrowhead of a clipped date."""
    items = [
        item(1, "[2019-07..2024-12]", thread="au", years=(2019, 2024)),
        item(2, "2024", thread="au", years=(2024, 2024)),
        item(3, "2024-06", thread="au", years=(2024, 2024)),
    ]
    drawing = layout(items, [("a", "A")], year_from=2024, year_to=2024)
    marks = marks_of(drawing)
    assert marks[1].x0 == marks[2].x0 == axis.PLOT_LEFT
    assert [(j.x1, j.x2) for j in drawing.lanes[0].joins] == [(marks[3].x0, marks[3].x0)]
    everything = layout(items, [("a", "A")])
    assert len(everything.lanes[0].joins) == 2


def test_a_lanes_heading_counts_a_crowd_of_n_as_n_and_says_so():
    items = [item(n, f"2024-03-{n % 28 + 1:02d}") for n in range(40)]
    lane = layout(items, [("a", "A")]).lanes[0]
    assert lane.crowded and lane.count == len(lane.marks) + lane.crowded == 40
    assert len(lane.clusters) > 1 and lane.heading == f"A · 40 ({lane.crowded} in crowds)"
    one = layout([*items, item(99, "2010")], [("a", "A")]).lanes[0]  # thirty years: one badge
    assert len(one.clusters) == 1 and one.heading == f"A · 41 ({one.crowded} in a crowd)"


def test_density_counts_a_lane_per_year_and_shades_by_the_busiest():
    counts = {"a": {2020: 10, 2021: 1}, "b": {2021: 5}}
    drawing = axis.density(
        counts,
        [("a", "A"), ("b", "B"), ("c", "Empty")],
        {"a": 11, "b": 5, "c": 0},
        total=14,
        link=lambda first, last: f"?year={first}",
    )
    assert [lane.key for lane in drawing.lanes] == ["a", "b"]
    cells = {(lane.key, c.year): c for lane in drawing.lanes for c in lane.cells}
    assert cells["a", 2020].level == axis.LEVELS
    assert cells["a", 2021].level == 1
    assert cells["b", 2021].level == 3
    assert cells["b", 2021].link == "?year=2021"
    assert (drawing.scale.first_year, drawing.scale.last_year) == (2020, 2021)


# --- Counts and marks agree, whatever the dates and the years chosen -----------------------------

PROPERTY_YEARS = range(2000, 2013)


@st.composite
def edtf_points(draw) -> str:
    year = draw(st.sampled_from(PROPERTY_YEARS))
    month = draw(st.none() | st.integers(1, 12))
    if month is None:
        return str(year)
    day = draw(st.none() | st.integers(1, 28))
    return f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")


@st.composite
def edtf_values(draw) -> str:
    """A date of each form the timeline shows, its points in order."""
    a, b = sorted(draw(st.lists(edtf_points(), min_size=2, max_size=2, unique=True)))
    qualifier = draw(st.sampled_from(["", "", "~", "?"]))
    return draw(
        st.sampled_from(
            [
                a,
                a + qualifier,
                f"{a}/{b}",
                f"{a}{qualifier}/{b}",
                f"[{a}..{b}]",
                f"[{a}..]",
                f"[..{b}]",
                f"{a}/..",
                f"../{b}",
                f"[{a},{b}]",
                f"{{{a},{b}}}",
            ]
        )
    )


LANES = [("a", "A"), ("b", "B"), ("c", "C")]


@st.composite
def placed_items(draw) -> list[Item]:
    """Events as the page gives them to the axis: each with the years the rule places it in
    (`Event.years_covered`) and the lanes it is in (none, one or several)."""
    values = draw(st.lists(edtf_values(), min_size=1, max_size=40))
    items = []
    for key, value in enumerate(values):
        first, last = dates.years_placed(*dates.bounds(value))
        keys = draw(st.lists(st.sampled_from([k for k, _ in LANES]), unique=True, max_size=3))
        items.append(
            item(
                key,
                value,
                tuple(keys),
                thread=draw(st.sampled_from(["", "t"])),
                years=(first, last),
            )
        )
    return items


@settings(max_examples=200, deadline=None)
@given(
    items=placed_items(),
    years=st.tuples(
        st.none() | st.sampled_from(PROPERTY_YEARS), st.none() | st.sampled_from(PROPERTY_YEARS)
    ),
)
def test_every_event_a_lane_counts_is_drawn_in_it_clipped_to_the_years_shown(items, years):
    """The year filter's rule chooses the events (placed years overlapping those chosen, as
    `Filters` does); the axis then counts and draws each in each of its lanes, a crowd of N
    counting N, every mark inside the plot and its clipping said in words."""
    year_from, year_to = years
    if year_from is not None and year_to is not None and year_from > year_to:
        year_from, year_to = year_to, year_from
    listed = [
        i
        for i in items
        if (year_from is None or i.end_year >= year_from)
        and (year_to is None or i.start_year <= year_to)
    ]
    drawing = layout(listed, LANES, year_from=year_from, year_to=year_to)
    expected = {
        key: {i.key for i in listed if key in i.lanes}
        for key, _ in LANES
        if any(key in i.lanes for i in listed)
    }
    assert {lane.key for lane in drawing.lanes} == set(expected)
    scale = drawing.scale
    for lane in drawing.lanes:
        drawn = [m.item.key for m in lane.marks] + [
            i.key for cluster in lane.clusters for i in cluster.items
        ]
        assert sorted(drawn) == sorted(expected[lane.key])  # each once, none left out
        assert lane.count == len(drawn) == len(expected[lane.key])
        assert lane.heading.startswith(f"{lane.label} · {lane.count}")
        for mark in lane.marks:
            ext = mark.extent
            assert (ext.start.year, ext.end.year) == (mark.item.start_year, mark.item.end_year)
            assert axis.PLOT_LEFT <= mark.x0 < mark.x1 <= axis.PLOT_RIGHT
            assert mark.clipped_start == (ext.start < scale.start)
            assert mark.clipped_end == (ext.end > scale.end)
            assert (
                bool(mark.beyond)
                == bool(mark.continues)
                == (mark.clipped_start or mark.clipped_end)
            )
            assert ("before" in mark.beyond) == mark.clipped_start
            assert ("after" in mark.beyond) == mark.clipped_end
    assert drawing.marks + sum(c.count for c in drawing.clusters) == sum(
        len(keys) for keys in expected.values()
    )
