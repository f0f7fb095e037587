"""The site plus vis-timeline 8 (from npm, never committed), drawing the same published events
as the time axis, in lanes by thread, for bench/axis_zoom.py to measure beside `/?view=axis`:
how soon it paints its first item, and how long `setWindow` takes to redraw it on one year.

Its items are the axis's own (`axis.extent`: a day is a point, anything longer a range over
the days the axis draws), read from the database into one small JSON file, so vis-timeline
loads no more than it draws. Includes the TimelineJS embed's URLs (browsing/timelinejs.py).
Never part of the site.
"""

import datetime as dt

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import include, path, re_path
from django.views.static import serve

from policing.models import Event
from policing.timeline import axis

VIS_TIMELINE = settings.BASE_DIR / "node_modules" / "vis-timeline"

EMBED_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>vis-timeline embed</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/vis-timeline/styles/vis-timeline-graph2d.min.css">
  <script src="/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js"></script>
  <script src="/vis-timeline-embed/embed.js" defer></script>
</head>
<body><div id="timeline"></div></body>
</html>
"""
# A file, not inline: the site's CSP (sent with these pages too) allows no inline script.
EMBED_SCRIPT = """
window.report = {loaded: false};
fetch("/vis-timeline-embed/items.json").then(function (response) {
  return response.json();
}).then(function (data) {
  var items = new vis.DataSet(data.items);
  var groups = new vis.DataSet(data.groups);
  window.timeline = new vis.Timeline(document.getElementById("timeline"), items, groups, {
    orientation: "top",
    stack: true,
  });
  window.timeline.once("changed", function () {
    performance.mark("vis-timeline-drawn");
    window.report = {loaded: true, items: data.items.length};
    document.body.dataset.loaded = "true";
  });
});
"""


def embed_page(request):
    return HttpResponse(EMBED_PAGE)


def embed_script(request):
    return HttpResponse(EMBED_SCRIPT, content_type="text/javascript")


def items(request):
    """Every published event as a vis-timeline item, grouped by thread as the axis's lanes."""
    rows = Event.objects.published().values(
        "id", "title", "date_edtf", "start_year", "end_year", "thread__slug", "thread__title"
    )
    drawn, groups = [], {}
    for row in rows:
        ext = axis.extent(row["date_edtf"], start_year=row["start_year"], end_year=row["end_year"])
        group = row["thread__slug"] or ""
        groups.setdefault(group, row["thread__title"] or "Not part of a thread")
        item = {"id": row["id"], "content": row["title"], "group": group}
        item["start"] = ext.start.isoformat()
        if ext.kind == axis.DAY:
            item["type"] = "point"
        else:
            item["end"] = (ext.end + dt.timedelta(days=1)).isoformat()
        drawn.append(item)
    lanes = [{"id": key, "content": label} for key, label in groups.items()]
    return JsonResponse({"items": drawn, "groups": lanes})


urlpatterns = [
    path("vis-timeline-embed/", embed_page),
    path("vis-timeline-embed/embed.js", embed_script),
    path("vis-timeline-embed/items.json", items),
    re_path(r"^vis-timeline/(?P<path>.*)$", serve, {"document_root": VIS_TIMELINE}),
    path("", include("browsing.timelinejs")),
]
