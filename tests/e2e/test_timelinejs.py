"""Our `/events.timelinejs.json` loaded by the real Knight Lab TimelineJS 3 in chromium.

The library comes from npm (`npm ci`, pinned in package.json) and is never committed. The
URLconf browsing/timelinejs.py serves it and an embedding page, the way a journalist would
embed it, beside the site's own URLs on the live server (the browser benchmark uses the same).
"""

import os

import pytest

from browsing.timelinejs import TIMELINEJS
from policing.models import Event
from policing.timeline.filters import Filters


@pytest.fixture
def timelinejs():
    if not (TIMELINEJS / "js" / "timeline.js").exists():
        reason = f"TimelineJS is not installed in {TIMELINEJS} (run `npm ci`)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)", pytrace=False)
        pytest.skip(reason)


@pytest.mark.e2e
@pytest.mark.urls("browsing.timelinejs")
@pytest.mark.parametrize(
    ("query", "filters"),
    [("", {}), ("?country=SB&kind=training", {"countries": ["SB"], "kinds": ["training"]})],
    ids=["all", "filtered"],
)
def test_timelinejs_loads_our_export_with_one_slide_per_event(
    timelinejs, site, page, query, filters
):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    slugs = set(
        Event.objects.published().filtered(Filters.of(**filters)).values_list("slug", flat=True)
    )
    assert slugs

    page.goto(f"{site}/timelinejs-embed/{query}")
    # A selector, not wait_for_function: that evaluates a string, which the CSP refuses.
    page.wait_for_selector("body[data-loaded]", state="attached", timeout=30_000)

    assert page.evaluate("window.report.events") == len(slugs)
    assert page.evaluate("window.timeline.config.messages.errors") == []
    slides = page.eval_on_selector_all(
        ".tl-storyslider .tl-slide",
        "els => els.map(e => ({id: e.id, title: e.classList.contains('tl-slide-titleslide')}))",
    )
    assert len(slides) == len(slugs) + 1  # and the title slide
    assert [slide["title"] for slide in slides].count(True) == 1
    assert {slide["id"] for slide in slides if not slide["title"]} == slugs
    assert page.locator(".tl-timemarker").count() == len(slugs)
    assert errors == [], errors
