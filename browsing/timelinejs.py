"""The site plus TimelineJS 3 (from npm, never committed) embedded the way a journalist would,
loading our TimelineJS export with the page's own query string as its filters.

Served by bench/browser.py (through bench/browser_settings.py; it reads the
"timelinejs-loaded" Performance mark) and by tests/e2e/test_timelinejs.py (through
`pytest.mark.urls`; it reads `window.report`). Never part of the site.
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import include, path, re_path
from django.views.static import serve

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
# A file, not inline: the site's CSP (sent with these pages too) allows no inline script.
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
  performance.mark("timelinejs-loaded");
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
    path("", include("config.urls")),
]
