"""URLs for bench/browser.py: the site, plus TimelineJS 3 (from npm) embedded the way a
journalist would, loading the same events from our TimelineJS export.

The embed page records, with the Performance API, when the first slide is in the document and
when TimelineJS says it has loaded; the script reads those figures. Never part of the site.
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
<body><div id="timeline" style="height: 650px"></div></body>
</html>
"""
# A file, not inline: the site's CSP (sent with these pages too) allows no inline script.
EMBED_SCRIPT = """
var options = {script_path: new URL("/timelinejs/js/", location.href).href, font: null};
window.timeline = new TL.Timeline("timeline", "/events.timelinejs.json", options);
window.timeline.on("loaded", function () {
  performance.mark("timelinejs-loaded");
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
