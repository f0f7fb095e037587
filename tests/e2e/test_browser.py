"""The public pages in a real browser: htmx filtering and history, the same filtering with
JavaScript off, citations landing on highlighted words, narrow screens and an axe audit."""

import re

import pytest
from playwright.sync_api import expect

from policing.models import Citation, Event
from policing.timeline.filters import Filters

pytestmark = [
    pytest.mark.e2e,
    # pytest-playwright's base_url fixture trips a pytest 9 deprecation; not ours to fix.
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]


def published(**filters):
    return Event.objects.published().filtered(Filters.of(**filters)).count()


def count_text(n):
    """The results heading for n events (with the range shown when they fill several pages)."""
    return re.compile(rf"^{n} event{'' if n == 1 else 's'}(, 1–\d+ shown)?$")


def record_errors(page):
    """Console errors and uncaught exceptions, CSP refusals among them."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_filters_swap_the_results_push_the_address_and_back_restores(page, site):
    errors = record_errors(page)
    page.goto(site + "/")
    heading = page.locator("#results-title")
    expect(heading).to_have_text(count_text(published()))
    # A marker on window survives only if the page is never reloaded.
    page.evaluate("window.__notReloaded = true")
    page.evaluate(
        """() => document.addEventListener('htmx:beforeSend', () => {
            window.__indicatorShown = document.getElementById('loading')
                .classList.contains('htmx-request');
        })"""
    )

    page.get_by_role("checkbox", name=re.compile(r"^Australia\b")).check()
    expect(page).to_have_url(site + "/?country=AU")
    expect(heading).to_have_text(count_text(published(countries=["AU"])))
    assert page.evaluate("window.__indicatorShown") is True

    page.get_by_role("checkbox", name=re.compile(r"^Scrutiny")).check()
    expect(page).to_have_url(site + "/?activity=scrutiny&country=AU")
    expected = published(countries=["AU"], activities=["scrutiny"])
    expect(heading).to_have_text(count_text(expected))
    expect(page.locator(".event-card")).to_have_count(expected)
    expect(page.locator(".chip")).to_have_count(2)
    assert page.evaluate("window.__notReloaded") is True
    # Focus stays on the control that was used, though the region was replaced.
    assert page.evaluate("document.activeElement.id") == "activity-scrutiny"

    page.go_back()
    expect(page).to_have_url(site + "/?country=AU")
    expect(heading).to_have_text(count_text(published(countries=["AU"])))
    expect(page.locator("#country-au")).to_be_checked()
    expect(page.locator("#activity-scrutiny")).not_to_be_checked()

    page.go_back()
    expect(page).to_have_url(site + "/")
    expect(heading).to_have_text(count_text(published()))
    expect(page.locator("#country-au")).not_to_be_checked()

    page.go_forward()
    expect(page).to_have_url(site + "/?country=AU")
    expect(heading).to_have_text(count_text(published(countries=["AU"])))
    assert page.evaluate("window.__notReloaded") is True
    # The screen-reader status outside the swapped region announces the new count.
    expect(page.locator("#live-status")).to_have_text(re.compile(r"\d+ events?"))
    assert errors == []


def test_chips_year_bars_and_keyboard(page, site):
    page.goto(site + "/?activity=training")
    page.evaluate("window.__notReloaded = true")
    page.locator(".histogram a.bar").filter(has_text="2024").click()
    expect(page).to_have_url(site + "/?activity=training&year=2024")
    expect(page.locator("#results-title")).to_have_text(
        count_text(published(activities=["training"], year_from=2024, year_to=2024))
    )
    page.get_by_role("link", name="Remove filter Activity Training").click()
    expect(page).to_have_url(site + "/?year=2024")

    # Keyboard only: tab to a checkbox and tick it with the space bar.
    page.locator("#filter-q").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "activity-repatriation"
    page.keyboard.press("Space")
    expect(page).to_have_url(site + "/?activity=repatriation&year=2024")
    assert page.evaluate("document.activeElement.id") == "activity-repatriation"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"

    page.get_by_role("searchbox").fill("scam centres")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=scam\+centres"))
    page.get_by_role("link", name="Clear all").first.click()
    expect(page).to_have_url(site + "/")
    assert page.evaluate("window.__notReloaded") is True

    # Pages swap in place too, and the address says which.
    page.get_by_role("link", name="Next ›").click()
    expect(page).to_have_url(site + "/?page=2")
    expect(page.locator("#results-title")).to_contain_text(", 26–")
    assert page.evaluate("window.__notReloaded") is True


def test_the_same_filtering_works_without_javascript(new_context, site):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site + "/")
    page.get_by_role("checkbox", name=re.compile(r"^Australia\b")).check()
    page.get_by_role("checkbox", name=re.compile(r"^Scrutiny")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"country=AU"))
    assert "activity=scrutiny" in page.url
    expected = published(countries=["AU"], activities=["scrutiny"])
    expect(page.locator("#results-title")).to_have_text(count_text(expected))
    expect(page.locator(".event-card")).to_have_count(expected)

    page.get_by_role("link", name="Remove filter Country Australia").click()
    expect(page).to_have_url(site + "/?activity=scrutiny")
    expect(page.locator("#results-title")).to_have_text(
        count_text(published(activities=["scrutiny"]))
    )
    page.goto(site + "/?country=ZZ&year=abc")
    expect(page.locator(".notice")).to_contain_text("Ignored the unknown country code “ZZ”.")


def test_a_citation_lands_on_the_highlighted_words(page, site):
    errors = record_errors(page)
    event = Event.objects.published().get(slug="myanmar-scam-centre-repatriation-2025")
    citation = Citation.objects.filter(event=event).select_related("passage").first()
    page.goto(site + event.get_absolute_url())
    page.get_by_role("link", name=re.compile("^Read it in the source")).first.click()
    expect(page).to_have_url(re.compile(r"/sources/scmp-yahoo/\?event=[a-z0-9-]+#p-"))
    target = page.locator(f"#{citation.passage.anchor}")
    expect(target).to_have_class(re.compile(r"\bis-target\b"))
    words = target.locator("mark.cited").first
    expect(words).to_be_in_viewport()
    expect(words).to_contain_text("200 Chinese nationals rescued from online scam centres")
    background = words.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert errors == []


def test_text_fragment_address_from_elsewhere_scrolls_to_the_paragraph(page, site):
    citation = (
        Citation.objects.filter(source__slug="scmp-yahoo", event__published=True)
        .select_related("passage", "source")
        .order_by("-passage__ordinal")
        .first()
    )
    page.goto(site + citation.get_absolute_url())
    target = page.locator(f"#{citation.passage.anchor}")
    expect(target).to_be_in_viewport()
    expect(target).to_have_class(re.compile(r"\bis-target\b"))


@pytest.mark.parametrize("width", [360, 390])
def test_pages_fit_a_narrow_screen(page, site, width):
    page.set_viewport_size({"width": width, "height": 800})
    event = Event.objects.published().filter(disputed=True).first()
    for path in (
        "/",
        event.get_absolute_url(),
        "/sources/scmp-yahoo/",
        "/sources/",
        "/threads/",
        "/actors/",
    ):
        page.goto(site + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    page.goto(site + "/")
    # The filters start folded away on a narrow screen, and open on request.
    expect(page.locator("#filter-form")).to_be_hidden()
    page.get_by_text("Show filters").click()
    expect(page.locator("#filter-form")).to_be_visible()
    page.get_by_role("checkbox", name=re.compile(r"^Training")).check()
    expect(page).to_have_url(site + "/?activity=training")
    expect(page.locator("#filter-form")).to_be_visible()


def test_no_serious_accessibility_violations(page, site, axe):
    event = Event.objects.published().filter(disputed=True).first()
    for path in (
        "/",
        "/?country=AU&activity=scrutiny&year=abc",
        "/?year=2021",  # a card that only may fall in the year says so, beside its hatch
        event.get_absolute_url(),
        "/sources/scmp-yahoo/",
        "/sources/bangkok-post-digest/",  # a derived section, with its origin linked
        "/sources/",
        "/countries/au/",
        "/threads/",
        "/actors/",
        "/actors/wang-xiaohong/",  # each event with the words that name him
    ):
        page.goto(site + path)
        assert axe(page) == [], path
