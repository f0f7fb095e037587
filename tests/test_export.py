"""The export contract: `export_events` prints the public JSON objects."""

import datetime as dt
import io
import json
import re

from django.core.management import call_command

from policing.models import Event

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
    "countries",
    "summary",
    "disputed",
    "citations",
}


def export() -> list[dict]:
    out = io.StringIO()
    call_command("export_events", stdout=out)
    return json.loads(out.getvalue())


def test_export_prints_every_published_event_in_the_contract_shape(curated):
    data = export()
    assert len(data) == Event.objects.published().count() > 30
    for item in data:
        assert set(item) == KEYS
        dt.date.fromisoformat(item["date_start"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["date_start"])
        assert item["date_precision"] in {"day", "month", "year"}
        assert isinstance(item["date_approximate"], bool) and isinstance(item["disputed"], bool)
        assert item["date_end"] is None or dt.date.fromisoformat(item["date_end"])
        assert all(re.fullmatch(r"[A-Z]{2}", code) for code in item["countries"])
        assert item["citations"]
        for citation in item["citations"]:
            assert set(citation) == {"source", "passage", "quote", "url"}
            assert citation["url"].startswith(
                f"/sources/{citation['source']}/#{citation['passage']}"
            )


def test_export_values_for_a_known_event(curated):
    item = next(e for e in export() if e["slug"] == "myanmar-scam-centre-repatriation-2025")
    assert item["date_start"] == "2025-02-20" and item["date_precision"] == "day"
    assert item["date_text"] == "On Thursday"
    assert item["countries"] == ["CN", "MM"]
    assert {c["source"] for c in item["citations"]} == {"scmp-yahoo", "world-today-news-rewrite"}


def test_spans_export_their_end(curated):
    item = next(e for e in export() if e["slug"].startswith("jibc-chinese-police-academies"))
    assert (item["date_start"], item["date_end"]) == ("2014-01-01", "2020-01-01")


def test_drafts_are_not_exported(curated):
    Event.objects.filter(slug="myanmar-scam-centre-repatriation-2025").update(published=False)
    assert "myanmar-scam-centre-repatriation-2025" not in {e["slug"] for e in export()}


def test_export_is_chronological(curated):
    starts = [e["date_start"] for e in export()]
    assert starts == sorted(starts)
