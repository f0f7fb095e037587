"""Search in a real browser: results follow the words as they are typed, each showing why it
matched, and the same search works with JavaScript off."""

import re

import pytest
from playwright.sync_api import expect

from policing.models import Event
from policing.timeline.filters import Filters

pytestmark = [
    pytest.mark.e2e,
    # pytest-playwright's base_url fixture trips a pytest 9 deprecation; not ours to fix.
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]


def heading_for(q: str):
    n = Event.objects.published().filtered(Filters.of(q=q)).count()
    assert n
    return re.compile(rf"^{n} event{'' if n == 1 else 's'}(, 1–\d+ shown)?$")


def test_results_follow_the_words_as_they_are_typed(page, site):
    page.goto(site + "/")
    page.evaluate("window.__notReloaded = true")
    box = page.get_by_role("searchbox")
    box.press_sequentially("pledged", delay=40)  # no Enter: the pause after typing is enough
    expect(page).to_have_url(re.compile(r"q=pledged"))
    expect(page.locator("#results-title")).to_have_text(heading_for("pledged"))
    cards = page.locator(".event-card")
    for n in range(cards.count()):
        expect(cards.nth(n).locator(".event-excerpt mark").first).to_be_visible()
    # The reader is still typing in the same box, with the words typed.
    assert page.evaluate("document.activeElement.id") == "filter-q"
    expect(box).to_have_value("pledged")
    assert page.evaluate("window.__notReloaded") is True

    box.press_sequentially(" 3000", delay=40)
    expect(page).to_have_url(re.compile(r"q=pledged\+3000"))
    expect(page.locator("#results-title")).to_have_text(heading_for("pledged 3000"))
    expect(page.locator(".event-card .event-excerpt mark").first).to_be_visible()
    expect(box).to_have_value("pledged 3000")


def test_search_works_without_javascript(new_context, site):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site + "/")
    page.get_by_role("searchbox").fill("scams")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"q=scams"))
    expect(page.locator("#results-title")).to_have_text(heading_for("scams"))
    expect(page.locator(".event-excerpt mark", has_text="scam").first).to_be_visible()
