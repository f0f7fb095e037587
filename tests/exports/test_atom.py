"""/feed.atom, read back by feedparser."""

from django.utils.html import escape

from policing.models import Event
from tests.exports.readers import (
    BASE,
    MYANMAR,
    page_labels,
    read_feed,
    slug_of,
)

# --- Atom ------------------------------------------------------------------------------------


def test_atom_feed_lists_the_newest_events_first_with_absolute_links(curated, client):
    feed = read_feed(client.get("/feed.atom"))
    newest = list(
        Event.objects.published().chronological(newest_first=True).values_list("slug", flat=True)
    )
    assert [slug_of(entry.link) for entry in feed.entries] == newest[:50]
    entry = next(e for e in feed.entries if slug_of(e.link) == MYANMAR)
    event = Event.objects.get(slug=MYANMAR)
    assert entry.title == event.title
    assert entry.link == f"{BASE}/events/{MYANMAR}/"
    assert escape(event.summary) in entry.summary
    for citation in event.citations.all():
        assert f'<a href="{escape(BASE + citation.get_absolute_url())}">' in entry.summary
    assert [t.term for t in entry.tags] == [
        "Repatriation",
        "Delivered or completed",
        "China",
        "Myanmar",
    ]
    assert entry.updated_parsed and entry.published_parsed


def test_atom_feed_links_carry_the_filters(curated, client):
    feed = read_feed(client.get("/feed.atom?kind=training&country=cn"))
    links = {link.rel: link.href for link in feed.feed.links}
    assert links["self"] == f"{BASE}/feed.atom?country=CN&kind=training"
    assert links["alternate"] == f"{BASE}/?country=CN&kind=training"


def test_atom_categories_are_the_activity_and_stage_the_site_shows_then_the_countries(
    curated, client
):
    shown = page_labels(client)
    feed = read_feed(client.get("/feed.atom"))
    assert feed.entries
    for entry in feed.entries:
        slug = slug_of(entry.link)
        event = Event.objects.get(slug=slug)
        countries = [c.name for c in event.countries.all()]
        assert [t.term for t in entry.tags] == shown[slug] + countries, slug
        assert " · ".join(shown[slug]) in entry.summary
