"""A part of a curated entry (corpus/parts.py) in words, for the update's report and the
admin's notice of a conflict: choices with their labels, a date with its reading, one row a
line for the parts that have rows."""

from __future__ import annotations

from typing import Any

from policing.models import (
    Activity,
    ActorKind,
    ActorRole,
    CuratedKind,
    Figure,
    Region,
    Relation,
    Role,
    Stage,
)
from policing.text import dates


def describe(kind: str, part: str, value: Any) -> str:
    """A part's value for people: one line, or one line a row for parts with rows."""
    if kind == CuratedKind.EVENT and part in _DESCRIBE_EVENT:
        return _DESCRIBE_EVENT[part](value)
    if kind == CuratedKind.ACTOR and part == "kind":
        return _choice(ActorKind, value)
    return _plain_words(value)


def _plain_words(value: Any) -> str:
    if value is None or value == "":
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _choice(choices, value: str) -> str:
    return f"{choices(value).label} ({value})" if value in choices.values else _plain_words(value)


def _date_words(value: dict) -> str:
    try:
        words = dates.in_words(value["edtf"])
    except dates.DateResolutionError:
        words = "not a valid date"
    text = f"{value['edtf']} ({words})"
    if value["manual"]:
        text += f", set directly: {value['reading'] or '(no reading given)'}"
    if value["text"]:
        text += f"; the source writes “{value['text']}”"
        text += f" in {value['source']}" if value["source"] else ""
    if value["relative_to"]:
        text += f", counted from {value['relative_to']}"
    return text


def _participants_words(value: dict) -> str:
    rows = [
        f"{country or _choice(Region, region)}: {_choice(Role, role)}"
        for country, region, role in value["states"]
    ]
    if value["note"]:
        rows.append(f"no country named: {value['note']}")
    return "\n".join(rows) or "(none)"


def _citations_words(value: list) -> str:
    rows = []
    for number, citation in enumerate(value, start=1):
        row = f"{number}. {citation['source']}: “{citation['quote']}”"
        if citation["claim"]:
            row += f" (claim: {citation['claim']})"
        rows.append(row)
    return "\n".join(rows) or "(none)"


def _figures_words(value: list) -> str:
    rows = []
    for figure in value:
        hedge = "" if figure["qualifier"] == Figure.Qualifier.EXACT else f"{figure['qualifier']} "
        period = f", {figure['period']}" if figure["period"] else ""
        place = figure.get("scope_country") or figure.get("scope_region")
        scope = f", {figure.get('scope') or 'scope not set'}" + (f" {place}" if place else "")
        rows.append(
            f"{figure['label']}: {hedge}{figure['value']} {figure['unit']}".rstrip()
            + f" ({figure['status']}{period}{scope}; {figure['source']}: “{figure['quote']}”)"
        )
    return "\n".join(rows) or "(none)"


def _undisputed_words(note: str) -> str:
    return f"not disputed (note: {note})" if note else "not disputed"


_DESCRIBE_EVENT = {
    "activity": lambda value: _choice(Activity, value),
    "stage": lambda value: _choice(Stage, value),
    "date": _date_words,
    "participants": _participants_words,
    "actors": lambda value: (
        "\n".join(f"{actor}: {_choice(ActorRole, role)}" for actor, role in value) or "(none)"
    ),
    "citations": _citations_words,
    "figures": _figures_words,
    "relations": lambda value: (
        "\n".join(f"{_choice(Relation, relation)} {other}" for other, relation in value) or "(none)"
    ),
    "dispute": lambda value: (
        f"disputed: {value['note']}" if value["disputed"] else _undisputed_words(value["note"])
    ),
}
