"""/events.ics, read back by icalendar: all-day spans of each date's precision."""

import datetime as dt

import jsonschema
import pytest

from policing.models import Event
from tests.exports.readers import (
    AFP_POLICY_END,
    AFRICA_PLEDGE,
    BASE,
    ITALY,
    JIBC,
    LIANYUNGANG,
    LIU_VISITS,
    MYANMAR,
    SCHEMA,
    SOLOMONS,
    ics_events,
    page_labels,
    read_ics,
    read_json,
)

# --- iCalendar -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "start", "end"),
    [
        (MYANMAR, dt.date(2025, 2, 20), dt.date(2025, 2, 21)),
        (ITALY, dt.date(2022, 12, 1), dt.date(2023, 1, 1)),
        (SOLOMONS, dt.date(2022, 1, 1), dt.date(2023, 1, 1)),
        (JIBC, dt.date(2014, 1, 1), dt.date(2021, 1, 1)),
        (AFRICA_PLEDGE, dt.date(2024, 8, 26), dt.date(2024, 9, 9)),
        # One of a set spans its choices, a window of months its months; an open start is
        # its bound.
        (LIANYUNGANG, dt.date(2024, 9, 2), dt.date(2024, 9, 10)),
        (AFP_POLICY_END, dt.date(2019, 7, 1), dt.date(2025, 1, 1)),
        (LIU_VISITS, dt.date(2025, 2, 20), dt.date(2025, 2, 21)),
    ],
    ids=["day", "month", "year", "span-of-years", "between-days", "set", "between-months", "by"],
)
def test_ics_events_are_all_day_spans_of_their_precision(curated, client, slug, start, end):
    event = ics_events(client)[slug]
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert event["DTEND"].params["VALUE"] == "DATE"
    assert (event.start, event.end) == (start, end)  # DTEND is exclusive


def test_ics_description_has_summary_countries_and_citation_urls(curated, client):
    events = ics_events(client)
    assert len(events) == Event.objects.published().count()
    entry, event = events[MYANMAR], Event.objects.get(slug=MYANMAR)
    assert str(entry["SUMMARY"]) == event.title
    assert str(entry["URL"]) == f"{BASE}/events/{MYANMAR}/"
    description = str(entry["DESCRIPTION"])
    assert event.summary in description
    assert "Countries: China, Myanmar" in description
    for citation in event.citations.all():
        assert f"{BASE}{citation.get_absolute_url()}" in description
    assert str(entry["TRANSP"]) == "TRANSPARENT"
    assert entry.categories == ["Repatriation", "Delivered or completed"]
    assert "Activity: Repatriation · Delivered or completed" in description


def test_ics_categories_are_the_activity_and_stage_the_site_shows(curated, client):
    shown = page_labels(client)
    events = ics_events(client)
    assert set(events) == set(shown)
    for slug, entry in events.items():
        assert entry.categories == shown[slug], slug
    # Not the old single kind: a visit is not an "announcement".
    visits = [slug for slug, labels in shown.items() if labels[0] == "Visit or meeting"]
    assert visits and all(events[slug].categories[0] == "Visit or meeting" for slug in visits)


def test_an_event_page_offers_its_own_ics_and_json(curated, client):
    page = client.get(f"/events/{MYANMAR}/").content.decode()
    assert f'href="/events/{MYANMAR}.json"' in page
    assert f'href="/events/{MYANMAR}.ics"' in page

    (entry,) = read_ics(client.get(f"/events/{MYANMAR}.ics"))
    assert entry.start == dt.date(2025, 2, 20)
    item = read_json(client.get(f"/events/{MYANMAR}.json"))
    jsonschema.Draft202012Validator(SCHEMA["$defs"]["event"] | {"$defs": SCHEMA["$defs"]}).validate(
        item
    )
    assert item["slug"] == MYANMAR
    assert (item["date_start"], item["date_precision"], item["date_end"]) == (
        "2025-02-20",
        "day",
        None,
    )
    assert item["date_text"] == "On Thursday" and item["date_set_by_editor"] is False
    assert item["countries"] == ["CN", "MM"]
    assert {c["source"] for c in item["citations"]} == {"scmp-yahoo", "world-today-news-rewrite"}
    assert item in read_json(client.get("/events.json"))["events"]
