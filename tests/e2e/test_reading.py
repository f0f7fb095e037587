"""What readers of the timeline and the source reader ran into: a filter that pulled the page
away from the control just used, a filter panel in a scroll box of its own and far above the
results on a phone, a year list that reloaded at every arrow key, "Next" 189 Tab presses away,
one yellow for every event's quote, and options offered with no events behind them."""

import re
from collections import defaultdict

import pytest
from playwright.sync_api import expect

from policing.models import Citation, Event
from policing.timeline.filters import Filters

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]

PHONE = {"width": 390, "height": 800}


def published(**filters):
    return Event.objects.published().filtered(Filters.of(**filters)).count()


def count_text(n):
    return re.compile(rf"^{n} event{'' if n == 1 else 's'}(, \d+–\d+ shown)?$")


def top(locator):
    return locator.evaluate("el => el.getBoundingClientRect().top")


@pytest.fixture
def no_script(browser):
    contexts = []

    def open_page(viewport):
        context = browser.new_context(java_script_enabled=False, viewport=viewport)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, PHONE], ids=["desktop", "phone"]
)
def test_a_filter_that_shortens_the_list_leaves_the_control_in_place(page, site, viewport):
    page.set_viewport_size(viewport)
    page.goto(site + "/")
    if viewport["width"] < 600:
        page.get_by_text("Show filters").click()
    # Solomon Islands: late in the list, and few events, so the results shrink a lot.
    box = page.locator("#country-sb")
    box.evaluate("el => el.scrollIntoView({block: 'center'})")
    before = top(box)
    box.check()
    expected = published(countries=["SB"])
    expect(page.locator("#results-title")).to_have_text(count_text(expected))
    expect(page).to_have_url(site + "/?country=SB")
    box = page.locator("#country-sb")
    expect(box).to_be_checked()
    expect(box).to_be_in_viewport()
    assert abs(top(box) - before) <= 2, "the checkbox moved on the screen"
    # The count is said where screen readers hear it.
    expect(page.locator("#live-status")).to_have_text(count_text(expected))

    # "Show all" brings the rest of the list, and the reader goes on from its first new option.
    page.locator("#unfold-country > a").click()
    expect(page).to_have_url(re.compile(r"more=country"))
    expect(page.locator("#more-country input").first).to_be_focused()
    # An option under "show all" stays in sight, ticked and unticked.
    other = page.locator("#country-nz")
    other.evaluate("el => el.scrollIntoView({block: 'center'})")
    before = top(other)
    other.check()
    expect(page).to_have_url(re.compile(r"country=NZ"))
    other = page.locator("#country-nz")
    expect(other).to_be_in_viewport()
    assert abs(top(other) - before) <= 2
    other.uncheck()
    expect(page).to_have_url(site + "/?country=SB&more=country")
    other = page.locator("#country-nz")
    expect(other).to_be_visible()
    expect(other).to_be_in_viewport()


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, PHONE], ids=["desktop", "phone"]
)
def test_no_scroll_box_in_the_filters_and_results_in_sight_without_javascript(
    no_script, site, viewport
):
    page = no_script(viewport)
    page.goto(site + "/")
    # Nothing in the filters scrolls apart from the page.
    boxes = page.evaluate(
        """() => [document.querySelector('.filters'), ...document.querySelectorAll('.filters *')]
            .filter(el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowY))
            .map(el => el.className || el.tagName)"""
    )
    assert boxes == []
    # A long list shows its first options and sends the rest when asked.
    unfold = page.locator("#unfold-country > a")
    assert re.match(r"^Show all \d+ options$", unfold.inner_text().strip())
    expect(page.locator("#country-nz")).to_have_count(0)
    if viewport["width"] < 600:
        # On a phone the way to the results is in sight at once.
        expect(
            page.get_by_role("link", name=re.compile(r"^Skip to the \d+ results"))
        ).to_be_in_viewport()
    # Asked for, the rest of the list comes with the page, in sight.
    unfold.click()
    expect(page).to_have_url(re.compile(r"more=country"))
    expect(page.locator("#country-nz")).to_be_in_viewport()
    page.get_by_role("checkbox", name=re.compile(r"^Training")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"activity=training"))
    heading = page.locator("#results-title")
    expect(heading).to_have_text(count_text(published(activities=["training"])))
    # The reload lands on the results, not at the top of the filters.
    expect(heading).to_be_in_viewport()


def test_arrowing_through_a_year_list_loads_once(page, site):
    page.goto(site + "/")
    asked = []
    page.on("request", lambda request: "year_from=" in request.url and asked.append(request.url))
    select = page.locator("#filter-year-from")
    years = select.locator("option").evaluate_all("options => options.map(o => o.value)")
    select.focus()
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    expect(select).to_have_value(years[3])
    page.keyboard.press("Tab")  # leaving the list applies it
    expect(page).to_have_url(site + f"/?year_from={years[3]}")
    expect(page.locator("#results-title")).to_have_text(
        count_text(published(year_from=int(years[3])))
    )
    assert len(asked) == 1, asked
    assert page.evaluate("document.activeElement.id") == "filter-year-to"

    # Enter applies too.
    select = page.locator("#filter-year-to")
    select.focus()
    page.keyboard.press("End")  # the last year, then the one before: after year_from
    page.keyboard.press("ArrowUp")
    chosen = select.input_value()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"year_to={chosen}"))
    assert len(asked) == 2, asked


def tab_to(page, pattern, limit):
    """Press Tab until the focused element's text matches; how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        text = page.evaluate("document.activeElement.textContent.trim()")
        if re.search(pattern, text):
            return presses
    raise AssertionError(f"{pattern} not reached in {limit} presses of Tab")


def test_next_is_a_few_tabs_away_and_paging_moves_focus_to_the_results(page, site):
    page.goto(site + "/")
    presses = tab_to(page, r"^Skip to the pages of results$", 20)
    page.keyboard.press("Enter")
    presses += tab_to(page, r"^Next", 10)
    assert presses < 25
    page.keyboard.press("Enter")
    expect(page).to_have_url(site + "/?page=2")
    heading = page.locator("#results-title")
    expect(heading).to_contain_text(", 26–")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()


def shared_paragraph():
    """A paragraph two published events quote, with words only one of them quotes."""
    by_passage = defaultdict(list)
    citations = Citation.objects.filter(event__published=True, passage__isnull=False)
    for citation in citations.select_related("event", "passage", "source"):
        by_passage[citation.passage_id].append(citation)
    for found in by_passage.values():
        events = {c.event_id for c in found}
        spans = {(c.start, c.end) for c in found}
        if len(events) > 1 and len(spans) > 1:
            return found
    pytest.fail("the curated events quote no paragraph twice")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_reader_marks_the_followed_events_words_apart(browser, site, axe, javascript):
    citations = shared_paragraph()
    # The shortest quote: the paragraph then has highlighted words that are not its own.
    followed = min(citations, key=lambda c: c.end - c.start)
    others = [c for c in citations if c.event_id != followed.event_id]
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto(site + followed.event.get_absolute_url())
        page.locator(f'a.read-link[href*="#{followed.passage.anchor}"]').first.click()
        paragraph = page.locator(f"#{followed.passage.anchor}")
        mine = paragraph.locator(".followed")
        expect(mine.first).to_be_visible()
        words = mine.evaluate_all("els => els.map(el => el.textContent).join('')")
        assert " ".join(words.split()) == " ".join(followed.quoted_text.split())
        # The other events' words in the paragraph are highlighted, but not as this event's.
        theirs = " ".join(paragraph.locator("mark.cited").all_text_contents())
        assert len(" ".join(theirs.split())) > len(" ".join(words.split()))
        assert others
        # Not by colour alone: a label and an outline.
        expect(paragraph.locator(".followed-tag").first).to_have_text("quoted by this event:")
        assert mine.first.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
        expect(page.locator(".reader-followed")).to_contain_text(followed.event.title)
        if javascript:
            assert axe(page) == []
    finally:
        context.close()


def test_options_without_events_are_not_offered_unless_chosen(page, site):
    page.goto(site + "/")
    counts = page.locator(".facet .option .count").evaluate_all(
        "spans => spans.map(s => s.firstChild.textContent.trim())"
    )
    assert counts and "0" not in counts
    # China is the subject, never an other party: no country checkbox for it.
    expect(page.locator("#country-cn")).to_have_count(0)

    # Chosen, an option stays to be unticked, visibly empty.
    page.goto(site + "/?region=south-asia")
    chosen = page.locator("#region-south-asia")
    expect(chosen).to_be_checked()
    expect(page.locator("#results-title")).to_have_text(count_text(0))
    # A click, not uncheck(): the box leaves the page with the swap, and uncheck()
    # would wait for a box that no longer exists to report itself unticked.
    chosen.click()
    expect(page).to_have_url(site + "/")
    expect(page.locator("#region-south-asia")).to_have_count(0)

    # Options other filters leave empty stay where they were, greyed, with their 0.
    page.get_by_role("checkbox", name=re.compile(r"^Australia\b")).check()
    expect(page).to_have_url(site + "/?country=AU")
    empty = page.locator(".facet-activity .option.is-empty")
    expect(empty.first).to_contain_text("0")
