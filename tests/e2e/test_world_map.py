"""The map in chromium with JavaScript off: drawn from the HTML alone, every country with events
a link a keyboard reaches, the small Pacific states clickable, and axe finds nothing serious;
on a phone, with JavaScript, it opens on the Pacific."""

import pytest
from playwright.sync_api import expect

from policing.models import OTHER_PARTIES, Participant

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]


def counterparts() -> set[str]:
    return set(
        Participant.objects.filter(
            event__published=True, role__in=OTHER_PARTIES, country__isnull=False
        ).values_list("country_id", flat=True)
    )


def test_the_map_renders_without_javascript_and_a_pacific_state_is_clickable(no_script_page, site):
    page = no_script_page
    page.goto(site + "/map/")
    world = page.get_by_role("group", name="Map: counterpart countries by number of events")
    expect(world).to_be_visible()
    box = world.bounding_box()
    assert box["width"] > 600 and box["height"] > 250
    expect(page.locator("svg a[data-country]")).to_have_count(len(counterparts()))
    # Solomon Islands is a few pixels wide at this scale: its ring is what a reader clicks.
    expect(page.get_by_role("link", name="Solomon Islands:", exact=False).first).to_be_visible()
    ring = page.locator('a[data-country="SB"] circle.marker')
    size = ring.bounding_box()
    assert size and size["width"] >= 10 and size["height"] >= 10
    ring.click()
    expect(page).to_have_url(site + "/?country=SB")
    expect(page.locator("#results-title")).to_be_visible()


def test_every_country_with_events_is_reached_by_keyboard(no_script_page, site):
    page = no_script_page
    page.goto(site + "/map/")
    page.locator(".map-switch a").focus()
    reached = set()
    for _ in range(len(counterparts()) + 2):
        page.keyboard.press("Tab")
        code = page.evaluate("document.activeElement.getAttribute('data-country')")
        if code:
            reached.add(code)
    assert reached == counterparts()


def test_on_a_phone_the_map_opens_on_the_pacific_with_china_in_sight(page, site):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(site + "/map/")
    shown = page.locator(".map-scroll").bounding_box()
    for drawn in ['a[data-country="FJ"] circle.marker', 'a[data-country="SB"] circle.marker']:
        box = page.locator(drawn).bounding_box()
        assert shown["x"] <= box["x"] and box["x"] + box["width"] <= shown["x"] + shown["width"]
    china = page.locator("a.subject path").bounding_box()
    assert shown["x"] <= china["x"] and china["x"] + china["width"] <= shown["x"] + shown["width"]


def test_the_map_has_no_serious_accessibility_violations(page, site, axe):
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(site + "/map/?activity=training")
        assert axe(page) == [], width
        page.goto(site + "/map/")
        assert axe(page) == [], width
