"""CODEBOOK.md: every file, table and field of a release, every value a coded field may take
with its meaning and how many rows use it, the fields of events.ndjson (from the JSON
export's schema), and the rules the data were curated by (docs/corpus.md), quoted whole."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from django.conf import settings

from policing.exports.releases.tables import TABLES, Table

CORPUS_RULES = settings.BASE_DIR / "docs" / "corpus.md"
SCHEMA = settings.BASE_DIR / "docs" / "events.schema.json"

# The sections of docs/corpus.md that say what the values mean; True: with their subsections.
RULE_SECTIONS = {
    "What is an event": True,
    "Rules applied to every event": False,  # its subsection is the history of a re-read
    "Dates": True,
    "Derivation and independent reports": True,
    "The research model": True,
    "Figures": True,
}

# The nested objects of events.ndjson, as the schema names them.
NESTED = {
    "participants": "participant",
    "actors": "actor",
    "related": "relation",
    "citations": "citation",
    "figures": "figure",
    "dispute": "dispute",
}


def rule_sections(text: str) -> list[str]:
    """The sections of docs/corpus.md named in `RULE_SECTIONS`, in the order of the file, each
    with its headings one level deeper (they sit under the codebook's own)."""
    lines = text.splitlines()
    found, taking, level, whole = [], False, 0, True
    for line in lines:
        depth = len(line) - len(line.lstrip("#")) if line.startswith("#") else 0
        if depth:
            title = line[depth:].strip()
            if taking and (depth <= level or not whole):
                taking = False
            if not taking and depth == 2 and title in RULE_SECTIONS:
                taking, level, whole = True, depth, RULE_SECTIONS[title]
        if taking:
            found.append("#" + line if depth else line)
    return found


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _table(table: Table, rows: int, values: dict[str, Counter]) -> list[str]:
    lines = [
        f"### {table.name} (`{table.path}`, {rows:,} rows)",
        "",
        table.description,
        "",
        f"Key: {', '.join(f'`{k}`' for k in table.key)}.",
    ]
    for columns, other, to in table.references:
        lines.append(
            f"`{', '.join(columns)}` refers to `{other}.{', '.join(to)}` "
            "(an empty cell refers to nothing)."
        )
    lines += ["", "| Field | Type | Required | Meaning |", "| --- | --- | --- | --- |"]
    for column in table.columns:
        required = "yes" if column.required else "no"
        lines.append(
            f"| `{column.name}` | {column.type} | {required} | {_cell(column.description)} |"
        )
    for column in table.columns:
        if column.choices is None:
            continue
        used = values.get(column.name, Counter())
        lines += [
            "",
            f"Values of `{table.name}.{column.name}`:",
            "",
            "| Value | Meaning | Rows |",
            "| --- | --- | ---: |",
        ]
        for value, label in column.choices.choices:
            lines.append(f"| `{value}` | {_cell(label)} | {used.get(value, 0):,} |")
        unknown = sorted(set(used) - set(column.choices.values) - {""})
        for value in unknown:  # never, while the tables are written from the models' choices
            lines.append(f"| `{value}` | (not in the vocabulary) | {used[value]:,} |")
        if used.get(""):
            lines.append(f"| (empty) | not stated | {used['']:,} |")
    return lines + [""]


def _schema_fields(schema: dict, name: str, depth: int = 0) -> list[str]:
    definition = schema["$defs"][name]
    lines = []
    indent = "  " * depth
    for key, described in definition.get("properties", {}).items():
        meaning = described.get("description", "")
        lines.append(f"{indent}- `{key}`: {_cell(meaning)}")
        if key in NESTED and NESTED[key] in schema["$defs"] and depth == 0:
            lines += _schema_fields(schema, NESTED[key], depth + 1)
    return lines


def codebook(
    *, version: str, site: str, counts: dict[str, int], values: dict[str, dict[str, Counter]]
) -> str:
    """The codebook of a release whose tables hold `counts` rows and, for each coded field,
    the values counted in `values` (table → field → value → rows)."""
    schema = json.loads(Path(SCHEMA).read_text(encoding="utf-8"))
    lines = [
        f"# Codebook: {site}, release {version}",
        "",
        "A curated timeline of China's international policing diplomacy. Every event cites "
        "the exact words of the reports that state it. This file names every file, table and "
        "field of the release and every value a coded field takes.",
        "",
        "## Files",
        "",
        "- `datapackage.json`: the Frictionless Data Package: each table's schema (types, "
        "allowed values, primary and foreign keys), size and SHA-256.",
        *[f"- `{t.path}`: {t.description}" for t in TABLES],
        "- `events.ndjson`: one JSON object per published event, as the site's `/events.ndjson` "
        "gives it (schema: `events.schema.json`).",
        "- `events.schema.json`: the JSON Schema of those objects.",
        "- `CHANGES.md`, `CHANGES.json`: what changed since the previous release, and why.",
        "- `CITATION.cff`, `CITATION.bib`: how to cite this release.",
        "- `SHA256SUMS`: the SHA-256 of every other file (`sha256sum -c SHA256SUMS`).",
        "",
        "## Reading the tables",
        "",
        "CSV, UTF-8 without a byte-order mark, a header row, fields separated by commas and "
        "quoted where needed (RFC 4180). True and false are `true` and `false`; an empty cell "
        "is a missing value. No cell holds a list: what an event has several of is a table of "
        "its own, joined on the event's `slug` (and a position, from 0, in the order of the "
        "event's lists in events.ndjson).",
        "",
        "## Tables",
        "",
    ]
    for table in TABLES:
        lines += _table(table, counts.get(table.name, 0), values.get(table.name, {}))
    lines += [
        "## events.ndjson",
        "",
        "Each line is an event's object of the site's export contract, whose fields only "
        "grow. Its fields:",
        "",
        *_schema_fields(schema, "event"),
        "",
        "## The rules the data were curated by",
        "",
        "From docs/corpus.md of the site's code, as it was when this release was made.",
        "",
        *rule_sections(Path(CORPUS_RULES).read_text(encoding="utf-8")),
    ]
    return "\n".join(lines).rstrip() + "\n"
