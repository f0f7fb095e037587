"""The same figure as several sources state it: one claim with its sources.

Figures of one event are the same figure when they count the same thing in the same unit, with
the same status and scope, over periods that overlap or that the words leave unstated
(docs/corpus.md, "Figures"). The Lianyungang target is one claim stated by three reports ("3,000
in 2025", "3,000 more by 2025", "3,000 police officers worldwide"); the A$190 million and its
US$118 million are one report's two figures, in two units, not two claims.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from policing.text.figures import parse_period


def same_figure(figure) -> tuple:
    """What figures of the same claim share; their periods must also overlap (`_overlap`)."""
    return (figure.event_id, figure.counts, figure.unit, figure.status, figure.scope_key)


@dataclass(frozen=True)
class Claim:
    """One figure as its sources state it: `figures`, one per source's wording, the one whose
    period is the most precise first (it places the claim on the chart)."""

    figures: tuple

    @property
    def primary(self):
        return self.figures[0]

    @property
    def event(self):
        return self.primary.event

    @property
    def scope_key(self) -> tuple[str, str, str]:
        return self.primary.scope_key

    @property
    def status(self) -> str:
        return self.primary.status

    @property
    def sourced(self) -> int:
        """How many of the figures state it (one per source's wording)."""
        return len(self.figures)

    @property
    def disputed(self) -> bool:
        """The sources give different numbers, or hedge the same one differently."""
        return len({(f.value, f.qualifier) for f in self.figures}) > 1

    @property
    def periods_differ(self) -> bool:
        return len({f.period_edtf for f in self.figures}) > 1

    @property
    def values(self) -> list:
        """The numbers the sources give, smallest first."""
        return sorted({f.value for f in self.figures})

    @property
    def display_value(self) -> str:
        """“3,000 officers”; where the sources differ, each: “more than 12 or at least 12”."""
        return " or ".join(dict.fromkeys(figure.display_value for figure in self.figures))

    @property
    def anchor(self) -> str:
        """The id of the claim's row in the figures table."""
        return f"claim-{self.primary.pk}"


def claims(figures) -> list[Claim]:
    """`figures` as claims, each at the place of its first figure in `figures`."""
    buckets: dict[tuple, list] = {}
    for figure in figures:
        buckets.setdefault(same_figure(figure), []).append(figure)
    found: list[list] = []
    for members in buckets.values():
        found += _by_period(members)
    order = {id(figure): at for at, figure in enumerate(figures)}
    found.sort(key=lambda group: min(order[id(f)] for f in group))
    return [Claim(tuple(sorted(group, key=_precision))) for group in found]


def _bounds(figure) -> tuple[dt.date | None, dt.date | None] | None:
    """The period's first and last day (None for an open end), or None without a period."""
    if not figure.period_edtf:
        return None
    period = parse_period(figure.period_edtf)
    return period.earliest, period.latest


def _overlap(one, other) -> bool:
    (start, end), (other_start, other_end) = one, other
    return (start is None or other_end is None or start <= other_end) and (
        other_start is None or end is None or other_start <= end
    )


def _by_period(members: list) -> list[list]:
    """Figures of one kind, in groups whose periods overlap, one figure to the next. A figure
    without a period joins the group if there is one; beside several, it stands alone (the
    words do not say which it is)."""
    groups: list[tuple[list, list]] = []  # (figures, their bounds)
    undated = []
    for figure in members:
        bounds = _bounds(figure)
        if bounds is None:
            undated.append(figure)
            continue
        joined = [g for g in groups if any(_overlap(bounds, other) for other in g[1])]
        merged = ([figure], [bounds])
        for group in joined:
            groups.remove(group)
            merged[0][:0], merged[1][:0] = group[0], group[1]
        groups.append(merged)
    result = [group[0] for group in groups]
    if len(result) <= 1:
        return [(result[0] if result else []) + undated]
    return result + [[figure] for figure in undated]


def _precision(figure) -> tuple:
    """Most precise period first: both ends known and the shortest, then one end, then none;
    then the order the figures were entered in."""
    bounds = _bounds(figure)
    if bounds is None:
        return (2, 0, figure.pk or 0)
    start, end = bounds
    if start is None or end is None:
        return (1, 0, figure.pk or 0)
    return (0, (end - start).days, figure.pk or 0)
