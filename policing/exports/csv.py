"""`/events.csv`: one row per event, for spreadsheets."""

from __future__ import annotations

import csv
import json

from .contract import event_as_dict

CSV_COLUMNS = [
    "slug",
    "title",
    "kind",
    "date_start",
    "date_precision",
    "date_approximate",
    "date_end",
    "date_text",
    "countries",
    "summary",
    "disputed",
    "citations",
    "url",
    # Added with the research model (after the first columns, which keep their places).
    "date_set_by_editor",
    "activity",
    "stage",
    "participants",
    "actors",
    "thread",
    "related",
    # Added with EDTF dates.
    "date_edtf",
    "date_earliest",
    "date_latest",
]
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(out, events, *, base_url: str) -> None:
    """One row per event: the JSON fields, citations one per line as “quote” URL, lists of
    participants, actors and relations as “a: b; c: d”."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for event in events:
        item = event_as_dict(event)
        citations = "\n".join(f"“{c['quote']}” {base_url}{c['url']}" for c in item["citations"])
        writer.writerow(
            [
                item["slug"],
                _cell(item["title"]),
                item["kind"],
                item["date_start"],
                item["date_precision"],
                json.dumps(item["date_approximate"]),
                item["date_end"] or "",
                _cell(item["date_text"]),
                "; ".join(item["countries"]),
                _cell(item["summary"]),
                json.dumps(item["disputed"]),
                _cell(citations),
                base_url + event.get_absolute_url(),
                json.dumps(item["date_set_by_editor"]),
                item["activity"],
                item["stage"] or "",
                "; ".join(
                    f"{p['country'] or p['region']}: {p['role']}" for p in item["participants"]
                ),
                _cell("; ".join(f"{a['name']}: {a['role']}" for a in item["actors"])),
                item["thread"] or "",
                "; ".join(f"{r['relation']} {r['slug']}" for r in item["related"]),
                item["date_edtf"],
                item["date_earliest"] or "",
                item["date_latest"] or "",
            ]
        )
