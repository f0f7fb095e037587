"""What a report's words name and which curated events they may state: actors by their names
and short forms, and a candidate compared with the events already curated (its words, date
and figures), so an editor sees what it would repeat or dispute."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from policing.models import SUBJECT_COUNTRY, Actor, Citation, Event, Figure, Participant
from policing.text import dates, names
from policing.text.anchoring import normalise


@dataclass(frozen=True)
class Known:
    """What proposals are compared with: actors' names and short forms, and curated events."""

    actors: tuple[tuple[str, re.Pattern], ...] = ()
    citations: tuple[dict, ...] = ()
    events: dict = field(default_factory=dict)


def known_from_database() -> Known:
    """The actors and curated events in the database, read in a few queries."""
    rows = list(Actor.objects.values_list("name", "kind", "country_id"))
    persons = [name for name, kind, _ in rows if kind == "person"]
    actors = []
    for name, kind, country in rows:
        actors.append((name, names.name_pattern(names.short_forms(name, kind, country, persons))))
    events = {
        e["pk"]: e
        for e in Event.objects.values("pk", "slug", "title", "date_edtf", "activity").order_by()
    }
    values: dict[int, set] = {}
    for event_id, value, unit, label in Figure.objects.values_list(
        "event_id", "value", "unit", "label"
    ):
        values.setdefault(event_id, set()).add((value, _content_words(f"{unit} {label}")))
    states: dict[int, set] = {}
    for event_id, code in Participant.objects.exclude(country=None).values_list(
        "event_id", "country_id"
    ):
        if code != SUBJECT_COUNTRY:
            states.setdefault(event_id, set()).add(code)
    for event in events.values():
        event["figures"] = values.get(event["pk"], set())
        event["states"] = states.get(event["pk"], set())
    citations = tuple(
        {
            "event": event_id,
            "source": source_id,
            "passage": passage_id,
            "start": start,
            "end": end,
            "quote": normalise(quote).lower(),
        }
        for event_id, source_id, passage_id, start, end, quote in Citation.objects.values_list(
            "event_id", "source_id", "passage_id", "start", "end", "quote"
        ).order_by()
    )
    return Known(tuple(actors), citations, events)


def date_within(edtf: str, event_edtf: str) -> bool:
    """Whether a proposal's date is right to the event's: every day it allows is a day the
    event's date allows. A "one of" set ("2 or 9 Sep 2024", an editor's reading of "on
    Monday") is taken as the month or year its dates share, the precision the words give."""
    if not edtf or not event_edtf:
        return False
    try:
        proposed, event = dates.parse_edtf(edtf), dates.parse_edtf(event_edtf)
    except dates.DateResolutionError:
        return False
    low, high = event.earliest, event.latest
    if event.form == "set" and low and high:
        if (low.year, low.month) == (high.year, high.month):
            low, high = low.replace(day=1), dates.Point(low.replace(day=1), dates.MONTH).end
        elif low.year == high.year:
            low, high = dt.date(low.year, 1, 1), dt.date(low.year, 12, 31)
    p_low, p_high = proposed.earliest, proposed.latest
    if low is not None and (p_low is None or p_low < low):
        return False
    return not (high is not None and (p_high is None or p_high > high))


# The score of an event found by what it is rather than by its words: the same activity, a
# state in common and dates that may meet. Below a close quote (80 and up), above nothing.
SAME_FACTS = 75


def dates_meet(edtf: str, other: str) -> bool:
    """Whether two dates may fall on a common day (an open end meets everything on its side)."""
    try:
        first, second = dates.parse_edtf(edtf), dates.parse_edtf(other)
    except dates.DateResolutionError:
        return False
    starts = [d for d in (first.earliest, second.earliest) if d]
    ends = [d for d in (first.latest, second.latest) if d]
    return not starts or not ends or max(starts) <= min(ends)


def matches_for(
    quote: str,
    edtf: str,
    numbers: list,
    passage,
    start: int,
    end: int,
    known: Known,
    *,
    states=(),
    activity: str = "",
) -> tuple[dict, ...]:
    """Curated events these words may state: an overlapping citation in the same passage
    (score 100), a citation's quote or an event's title that rapidfuzz finds close, or an
    event of the same activity with a state in common and dates that may meet (`SAME_FACTS`:
    another report's "a 2011 policing agreement" with Fiji is the 2011 agreement)."""
    from rapidfuzz import fuzz

    if not known.events:
        return ()
    words = normalise(quote).lower()
    scores: dict[int, float] = {}
    passage_id = getattr(passage, "pk", None)
    for citation in known.citations:
        if (
            passage_id is not None
            and citation["passage"] == passage_id
            and citation["start"] is not None
            and citation["start"] < end
            and start < citation["end"]
        ):
            score = 100.0
        else:
            score = fuzz.token_set_ratio(words, citation["quote"], score_cutoff=80)
            if score and len(citation["quote"]) < 40:
                score = 0  # a short quote is close to too much
        if score > scores.get(citation["event"], 0):
            scores[citation["event"]] = score
    for pk, event in known.events.items():
        score = fuzz.token_set_ratio(words, event["title"].lower(), score_cutoff=90)
        if score > scores.get(pk, 0):
            scores[pk] = score * 0.85  # a title is our words, not the source's
    others = set(states) - {SUBJECT_COUNTRY}
    if activity and others and edtf:
        for pk, event in known.events.items():
            if (
                event["activity"] == activity
                and others & event.get("states", set())
                and dates_meet(edtf, event["date_edtf"])
                and scores.get(pk, 0) < SAME_FACTS
            ):
                scores[pk] = SAME_FACTS
    found = []
    for pk, score in scores.items():
        event = known.events[pk]
        agrees = (
            not edtf
            or date_within(edtf, event["date_edtf"])
            or date_within(event["date_edtf"], edtf)
        )
        figures_differ = _differs(numbers, event["figures"])
        relation = "same" if agrees and not figures_differ else "disputed"
        found.append({"slug": event["slug"], "score": round(score), "relation": relation})
    found.sort(key=lambda m: (-m["score"], m["relation"] != "same", m["slug"]))
    exact = [m for m in found if m["score"] == 100]
    if any(m["relation"] == "same" for m in exact):
        # Overlapping words that state one event at the date they give: another event told in
        # the same sentence at another date is not a dispute of it.
        found = [m for m in found if m["score"] < 100 or m["relation"] == "same"]
    # Every event whose words these overlap, and the closest few others.
    return tuple(
        [m for m in found if m["score"] == 100] + [m for m in found if m["score"] < 100][:3]
    )


def _content_words(text: str) -> frozenset:
    return frozenset(w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in {"with", "from"})


def _differs(numbers, event_figures) -> bool:
    """The words state numbers of the same things as the event's figures (their words share a
    word: "officers", "people") and none of the event's values."""
    values = set()
    for number in numbers:
        words = _content_words(number.unit)
        values |= {value for value, figure_words in event_figures if words & figure_words}
    return bool(values) and not {n.value for n in numbers} & values
