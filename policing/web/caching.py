"""Caching for public pages and exports, in one place (the figures behind each layer are in
docs/performance.md).

- The data version (`DataVersion`) changes on every saved change (signals.py); with a
  fingerprint of the code it makes the ETag and Last-Modified of every page and export, so an
  unchanged one answers 304 (`fresh`).
- A rendered page is kept until the version changes, keyed on everything it renders from the
  request: scheme, host, path and query, and whether it is the HTMX partial (`cached_page`).
- Small computed values are kept per version too: in the shared cache (`cached`), or, for
  the lists every timeline request reads (countries, actors, threads), in the process
  (`remembered`), which spares unpickling them each time.
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import condition

from policing.models import DataVersion
from policing.timeline.kept import CACHE_SECONDS, RELEASE, kept


def data_version(request: HttpRequest) -> DataVersion:
    """The data version, read once per request (ETag, Last-Modified and cache keys share it)."""
    if not hasattr(request, "_data_version"):
        request._data_version = DataVersion.current()
    return request._data_version


def variant(request: HttpRequest) -> str:
    """Which rendering a request gets (its ETag and page-cache key say so too): the results
    partial for an HTMX swap, else the whole page (history restores included)."""
    return "partial" if request.htmx and not request.htmx.history_restore_request else "page"


def etag(request: HttpRequest, *args, **kwargs) -> str:
    return f"{RELEASE}-{data_version(request).counter}-{variant(request)}"


def last_modified(request: HttpRequest, *args, **kwargs):
    return data_version(request).changed


# Conditional GET: pages and exports change only when the data (or the code) does.
fresh = condition(etag_func=etag, last_modified_func=last_modified)


def cached(request: HttpRequest, name: str, key: object, compute):
    """`compute()`, cached until the data changes."""
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:24]
    full_key = f"{name}:{RELEASE}:{data_version(request).counter}:{digest}"
    return cache.get_or_set(full_key, compute, CACHE_SECONDS)


def remembered(request: HttpRequest, name: str, compute):
    """`kept()` for the request's data version."""
    return kept(data_version(request), name, compute)


def cached_page(view):
    """Keep the rendered page until the data (or the code) changes.

    Public pages do not depend on who asks, so one rendering serves every visitor of the same
    address. The address is the whole URL, scheme and host included, because pages write their
    canonical link from them; the ETag adds the data version and the variant (page or HTMX
    partial). (The CSP nonce in a cached page is stale, which is harmless: every script is a
    file from this site, allowed by 'self'.)
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return cached_response(
            request, request.get_full_path(), lambda: view(request, *args, **kwargs)
        )

    return wrapper


def cached_response(request: HttpRequest, path: str, render) -> HttpResponse:
    """`render()`'s page, kept as `cached_page` keeps it, under `path` (with the query that
    names it): a view that knows which of its parameters change the page keys it on those
    only, so that values naming nothing share one entry instead of making one each."""
    url = f"{request.scheme}://{request.get_host()}{path}"
    address = hashlib.sha256(url.encode()).hexdigest()[:32]
    key = f"page:{etag(request)}:{address}"
    response = cache.get(key)
    if response is None:
        response = render()
        if response.status_code == 200 and not response.streaming:
            cache.set(key, response, CACHE_SECONDS)
    return response
