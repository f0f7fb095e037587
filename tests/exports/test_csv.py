"""/events.csv: one row per event, a byte-order mark for Excel, streamed, read back by csv."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from policing.exports.csv import CSV_COLUMNS
from policing.models import Event
from policing.web.views import exports as export_views
from tests.exports.readers import (
    AFP_POLICY_END,
    BASE,
    BOM,
    EXPORTS,
    JIBC,
    MYANMAR,
    published_slugs,
    read_csv,
    read_json,
)

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
    # The years placed, and whether the event is in them for certain or only may fall in them.
    assert (row["years_placed"], row["year_certain"]) == ("2025; 2025", "true")
    assert (span["years_placed"], span["year_certain"]) == ("2014; 2020", "true")
    window = next(r for r in rows if r["slug"] == AFP_POLICY_END)
    assert (window["years_placed"], window["year_certain"]) == ("2019; 2024", "false")


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
