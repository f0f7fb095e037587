"""How reports name an actor: its name and the short forms they use for it, as one pattern;
and the sentence of some quoted words that names it. Proposals find the actors a report's
sentence names with it (proposals/matching.py), and an actor's page the words of each event
that name the actor (timeline/presenters/threads_actors.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policing.text.anchoring import STRAIGHT_QUOTES
from policing.text.sentences import sentence_spans


def short_forms(name: str, kind: str, country: str | None, persons: list[str]) -> set[str]:
    """Forms the reports use for a name: its initials ("AFP", "IISS"), a force named without
    its place ("Chinese liaison officers"), a person by family name where none of `persons`
    (the other people it could be) shares it."""
    forms = {name}
    capitals = [w for w in re.findall(r"[\w'’-]+", name) if w[0].isupper()]
    if kind != "person" and len(capitals) >= 3:
        forms.add("".join(w[0] for w in capitals))
    if kind != "person" and " in " in name:
        forms.add(name.split(" in ")[0])
    if kind == "person":
        words = name.split()
        family = words[0] if country == "CN" else words[-1]
        others = [p for p in persons if p != name]
        if len(words) > 1 and not any(family in p.split() for p in others):
            forms.add(family)
    return forms


def name_pattern(forms: set[str]) -> re.Pattern:
    """Any of `forms` as a whole word, the longest first ("Wang Xiaohong" before "Wang")."""
    ordered = sorted(forms, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in ordered) + r")(?![\w-])")


def find_name(pattern: re.Pattern, text: str) -> re.Match | None:
    """Where `text` names it, its quote marks read straight or as they are (straightening
    keeps every character in its place)."""
    return pattern.search(text.translate(STRAIGHT_QUOTES)) or pattern.search(text)


@dataclass(frozen=True)
class Naming:
    """The sentence of some words that names an actor, as offsets into those words, and
    where in it the name is."""

    start: int
    end: int
    name_start: int
    name_end: int


def naming_sentence(pattern: re.Pattern, text: str) -> Naming | None:
    """The first sentence of `text` that names it (a quote that is a part of a sentence is
    one sentence), or None."""
    for start, end in sentence_spans(text) or [(0, len(text))]:
        found = find_name(pattern, text[start:end])
        if found:
            return Naming(start, end, start + found.start(), start + found.end())
    return None
