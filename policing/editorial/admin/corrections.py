"""Corrections in the admin: read only, as /changes/ shows them (each is written by the change
it records, with the reason its editor gave)."""

from django.contrib import admin

from policing.models import Correction


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["created", "title", "kind", "fields_in_words", "reason", "editor"]
    list_filter = ["kind"]
    search_fields = ["title", "slug", "reason"]
    fields = ["created", "event", "slug", "title", "kind", "editor", "reason", "changes"]
    readonly_fields = fields
    date_hierarchy = "created"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
