"""Releases in the admin: the list, and "Make a release" for those with the `make_release`
permission. Here, above the editorial layer, because making one needs the export contract
(exports/releases/), which the editorial layer may not import (pyproject.toml's layers)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from policing.exports.releases import make_release
from policing.links import base_url
from policing.models import ImmutableRelease, Release
from policing.models.releases import check_version

MAKE = "policing.make_release"


class MakeReleaseForm(forms.Form):
    version = forms.CharField(
        max_length=40,
        help_text="e.g. 2026.1: letters and digits with dots or hyphens between them. A version "
        "is made once and never again.",
    )
    notes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="What this release is, in a few sentences (shown on its page and in its "
        "datapackage.json).",
    )

    def clean_version(self):
        version = check_version(self.cleaned_data["version"].strip())
        if Release.objects.filter(version=version).exists():
            raise ValidationError(f"Release {version} exists; a release is never rebuilt.")
        return version


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    list_display = ["version", "created", "events", "changes_in_a_line", "made_by", "checksum"]
    fields = ["version", "created", "notes", "made_by", "previous", "counts", "file", "checksum"]
    readonly_fields = fields
    ordering = ["-created"]

    def has_add_permission(self, request):
        return False  # made by "Make a release", never typed in

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="events")
    def events(self, release):
        return release.counts.get("events", 0)

    def get_urls(self):
        make = path(
            "make/",
            self.admin_site.admin_view(self.make_view),
            name="policing_release_make",
        )
        return [make, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra = {"may_make": request.user.has_perm(MAKE), **(extra_context or {})}
        return super().changelist_view(request, extra)

    def make_view(self, request: HttpRequest) -> HttpResponse:
        """The form: version and notes; on a valid POST, the release is built and recorded."""
        if not request.user.has_perm(MAKE):
            raise PermissionDenied
        form = MakeReleaseForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                release = make_release(
                    form.cleaned_data["version"],
                    base_url=base_url(request),
                    notes=form.cleaned_data["notes"].strip(),
                    made_by=request.user.get_username(),
                )
            except (ImmutableRelease, IntegrityError, FileNotFoundError) as error:
                form.add_error(None, str(error))
            else:
                self.message_user(
                    request,
                    f"Made release {release.version}: {release.changes_in_a_line}",
                    messages.SUCCESS,
                )
                return redirect("admin:policing_release_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": "Make a release",
            "opts": self.model._meta,
            "form": form,
            "latest": Release.objects.newest_first().first(),
        }
        return TemplateResponse(request, "admin/policing/release/make.html", context)
