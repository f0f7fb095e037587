"""/citations.csv and /citations.ndjson: one row per citation of the matching public events,
read back by the csv module (as a spreadsheet's export would be) and by json."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from policing.exports.contract import CITATION_ROW
from policing.models import Citation, Event
from tests.exports.readers import BASE, BOM, ITALY, MYANMAR, read_csv, read_json, read_ndjson

QUERIES = ["", "role=objector", "role=objector&region=pacific", "country=MM", "year=2024"]


def citations_of(client, query: str) -> list[Citation]:
    """The citations of the published events a query matches, read from the database: the
    events as the timeline lists them, the citations without the export's code."""
    response = client.get(f"/?{query}")
    selection = response.context["page_obj"].paginator.object_list
    slugs = [event.slug for event in selection[0 : len(selection)]]
    assert len(slugs) == response.context["page_obj"].paginator.count
    found = Citation.objects.filter(event__slug__in=slugs)
    return list(found.select_related("event", "passage", "source"))


@pytest.mark.parametrize("query", QUERIES, ids=[q or "all" for q in QUERIES])
def test_citations_csv_has_a_row_per_citation_of_the_matching_events(curated, client, query):
    expected = citations_of(client, query)
    assert expected
    response = client.get(f"/citations.csv?{query}")
    assert response.status_code == 200
    rows = read_csv(response)  # a byte-order mark, read as Excel's UTF-8 files are
    assert len(rows) == len(expected)
    assert list(rows[0]) == list(CITATION_ROW)
    # The same words may support two events: a citation is its event's link to them.
    by_link = {(c.event.slug, BASE + c.get_absolute_url()): c for c in expected}
    assert len(by_link) == len(expected)
    assert {(row["event"], row["site_url"]) for row in rows} == set(by_link)
    for row in rows:
        citation = by_link[(row["event"], row["site_url"])]
        assert row["quote"] == citation.quote
        assert row["paragraph"] == str(citation.passage.ordinal)
        assert row["passage"] == citation.passage.anchor
        assert row["event_url"] == f"{BASE}/events/{row['event']}/"
        assert row["derived"] in {"true", "false"}
        assert row["independent"] == ("false" if row["derived"] == "true" else "true")
    ndjson = read_ndjson(client.get(f"/citations.ndjson?{query}"))
    assert len(ndjson) == len(rows)
    # The same rows: the NDJSON's values as the CSV writes them.
    written = [
        {
            k: "" if v is None else json.dumps(v) if isinstance(v, bool) else str(v)
            for k, v in row.items()
        }
        for row in ndjson
    ]
    assert written == rows


def test_a_citation_row_names_its_source_and_where_the_words_are(curated, client):
    rows = read_ndjson(client.get("/citations.ndjson?country=MM"))
    row = next(r for r in rows if r["event"] == MYANMAR and r["source"] == "scmp-yahoo")
    citation = Citation.objects.get(event__slug=MYANMAR, source__slug="scmp-yahoo")
    source = citation.source
    assert row["event_title"] == Event.objects.get(slug=MYANMAR).title
    assert (row["source_title"], row["outlet"], row["carried_by"]) == (
        source.title,
        source.outlet,
        source.carried_by or None,
    )
    assert row["published"] == source.published_edtf
    assert row["original_url"] == (source.original_address or None)
    assert row["site_url"].startswith(f"{BASE}/sources/scmp-yahoo/#{citation.passage.anchor}")
    assert (row["origin"], row["derived"], row["independent"]) == ("scmp-yahoo", False, True)
    rewrite = next(r for r in rows if r["source"] == "world-today-news-rewrite")
    assert (rewrite["derived"], rewrite["independent"], rewrite["origin"]) == (
        True,
        False,
        "scmp-yahoo",
    )


def test_a_disputed_events_citations_carry_their_reading(curated, client):
    rows = read_ndjson(client.get("/citations.ndjson?disputed=yes"))
    readings = {(r["event"], r["source"]): r["reading"] for r in rows if r["event"] == ITALY}
    in_db = {
        (ITALY, c.source.slug): c.claim or None
        for c in Citation.objects.filter(event__slug=ITALY).select_related("source")
    }
    assert readings == in_db and any(readings.values())


def test_citations_csv_opens_in_tools_that_reject_a_byte_order_mark_with_bom_0(curated, client):
    response = client.get("/citations.csv?bom=0&country=MM")
    body = response.getvalue()
    assert not body.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"), newline="")))
    assert rows and list(rows[0])[0] == "event"
    assert response["Content-Disposition"] == 'attachment; filename="citations-country-MM.csv"'


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("role=bystander", "role"), ("country=XX", "country"), ("nonsense=1", "nonsense")],
)
@pytest.mark.parametrize("name", ["citations-csv", "citations-ndjson"])
def test_citation_exports_refuse_what_the_other_exports_refuse(
    curated, client, name, query, parameter
):
    response = client.get(f"{reverse(name)}?{query}")
    assert response.status_code == 400
    assert read_json(response)["parameter"] == parameter
    assert client.get(f"/events.csv?{query}").status_code == 400


@pytest.mark.parametrize("name", ["citations-csv", "citations-ndjson"])
def test_citation_exports_ask_as_many_queries_for_many_events_as_for_few(curated, client, name):
    def count(query: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{reverse(name)}{query}")
            assert b"".join(response.streaming_content)
        return len(queries)

    count("")  # the first request of a data version reads the filter lists
    assert count("") == count("?country=FJ") == count("?country=MM")
