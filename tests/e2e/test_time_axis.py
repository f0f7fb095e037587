"""The time axis in chromium: the curated events drawn (a span wider than any day, a window
hatched, a bound with its edge, a thread joined), lanes and years chosen over HTMX and without
JavaScript, every mark reached by keyboard, and axe finds nothing serious or critical."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from policing.models import OTHER_PARTIES, Event, Participant
from policing.timeline import axis

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]


def mark(page, event):
    return page.locator(f'svg a.axis-mark[href="{event.get_absolute_url()}"]').first


def shape_width(page, event) -> float:
    return mark(page, event).locator(".axis-shape").first.bounding_box()["width"]


def choose_year(page, selector: str, year: str) -> None:
    """As a reader with the keyboard: a year chosen in the select, applied on leaving it
    (site.js may wait for that rather than swap at each arrow key)."""
    select = page.locator(selector)
    select.focus()
    select.select_option(year)
    select.blur()


def params(url: str) -> dict:
    return parse_qs(urlsplit(url).query)


def published():
    return Event.objects.published()


def first_country_lane() -> tuple[str, int]:
    """Lanes by country come in the order of the countries' names: the first, and its events."""
    rows = Participant.objects.filter(
        event__published=True, role__in=OTHER_PARTIES, country__isnull=False
    ).values_list("country__name", "event_id")
    name = min(n for n, _ in rows)
    return name, len({e for n, e in rows if n == name})


def test_the_axis_draws_spans_bounds_and_joined_threads(page, site):
    page.goto(site + "/?view=axis")
    expect(page.locator("svg.axis-chart")).to_be_visible()
    # Spans are wider than any event known to the day.
    spans = [e for e in published() if axis.extent(e.date_edtf).kind == axis.SPAN]
    days = [e for e in published() if axis.extent(e.date_edtf).kind == axis.DAY]
    assert spans and days
    widest_day = max(shape_width(page, e) for e in days)
    longest = max(spans, key=lambda e: e.date_latest - e.date_earliest)
    assert "2014" in longest.date_edtf and "2020" in longest.date_edtf  # the JIBC programme
    assert shape_width(page, longest) > 10 * widest_day
    # A bound ("by 20 Feb 2025") has its solid edge and fades; its link says so in words.
    by = next(e for e in published() if axis.extent(e.date_edtf).kind == axis.BY)
    bound = mark(page, by)
    expect(bound.locator(".axis-edge")).to_have_count(1)
    assert bound.locator(".axis-shape").get_attribute("mask") == "url(#axis-fade-left)"
    expect(bound).to_have_accessible_name(f"{by.title}, {by.date_display}")
    assert by.date_display.startswith("by ")
    # One day between two dates (the Solomons training "earlier this month") is a hatched band
    # over its window, named with its words, not a solid span.
    window = next(e for e in published() if axis.extent(e.date_edtf).kind == axis.BETWEEN)
    band = mark(page, window)
    expect(band.locator(".axis-window")).to_have_count(1)
    expect(band).to_have_accessible_name(f"{window.title}, {window.date_display}")
    assert window.date_display.startswith("between ")
    assert (
        band.locator(".axis-shape").evaluate("s => getComputedStyle(s).strokeDasharray") != "none"
    )
    # A thread's steps are joined.
    threaded = published().exclude(thread=None).values_list("thread", flat=True)
    assert any(list(threaded).count(t) > 1 for t in threaded)
    assert page.locator("svg .axis-lane path.axis-join").count() >= 1
    # The legend says what each mark drawn means.
    legend = page.locator("#axis-legend")
    for words in (
        "A day",
        "A span",
        "Sometime between two dates",
        "By a date",
        "One of several dates",
        "Steps of one thread",
    ):
        expect(legend).to_contain_text(words)


def test_lanes_and_years_update_over_htmx(page, site):
    page.goto(site + "/?view=axis")
    page.evaluate("window.__kept = true")  # gone if the page reloads
    page.locator(".axis-lanes").get_by_role("link", name="Lanes by Country").click()
    expect(page).to_have_url(site + "/?view=axis&lanes=country")
    expect(page.locator("#axis-title")).to_contain_text("by country")
    first_name, first_count = first_country_lane()
    expect(page.locator("svg .axis-lane").first).to_have_attribute(
        "aria-label", f"{first_name}: {first_count} event{'s' if first_count != 1 else ''}"
    )
    choose_year(page, "#filter-year-from", "2024")
    expect(page).to_have_url(site + "/?year_from=2024&view=axis&lanes=country")
    expect(page.locator(".axis-zoom strong")).to_have_text("2024–2025")
    assert page.evaluate("window.__kept") is True
    expected = published().filter(end_year__gte=2024).count()
    expect(page.locator("#results-title")).to_have_text(f"{expected} events")


def test_lanes_and_years_work_without_javascript(no_script_page, site):
    page = no_script_page
    page.goto(site + "/")
    page.locator(".view-switch").get_by_role("link", name="Time axis").click()
    expect(page).to_have_url(site + "/?view=axis")
    page.locator(".axis-lanes").get_by_role("link", name="Lanes by Activity").click()
    expect(page).to_have_url(site + "/?view=axis&lanes=activity")
    page.get_by_role("link", name="Zoom in on 2024").click()
    page.wait_for_load_state()
    assert params(page.url) == {"year": ["2024"], "view": ["axis"], "lanes": ["activity"]}
    expect(page.locator(".axis-zoom strong")).to_have_text("2024")
    page.select_option("#filter-year-from", "2022")
    page.select_option("#filter-year-to", "2023")
    page.get_by_role("button", name="Apply filters").click()
    # A plain form sends its empty fields too; the view and lanes come from hidden inputs.
    assert "view=axis" in page.url and "lanes=activity" in page.url
    expect(page.locator(".axis-zoom strong")).to_have_text("2022–2023")
    page.locator("#axis-list summary").click()
    expect(page.locator(".axis-list-events li").first).to_be_visible()


def test_every_mark_is_reached_by_keyboard(no_script_page, site):
    page = no_script_page
    page.goto(site + "/?view=axis")
    urls = {e.get_absolute_url() for e in published()}
    page.locator(".axis-scroll").focus()
    reached = set()
    for _ in range(len(urls) * 3):
        page.keyboard.press("Tab")
        href = page.evaluate(
            "(() => { const a = document.activeElement;"
            " return a && a.classList && a.classList.contains('axis-mark')"
            " ? a.getAttribute('href') : null; })()"
        )
        if href:
            reached.add(href)
        if page.evaluate("!document.activeElement.closest('.axis-scroll')"):
            break
    drawn = set(
        page.locator("svg a.axis-mark").evaluate_all("ms => ms.map(m => m.getAttribute('href'))")
    )
    assert reached == drawn
    # What a crowd hides is listed below it, and every event is in the list.
    listed = set(
        page.locator(".axis-list-events a").evaluate_all(
            "as => as.map(a => a.getAttribute('href'))"
        )
    )
    assert listed == urls
    hidden = set(
        page.locator(".axis-crowds a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    )
    assert drawn | hidden == urls


def test_the_axis_has_no_serious_accessibility_violations(page, site, axe):
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for query in (
            "?view=axis",
            "?view=axis&lanes=country&year=2024",
            "?view=axis&lanes=activity",
        ):
            page.goto(site + "/" + query)
            page.locator("#axis-list summary").click()
            assert axe(page) == [], (width, query)


def test_on_a_phone_the_axis_says_it_scrolls_and_which_way_time_runs(page, site):
    """Where the axis is wider than the screen it says so; where it fits it does not."""
    for width, scrolls in ((390, True), (1280, False)):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{site}/?view=axis")
        frame = page.locator(".axis-scroll").first
        wider = frame.evaluate("f => f.scrollWidth > f.clientWidth")
        hint = page.locator(".axis-swipe").first
        assert wider == scrolls
        if scrolls:
            expect(hint).to_be_visible()
            expect(hint).to_contain_text("on the left to")
        else:
            expect(hint).to_be_hidden()


def test_on_2024_each_lane_draws_as_many_marks_as_its_number_says(page, site):
    """Issue #26: on ?view=axis&year=2024 "Chinese police operating in Australia · 2" drew one
    mark. Each lane's number (in its heading and its name) is the marks drawn in it and inside
    the drawing, a crowd "+N" counting N; a window reaching before 2024 is drawn clipped, its
    cut end marked and its name saying so."""
    page.goto(site + "/?view=axis&year=2024")
    chart = page.locator("svg.axis-chart").bounding_box()
    lanes = page.locator("svg .axis-lane").evaluate_all(
        """(lanes, chart) => lanes.map(lane => {
            const inside = el => { const b = el.getBoundingClientRect();
                return b.width > 0 && b.height > 0 && b.left >= chart.x - 1
                    && b.right <= chart.x + chart.width + 1; };
            return {
                name: lane.getAttribute('aria-label'),
                heading: lane.querySelector('.axis-lane-label').textContent,
                marks: [...lane.querySelectorAll('a.axis-mark')].filter(inside).length,
                crowds: [...lane.querySelectorAll('a.axis-cluster text')]
                    .map(t => Number(t.textContent.replace('+', '')))
                    .reduce((a, b) => a + b, 0),
            };
        })""",
        chart,
    )
    assert lanes
    for lane in lanes:
        shown = int(lane["heading"].split(" · ")[1].split(" ")[0])
        assert lane["name"].split(": ")[1].startswith(f"{shown} event"), lane
        assert lane["marks"] + lane["crowds"] == shown, lane
    australia = next(x for x in lanes if x["name"].startswith("Chinese police operating in"))
    assert australia["marks"] == 2
    window = page.locator("svg a.axis-mark.mark-between").filter(
        has=page.locator("title", has_text="Australian Federal Police")
    )
    expect(window).to_have_count(1)
    expect(window.locator(".axis-continues")).to_have_count(1)
    expect(window).to_have_accessible_name(
        re.compile(r"Jul 2019 and Dec 2024 \(reaches before 2024\)$")
    )
    expect(page.locator("#axis-legend")).to_contain_text("Reaching beyond the years shown")


def test_a_year_on_the_axis_zooms_over_htmx_and_back_and_forward_return(page, site):
    """Issue #28: the year links inside the SVG were not boosted, so a zoom loaded the whole
    page again. Now it swaps the results region, pushes its address, and the browser's back
    and forward buttons move between the years."""
    page.goto(site + "/?view=axis")
    everything = page.locator(".axis-zoom strong").text_content()
    page.evaluate("window.__kept = true")  # gone if the page reloads
    with page.expect_response(lambda r: "year=2024" in r.url) as zoom:
        page.get_by_role("link", name="Zoom in on 2024").click()
    assert zoom.value.request.headers.get("hx-request") == "true"
    assert "<html" not in zoom.value.text()  # the results region, not a page
    expect(page).to_have_url(site + "/?year=2024&view=axis")
    expect(page.locator(".axis-zoom strong")).to_have_text("2024")
    expect(page.locator("#axis-title")).to_be_focused()  # the reader goes on from the new axis
    assert page.evaluate("window.__kept") is True
    expected = published().filter(start_year__lte=2024, end_year__gte=2024).count()
    expect(page.locator("#results-title")).to_have_text(f"{expected} events")
    page.go_back()
    expect(page).to_have_url(site + "/?view=axis")
    expect(page.locator(".axis-zoom strong")).to_have_text(everything)
    page.go_forward()
    expect(page).to_have_url(site + "/?year=2024&view=axis")
    expect(page.locator(".axis-zoom strong")).to_have_text("2024")
    assert page.evaluate("window.__kept") is True
    # A crowd's zoom (or "Later ›", boosted) goes the same way.
    page.get_by_role("link", name="All years").click()
    expect(page).to_have_url(site + "/?view=axis")
    assert page.evaluate("window.__kept") is True


def titles_by_url() -> dict[str, str]:
    return {e.get_absolute_url(): e.title for e in published()}


def test_every_drawn_event_has_its_full_title_on_hover_and_on_keyboard_focus(page, site):
    """Issue #28: labels were cut at 40 characters and some marks had none. Every mark, its
    label whole, cut or only its number, shows the event's whole title in a tooltip when the
    pointer is on it and when it has the keyboard's focus; its accessible name has it too."""
    titles = titles_by_url()
    page.goto(site + "/?view=axis")
    tip = page.locator("#axis-tip")
    marks = page.locator("svg a.axis-mark")
    drawn = marks.count()
    assert drawn >= 30
    cut = 0
    for index in range(drawn):
        mark = marks.nth(index)
        title = titles[mark.get_attribute("href")]
        expect(mark).to_have_accessible_name(re.compile("^" + re.escape(title) + ", "))
        label = mark.locator(".axis-label").text_content()
        cut += title not in label  # cut short, or only its number
        shape = mark.locator(".axis-shape").first
        shape.scroll_into_view_if_needed()
        box = shape.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        expect(tip).to_be_visible()
        expect(tip).to_contain_text(title)
    assert cut, "the curated events include labels cut or numbered; they must be read somewhere"
    page.mouse.move(0, 0)
    expect(tip).to_be_hidden()
    # With the keyboard: Tab from the drawing's frame through every mark.
    page.locator(".axis-scroll").focus()
    reached = set()
    for _ in range(drawn * 3):
        page.keyboard.press("Tab")
        href = page.evaluate(
            "(() => { const a = document.activeElement;"
            " return a && a.classList && a.classList.contains('axis-mark')"
            " ? a.getAttribute('href') : null; })()"
        )
        if href:
            expect(tip).to_be_visible()
            expect(tip).to_contain_text(titles[href])
            reached.add(href)
        if page.evaluate("!document.activeElement.closest('.axis-scroll')"):
            break
    assert len(reached) == len(set(marks.evaluate_all("ms => ms.map(m => m.getAttribute('href'))")))
    # Escape dismisses it; the mark keeps its focus.
    page.locator("svg a.axis-mark").first.focus()
    expect(tip).to_be_visible()
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()


def test_labels_use_their_room_and_never_run_into_the_next_mark_as_drawn(page, site):
    """The layout estimates each label's width; drawn in the browser's own font, no label runs
    into the next mark of its row, and the list numbers each event a mark shows as a number."""
    page.goto(site + "/?view=axis")
    rows = page.locator("svg a.axis-mark").evaluate_all(
        """marks => {
            const rows = {};
            for (const m of marks) {
                const parts = [...m.querySelectorAll('.axis-shape, .axis-label')]
                    .map(p => p.getBoundingClientRect());
                const left = Math.min(...parts.map(r => r.left));
                const right = Math.max(...parts.map(r => r.right));
                const shape = m.querySelector('.axis-shape').getBoundingClientRect();
                const key = m.closest('.axis-lane').getAttribute('aria-label') + '@'
                    + Math.round(shape.top);
                (rows[key] = rows[key] || []).push([left, right, m.getAttribute('href')]);
            }
            return rows;
        }"""
    )
    assert rows
    for spans in rows.values():
        spans.sort()
        for (_, right, href), (left, _, _) in zip(spans, spans[1:], strict=False):
            assert right <= left + 0.5, href
    numbers = page.locator("svg a.axis-mark .axis-number").evaluate_all(
        "ns => ns.map(n => [n.textContent, n.closest('a').getAttribute('href')])"
    )
    listed = page.locator(".axis-list-events > li > a").evaluate_all(
        "as => as.map(a => a.getAttribute('href'))"
    )
    for number, href in numbers:
        assert listed[int(number) - 1] == href


def test_on_a_phone_the_axis_opens_on_the_years_that_hold_most_events(page, site):
    """Issue #28: at 390 px the axis opened on 2011, its lanes blank, with the events in
    2022–25. It opens on its busiest stretch: reaching the drawing, the first screen of it
    shows marks."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site + "/?view=axis")
    page.evaluate("document.querySelector('.axis-scroll').scrollIntoView({block: 'start'})")
    seen = page.evaluate(
        """() => {
            const frame = document.querySelector('.axis-scroll');
            const box = frame.getBoundingClientRect();
            const inView = r => r.right > box.left && r.left < box.right
                && r.bottom > 0 && r.top < window.innerHeight;
            const shapes = [...document.querySelectorAll('svg a.axis-mark')]
                .map(m => m.querySelector('.axis-shape').getBoundingClientRect())
                .filter(r => r.bottom > 0 && r.top < window.innerHeight);
            const years = [...document.querySelectorAll('.axis-years text')]
                .filter(t => inView(t.getBoundingClientRect())).map(t => t.textContent);
            return {scrolled: frame.scrollLeft, shown: shapes.filter(inView).length,
                    screen: shapes.length, years: years};
        }"""
    )
    assert seen["scrolled"] > 0
    assert seen["screen"] >= 6
    assert seen["shown"] >= seen["screen"] / 2, seen
    busiest = max(
        range(2011, 2026),
        key=lambda y: published().filter(start_year__lte=y, end_year__gte=y).count(),
    )
    assert str(busiest) in seen["years"], seen


def test_searching_on_the_axis_keeps_the_search_box_and_its_words(page, site):
    """axis.js empties the old results region before htmx swaps it out; a control outside the
    axis with the focus (the search box as the reader types) stays for htmx to hand the
    focus on to its namesake."""
    page.goto(site + "/?view=axis")
    page.evaluate("window.__kept = true")
    box = page.locator("#filter-q")
    box.click()
    with page.expect_response(lambda r: "q=police" in r.url):
        box.press_sequentially("police", delay=50)
    expect(page.locator(".axis-chart")).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=police"))
    expect(box).to_be_focused()
    expect(box).to_have_value("police")
    page.keyboard.type(" training")
    expect(box).to_have_value("police training")
    assert page.evaluate("window.__kept") is True
