"""The export contract: `export_events`, /events.json with its meta and schema, paging, and
/events.ndjson (the same objects, one a line)."""

import datetime as dt
import json
import re
import shutil
import subprocess

import edtf
import jsonschema
import pytest
from django.urls import reverse

from policing.models import Event, Kind, Region, Role
from tests.exports.readers import (
    AFP_HEARING,
    AFP_POLICY_END,
    AFRICA_PLEDGE,
    BASE,
    JIBC,
    LIANYUNGANG,
    LIU_VISITS,
    MYANMAR,
    SCHEMA,
    SLUGS,
    WANG_MEETINGS,
    export_events,
    read_json,
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
    "years_placed",
    "year_certain",
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
    "dispute",
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
    # Ended once, after June 2019 and by the 2024 hearing that was told it had ended.
    assert afp["date_edtf"] == "[2019-07..2024-12]"
    assert _day(afp["date_earliest"]) == dt.date(2019, 7, 1)
    assert _day(afp["date_latest"]) == dt.date(2024, 12, 31) >= _day(hearing["date_latest"])
    assert afp["date_in_words"] == "between Jul 2019 and Dec 2024"

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


def test_each_event_says_the_years_it_is_placed_in_and_whether_it_is_there_for_certain(
    curated, client
):
    items = {item["slug"]: item for item in export_events()}
    for item in items.values():
        # The years of its known bounds; for certain unless it is one day (or one of a set)
        # that spans several years or is open at one end.
        known = [int(d[:4]) for d in (item["date_earliest"], item["date_latest"]) if d]
        assert item["years_placed"] == [min(known), max(known)], item["slug"]
        one_day = item["date_edtf"].startswith("[")
        spread = len(known) < 2 or known[0] != known[1]
        assert item["year_certain"] is not (one_day and spread), item["slug"]
    placed = {slug: (item["years_placed"], item["year_certain"]) for slug, item in items.items()}
    assert placed[AFP_POLICY_END] == ([2019, 2024], False)  # some day Jul 2019 – Dec 2024
    assert placed["pacific-regional-security-deal-rejected-2022"] == ([2022, 2024], False)
    assert placed["australia-solomon-islands-police-package-2025"] == ([2024, 2025], False)
    assert placed[LIU_VISITS] == ([2025, 2025], False)  # by 20 Feb 2025: perhaps in 2024
    assert placed["overseas-police-service-stations-allegations-2022"] == ([2022, 2022], False)
    assert placed[MYANMAR] == ([2025, 2025], True)
    assert placed[JIBC] == ([2014, 2020], True)  # lasted through each of them
    assert placed[WANG_MEETINGS] == ([2024, 2025], True)
    assert placed[AFRICA_PLEDGE] == ([2024, 2024], True)  # some day of one fortnight
    # The export's filters match the years placed, whether or not the event is sure to be there.
    data = read_json(client.get("/events.json?year=2021"))
    assert {e["slug"]: e["year_certain"] for e in data["events"]}[AFP_POLICY_END] is False


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
        "role": [],
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
        "role": [],
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
    assert SCHEMA["$defs"]["participant"]["properties"]["role"]["enum"] == list(Role.values)


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
    validator.validate(event | {"years_placed": [2024, 2024], "year_certain": True})
    assert not validator.is_valid(event | {"years_placed": [2024]})
    assert not validator.is_valid(event | {"year_certain": "no"})
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
