"""A disputed event's disagreement in the JSON exports: each claim with its source, outlet,
origin, words and reading, as the event page shows them side by side."""

import html as entities
import json
import re

import jsonschema

from policing.models import Citation, Event
from tests.exports.readers import BASE, ITALY, SCHEMA, read_json, read_ndjson


def _everything(client) -> dict[str, dict]:
    events = read_json(client.get("/events.json?per_page=1000"))["events"]
    return {event["slug"]: event for event in events}


def _page_claims(client, slug: str) -> list[dict]:
    """The claims the event page shows: each one's source, whether it is marked as not an
    independent claim, and the readings written above its words."""
    page = client.get(f"/events/{slug}/").content.decode()
    listed = page.split('<ul class="claims">')[1].split("</ul>")[0]
    found = []
    for item in re.split(r'<li class="claim', listed)[1:]:
        [source] = re.findall(r'<h3 class="claim-source"><a href="/sources/([^/]+)/">', item)
        readings = re.findall(r'<p class="claim-text">(.*?)</p>', item, re.S)
        found.append(
            {
                "source": source,
                "independent": not item.startswith(" claim-derived"),
                "readings": [entities.unescape(r) for r in readings],
            }
        )
    return found


def test_each_disputed_event_exports_the_claims_its_page_shows(curated, client):
    events = _everything(client)
    disputed = set(Event.objects.published().filter(disputed=True).values_list("slug", flat=True))
    assert len(disputed) > 3
    for slug, event in events.items():
        if slug not in disputed:
            assert event["dispute"] is None, slug
            continue
        dispute = event["dispute"]
        assert dispute["note"] == Event.objects.get(slug=slug).dispute_note
        exported = [
            {
                "source": claim["source"],
                "independent": claim["independent"],
                "readings": [w["reading"] for w in claim["words"] if w["reading"]],
            }
            for claim in dispute["claims"]
        ]
        assert exported == _page_claims(client, slug), slug
        assert dispute["independent_claims"] == sum(c["independent"] for c in exported)


def test_a_claims_words_are_the_events_citations_with_their_readings(curated, client):
    events = _everything(client)
    derived_seen = False
    for event in (e for e in events.values() if e["dispute"]):
        rows = Citation.objects.filter(event__slug=event["slug"]).select_related("source")
        in_db = {(c.source.slug, c.quote): c for c in rows}
        words = [w for claim in event["dispute"]["claims"] for w in claim["words"]]
        # Every citation once, and nothing else.
        assert sorted(w["citation"] for w in words) == list(range(len(event["citations"])))
        for claim in event["dispute"]["claims"]:
            derived_seen |= not claim["independent"]
            assert claim["independent"] == (claim["origin"] == claim["source"])
            assert (claim["derivation"] is None) == claim["independent"]
            for word in claim["words"]:
                cited = event["citations"][word["citation"]]
                assert (cited["source"], cited["origin"]) == (claim["source"], claim["origin"])
                assert (word["quote"], word["url"]) == (cited["quote"], cited["url"])
                assert word["absolute_url"] == BASE + word["url"]
                citation = in_db[(claim["source"], word["quote"])]
                assert word["reading"] == (citation.claim or None)
                assert claim["source_title"] == citation.source.title
                assert claim["outlet"] == citation.source.outlet
    assert derived_seen  # the curated disputes cite rewrites and digests of a report


def test_disputes_are_in_the_schema_and_every_json_export(curated, client):
    document = read_json(client.get("/events.json?per_page=1000"))
    jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(document)
    italy = next(e for e in document["events"] if e["slug"] == ITALY)
    assert italy["dispute"]["claims"]
    by_line = {e["slug"]: e for e in read_ndjson(client.get("/events.ndjson"))}
    assert by_line[ITALY]["dispute"] == italy["dispute"]
    one = json.loads(client.get(f"/events/{ITALY}.json").content)
    assert one["dispute"] == italy["dispute"]
    validator = jsonschema.Draft202012Validator(
        SCHEMA["$defs"]["event"] | {"$defs": SCHEMA["$defs"]}
    )
    assert not validator.is_valid(italy | {"dispute": {"note": "n", "claims": []}})
    assert not validator.is_valid(italy | {"dispute": "yes"})
