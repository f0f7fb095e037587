"""Releases and corrections: the list of releases, a release's page and its download, an
event as a release holds it, and every change to a published event (/changes/ and its feed).

A release never changes, so its download's ETag is its SHA-256; its pages change with the data
version like every other page (a later release changes what the list says).
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from policing.exports import releases as built
from policing.exports.atom import CorrectionFeed
from policing.models import Activity, Correction, Event, Release, Role, Stage
from policing.timeline.references import release_reference
from policing.web.caching import cached_page, fresh

CORRECTIONS_PER_PAGE = 50


@require_safe
@fresh
@cached_page
def release_list(request: HttpRequest) -> HttpResponse:
    releases = Release.objects.newest_first().select_related("previous")
    return render(request, "policing/release_list.html", {"releases": releases})


@require_safe
def latest_release(request: HttpRequest) -> HttpResponse:
    newest = Release.objects.newest_first().first()
    if newest is None:
        raise Http404("No release has been made yet.")
    return redirect("release-detail", newest.version)


@require_safe
@fresh
@cached_page
def release_detail(request: HttpRequest, version: str) -> HttpResponse:
    release = get_object_or_404(Release.objects.select_related("previous"), version=version)
    try:
        changes, unreadable = built.changes_of(release), ""
    except built.ReleaseUnreadable as error:
        changes, unreadable = None, str(error)
    url = request.build_absolute_uri(release.get_absolute_url())
    reference = release_reference(
        release.version, release.created, url=url, events=release.counts.get("events", 0)
    )
    public = set()
    if changes:
        mentioned = [e["slug"] for kind in ("added", "changed") for e in changes[kind]]
        public = set(
            Event.objects.published().filter(slug__in=mentioned).values_list("slug", flat=True)
        )
    context = {
        "release": release,
        "changes": changes,
        "unreadable": unreadable,
        "reference": reference,
        "public": public,
    }
    return render(request, "policing/release_detail.html", context)


@require_safe
def release_download(request: HttpRequest, version: str) -> HttpResponse:
    release = get_object_or_404(Release, version=version)
    try:
        built.checked(release)
    except built.ReleaseUnreadable as error:
        raise Http404(str(error)) from None
    etag = f'"{release.checksum}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponse(status=304, headers={"ETag": etag})
    response = FileResponse(
        release.path.open("rb"),
        as_attachment=True,
        filename=release.file,
        content_type="application/zip",
    )
    response["ETag"] = etag
    # Immutable: the same version is always the same bytes.
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@require_safe
@fresh
@cached_page
def event_as_of(request: HttpRequest, version: str, slug: str) -> HttpResponse:
    release = get_object_or_404(Release, version=version)
    try:
        event = built.event_in(release, slug)
    except built.ReleaseUnreadable as error:
        raise Http404(str(error)) from None
    if event is None:
        raise Http404(f"Release {version} holds no event “{slug}”.")
    now = Event.objects.published().filter(slug=slug).first()
    context = {
        "release": release,
        "event": event,
        "current": now,
        "activity": _label(Activity, event.get("activity")),
        "stage": _label(Stage, event.get("stage")),
        "roles": {value: label for value, label in Role.choices},
    }
    return render(request, "policing/release_event.html", context)


def _label(choices, value) -> str:
    return dict(choices.choices).get(value, value or "")


@require_safe
@fresh
@cached_page
def changes(request: HttpRequest) -> HttpResponse:
    corrections = Correction.objects.newest_first().select_related("event")
    page = Paginator(corrections, CORRECTIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "policing/changes.html", {"page": page})


@require_safe
@fresh
def changes_feed(request: HttpRequest) -> HttpResponse:
    response = CorrectionFeed()(request)
    del response["Last-Modified"]
    return response
