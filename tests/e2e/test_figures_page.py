"""The figures page in chromium with JavaScript off: the chart is drawn from the HTML alone,
its points are links a keyboard reaches, and axe finds nothing serious."""

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
    chart = page.get_by_role("group", name="Chart: foreign police trained by china", exact=False)
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box["width"] > 500 and box["height"] > 200
    expected = charted().count()
    expect(page.locator("svg.chart .chart-point")).to_have_count(expected)
    # Each mark is drawn with a size: the SVG was laid out, not left empty.
    for mark in page.locator("svg.chart .chart-point a:first-of-type > *").all():
        size = mark.bounding_box()
        assert size and size["width"] >= 8 and size["height"] >= 8

    figure = charted().select_related("event", "citation").get(value=2700)
    page.get_by_role("link", name="2,700 officers, reported as done, 2023:", exact=False).click()
    expect(page).to_have_url(site + figure.event.get_absolute_url())

    page.goto(site + "/figures/")
    page.get_by_role("link", name="2,700 officers, 2023: the words of", exact=False).click()
    expect(page.locator(f"#{figure.citation.passage.anchor}")).to_be_visible()
    assert page.url.startswith(site + figure.citation.get_absolute_url().split("#")[0])


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
        page.goto(site + "/figures/")
        assert axe(page) == [], width
