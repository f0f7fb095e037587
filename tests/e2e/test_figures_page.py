"""The figures page in chromium with JavaScript off: the chart is drawn from the HTML alone, a
panel per scope whose marks all share it, each panel fits a phone's screen with its data in
view, its points are links a keyboard reaches, and axe finds nothing serious."""

import pytest
from playwright.sync_api import expect

from policing.models import Counted, Figure

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]


def charted():
    return Figure.objects.filter(
        event__published=True, counts=Counted.FOREIGN_POLICE_TRAINED
    ).exclude(period_edtf="")


def test_the_chart_renders_without_javascript_and_its_points_lead_to_event_and_words(
    no_script_page, site
):
    page = no_script_page
    page.goto(site + "/figures/")
    chart = page.get_by_role(
        "group", name="Chart: Foreign police trained by China, Worldwide", exact=False
    )
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box["width"] > 250 and box["height"] > 200
    # One mark per claim: the 3,000 that three sources state is one.
    expected = charted().count() - 1
    expect(page.locator("svg.chart .chart-point")).to_have_count(expected)
    # Each mark is drawn with a size: the SVG was laid out, not left empty.
    for mark in page.locator("svg.chart .chart-point a:first-of-type > *").all():
        size = mark.bounding_box()
        assert size and size["width"] >= 8 and size["height"] >= 8

    figure = charted().select_related("event", "citation").get(value=2700)
    page.get_by_role(
        "link", name="2,700 officers, reported as done, 2023, Worldwide:", exact=False
    ).click()
    expect(page).to_have_url(site + figure.event.get_absolute_url())

    page.goto(site + "/figures/")
    page.get_by_role("link", name="2,700 officers, 2023: the words of", exact=False).click()
    expect(page.locator(f"#{figure.citation.passage.anchor}")).to_be_visible()
    assert page.url.startswith(site + figure.citation.get_absolute_url().split("#")[0])

    # The 3,000 stated by three sources leads to its row, which lists them.
    page.goto(site + "/figures/")
    page.get_by_role("link", name="3,000 officers, 2025: the 3 sources that state it").click()
    row = page.locator("tr:target")
    expect(row.locator("ul.claim-sources li")).to_have_count(3)


# The marks of each SVG (an axis) and the scope it names, read in the browser.
AXES = """() => [...document.querySelectorAll("svg.chart")].map(svg => {
  const panel = svg.closest(".chart-panel");
  const heading = panel.querySelector("h3");
  const box = svg.getBoundingClientRect();
  const marks = [...svg.querySelectorAll(".chart-point")];
  return {
    scope: svg.dataset.scope,
    title: svg.querySelector("title").textContent,
    heading: heading.textContent.trim(),
    headingAbove: heading.getBoundingClientRect().bottom <= box.top + 1,
    markScopes: [...new Set(marks.map(g => g.dataset.scope))],
    box: [box.left, box.top, box.right, box.bottom],
    marks: marks.map(g => {
      const b = g.querySelector("a").getBoundingClientRect();
      return [b.left, b.top, b.right, b.bottom];
    }),
  };
})"""


@pytest.mark.parametrize("width", [1280, 390])
def test_each_scope_is_its_own_axis_titled_and_in_view(page, site, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + "/figures/")
    axes = page.evaluate(AXES)
    assert [axis["heading"] for axis in axes] == [
        "Worldwide",
        "Region: Africa",
        "One programme, course or act (Solomon Islands)",
    ]
    boxes = []
    for axis in axes:
        # Every mark on an axis is of the scope its heading and its name give.
        assert axis["markScopes"] == [axis["scope"]], axis
        assert axis["heading"] in axis["title"] and axis["headingAbove"], axis
        left, top, right, bottom = axis["box"]
        # The whole panel is on the screen: no year of it is scrolled out of view.
        assert left >= 0 and right <= width, axis
        for mark in axis["marks"]:
            assert left <= mark[0] and mark[2] <= right and top <= mark[1] and mark[3] <= bottom
        boxes.append(axis["box"])
    # No two axes overlap: each is apart, under its own heading.
    for one, other in zip(boxes, boxes[1:], strict=False):
        assert one[2] <= other[0] or other[2] <= one[0] or one[3] <= other[1] or other[3] <= one[1]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_filtered_page_shows_its_chip_and_only_the_filtered_figures(page, site):
    page.goto(site + "/figures/?region=africa")
    expect(page.get_by_role("link", name="Remove filter Region Africa")).to_be_visible()
    expect(page.get_by_text("2 of the", exact=False)).to_be_visible()
    expect(page.locator("svg.chart")).to_have_count(1)
    expect(page.locator("tbody tr")).to_have_count(2)


def test_the_chart_links_are_reached_by_keyboard(no_script_page, site):
    page = no_script_page
    page.goto(site + "/figures/")
    page.locator("#chart-caption a").focus()
    names = []
    for _ in range(4):
        page.keyboard.press("Tab")
        names.append(page.evaluate("document.activeElement.getAttribute('aria-label') || ''"))
    assert any("(the event)" in name for name in names), names


def test_the_figures_page_has_no_serious_accessibility_violations(page, site, axe):
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for address in ("/figures/", "/figures/?region=africa"):
            page.goto(site + address)
            assert axe(page) == [], (width, address)
