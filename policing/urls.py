from django.contrib import admin
from django.urls import path

from . import views

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("events/<slug:slug>/", views.event_detail, name="event-detail"),
    path("sources/", views.source_list, name="source-list"),
    path("sources/<slug:slug>/", views.source_detail, name="source-detail"),
    path("countries/<str:code>/", views.country_detail, name="country-detail"),
    # Exports: the timeline's filters as query parameters, in formats other tools read.
    path("events.json", views.events_json, name="events-json"),
    path("events.csv", views.events_csv, name="events-csv"),
    path("events.ics", views.events_ics, name="events-ics"),
    path("events.timelinejs.json", views.events_timelinejs, name="events-timelinejs"),
    path("feed.atom", views.event_feed, name="event-feed"),
    path("events/<slug:slug>.json", views.event_json, name="event-json"),
    path("events/<slug:slug>.ics", views.event_ics, name="event-ics"),
    path("schema/events.json", views.events_schema, name="events-schema"),
    path("admin/", admin.site.urls),
]
