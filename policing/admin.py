"""Editors' admin. Citations are validated on save: a quote must occur in its source."""

from django.contrib import admin

from .models import Citation, Country, Event, Figure, Passage, Source


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["code", "name"]


class PassageInline(admin.TabularInline):
    model = Passage
    fields = ["ordinal", "anchor", "section", "text"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "syndication",
        "published",
        "published_precision",
        "published_inferred",
    ]
    search_fields = ["title", "outlet", "syndication", "slug"]
    readonly_fields = ["sha256", "imported_at", "file_name"]
    inlines = [PassageInline]


class CitationInline(admin.StackedInline):
    model = Citation
    extra = 0
    fields = ["source", "quote", "claim", "order", "anchored_passage"]
    readonly_fields = ["anchored_passage"]
    autocomplete_fields = ["source"]

    @admin.display(description="Anchored in")
    def anchored_passage(self, citation):
        return str(citation.passage) if citation.passage_id else "—"


class FigureInline(admin.TabularInline):
    model = Figure
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "date_start", "date_precision", "kind", "disputed", "published"]
    list_filter = ["kind", "published", "disputed", "countries__region"]
    search_fields = ["title", "summary", "citations__quote"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["countries", "date_source", "date_relative_to"]
    inlines = [CitationInline, FigureInline]
