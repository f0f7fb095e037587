from django.contrib import admin
from django.urls import path

from policing.web.views import exports, pages, releases

urlpatterns = [
    path("", pages.timeline, name="timeline"),
    path("events/<slug:slug>/", pages.event_detail, name="event-detail"),
    path("sources/", pages.source_list, name="source-list"),
    path("sources/<slug:slug>/", pages.source_detail, name="source-detail"),
    path("countries/<str:code>/", pages.country_detail, name="country-detail"),
    path("threads/", pages.thread_list, name="thread-list"),
    path("threads/<slug:slug>/", pages.thread_detail, name="thread-detail"),
    path("actors/", pages.actor_list, name="actor-list"),
    path("actors/<slug:slug>/", pages.actor_detail, name="actor-detail"),
    path("figures/", pages.figures, name="figures"),
    path("map/", pages.world_map, name="map"),
    # Releases of the published data, and the corrections made to published events.
    path("releases/", releases.release_list, name="release-list"),
    path("releases/latest/", releases.latest_release, name="release-latest"),
    path("releases/<str:version>/", releases.release_detail, name="release-detail"),
    path("releases/<str:version>/download/", releases.release_download, name="release-download"),
    path(
        "releases/<str:version>/events/<slug:slug>/",
        releases.event_as_of,
        name="release-event",
    ),
    path("changes/", releases.changes, name="changes"),
    path("changes.atom", releases.changes_feed, name="changes-feed"),
    # Exports: the timeline's filters as query parameters, in formats other tools read.
    path("events.json", exports.events_json, name="events-json"),
    path("events.ndjson", exports.events_ndjson, name="events-ndjson"),
    path("events.csv", exports.events_csv, name="events-csv"),
    path("events.ics", exports.events_ics, name="events-ics"),
    path("events.timelinejs.json", exports.events_timelinejs, name="events-timelinejs"),
    path("feed.atom", exports.event_feed, name="event-feed"),
    path("figures.json", exports.figures_json, name="figures-json"),
    path("figures.csv", exports.figures_csv, name="figures-csv"),
    path("citations.ndjson", exports.citations_ndjson, name="citations-ndjson"),
    path("citations.csv", exports.citations_csv, name="citations-csv"),
    path("events/<slug:slug>.json", exports.event_json, name="event-json"),
    path("events/<slug:slug>.ics", exports.event_ics, name="event-ics"),
    path("schema/events.json", exports.events_schema, name="events-schema"),
    path("admin/", admin.site.urls),
]
