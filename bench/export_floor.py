"""The floor for `/events.csv`: the same file written by a plain script that reads the rows with
Python's sqlite3 (one query per table, joined in Python) and writes them with the csv module,
without Django. What the export costs beyond this is the site's own doing.

    .venv/bin/python bench/export_floor.py bench/.cache/bench-10000.sqlite3 [--runs 3]

`bench/export_stream.py` runs it beside the exports, in the same process, and checks that the
two files are identical byte for byte. It writes every published event (published, citing a
source) in the timeline's order, as `/events.csv` with no filter does, with the links made
from `base_url`. Each cell is spelled here from the rows, not by the site's code: when the
export's format changes, this check fails until the floor follows it. Only the text fragment
of a citation's link (`links.text_fragment`, a pure function) is the site's own.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sqlite3
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))

from policing.links import text_fragment  # noqa: E402

HEADER = [
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
    "date_set_by_editor",
    "activity",
    "stage",
    "participants",
    "actors",
    "thread",
    "related",
    "independent_sources",
    "citation_origins",
    "figures",
    "figures_json",
    "date_edtf",
    "date_earliest",
    "date_latest",
    "years_placed",
    "year_certain",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LOWER_BOUNDS = ("at least", "more than")


def cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def flag(value) -> str:
    return "true" if value else "false"


def number(value):
    """A figure's value as the export writes it: an int when whole, else a float."""
    value = float(value) if not isinstance(value, int) else value
    return int(value) if float(value).is_integer() else value


def floor_csv(path: str, base_url: str, *, bom: bool = True) -> bytes:
    """Every published event of the SQLite database at `path` as `/events.csv` writes it."""
    db = sqlite3.connect(path)
    try:
        return _write(db, base_url, bom)
    finally:
        db.close()


def _grouped(rows, key: int = 0) -> dict:
    grouped: dict = {}
    for row in rows:
        grouped.setdefault(row[key], []).append(row)
    return grouped


def _write(db: sqlite3.Connection, base_url: str, bom: bool) -> bytes:
    events = db.execute(
        "SELECT id, slug, title, kind, date_start, date_precision, date_approximate, date_end,"
        " date_text, summary, disputed, date_manual, activity, stage, thread_id, date_edtf,"
        " date_earliest, date_latest, start_year, end_year, year_certain, published"
        " FROM policing_event ORDER BY date_start, date_end, title, id"
    ).fetchall()
    slugs = {row[0]: row[1] for row in events}
    threads = dict(db.execute("SELECT id, slug FROM policing_thread"))
    participants = _grouped(
        db.execute(
            "SELECT event_id, country_id, region, role FROM policing_participant ORDER BY id"
        )
    )
    actors = dict(db.execute("SELECT id, name FROM policing_actor"))
    actor_roles = _grouped(
        db.execute("SELECT event_id, actor_id, role FROM policing_eventactor ORDER BY id")
    )
    relations = _grouped(
        db.execute("SELECT event_id, other_id, relation FROM policing_eventrelation ORDER BY id")
    )
    citations = _grouped(
        db.execute(
            'SELECT event_id, id, source_id, passage_id, quote, start, "end"'
            ' FROM policing_citation ORDER BY "order", id'
        )
    )
    passages = {
        row[0]: row[1:]
        for row in db.execute(
            "SELECT id, anchor, text, derivation, derived_from_id FROM policing_passage"
            " WHERE id IN (SELECT passage_id FROM policing_citation)"
        )
    }
    sources = {
        row[0]: row[1:]
        for row in db.execute("SELECT id, slug, derivation, rewrite_of_id FROM policing_source")
    }
    figures = _grouped(
        db.execute(
            "SELECT event_id, label, counts, value, qualifier, unit, status, period_edtf,"
            " citation_id, scope, scope_region, scope_country_id FROM policing_figure ORDER BY id"
        )
    )

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for event in events:
        (pk, slug, title, kind, start, precision, approximate, end, date_text, summary) = event[:10]
        (disputed, manual, activity, stage, thread_id, edtf, earliest, latest) = event[10:18]
        (first_year, last_year, certain, published) = event[18:]
        cited = citations.get(pk)
        if not published or not cited:
            continue
        links, origins, origin_ids, index_of = [], [], [], {}
        for position, (_, cpk, source_id, passage_id, quote, a, b) in enumerate(cited):
            index_of[cpk] = position
            source_slug, source_derivation, rewrite_of = sources[source_id]
            passage = passages.get(passage_id) if passage_id is not None else None
            if passage is not None:
                anchor, text, passage_derivation, derived_from = passage
                quoted = text[a:b]
                url = f"/sources/{source_slug}/#{anchor}:~:{text_fragment(quoted)}"
            else:
                passage_derivation, derived_from = "", None
                url = f"/sources/{source_slug}/"
            origin = derived_from or rewrite_of or source_id
            origin_ids.append(origin)
            links.append((quote, url))
            if origin == source_id:
                origins.append(source_slug)
            else:
                how = passage_derivation or source_derivation or None
                origins.append(f"{source_slug}: {how} of {sources[origin][0]}")
        countries = sorted(p[1] for p in participants.get(pk, ()) if p[1])
        figure_items, figure_lines = [], []
        for figure in figures.get(pk, ()):
            (label, counts, value, qualifier, unit, status, period, citation_id) = figure[1:9]
            (scope, scope_region, scope_country) = figure[9:]
            index = index_of.get(citation_id)
            shown_number = number(value)
            lower = qualifier in LOWER_BOUNDS
            url = links[index][1] if index is not None else None
            figure_items.append(
                {
                    "label": label,
                    "counts": counts or None,
                    "value": None if lower else shown_number,
                    "lower_bound": shown_number if lower else None,
                    "qualifier": qualifier,
                    "unit": unit,
                    "status": status,
                    "period_edtf": period or None,
                    "citation": index,
                    "source": sources[cited[index][2]][0] if index is not None else None,
                    "url": url,
                    "scope": scope or None,
                    "scope_region": scope_region or None,
                    "scope_country": scope_country or None,
                }
            )
            hedge = "" if qualifier == "exact" else f"{qualifier} "
            when = f", {period}" if period else ""
            link = f" {base_url}{url}" if url else ""
            shown = f"{hedge}{shown_number:,} {unit}".strip()
            figure_lines.append(f"{shown}: {label} ({status}{when}){link}")
        writer.writerow(
            [
                slug,
                cell(title),
                kind,
                start,
                precision,
                flag(approximate),
                end or "",
                cell(date_text),
                "; ".join(countries),
                cell(summary),
                flag(disputed),
                cell("\n".join(f"“{quote}” {base_url}{url}" for quote, url in links)),
                f"{base_url}/events/{slug}/",
                flag(manual),
                activity,
                stage or "",
                "; ".join(f"{p[1] or p[2]}: {p[3]}" for p in participants.get(pk, ())),
                cell("; ".join(f"{actors[a[1]]}: {a[2]}" for a in actor_roles.get(pk, ()))),
                threads[thread_id] if thread_id else "",
                "; ".join(f"{r[2]} {slugs[r[1]]}" for r in relations.get(pk, ())),
                len(set(origin_ids)),
                "\n".join(origins),
                cell("\n".join(figure_lines)),
                json.dumps(figure_items, ensure_ascii=False) if figure_items else "",
                edtf,
                earliest or "",
                latest or "",
                f"{first_year}; {last_year}",
                flag(certain),
            ]
        )
    return (("\ufeff" if bom else "") + out.getvalue()).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", help="A SQLite database of the site (bench/.cache/…).")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--base-url", default="http://testserver")
    args = parser.parse_args()
    for _ in range(args.runs):
        started = time.perf_counter()
        body = floor_csv(args.database, args.base_url)
        elapsed = time.perf_counter() - started
        rows = body.count(b"\n")  # cells may hold line breaks too: bytes and seconds are the point
        print(f"{elapsed:6.3f} s  {len(body) / 1e6:6.1f} MB  ({rows:,} lines)")


if __name__ == "__main__":
    main()
