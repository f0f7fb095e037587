"""Which existing events a proposal's words may be cited in, best first, each with what tells
events apart at a glance: its date in words, its countries and its stage (the merge picker of
the review pages).

The order starts from the proposal's own matches (policing/proposals/matching.py, read when
it was proposed): they are never re-scored here. Words an editor types filter them and add
other events the words find, after them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch

from policing.models import SUBJECT_COUNTRY, Country, Event, Proposal, Stage
from policing.text import search

# How many events a search offers: a picker is for choosing, not for browsing the timeline.
FOUND_LIMIT = 8


@dataclass(frozen=True)
class Choice:
    """One event an editor may cite the words in, as the picker shows it."""

    event: Event
    relation: str = ""  # "same", "disputed" (the proposal's matches), "" for a search result
    score: float | None = None

    @property
    def date_words(self) -> str:
        return self.event.date_display

    @property
    def countries(self) -> list[str]:
        return [c.name for c in self.event.countries.all()]

    @property
    def stage(self) -> str:
        return Stage(self.event.stage).label if self.event.stage else ""


def _events():
    return Event.objects.prefetch_related(
        Prefetch("countries", queryset=Country.objects.order_by("name"))
    )


def _best_first(matches) -> list[dict]:
    rows = [m for m in matches or () if isinstance(m, dict) and m.get("slug")]
    return sorted(rows, key=lambda m: -float(m.get("score") or 0))  # stable: ties as stored


def suggested(proposals: Iterable[Proposal]) -> dict[int, list[Choice]]:
    """Each proposal's own matches, best first (a match whose event is gone is left out), for
    any number of proposals in two queries."""
    proposals = list(proposals)
    wanted = {m["slug"] for p in proposals for m in _best_first(p.matches)}
    events = _events().in_bulk(wanted, field_name="slug") if wanted else {}
    return {
        p.pk: [
            Choice(events[m["slug"]], m.get("relation", ""), m.get("score"))
            for m in _best_first(p.matches)
            if m["slug"] in events
        ]
        for p in proposals
    }


def same_in(choices: list[Choice]) -> Event | None:
    """The event the words state (the best "same" match), if any: accepting cites them there."""
    return next((c.event for c in choices if c.relation == "same"), None)


def found(proposal: Proposal, words: str, *, limit: int = FOUND_LIMIT) -> list[Choice]:
    """The events `words` find (in titles, summaries and quoted words, as the timeline's search
    finds them), the proposal's own matches among them first and in their order; then those
    whose title has the words, those sharing a state with the proposal, the nearest in date."""
    words = search.normalise(words).strip()
    if not words:
        return suggested([proposal])[proposal.pk][:limit]
    hits = {e.pk: e for e in _events().search(words)[:200]}
    own = [c for c in suggested([proposal])[proposal.pk] if c.event.pk in hits]
    taken = {c.event.pk for c in own}
    terms = [w.casefold() for w in words.split()]
    codes = set(proposal.countries)

    def rank(event: Event) -> tuple:
        title = search.normalise(event.title).casefold()
        shares = codes & {c.code for c in event.countries.all()} - {SUBJECT_COUNTRY}
        return (
            not all(t in title for t in terms),
            not shares,
            _days_apart(proposal.date_start, event.date_start),
            event.title,
        )

    rest = sorted((e for pk, e in hits.items() if pk not in taken), key=rank)
    return (own + [Choice(e) for e in rest])[:limit]


def _days_apart(one: dt.date | None, other: dt.date | None) -> int:
    if one is None or other is None:
        return 10**6
    return abs((one - other).days)
