"""Several instances over one database and one cache (docs/performance.md, "Scale out"): an
edit saved through one is seen by the next request to another, and the facet index is built
once for them all, then updated from the change log.

Each "instance" is the same test process with its own in-process state (`kept.kept`),
swapped in and out; the database and the cache (Redis with REDIS_URL, else this process's
memory, published to as Redis would be) are shared, as between gunicorn workers or machines.
"""

import threading
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.test import Client

from policing.models import DataVersion, Event
from policing.timeline import facet_sharing, kept
from policing.timeline.facets import FacetIndex

URL = "/?kind=training"


class Instance:
    def __init__(self):
        self.kept: dict = {}
        self.client = Client()
        self.requests = 0

    @contextmanager
    def serving(self):
        others = dict(kept._kept)
        kept._kept.clear()
        kept._kept.update(self.kept)
        try:
            yield
        finally:
            self.kept = dict(kept._kept)
            kept._kept.clear()
            kept._kept.update(others)

    def get(self, url: str = URL):
        """A page nobody asked for yet (a new address misses the page cache), so it is
        rendered from this instance's facet index."""
        self.requests += 1
        with self.serving():
            return self.client.get(f"{url}&_={id(self)}-{self.requests}")


@pytest.fixture
def shared(settings, curated):
    settings.FACET_INDEX_SHARED = True
    return Instance(), Instance()


def test_an_edit_on_one_instance_is_seen_by_the_next_request_to_another(shared):
    first, second = shared
    builds = FacetIndex.builds
    event = Event.objects.published().filter(kind="training").first()
    assert event.slug in first.get().content.decode()
    assert event.slug in second.get().content.decode()
    assert FacetIndex.builds == builds + 1  # the second loaded what the first published

    # Saved through the first (as its admin would), seen at once by the second.
    with first.serving():
        event.published = False
        event.save()
    assert event.slug not in second.get().content.decode()
    assert event.slug not in first.get().content.decode()
    with first.serving():
        event.published = True
        event.title = "Seen everywhere at once"
        event.save()
    assert "Seen everywhere at once" in second.get().content.decode()
    assert "Seen everywhere at once" in first.get().content.decode()
    assert FacetIndex.builds == builds + 1  # each updated its index from the log
    # Both hold the index of the newest version, equal to a fresh build.
    version = DataVersion.current().counter
    for instance in (first, second):
        with instance.serving():
            held = kept.held("facet-index:default")
            assert held.version == version and held == FacetIndex.build()


def test_etags_follow_the_version_on_every_instance(shared):
    first, second = shared
    with first.serving():
        before = first.client.get("/")
    with second.serving():
        assert second.client.get("/", HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 304
    with first.serving():
        Event.objects.published().first().save()
    with second.serving():
        assert second.client.get("/", HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_a_new_instance_updates_the_newest_published_index(shared):
    first, second = shared
    first.get()
    builds = FacetIndex.builds
    events = list(Event.objects.published())
    with first.serving():
        # One in the middle: the first or last would move the span of years that open-ended
        # dates are counted over, which rebuilds.
        events[len(events) // 2].delete()
    second.get()  # nothing of its own: the index published before the edit, updated
    assert FacetIndex.builds == builds


def test_others_wait_for_the_builder_and_build_only_if_it_stops(shared, monkeypatch):
    monkeypatch.setattr(facet_sharing, "POLL_SECONDS", 0.01)
    version = DataVersion.current()
    lock = facet_sharing.shared_key("default", f"{version.counter}:building")

    # Another instance holds the lock, and publishes a moment later.
    assert cache.add(lock, "elsewhere", 30)
    built = FacetIndex.build(version=version.counter)

    def publish():
        facet_sharing.publish(built)
        cache.delete(lock)

    builds = FacetIndex.builds
    threading.Timer(0.2, publish).start()
    assert facet_sharing.obtain(version) is not None
    assert FacetIndex.builds == builds

    # It stops without publishing: the one waiting builds (with no index to update).
    DataVersion.bump(events=None)
    version = DataVersion.current()
    lock = facet_sharing.shared_key("default", f"{version.counter}:building")
    assert cache.add(lock, "elsewhere", 30)
    threading.Timer(0.2, cache.delete, [lock]).start()
    kept.forget()
    index = facet_sharing.obtain(version)
    assert FacetIndex.builds == builds + 1 and index.version == version.counter
