"""`/events.csv`: one row per event, for spreadsheets.

UTF-8 with a byte-order mark by default: Excel reads a CSV without one in the computer's legacy
code page (mangling “quotes”, accents and every non-Latin name), while pandas and Python's
`utf-8-sig` skip it. `?bom=0` leaves it out for tools that do not (csv.DictReader with
plain `utf-8` would name the first column "\ufeffslug")."""

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
]
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(out, events, *, base_url: str, bom: bool = True) -> None:
    """One row per event: the JSON fields, citations one per line as “quote” absolute URL,
    lists of participants, actors and relations as “a: b; c: d”; `url` is the event's
    absolute URL (the JSON's `permalink`)."""
    if bom:
        out.write(BOM)
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for event in events:
        item = event_as_dict(event, base_url=base_url)
        citations = "\n".join(f"“{c['quote']}” {c['absolute_url']}" for c in item["citations"])
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
                item["permalink"],
                json.dumps(item["date_set_by_editor"]),
                item["activity"],
                item["stage"] or "",
                "; ".join(
                    f"{p['country'] or p['region']}: {p['role']}" for p in item["participants"]
                ),
                _cell("; ".join(f"{a['name']}: {a['role']}" for a in item["actors"])),
                item["thread"] or "",
                "; ".join(f"{r['relation']} {r['slug']}" for r in item["related"]),
            ]
        )
