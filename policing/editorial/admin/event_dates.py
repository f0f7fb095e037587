"""The date an editor types for an event, read as the source words it: against the publication
date of the first cited source when none is chosen, as EDTF or as a phrase, and previewed
beside the field (HTMX) before the event is saved."""

from __future__ import annotations

import re

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from policing.models import Event, Source
from policing.text import dates

_CITATION_SOURCE = re.compile(r"^citations-(\d+)-source$")


def first_cited_source(data) -> Source | None:
    """The source of the first citation in the submitted inline forms (deleted ones skipped)."""
    rows = sorted(
        (int(m[1]), value)
        for key, value in data.items()
        if (m := _CITATION_SOURCE.match(key)) and value
    )
    for index, source_id in rows:
        if data.get(f"citations-{index}-DELETE") in {"on", "true", "1"}:
            continue
        if str(source_id).isdigit():
            return Source.objects.filter(pk=source_id).first()
    return None


def read_edtf_or_phrase(probe: Event) -> str:
    """`probe.date_text` as EDTF if it is EDTF, else read as a phrase; the error of whichever
    the text looks like."""
    typed = probe.date_text.strip()
    try:
        return dates.check_edtf(typed).text
    except dates.DateResolutionError as edtf_error:
        if typed[:1].isdigit() or typed[:1] in "[{." or not probe.date_source_id:
            raise edtf_error from None
    return probe.read_date_text()


@require_POST
def preview_date(request: HttpRequest, model_admin: admin.ModelAdmin) -> HttpResponse:
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        raise PermissionDenied
    source = _object_or_none(Source, request.POST.get("date_source"))
    manual = bool(request.POST.get("date_manual"))
    typed = request.POST.get("date_edtf" if manual else "date_text", "")[:200]
    probe = Event(
        date_text=typed,
        date_source=source or first_cited_source(request.POST),
        date_relative_to=_object_or_none(Event, request.POST.get("date_relative_to")),
    )
    context = {"probe": probe, "resolved": None, "error": None, "manual": manual}
    if not typed.strip():  # nothing typed yet: nothing to read
        return TemplateResponse(request, "admin/policing/event/date_preview.html", context)
    try:
        value = read_edtf_or_phrase(probe) if manual else probe.read_date_text()
        probe.date_edtf = value
        probe.date_earliest, probe.date_latest = dates.bounds(value)
        context["resolved"] = {"edtf": value, "words": dates.in_words(value)}
    except dates.DateResolutionError as error:
        context["error"] = str(error)
    return TemplateResponse(request, "admin/policing/event/date_preview.html", context)


def _object_or_none(model, pk):
    return model.objects.filter(pk=pk).first() if pk and str(pk).isdigit() else None
