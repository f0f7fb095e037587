"""`/events.csv`: one row per event, for spreadsheets (and `/figures.csv`, `/citations.csv`).

UTF-8 with a byte-order mark by default: Excel reads a CSV without one in the computer's legacy
code page (mangling “quotes”, accents and every non-Latin name), while pandas and Python's
`utf-8-sig` skip it. `?bom=0` leaves it out for tools that do not (csv.DictReader with
plain `utf-8` would name the first column "\ufeffslug")."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator

from policing.exports.contract import (
    CITATION_ROW,
    countries,
    figure_as_dict,
    independent_sources,
    iso_day,
)
from policing.exports.rows import ExportCitation, ExportEvent
from policing.links import address

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
    # Added with source derivation.
    "independent_sources",
    "citation_origins",
    # Added with figures as data: one figure a line in words, and the same as JSON.
    "figures",
    "figures_json",
    # Added with EDTF dates.
    "date_edtf",
    "date_earliest",
    "date_latest",
    # Added with the years an event only may fall in: the first and last year it is placed in,
    # "2019; 2024", and whether it is in them for certain.
    "years_placed",
    "year_certain",
]
# /figures.csv: one row per figure.
FIGURE_COLUMNS = [
    "event",
    "counts",
    "label",
    "value",
    "lower_bound",
    "qualifier",
    "unit",
    "status",
    "period_edtf",
    "source",
    "quote",
    "url",
    "event_url",
    # Added with the figure's scope, after the first columns, which keep their places.
    "scope",
    "scope_region",
    "scope_country",
]
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def _flag(value: bool) -> str:
    """True and false as JSON writes them (what `json.dumps` gives, without its machinery: four
    cells a row)."""
    return "true" if value else "false"


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def _origin_line(citation: ExportCitation) -> str:
    """“world-today-news-rewrite: rewrite of scmp-yahoo”, or the slug alone for a report of its
    own: one line per citation, in the order of the `citations` column. (Derived words of no
    stated kind, null in the JSON, read “None”, as they always have.)"""
    if not citation.derived:
        return citation.source.slug
    return f"{citation.source.slug}: {citation.derivation or None} of {citation.origin.slug}"


class _Line:
    """A file for csv.writer that hands back each line it is given instead of keeping it, so
    a CSV can be streamed a row at a time (Django's "streaming large CSV files" recipe)."""

    def write(self, line: str) -> str:
        return line


def _lines(header: list[str], rows: Iterable[list], bom: bool) -> Iterator[str]:
    writer = csv.writer(_Line())
    if bom:
        yield BOM
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def csv_lines(events: Iterable[ExportEvent], *, base_url: str, bom: bool = True) -> Iterator[str]:
    """One row per event: the JSON fields, citations one per line as “quote” absolute URL,
    lists of participants, actors and relations as “a: b; c: d”; each citation's origin one
    per line, in the citations' order; `url` is the event's absolute URL (the JSON's
    `permalink`). Lines are made as they are read, so a whole-filter export holds one chunk of
    events in memory, not the file."""
    return _lines(CSV_COLUMNS, (_event_row(event, base_url) for event in events), bom)


def _event_row(event: ExportEvent, base_url: str) -> list:
    """The event's cells, each the value of its field in the export object (`event_as_dict`),
    read from the record: building the whole object first, with what the CSV does not show
    (each citation's source, a dispute's claims), was about a seventh of the CSV's time."""
    citations = event.citations
    figures = [figure_as_dict(figure, citations) for figure in event.figures]
    # `join` takes lists here, not generators: it would make a list of each first, and these
    # few hundred thousand generators were about 5 % of the cells' time.
    return [
        event.slug,
        _cell(event.title),
        event.kind,
        iso_day(event.date_start),
        event.date_precision,
        _flag(event.date_approximate),
        iso_day(event.date_end) or "",
        _cell(event.date_text),
        "; ".join(countries(event)),
        _cell(event.summary),
        _flag(event.disputed),
        _cell("\n".join([f"“{c.quote}” {base_url}{c.url}" for c in citations])),
        base_url + event.url,
        _flag(event.date_manual),
        event.activity,
        event.stage or "",
        "; ".join([f"{p.country or p.region}: {p.role}" for p in event.participants]),
        _cell("; ".join([f"{a.name}: {a.role}" for a in event.actors])),
        event.thread or "",
        "; ".join([f"{r.relation} {r.slug}" for r in event.related]),
        independent_sources(citations),
        "\n".join([_origin_line(c) for c in citations]),
        _cell("\n".join([_figure_line(f, base_url) for f in figures])),
        json.dumps(figures, ensure_ascii=False) if figures else "",
        event.date_edtf,
        iso_day(event.date_earliest) or "",
        iso_day(event.date_latest) or "",
        f"{event.start_year}; {event.end_year}",
        _flag(event.year_certain),
    ]


def _figure_line(figure: dict, base_url: str) -> str:
    """“more than 2,000 people: African police … trained (reported, 2018/2021) URL”."""
    number = figure["value"] if figure["value"] is not None else figure["lower_bound"]
    hedge = "" if figure["qualifier"] == "exact" else f"{figure['qualifier']} "
    when = f", {figure['period_edtf']}" if figure["period_edtf"] else ""
    url = f" {base_url}{figure['url']}" if figure["url"] else ""
    shown = f"{hedge}{number:,} {figure['unit']}".strip()
    return f"{shown}: {figure['label']} ({figure['status']}{when}){url}"


def figure_csv_lines(rows: Iterable[dict], *, base_url: str, bom: bool = True) -> Iterator[str]:
    """One row per figure (`contract.figure_rows`), with absolute links to its words and event;
    with a byte-order mark unless `bom` is false, as `csv_lines`."""
    return _lines(FIGURE_COLUMNS, (_figure_row(row, base_url) for row in rows), bom)


def _figure_row(row: dict, base_url: str) -> list:
    return [
        row["event"],
        row["counts"] or "",
        _cell(row["label"]),
        "" if row["value"] is None else row["value"],
        "" if row["lower_bound"] is None else row["lower_bound"],
        row["qualifier"],
        _cell(row["unit"]),
        row["status"],
        row["period_edtf"] or "",
        row["source"] or "",
        _cell(row["quote"] or ""),
        base_url + row["url"] if row["url"] else "",
        base_url + address("event-detail", row["event"]),
        row["scope"] or "",
        row["scope_region"] or "",
        row["scope_country"] or "",
    ]


# /citations.csv: the columns that hold text from editors or sources, which may start like a
# formula.
_CITATION_TEXT = {"event_title", "source_title", "outlet", "carried_by", "quote", "reading"}


def citation_csv_lines(rows: Iterable[dict], *, bom: bool = True) -> Iterator[str]:
    """One row per citation (`contract.citation_rows`), its columns `contract.CITATION_ROW`;
    true and false as JSON writes them, an empty cell for null; with a byte-order mark unless
    `bom` is false, as `csv_lines`."""
    return _lines(list(CITATION_ROW), (_citation_row(row) for row in rows), bom)


def _citation_row(row: dict) -> list:
    cells = []
    for name in CITATION_ROW:
        value = row[name]
        if value is None:
            cells.append("")
        elif isinstance(value, bool):
            cells.append(_flag(value))
        elif name in _CITATION_TEXT:
            cells.append(_cell(value))
        else:
            cells.append(value)
    return cells
