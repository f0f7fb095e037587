"""What every format shares: absolute links from the request, download names that say the
filters, a citation that lost its paragraph, and text saved before it was tidied."""

import io
import re
from unittest.mock import ANY

import icalendar
import jsonschema
import pytest
from django.core.management import CommandError, call_command
from django.utils.html import escape

from policing.exports.contract import download_name
from policing.models import Citation, Country, Event
from tests.exports.readers import (
    BASE,
    MYANMAR,
    SCHEMA,
    export_events,
    ics_events,
    json_ld,
    read_csv,
    read_feed,
    read_ics,
    read_json,
    read_ndjson,
    slug_of,
)

# --- absolute URLs in every format ----------------------------------------------------------------

SITE = "https://timeline.example.org"


@pytest.fixture
def site_get(client, settings):
    """GET as a visitor of https://timeline.example.org does."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "timeline.example.org"]
    return lambda path: client.get(path, secure=True, headers={"host": "timeline.example.org"})


def links_in(text: str) -> list[str]:
    """Every href in HTML or XML text (escaped or not) and every URL written out in text."""
    found = re.findall(r'href=(?:"|&quot;|\\")([^"&\\]*)', text)
    return found + re.findall(r"https?://[^\s\"<>]+", text)


def test_the_json_exports_add_absolute_urls_from_the_request(curated, site_get):
    document = read_json(site_get("/events.json?per_page=1000"))
    lines = read_ndjson(site_get("/events.ndjson"))
    one = read_json(site_get(f"/events/{MYANMAR}.json"))
    assert lines == document["events"]
    assert one in lines
    for item in lines:
        assert item["permalink"] == f"{SITE}/events/{item['slug']}/"
        for citation in item["citations"]:
            assert citation["url"].startswith("/sources/")  # still the site path
            assert citation["absolute_url"] == SITE + citation["url"]
    assert document["meta"]["schema"] == f"{SITE}/schema/events.json"
    paged = read_json(site_get("/events.json?per_page=5"))
    assert paged["meta"]["next"].startswith(f"{SITE}/events.json?")


def test_export_events_writes_its_base_url(curated, settings):
    settings.SITE_URL = "https://from-the-setting.example"
    assert export_events("--base-url", f"{SITE}/")[0]["permalink"].startswith(f"{SITE}/events/")
    from_setting = export_events("--indent", "0")
    assert from_setting[0]["permalink"].startswith("https://from-the-setting.example/events/")
    citation = from_setting[0]["citations"][0]
    assert citation["absolute_url"] == "https://from-the-setting.example" + citation["url"]


@pytest.mark.parametrize(
    ("site_url", "args", "message"),
    [
        ("", [], "--base-url"),
        ("", ["--base-url", "timeline.example.org"], "scheme and host"),
        ("", ["--base-url", "ftp://timeline.example.org"], "scheme and host"),
        ("", ["--base-url", f"{SITE}/timeline/?x=1"], "only the scheme and host"),
        ("example.org", [], "scheme and host"),
    ],
)
def test_export_events_refuses_without_a_usable_base_url(
    curated, settings, site_url, args, message
):
    settings.SITE_URL = site_url
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("export_events", *args, stdout=io.StringIO())


def test_every_other_format_links_absolutely(curated, site_get):
    event = Event.objects.get(slug=MYANMAR)
    permalink = f"{SITE}/events/{MYANMAR}/"
    citation_urls = [SITE + c.get_absolute_url() for c in event.citations.all()]

    rows = {row["slug"]: row for row in read_csv(site_get("/events.csv"))}
    assert rows[MYANMAR]["url"] == permalink
    for row in rows.values():
        for link in [row["url"], *links_in(row["citations"])]:
            assert link.startswith(f"{SITE}/"), link
        assert len(links_in(row["citations"])) == len(row["citations"].split("\n"))

    entries = {str(e["UID"]).split("@")[0]: e for e in read_ics(site_get("/events.ics"))}
    assert str(entries[MYANMAR]["URL"]) == permalink
    assert str(entries[MYANMAR]["UID"]) == f"{MYANMAR}@timeline.example.org"
    for url in citation_urls:
        assert url in str(entries[MYANMAR]["DESCRIPTION"])

    feed = read_feed(site_get("/feed.atom"))
    assert {link.href for link in feed.feed.links} == {f"{SITE}/feed.atom", f"{SITE}/"}
    entry = next(e for e in feed.entries if e.link == permalink)
    for url in citation_urls:
        assert f'href="{escape(url)}"' in entry.summary
    for item in feed.entries:
        assert item.link.startswith(f"{SITE}/events/")
        assert all(link.startswith(f"{SITE}/") for link in links_in(item.summary))

    data = read_json(site_get("/events.timelinejs.json"))
    slide = next(s for s in data["events"] if s["unique_id"] == MYANMAR)
    assert f'href="{permalink}"' in slide["text"]["text"]
    for item in [data["title"], *data["events"]]:
        links = links_in(item["text"]["text"])
        assert links and all(link.startswith(f"{SITE}/") for link in links), links

    ld = json_ld(site_get(f"/events/{MYANMAR}/").content.decode())
    assert ld["@id"] == ld["url"] == permalink
    for work in ld["subjectOf"]:
        assert work["url"].startswith(f"{SITE}/sources/")


# --- download names -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "stem"),
    [
        ("", "events"),
        ("country=SB", "events-country-SB"),
        ("country=sb", "events-country-SB"),  # the canonical query, as the page links it
        ("kind=training&country=CN&country=MM", "events-country-CN-MM-kind-training"),
        ("region=pacific&year=2024", "events-region-pacific-year-2024"),
        ("year_from=2015&year_to=2019", "events-year_from-2015-year_to-2019"),
        ("q=Solomon+Islands", "events-q-Solomon_Islands"),
        ("q=../../etc/passwd", "events-q-etc_passwd"),
        ("q=Ciudad+Juárez", "events-q-Ciudad_Juarez"),
        ("q=公安部", "events-q"),
        # Control characters are gone from the canonical query already.
        ('q="a";b\r\nX-Injected:1', "events-q-a_bX-Injected_1"),
        ("order=desc&kind=repatriation", "events-kind-repatriation-order-desc"),
    ],
)
def test_the_download_names_its_filters(curated, client, query, stem):
    csv_response = client.get(f"/events.csv?{query}")
    assert csv_response.status_code == 200
    assert csv_response["Content-Disposition"] == f'attachment; filename="{stem}.csv"'
    assert client.get(f"/events.ics?{query}")["Content-Disposition"] == (
        f'attachment; filename="{stem}.ics"'
    )
    for path, extension in [
        ("/events.ndjson", "ndjson"),
        ("/events.timelinejs.json", "timelinejs.json"),
        ("/feed.atom", "atom"),
    ]:
        response = client.get(f"{path}?{query}")
        assert response["Content-Disposition"] == f'inline; filename="{stem}.{extension}"', path


def test_a_paged_json_download_names_its_page(curated, client):
    assert client.get("/events.json?country=sb")["Content-Disposition"] == (
        'inline; filename="events-country-SB.json"'
    )
    second = client.get("/events.json?kind=training&per_page=5&page=2")
    assert second["Content-Disposition"] == 'inline; filename="events-kind-training-page-2.json"'
    one = client.get(f"/events/{MYANMAR}.json")
    assert one["Content-Disposition"] == f'inline; filename="{MYANMAR}.json"'


def test_a_download_name_holds_safe_characters_only_and_stays_short():
    hostile = "q=" + "%0D%0A%22%3B%2F%5C%00" * 50 + "&country=SB"
    name = download_name(hostile, "csv")
    assert name == "events-q-country-SB.csv"
    long = download_name("q=" + "word " * 100 + "&country=SB", "csv")
    assert long.startswith("events-q-word_word_") and len(long) == 100 + len(".csv")
    assert re.fullmatch(r"[A-Za-z0-9_-]+\.csv", long)


# --- a citation without its paragraph ----------------------------------------------------------


@pytest.fixture
def lost_passage(curated) -> Citation:
    """A Myanmar citation whose paragraph is gone, as a restored or hand-edited row can be.
    (`Citation.save()` would anchor it again, so the row is changed directly.)"""
    citation = Citation.objects.filter(event__slug=MYANMAR).select_related("source").first()
    Citation.objects.filter(pk=citation.pk).update(passage=None, start=None, end=None)
    return citation


def test_every_export_links_a_citation_without_its_paragraph_to_its_source(lost_passage, client):
    source_page = f"/sources/{lost_passage.source.slug}/"
    validator = jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    document = read_json(client.get("/events.json"))
    validator.validate(document)
    myanmar = next(e for e in document["events"] if e["slug"] == MYANMAR)
    assert {
        "source": lost_passage.source.slug,
        "passage": None,
        "quote": lost_passage.quote,
        "url": source_page,
        "absolute_url": BASE + source_page,
        # Without its paragraph, its origin is its whole document's.
        "origin": "scmp-yahoo",
        "derived": False,
        "derivation": None,
        "source_meta": ANY,
    } in myanmar["citations"]

    assert myanmar in export_events()
    one = read_json(client.get(f"/events/{MYANMAR}.json"))
    jsonschema.Draft202012Validator(SCHEMA["$defs"]["event"] | {"$defs": SCHEMA["$defs"]}).validate(
        one
    )
    assert one == myanmar
    assert myanmar in read_ndjson(client.get("/events.ndjson"))

    [row] = [r for r in read_csv(client.get("/events.csv")) if r["slug"] == MYANMAR]
    assert f"“{lost_passage.quote}” {BASE}{source_page}\n" in row["citations"] + "\n"
    [entry] = read_ics(client.get(f"/events/{MYANMAR}.ics"))
    assert f"{BASE}{source_page}\n" in str(entry["DESCRIPTION"]) + "\n"
    assert f"{BASE}{source_page}\n" in str(ics_events(client)[MYANMAR]["DESCRIPTION"]) + "\n"
    feed = read_feed(client.get("/feed.atom"))
    [item] = [e for e in feed.entries if slug_of(e.link) == MYANMAR]
    assert f'href="{BASE}{source_page}"' in item.summary
    slides = read_json(client.get("/events.timelinejs.json"))["events"]
    [slide] = [s for s in slides if s["unique_id"] == MYANMAR]
    assert f'href="{BASE}{source_page}"' in slide["text"]["text"]
    assert client.get(f"/events/{MYANMAR}/").status_code == 200


# --- text saved before it was tidied -----------------------------------------------------------


@pytest.fixture
def untidy(curated):
    """The Myanmar event with a line break and a vertical tab in its title, summary and a
    country's name, written with update() as rows saved before fields were tidied are."""
    Event.objects.filter(slug=MYANMAR).update(
        title="Myanmar returns\r\npeople\x0b to China",
        summary="Held in\x0b compounds.\r\nReturned.",
    )
    Country.objects.filter(code="MM").update(name="Myan\x0bmar")
    return Event.objects.get(slug=MYANMAR)


def test_every_export_writes_an_event_saved_with_control_characters(untidy, client):
    for url in [f"/events/{MYANMAR}/", "/events.json", f"/events/{MYANMAR}.json"]:
        assert client.get(url).status_code == 200, url
    (entry,) = read_ics(client.get(f"/events/{MYANMAR}.ics"))
    assert str(entry["SUMMARY"]) == "Myanmar returns people to China"
    assert "Held in compounds.\nReturned." in str(entry["DESCRIPTION"])
    calendar = icalendar.Calendar.from_ical(client.get(f"/events/{MYANMAR}.ics").content)
    assert str(calendar["X-WR-CALNAME"]) == "Myanmar returns people to China"
    assert str(ics_events(client)[MYANMAR]["SUMMARY"]) == "Myanmar returns people to China"

    feed = read_feed(client.get("/feed.atom"))
    item = next(e for e in feed.entries if slug_of(e.link) == MYANMAR)
    assert item.title == "Myanmar returns people to China"
    assert "Myan mar" in {t.term for t in item.tags}  # a vertical tab breaks a line too

    (row,) = [r for r in read_csv(client.get("/events.csv")) if r["slug"] == MYANMAR]
    assert row["title"] == untidy.title  # a quoted CSV cell holds any character
    slide = next(
        s
        for s in read_json(client.get("/events.timelinejs.json"))["events"]
        if s["unique_id"] == MYANMAR
    )
    assert slide["text"]["headline"] == untidy.title
