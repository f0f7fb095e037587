"""Curated conflicts in the admin: where an update from the fixtures found a part that both the
editors and the fixtures changed, the row's change page lists each with both versions and a
choice (editorial/curated.py decides), and the row's list filters the rows with one to decide.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from policing.editorial import curated
from policing.models import CuratedConflict

OPEN = "open"


def _open_ids(kind: str):
    return CuratedConflict.objects.filter(base__kind=kind, resolved__isnull=True).values(
        "base__object_id"
    )


class CuratedConflictFilter(admin.SimpleListFilter):
    title = "curated conflicts"
    parameter_name = "curated_conflicts"

    def lookups(self, request, model_admin):
        return [(OPEN, "To decide (changed here and in the fixtures)")]

    def queryset(self, request, queryset):
        if self.value() == OPEN:
            return queryset.filter(pk__in=_open_ids(curated.kind_of(queryset.model)))
        return queryset


class CuratedConflictsAdmin:
    """For the admin of a curated model (before VersionAdmin among its bases): the conflicts on
    the change page, the view that decides one, and a note on the list while any is open."""

    def get_urls(self):
        opts = self.model._meta
        decide = path(
            "<path:object_id>/curated-conflict/<int:conflict_id>/",
            self.admin_site.admin_view(self.decide_conflict_view),
            name=f"{opts.app_label}_{opts.model_name}_curated_conflict",
        )
        return [decide, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        row = self.get_object(request, unquote(object_id)) if object_id else None
        if row is not None:
            extra_context = {
                **(extra_context or {}),
                "curated_conflicts": self._shown(request, row),
                "can_decide_conflicts": self.has_change_permission(request, row),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET" and CuratedConflictFilter.parameter_name not in request.GET:
            self._note_open_conflicts(request)
        return super().changelist_view(request, extra_context)

    def _note_open_conflicts(self, request) -> None:
        opts = self.model._meta
        total = self.model.objects.filter(pk__in=_open_ids(curated.kind_of(self.model))).count()
        if not total:
            return
        self.message_user(
            request,
            format_html(
                "{} {} changed both here and in the curated fixtures since loaded: "
                '<a href="?{}={}">list {}</a> to decide which version to keep.',
                total,
                opts.verbose_name_plural if total > 1 else opts.verbose_name,
                CuratedConflictFilter.parameter_name,
                OPEN,
                "them" if total > 1 else "it",
            ),
            messages.WARNING,
        )

    def _shown(self, request, row) -> list[dict]:
        opts = self.model._meta
        return [
            {
                "shown": shown,
                "url": reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_curated_conflict",
                    args=[quote(row.pk), shown.conflict.pk],
                ),
            }
            for shown in curated.open_conflicts(curated.kind_of(self.model), row)
        ]

    @staticmethod
    def _change_url(opts, pk) -> str:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(pk)])

    def decide_conflict_view(self, request: HttpRequest, object_id: str, conflict_id: int):
        return require_POST(self._decide)(request, object_id, conflict_id)

    def _decide(self, request: HttpRequest, object_id: str, conflict_id: int):
        row = self.get_object(request, unquote(object_id))
        if row is None or not self.has_change_permission(request, row):
            raise PermissionDenied
        conflict = get_object_or_404(
            CuratedConflict.objects.select_related("base"),
            pk=conflict_id,
            base__kind=curated.kind_of(self.model),
            base__object_id=row.pk,
        )
        choice = request.POST.get("choice")
        decide = {"curated": curated.take_curated, "editors": curated.keep_editors}.get(choice)
        if decide is None:
            self.message_user(request, "Choose which version to keep.", messages.ERROR)
        else:
            try:
                decide(conflict, user=request.user)
            except curated.ConflictError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                kept = "the curated" if choice == "curated" else "the editors'"
                self.message_user(
                    request,
                    f"Kept {kept} {curated.label_of(conflict)}; the choice is in the History.",
                    messages.SUCCESS,
                )
        return HttpResponseRedirect(self._change_url(self.model._meta, row.pk))
