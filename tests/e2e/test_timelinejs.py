"""Our `/events.timelinejs.json` loaded by the real Knight Lab TimelineJS 3 in chromium.

The library comes from npm (`npm ci`, pinned in package.json) and is never committed. A tiny
URLconf for this module alone serves it and an embedding page, the way a journalist would
embed it, beside the site's own URLs on the live server.
"""

import os

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.urls import include, path, re_path
from django.views.static import serve

from policing.models import Event

TIMELINEJS = settings.BASE_DIR / "node_modules" / "@knight-lab" / "timelinejs" / "dist"

EMBED_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>TimelineJS embed</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/timelinejs/css/timeline.css">
  <script src="/timelinejs/js/timeline.js"></script>
  <script src="/timelinejs-embed/embed.js" defer></script>
</head>
<body><div id="timeline"></div></body>
</html>
"""
# A file, not inline: the site's CSP (sent with these test pages too) allows no inline script.
EMBED_SCRIPT = """
document.getElementById("timeline").style.height = "650px";
window.report = {loaded: false};
// The build looks for its styles and locales on Knight Lab's CDN: take them from the npm
// package, and leave out the web font, which comes from Google Fonts (beyond the CSP, offline).
var options = {script_path: new URL("/timelinejs/js/", location.href).href, font: null};
window.timeline = new TL.Timeline(
  "timeline", "/events.timelinejs.json" + location.search, options
);
window.timeline.on("loaded", function (data) {
  window.report = {loaded: true, events: data.events.length};
  document.body.dataset.loaded = "true";
});
"""


def embed_page(request):
    return HttpResponse(EMBED_PAGE)


def embed_script(request):
    return HttpResponse(EMBED_SCRIPT, content_type="text/javascript")


urlpatterns = [
    path("timelinejs-embed/", embed_page),
    path("timelinejs-embed/embed.js", embed_script),
    re_path(r"^timelinejs/(?P<path>.*)$", serve, {"document_root": TIMELINEJS}),
    path("", include("policing.urls")),
]


@pytest.fixture
def timelinejs():
    if not (TIMELINEJS / "js" / "timeline.js").exists():
        reason = f"TimelineJS is not installed in {TIMELINEJS} (run `npm ci`)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)", pytrace=False)
        pytest.skip(reason)


@pytest.mark.e2e
@pytest.mark.urls(__name__)
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
    slugs = set(Event.objects.published().filtered(**filters).values_list("slug", flat=True))
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
