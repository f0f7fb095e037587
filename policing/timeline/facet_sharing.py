"""The facet index across processes and instances: built once per data version (the others
wait for it under a lock in the shared cache, or load it from there), updated from the change
log where a process has an older one, and kept per process (timeline/kept.py). facets.py holds
the index itself; docs/performance.md, "Scale out", has the figures."""

from __future__ import annotations

import hashlib
import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connections

from policing.models import DataVersion
from policing.timeline.facets import FacetIndex
from policing.timeline.kept import CACHE_SECONDS, RELEASE, held, kept

logger = logging.getLogger(__name__)

# A full build holds this lock in the shared cache; the others wait for its index as long.
BUILD_LOCK_SECONDS = 30
POLL_SECONDS = 0.05
# An index updated in a process is published when the newest published is this many versions
# older (an update is quicker than publishing; a process starting applies the rest).
PUBLISH_EVERY = 20


def _database(using: str) -> str:
    name = str(connections[using].settings_dict["NAME"])
    return hashlib.sha256(name.encode()).hexdigest()[:12]


def shared_key(using: str, version: int | str) -> str:
    """Where the index of a data version is published: per release of the code (which may
    change what it holds), database and version."""
    return f"facet-index:{RELEASE}:{_database(using)}:{version}"


def sharing() -> bool:
    """Whether indexes are published to the cache: only where other processes read it too
    (`FACET_INDEX_SHARED`, on with Redis), not into each process's own memory."""
    return settings.FACET_INDEX_SHARED


def publish(index: FacetIndex) -> None:
    """Put the index where other processes find it, and say it is the newest there."""
    if not sharing():
        return
    key = shared_key(index.using, index.version)
    # Asked first, as pickling the index costs more than asking (Redis: EXISTS, then SET NX).
    if not cache.has_key(key) and cache.add(key, index, CACHE_SECONDS):
        newest = cache.get(shared_key(index.using, "newest"))
        if newest is None or newest < index.version:
            cache.set(shared_key(index.using, "newest"), index.version, CACHE_SECONDS)


def published(using: str, version: int) -> FacetIndex | None:
    return cache.get(shared_key(using, version)) if sharing() else None


def newest_published(using: str, below: int) -> FacetIndex | None:
    """The newest index published before data version `below`, if any."""
    if not sharing():
        return None
    version = cache.get(shared_key(using, "newest"))
    if version is None or version >= below:
        return None
    return published(using, version)


def obtain(version: DataVersion, using: str = "default", have: FacetIndex | None = None):
    """The index at `version`: the one this process has (`have`) or the newest one published,
    brought up to date, else the one published at this version, else a full build, once
    across processes."""
    counter = version.counter
    if have is not None and (index := have.updated(counter)) is not None:
        # Pickling and sending the index (9 MB at 100,000 events) costs longer than the
        # update: only now and then, so that a new process has few changes to apply.
        newest = cache.get(shared_key(using, "newest")) if sharing() else None
        if newest is None or counter - newest >= PUBLISH_EVERY:
            publish(index)
        return index
    if (index := published(using, counter)) is not None:
        return index
    older = newest_published(using, counter)
    if older is not None and (index := older.updated(counter)) is not None:
        publish(index)
        return index
    return _build_once(counter, using)


def _build_once(counter: int, using: str) -> FacetIndex:
    """A full build by one process: the others wait for what it publishes, and build
    themselves only if it stops (its lock expires or goes without an index published)."""
    if not sharing():
        return FacetIndex.build(using, counter)
    lock = shared_key(using, f"{counter}:building")
    token = uuid.uuid4().hex
    deadline = time.monotonic() + BUILD_LOCK_SECONDS
    while time.monotonic() < deadline:
        if cache.add(lock, token, BUILD_LOCK_SECONDS):
            try:
                index = FacetIndex.build(using, counter)
                publish(index)
                return index
            finally:
                cache.delete(lock)
        time.sleep(POLL_SECONDS)
        if (index := published(using, counter)) is not None:
            return index
    logger.warning("No facet index was published for version %s: building it here", counter)
    return FacetIndex.build(using, counter)


def current(version: DataVersion, using: str = "default") -> FacetIndex:
    """The index for this data version, in this process (kept.kept), made once per
    version: updated from the index the process had, loaded, or built (`obtain`)."""
    name = f"facet-index:{using}"
    return kept(version, name, lambda: obtain(version, using, held(name, using)), using)
