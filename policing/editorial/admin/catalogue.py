"""The admin of what events name: actors, threads (with their steps in date order) and
countries."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from reversion.admin import VersionAdmin

from policing.editorial.admin.curated import CuratedConflictFilter, CuratedConflictsAdmin
from policing.models import Actor, Country, Thread


def _with_event_total(rows):
    """Rows with how many events each has, in the model's own order: a query that counts drops
    that order (Django leaves Meta.ordering out of grouped queries), and the admin's pages and
    autocomplete would come in no order."""
    counted = rows.annotate(event_total=Count("events", distinct=True))
    return counted.order_by(*rows.model._meta.ordering)


@admin.register(Actor)
class ActorAdmin(CuratedConflictsAdmin, VersionAdmin):
    list_display = ["name", "kind", "country", "event_count"]
    list_filter = ["kind", "country", CuratedConflictFilter]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]

    def get_queryset(self, request):
        return _with_event_total(super().get_queryset(request))

    @admin.display(description="events", ordering="event_total")
    def event_count(self, actor):
        return actor.event_total


@admin.register(Thread)
class ThreadAdmin(CuratedConflictsAdmin, VersionAdmin):
    list_display = ["title", "event_count"]
    list_filter = [CuratedConflictFilter]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["steps"]

    @admin.display(description="steps, in date order")
    def steps(self, thread):
        """The thread's events as its page tells them: ordered by date, never by hand, so an
        editor sees at once a step whose date puts it out of place."""
        events = thread.events.chronological() if thread.pk else []
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a>: {} · {}{}{}</li>',
            (
                (
                    reverse("admin:policing_event_change", args=[e.pk]),
                    e.date_display,
                    e.get_activity_display(),
                    e.get_stage_display() or "no stage",
                    " · ",
                    e.title if e.published else f"{e.title} (draft)",
                )
                for e in events
            ),
        )
        if not rows:
            return "No events yet: choose this thread on an event’s page."
        return format_html('<ol class="thread-steps">{}</ol>', rows)

    def get_queryset(self, request):
        return _with_event_total(super().get_queryset(request))

    @admin.display(description="events", ordering="event_total")
    def event_count(self, thread):
        return thread.event_total


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["code", "name"]
