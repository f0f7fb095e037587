"""The export contract and every format, read back by real consumers: json + jsonschema, csv,
icalendar, feedparser; `export_events` prints the same objects /events.json pages and
/events.ndjson streams a line each.

Each export answers the timeline's filters, exports only published events, and refuses an
invalid filter with a 400 that names the parameter.
"""

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
from unittest.mock import ANY
from urllib.parse import urlsplit

import edtf
import feedparser
import icalendar
import jsonschema
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from policing.exports.contract import download_name
from policing.exports.csv import CSV_COLUMNS
from policing.models import Citation, Country, Event, Kind, Region
from policing.timeline.filters import Filters
from policing.web.views import exports as export_views

SCHEMA = json.loads((settings.BASE_DIR / "docs" / "events.schema.json").read_text())
BOM = "\ufeff".encode()
BASE = "http://testserver"
MYANMAR = "myanmar-scam-centre-repatriation-2025"  # day precision, CN and MM
ITALY = "italy-ends-joint-patrols-2022"  # December 2022, month precision
SOLOMONS = "china-solomon-islands-security-agreement-2022"  # 2022, year precision
JIBC = "jibc-chinese-police-academies-programme-2014-2020"  # a span of years
AFRICA_PLEDGE = "africa-police-training-pledge-2024"  # some day between 26 Aug and 8 Sep 2024
THAILAND = "liu-zhongyi-thailand-myanmar-visits-2025"  # by 20 Feb 2025
LIU_VISITS = THAILAND
LIANYUNGANG = "lianyungang-forum-training-pledge-2024"  # 2 or 9 Sep 2024
AFP_POLICY_END = "afp-ends-chinese-police-operations-policy-2019"  # after Jun 2019
AFP_HEARING = "afp-senate-hearing-chinese-police-2024"
WANG_MEETINGS = "wang-xiaohong-counterpart-meetings-2024"

EXPORTS = [
    "events-json",
    "events-ndjson",
    "events-csv",
    "events-ics",
    "event-feed",
    "events-timelinejs",
]


# --- reading each format back into the slugs it holds ----------------------------------------


def read_json(response) -> dict:
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def read_ndjson(response) -> list[dict]:
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text == "" or text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def read_csv(response) -> list[dict]:
    """As Python reads a file from Excel: `utf-8-sig` drops the byte-order mark."""
    assert response["Content-Type"].startswith("text/csv")
    body = response.getvalue()  # a streamed response is read once
    assert body.startswith(BOM)
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def read_ics(response) -> list[icalendar.Event]:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def read_feed(response):
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def slug_of(url: str) -> str:
    return re.fullmatch(r"/events/([-\w]+)/", urlsplit(url).path)[1]


SLUGS = {
    "events-json": lambda r: [e["slug"] for e in read_json(r)["events"]],
    "events-ndjson": lambda r: [e["slug"] for e in read_ndjson(r)],
    "events-csv": lambda r: [row["slug"] for row in read_csv(r)],
    "events-ics": lambda r: [str(e["UID"]).split("@")[0] for e in read_ics(r)],
    "event-feed": lambda r: [slug_of(entry.link) for entry in read_feed(r).entries],
    "events-timelinejs": lambda r: [e["unique_id"] for e in read_json(r)["events"]],
}


def published_slugs(**filters) -> set[str]:
    return set(
        Event.objects.published().filtered(Filters.of(**filters)).values_list("slug", flat=True)
    )


# --- the export contract: `export_events` and /events.json ------------------------------------

KEYS = {
    "slug",
    "title",
    "kind",
    "date_start",
    "date_precision",
    "date_approximate",
    "date_end",
    "date_text",
    "date_set_by_editor",
    "date_edtf",
    "date_earliest",
    "date_latest",
    "date_in_words",
    "date_reading",
    "countries",
    "summary",
    "disputed",
    "citations",
    "activity",
    "stage",
    "participants",
    "actors",
    "thread",
    "related",
    "independent_sources",
    "figures",
    "permalink",
}
CITATION_KEYS = {
    "source",
    "passage",
    "quote",
    "url",
    "origin",
    "derived",
    "derivation",
    "source_meta",
    "absolute_url",
}


def export_events(*args: str) -> list[dict]:
    out = io.StringIO()
    call_command("export_events", *(args or ["--base-url", BASE]), stdout=out)
    return json.loads(out.getvalue())


def test_export_events_prints_every_published_event_in_the_contract_shape(curated):
    data = export_events()
    assert len(data) == Event.objects.published().count() > 30
    for item in data:
        assert set(item) == KEYS
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["date_start"])
        dt.date.fromisoformat(item["date_start"])
        assert item["date_precision"] in {"day", "month", "year"}
        assert isinstance(item["date_approximate"], bool) and isinstance(item["disputed"], bool)
        assert item["date_end"] is None or dt.date.fromisoformat(item["date_end"])
        assert all(re.fullmatch(r"[A-Z]{2}", code) for code in item["countries"])
        assert item["citations"]
        for citation in item["citations"]:
            assert set(citation) == CITATION_KEYS
            assert citation["url"].startswith(
                f"/sources/{citation['source']}/#{citation['passage']}"
            )
            assert citation["absolute_url"] == BASE + citation["url"]
        assert item["permalink"] == f"{BASE}/events/{item['slug']}/"
    starts = [item["date_start"] for item in data]
    assert starts == sorted(starts)  # oldest first
    jibc = next(item for item in data if item["slug"] == JIBC)
    assert (jibc["date_start"], jibc["date_end"]) == ("2014-01-01", "2020-01-01")


def _day(value):
    return dt.date.fromisoformat(value) if value else None


def _struct_day(value):
    """An edtf bound (a struct_time, or ±inf for an open end) as a date or None."""
    return (
        dt.date(value.tm_year, value.tm_mon, value.tm_mday) if hasattr(value, "tm_year") else None
    )


def test_every_exported_date_edtf_parses_and_agrees_with_its_bounds_and_old_fields(curated):
    for item in export_events():
        parsed = edtf.parse_edtf(item["date_edtf"])  # the package itself, not our reader
        earliest, latest = _day(item["date_earliest"]), _day(item["date_latest"])
        assert (earliest, latest) == (
            _struct_day(parsed.lower_strict()),
            _struct_day(parsed.upper_strict()),
        ), item["slug"]
        assert earliest or latest, item["slug"]
        assert earliest is None or latest is None or earliest <= latest
        start, end = _day(item["date_start"]), _day(item["date_end"])
        # The old fields agree: the start is the earliest day (the bound of an open start),
        # the end lies within the bounds, and a known single date or span is not "approximate".
        assert start == (earliest or start) and (earliest or latest >= start)
        assert end is None or (start <= end and (latest is None or end <= latest))
        single = re.fullmatch(r"\d{4}(-\d{2}){0,2}(/\d{4}(-\d{2}){0,2})?", item["date_edtf"])
        assert item["date_approximate"] == (not single), item["slug"]


def test_the_dates_the_sources_only_bound_are_exported_as_bounds(curated):
    """Issue 15's examples: a lower bound, an upper bound, a period, one of a set."""
    items = {item["slug"]: item for item in export_events()}
    afp, hearing = items[AFP_POLICY_END], items[AFP_HEARING]
    assert _day(afp["date_earliest"]) >= dt.date(2019, 6, 1)
    assert afp["date_latest"] is None or afp["date_latest"] >= hearing["date_earliest"]
    assert afp["date_in_words"] == "after Jun 2019"

    liu = items[LIU_VISITS]
    assert _day(liu["date_latest"]) <= dt.date(2025, 2, 20)
    assert liu["date_in_words"] == "by 20 Feb 2025"

    wang = items[WANG_MEETINGS]
    assert "/" in wang["date_edtf"] and wang["date_earliest"] and wang["date_latest"]
    assert wang["date_earliest"] < wang["date_latest"]
    assert wang["date_earliest"].startswith("2024-03")

    pledge = items[LIANYUNGANG]
    first, last = _day(pledge["date_earliest"]), _day(pledge["date_latest"])
    assert dt.date(2024, 9, 1) <= first < last <= dt.date(2024, 9, 30)
    assert pledge["date_in_words"] == "2 or 9 Sep 2024"

    package = items["australia-solomon-islands-police-package-2025"]
    assert package["date_earliest"] <= "2024-12-31" and package["date_latest"] >= "2025-01-01"

    # One day between two dates ("last week"): date_edtf is the window; the old fields say what
    # a set's say, its first and last date, approximate.
    window = items[AFRICA_PLEDGE]
    assert window["date_edtf"] == "[2024-08-26..2024-09-08]"
    assert window["date_in_words"] == "between 26 Aug and 8 Sep 2024"
    fields = ("date_start", "date_end", "date_precision", "date_approximate")
    assert [window[f] for f in fields] == ["2024-08-26", "2024-09-08", "day", True]
    assert [pledge[f] for f in fields] == ["2024-09-02", "2024-09-09", "day", True]
    assert (window["date_earliest"], window["date_latest"]) == ("2024-08-26", "2024-09-08")


def test_events_json_is_the_export_contract_with_meta_and_validates_against_its_schema(
    curated, client
):
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    data = read_json(client.get("/events.json"))
    validator = jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    validator.validate(data)

    assert data["events"] == export_events()  # the same objects the command prints
    meta = data["meta"]
    assert meta["count"] == len(data["events"]) == Event.objects.published().count() > 30
    assert meta["schema"] == f"{BASE}/schema/events.json"
    assert meta["filters"] == {
        "q": "",
        "country": [],
        "region": [],
        "kind": [],
        "year_from": None,
        "year_to": None,
        "order": "asc",
    }
    generated = dt.datetime.fromisoformat(meta["generated"])
    assert abs(generated - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)


def test_meta_names_the_filters_applied_and_order_desc_reverses(curated, client):
    data = read_json(client.get("/events.json?country=mm&kind=repatriation&year=2025&order=desc"))
    assert data["meta"]["filters"] == {
        "q": "",
        "country": ["MM"],
        "region": [],
        "kind": ["repatriation"],
        "year_from": 2025,
        "year_to": 2025,
        "order": "desc",
    }
    assert [e["slug"] for e in data["events"]] == [MYANMAR]
    everything = read_json(client.get("/events.json?order=desc"))["events"]
    starts = [e["date_start"] for e in everything]
    assert starts == sorted(starts, reverse=True)


def test_the_schema_is_served_at_its_stable_url_and_matches_the_models(curated, client):
    response = client.get("/schema/events.json")
    assert reverse("events-schema") == "/schema/events.json"
    assert response.status_code == 200
    assert response["Content-Type"] == "application/schema+json"
    assert json.loads(response.content) == SCHEMA
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$defs"]["kind"]["enum"] == list(Kind.values)
    assert SCHEMA["$defs"]["region"]["enum"] == list(Region.values)


def test_the_schema_rejects_a_changed_contract():
    validator = jsonschema.Draft202012Validator(
        SCHEMA["$defs"]["event"] | {"$defs": SCHEMA["$defs"]}
    )
    event = {
        "slug": "x",
        "title": "T",
        "kind": "training",
        "date_start": "2024-01-01",
        "date_precision": "month",
        "date_approximate": False,
        "date_end": None,
        "date_edtf": "2024-01",
        "date_earliest": "2024-01-01",
        "date_latest": "2024-01-31",
        "date_text": "",
        "countries": ["CN"],
        "summary": "S",
        "disputed": False,
        "citations": [],
    }
    validator.validate(event)
    assert not validator.is_valid(event | {"kind": "invented"})
    assert not validator.is_valid(event | {"extra": 1})
    assert not validator.is_valid({k: v for k, v in event.items() if k != "summary"})


# --- paging /events.json, so a response stays small however many events there are ------------


def next_page(client, document) -> dict:
    response = client.get(document["meta"]["next"].removeprefix(BASE))
    assert response.status_code == 200, response.content
    return read_json(response)


def test_pages_together_hold_every_matching_event_once(curated, client):
    first = read_json(client.get("/events.json?per_page=10"))
    assert first["meta"]["count"] == Event.objects.published().count()
    assert first["meta"]["pages"] == -(-first["meta"]["count"] // 10)
    assert first["meta"]["previous"] is None
    slugs, document = [], first
    while True:
        jsonschema.validate(document, SCHEMA)
        slugs += [e["slug"] for e in document["events"]]
        if document["meta"]["next"] is None:
            break
        document = next_page(client, document)
        assert document["meta"]["previous"]
    assert slugs == [e["slug"] for e in read_json(client.get("/events.json"))["events"]]


def test_paging_keeps_the_filters(curated, client):
    document = read_json(client.get("/events.json?kind=training&per_page=5"))
    assert "kind=training" in document["meta"]["next"]
    second = next_page(client, document)
    assert second["events"] and all(e["kind"] == "training" for e in second["events"])


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("page=0", "page"),
        ("page=abc", "page"),
        ("page=99", "page"),
        ("per_page=1001", "per_page"),
        ("per_page=-5", "per_page"),
        ("page=1&page=2", "page"),
    ],
)
def test_bad_paging_is_refused_naming_the_parameter(curated, client, query, parameter):
    response = client.get(f"/events.json?{query}")
    assert response.status_code == 400
    assert read_json(response)["parameter"] == parameter


# --- every export honours the filters and shows only published events -------------------------

FILTERS = [
    ("country=MM", {"countries": ["MM"]}),
    ("kind=training&kind=repatriation", {"kinds": ["training", "repatriation"]}),
    ("region=pacific", {"regions": ["pacific"]}),
    ("year=2024", {"year_from": 2024, "year_to": 2024}),
    ("year_from=2015&year_to=2019", {"year_from": 2015, "year_to": 2019}),
    ("q=scam", {"q": "scam"}),
    ("country=SB&kind=training", {"countries": ["SB"], "kinds": ["training"]}),
]


@pytest.mark.parametrize(("query", "filters"), FILTERS, ids=[q for q, _ in FILTERS])
def test_each_export_applies_the_filters(curated, client, query, filters):
    expected = published_slugs(**filters)
    assert expected and expected != published_slugs()
    for name in EXPORTS:
        response = client.get(f"{reverse(name)}?{query}")
        assert response.status_code == 200, name
        slugs = SLUGS[name](response)
        assert len(slugs) == len(set(slugs)), name
        assert set(slugs) == expected, name


@pytest.mark.parametrize("name", EXPORTS)
def test_each_export_without_filters_holds_every_published_event_and_no_draft(
    curated, client, name
):
    Event.objects.filter(slug=MYANMAR).update(published=False)
    slugs = SLUGS[name](client.get(reverse(name)))
    assert set(slugs) == published_slugs()
    assert MYANMAR not in slugs


def test_a_draft_has_no_event_exports(curated, client):
    Event.objects.filter(slug=MYANMAR).update(published=False)
    assert MYANMAR not in {item["slug"] for item in export_events()}
    assert client.get(f"/events/{MYANMAR}.json").status_code == 404
    assert client.get(f"/events/{MYANMAR}.ics").status_code == 404


@pytest.mark.parametrize("name", EXPORTS)
def test_queries_do_not_grow_with_the_number_of_events(curated, client, name):
    def count(query: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{reverse(name)}{query}")
            assert response.status_code == 200
            if response.streaming:  # its queries run as it is read
                assert b"".join(response.streaming_content)
        return len(queries)

    # The first request of a data version in a process also reads the filter lists and builds
    # the facet index, whatever the filters; after it, what each export asks is the same.
    count("")
    assert count("") == count("?country=FJ") == count("?country=MM")


# --- invalid filters: 400 with JSON naming the parameter ---------------------------------------

BAD = [
    ("year=abc", "year"),
    ("year=1066", "year"),
    ("country=XX", "country"),
    ("country=MM&country=ZZ", "country"),
    ("kind=bogus", "kind"),
    ("region=atlantis", "region"),
    ("order=sideways", "order"),
    ("year_from=2022&year_to=2020", "year_to"),
    ("year=2020&year_from=2019", "year"),
    ("year=2020&year=2021", "year"),
    ("q=" + "word " * 60, "q"),
    ("page=2", "page"),
    ("more=country", "more"),
    ("contry=MM", "contry"),
]


@pytest.mark.parametrize(("query", "parameter"), BAD, ids=[q[:30] for q, _ in BAD])
def test_an_invalid_filter_is_refused_naming_the_parameter(curated, client, query, parameter):
    for name in EXPORTS:
        response = client.get(f"{reverse(name)}?{query}")
        assert response.status_code == 400, name
        body = read_json(response)
        assert body == {"error": "invalid filter", "parameter": parameter, "message": ANY}, name
        assert body["message"] and "Ignored" not in body["message"], name


def test_the_page_ignores_what_an_export_refuses(curated, client):
    response = client.get("/?country=MM&year=abc")
    assert response.status_code == 200
    assert response.context["notes"]
    assert client.get("/events.json?country=MM&year=abc").status_code == 400


def test_empty_parameters_are_no_filter(curated, client):
    # A plain GET form submits its empty fields; they are no more a filter there than here.
    data = read_json(client.get("/events.json?q=&year_from=&year_to=&kind=training"))
    assert {e["slug"] for e in data["events"]} == published_slugs(kinds=["training"])


@pytest.mark.parametrize("name", [*EXPORTS, "events-schema"])
def test_exports_may_be_read_from_any_site(curated, client, name):
    assert client.get(reverse(name))["Access-Control-Allow-Origin"] == "*"
    assert client.get(f"{reverse(name)}?year=x")["Access-Control-Allow-Origin"] == "*"


# --- CSV -------------------------------------------------------------------------------------


def test_csv_has_one_row_per_event_with_citations_joined_with_their_urls(curated, client):
    response = client.get("/events.csv")
    assert response["Content-Disposition"] == 'attachment; filename="events.csv"'
    rows = read_csv(response)
    assert list(rows[0]) == CSV_COLUMNS
    assert len(rows) == Event.objects.published().count()
    row = next(r for r in rows if r["slug"] == MYANMAR)
    assert row["date_start"] == "2025-02-20" and row["date_precision"] == "day"
    assert row["date_approximate"] == "false" and row["date_end"] == ""
    assert row["countries"] == "CN; MM"
    assert row["url"] == f"{BASE}/events/{MYANMAR}/"
    event = Event.objects.get(slug=MYANMAR)
    lines = row["citations"].split("\n")
    assert len(lines) == event.citations.count() == 2
    for line, citation in zip(lines, event.citations.all(), strict=True):
        assert line == f"“{citation.quote}” {BASE}{citation.get_absolute_url()}"
    span = next(r for r in rows if r["slug"] == JIBC)
    assert (span["date_start"], span["date_end"]) == ("2014-01-01", "2020-01-01")


def test_csv_cells_cannot_start_a_spreadsheet_formula(curated, client):
    Event.objects.filter(slug=MYANMAR).update(title='=HYPERLINK("http://evil.example","x")')
    row = next(r for r in read_csv(client.get("/events.csv")) if r["slug"] == MYANMAR)
    assert row["title"] == '\'=HYPERLINK("http://evil.example","x")'


def test_csv_starts_with_a_byte_order_mark_so_excel_reads_it_as_utf_8(curated, client):
    body = client.get("/events.csv").getvalue()
    assert body.startswith(BOM + b"slug,title,")
    assert body.count(BOM) == 1
    # Without it, plain UTF-8 would name the first column "\ufeffslug".
    assert next(csv.reader(io.StringIO(body.decode("utf-8"))))[0] == "\ufeffslug"


@pytest.mark.parametrize(
    ("plain_query", "bom_query"),
    [
        ("bom=0", "bom=1"),
        ("bom=0&country=SB", "country=SB"),
        ("country=SB&bom=%200%20", "country=SB&bom="),  # an empty value is the default
    ],
)
def test_bom_0_leaves_the_byte_order_mark_out_and_changes_nothing_else(
    curated, client, plain_query, bom_query
):
    plain = client.get(f"/events.csv?{plain_query}")
    assert plain.status_code == 200
    plain_body = plain.getvalue()
    assert plain_body.startswith(b"slug,title,") and BOM not in plain_body
    with_bom = client.get(f"/events.csv?{bom_query}")
    assert with_bom.getvalue() == BOM + plain_body
    # The file is named by its filters, not by how it is encoded.
    assert plain["Content-Disposition"] == with_bom["Content-Disposition"]


def test_the_csv_is_streamed_a_chunk_of_events_at_a_time(curated, client, monkeypatch):
    """A whole-filter CSV holds one chunk of events in memory, not the file: its first row is
    sent before the later chunks are read from the database."""
    monkeypatch.setattr(export_views, "STREAM_CHUNK", 5)
    response = client.get("/events.csv")
    assert response.streaming
    parts = iter(response.streaming_content)
    assert next(parts) == BOM
    assert next(parts).startswith(b"slug,title,")
    assert next(parts)  # the first event's row
    with CaptureQueriesContext(connection) as later:
        rest = b"".join(parts)
    assert len(later) > 0  # the later chunks were read only now
    rows = list(csv.DictReader(io.StringIO(rest.decode("utf-8"), newline=""), CSV_COLUMNS))
    assert len(rows) + 1 == Event.objects.published().count() > 5


def test_the_csv_reads_back_with_the_csv_module_with_or_without_the_mark(curated, client):
    """What pandas-free code does with a CSV from Excel: utf-8-sig reads both files alike, with
    quotes, multi-line cells and non-Latin text intact."""
    with_bom = client.get("/events.csv").getvalue().decode("utf-8-sig")
    without = client.get("/events.csv?bom=0").getvalue().decode("utf-8-sig")
    assert with_bom == without
    rows = list(csv.DictReader(io.StringIO(with_bom, newline="")))
    assert list(rows[0]) == CSV_COLUMNS
    by_slug = {row["slug"]: row for row in rows}
    assert set(by_slug) == published_slugs()
    events = {e["slug"]: e for e in read_json(client.get("/events.json?per_page=1000"))["events"]}
    for slug, row in by_slug.items():
        event = events[slug]
        assert row["title"].removeprefix("'") == event["title"]
        assert row["summary"].removeprefix("'") == event["summary"]
        assert row["url"] == event["permalink"]
        assert row["citations"].split("\n") == [
            f"“{c['quote']}” {c['absolute_url']}" for c in event["citations"]
        ]
    assert any("“" in row["citations"] for row in rows)  # curly quotes survive the round trip


@pytest.mark.parametrize(
    "query", ["bom=yes", "bom=2", "bom=true", "bom=%EF%BB%BF", "country=SB&bom=no"]
)
def test_a_bad_bom_is_refused_with_a_message_saying_what_it_takes(curated, client, query):
    response = client.get(f"/events.csv?{query}")
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    body = read_json(response)
    assert body["parameter"] == "bom"
    assert "“bom” must be 1" in body["message"] and "or 0" in body["message"]


def test_bom_given_twice_is_refused(curated, client):
    body = read_json(client.get("/events.csv?bom=0&bom=1"))
    assert body == {
        "error": "invalid filter",
        "parameter": "bom",
        "message": "Give “bom” once, not 2 times.",
    }


@pytest.mark.parametrize("name", [n for n in EXPORTS if n != "events-csv"])
def test_only_the_csv_takes_bom(curated, client, name):
    response = client.get(f"{reverse(name)}?bom=0")
    assert response.status_code == 400
    body = read_json(response)
    assert body["parameter"] == "bom" and "Unknown parameter" in body["message"]
    assert "bom" not in body["message"].split("accepts:")[1]


def test_an_unknown_csv_parameter_lists_bom_among_what_it_accepts(curated, client):
    body = read_json(client.get("/events.csv?bon=0"))
    assert body["parameter"] == "bon"
    assert body["message"].split("accepts:")[1].split(";")[0].strip().endswith("bom")


# --- NDJSON: one event a line -----------------------------------------------------------------

EVENT_VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA["$defs"]["event"] | {"$defs": SCHEMA["$defs"]},
    format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
)


@pytest.mark.parametrize("query", ["", "?kind=training&order=desc", "?country=SB"])
def test_ndjson_holds_the_events_json_objects_one_a_line_without_meta(curated, client, query):
    response = client.get(f"/events.ndjson{query}")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    lines = text.split("\n")
    assert lines.pop() == ""  # every line ends with a newline, the last one too
    items = [json.loads(line) for line in lines]
    for item in items:
        EVENT_VALIDATOR.validate(item)
    sep = "&" if query else "?"
    document = read_json(client.get(f"/events.json{query}{sep}per_page=1000"))
    assert items == document["events"]  # the same objects in the same order
    assert len(items) == document["meta"]["count"] > 0


def test_ndjson_streams_every_matching_event_in_one_response(curated, client):
    """Not paged: more events than /events.json's default page, all in one response."""
    slugs = SLUGS["events-ndjson"](client.get("/events.ndjson"))
    assert len(slugs) == Event.objects.published().count() > 30
    first_page = read_json(client.get("/events.json?per_page=10"))
    assert first_page["meta"]["pages"] > 1
    for query in ["page=1", "per_page=10"]:
        response = client.get(f"/events.ndjson?{query}")
        assert response.status_code == 400
        assert "every matching event" in read_json(response)["message"]


def test_ndjson_is_read_by_jq(curated, client):
    jq = shutil.which("jq")
    if jq is None:
        pytest.skip("jq is not installed")
    body = b"".join(client.get("/events.ndjson?country=MM").streaming_content)
    result = subprocess.run(
        [jq, "-r", ".slug"], input=body, capture_output=True, check=True, timeout=60
    )
    assert result.stdout.decode().split() == SLUGS["events-json"](
        client.get("/events.json?country=MM")
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


# --- iCalendar -------------------------------------------------------------------------------


def ics_events(client, query="") -> dict[str, icalendar.Event]:
    return {str(e["UID"]).split("@")[0]: e for e in read_ics(client.get(f"/events.ics{query}"))}


@pytest.mark.parametrize(
    ("slug", "start", "end"),
    [
        (MYANMAR, dt.date(2025, 2, 20), dt.date(2025, 2, 21)),
        (ITALY, dt.date(2022, 12, 1), dt.date(2023, 1, 1)),
        (SOLOMONS, dt.date(2022, 1, 1), dt.date(2023, 1, 1)),
        (JIBC, dt.date(2014, 1, 1), dt.date(2021, 1, 1)),
        (AFRICA_PLEDGE, dt.date(2024, 8, 26), dt.date(2024, 9, 9)),
        # One of a set spans its choices; an open end stops at its bound's period, an open
        # start is its bound.
        (LIANYUNGANG, dt.date(2024, 9, 2), dt.date(2024, 9, 10)),
        (AFP_POLICY_END, dt.date(2019, 6, 1), dt.date(2019, 7, 1)),
        (LIU_VISITS, dt.date(2025, 2, 20), dt.date(2025, 2, 21)),
    ],
    ids=["day", "month", "year", "span-of-years", "between-days", "set", "after", "by"],
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
    assert entry.categories == ["Repatriation"]


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
    assert {t.term for t in entry.tags} >= {"Repatriation", "Myanmar"}
    assert entry.updated_parsed and entry.published_parsed


def test_atom_feed_links_carry_the_filters(curated, client):
    feed = read_feed(client.get("/feed.atom?kind=training&country=cn"))
    links = {link.rel: link.href for link in feed.feed.links}
    assert links["self"] == f"{BASE}/feed.atom?country=CN&kind=training"
    assert links["alternate"] == f"{BASE}/?country=CN&kind=training"


# --- TimelineJS ------------------------------------------------------------------------------


def test_timelinejs_json_follows_the_knight_lab_format(curated, client):
    data = read_json(client.get("/events.timelinejs.json"))
    assert set(data) == {"title", "events"}
    assert data["title"]["text"]["headline"]
    slides = {slide["unique_id"]: slide for slide in data["events"]}
    assert len(slides) == len(data["events"]) == Event.objects.published().count()

    day, month, year = slides[MYANMAR], slides[ITALY], slides[SOLOMONS]
    assert day["start_date"] == {"year": "2025", "month": "2", "day": "20"}
    assert month["start_date"] == {"year": "2022", "month": "12"}
    assert year["start_date"] == {"year": "2022"}
    assert "end_date" not in day and "display_date" not in day
    assert slides[JIBC]["end_date"] == {"year": "2020"}
    assert slides[AFRICA_PLEDGE]["end_date"] == {"year": "2024", "month": "9", "day": "8"}
    assert slides[THAILAND]["display_date"] == "by 20 Feb 2025"
    assert slides[LIANYUNGANG]["display_date"] == "2 or 9 Sep 2024"
    # A row per thread, else per activity (TimelineJS reads the group as HTML).
    assert day["group"] == "Repatriations from Myanmar&#x27;s scam centres"
    assert month["group"] == "Joint patrol"

    event = Event.objects.get(slug=MYANMAR)
    assert day["text"]["headline"] == event.title
    for citation in event.citations.all():
        href = escape(BASE + citation.get_absolute_url())
        assert f'<a href="{href}">{citation.source.outlet_display}</a>' in day["text"]["text"]
    assert "South China Morning Post (via Yahoo)</a>" in day["text"]["text"]


def test_timelinejs_escapes_editor_text(curated, client):
    Event.objects.filter(slug=MYANMAR).update(
        title="<img src=x onerror=alert(1)>", summary="<script>alert(2)</script>"
    )
    slide = next(
        s
        for s in read_json(client.get("/events.timelinejs.json"))["events"]
        if s["unique_id"] == MYANMAR
    )
    assert slide["text"]["headline"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert "<script>" not in slide["text"]["text"]
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in slide["text"]["text"]


# --- pages: export links, JSON-LD, canonical and Open Graph ------------------------------------


def export_links(html: str) -> dict[str, str]:
    return dict(
        (kind, href.replace("&amp;", "&"))
        for href, kind in re.findall(r'<a href="([^"]+)"[^>]*data-export="([^"]+)"', html)
    )


def test_the_timeline_links_to_each_export_with_its_current_filters(curated, client):
    # Invalid values are dropped from the links as they are from the page.
    html = client.get("/?kind=training&country=cn&year=abc&page=1").content.decode()
    assert export_links(html) == {
        "csv": "/events.csv?country=CN&kind=training",
        "csv-no-bom": "/events.csv?country=CN&kind=training&bom=0",
        "json": "/events.json?country=CN&kind=training",
        "ndjson": "/events.ndjson?country=CN&kind=training",
        "ics": "/events.ics?country=CN&kind=training",
        "atom": "/feed.atom?country=CN&kind=training",
        "timelinejs": "/events.timelinejs.json?country=CN&kind=training",
    }
    for href in export_links(html).values():
        assert client.get(href).status_code == 200

    partial = client.get("/?region=pacific", headers={"HX-Request": "true"}).content.decode()
    assert export_links(partial)["json"] == "/events.json?region=pacific"
    assert export_links(client.get("/").content.decode())["csv"] == "/events.csv"


def test_a_country_page_exports_that_country(curated, client):
    links = export_links(client.get("/countries/fj/?kind=training").content.decode())
    assert links["json"] == "/events.json?kind=training&country=FJ"


def json_ld(html: str) -> dict:
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def test_an_event_page_embeds_schema_org_event_json_ld(curated, client):
    event = Event.objects.get(slug=MYANMAR)
    data = json_ld(client.get(f"/events/{MYANMAR}/").content.decode())
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == event.title and data["description"] == event.summary
    assert data["url"] == f"{BASE}/events/{MYANMAR}/"
    assert data["startDate"] == "2025-02-20"
    assert {place["name"] for place in data["location"]} == {"China", "Myanmar"}
    assert {work["publisher"]["name"] for work in data["subjectOf"]} == {
        c.source.outlet for c in event.citations.all()
    }
    assert json_ld(client.get(f"/events/{ITALY}/").content.decode())["startDate"] == "2022-12"
    span = json_ld(client.get(f"/events/{JIBC}/").content.decode())
    assert (span["startDate"], span["endDate"]) == ("2014", "2020")


def test_json_ld_cannot_be_closed_by_editor_text(curated, client):
    hostile = "</script><script>alert(1)</script><!-- & </SCRIPT >"
    Event.objects.filter(slug=MYANMAR).update(title=hostile, summary=hostile)
    html = client.get(f"/events/{MYANMAR}/").content.decode()
    data = json_ld(html)
    assert data["name"] == data["description"] == hostile
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    assert "<" not in block and ">" not in block and "&" not in block
    # Still no inline executable script: every script loads a file or is this data block.
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or tag == '<script type="application/ld+json">'


PAGES = [
    "/",
    f"/events/{MYANMAR}/",
    "/sources/",
    "/sources/scmp-yahoo/",
    "/countries/fj/",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_canonical_link_and_open_graph_tags(curated, client, path):
    html = client.get(f"{path}?utm_source=x").content.decode()
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html)[1]
    assert canonical == f"{BASE}{path}"
    og = dict(re.findall(r'<meta property="og:(\w+)" content="([^"]*)">', html))
    assert og["url"] == canonical
    assert og["title"] and og["description"] and og["type"] in {"website", "article"}
    assert og["site_name"] == "Policing Diplomacy Timeline"


def test_the_canonical_link_of_a_filtered_timeline_keeps_its_valid_filters(curated, client):
    html = client.get("/?kind=training&country=zz&q=").content.decode()
    assert '<link rel="canonical" href="http://testserver/?kind=training">' in html
    event_page = client.get(f"/events/{MYANMAR}/").content.decode()
    assert '<meta property="og:type" content="article">' in event_page


def test_a_refused_parameter_is_not_echoed_at_length(curated, client):
    body = read_json(client.get(f"/events.json?{'x' * 5000}=1"))
    assert body["parameter"].startswith("xxx") and len(body["parameter"]) <= 40
    assert len(body["message"]) < 300


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
