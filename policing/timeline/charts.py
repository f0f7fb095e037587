"""The figures page's chart, drawn on the server as SVG: positions worked out here, shapes in
the template. No JavaScript: the chart is in the page as it is served, and the table beside it
says the same in words.

The chart is a row of panels, one per scope (worldwide, a region, a country, one programme or
act: `FigureScope`), each with its own axes, titled with its scope: a course's 30 trainees are
never drawn on the scale of a worldwide yearly total. Each panel spans the years of its own
figures, and is never wider than a phone's screen (MAX_PLOT), so it opens on its data.

A claim (a figure as one or more sources state it, claims.py) sits at the middle of the period
it covers and a line spans that period; a period open at one end ("by 2025") puts the figure at
its known end, with a dashed line towards the open side. Reported totals, pledges and offers
are drawn as different shapes (circle, triangle, square), not only in different colours.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from policing.models import FigureScope
from policing.text.figures import parse_period
from policing.timeline.claims import Claim

HEIGHT = 240
LEFT, RIGHT, TOP, BOTTOM = 56, 28, 40, 40
YEAR_WIDTH = 72  # px a year, within MIN_PLOT and MAX_PLOT
MIN_PLOT, MAX_PLOT = 180, 256  # LEFT + MAX_PLOT + RIGHT: 340 px, a 390 px screen's panel
OPEN_SPAN = 0.75  # how far (in years) the dashed line of an open end reaches
CHAR_WIDTH = 7.5  # px a character of a label takes, about
TICK_GAP = 40  # px between year labels at least
SCOPE_ORDER = {scope: at for at, scope in enumerate(["", *FigureScope.values])}


@dataclass(frozen=True)
class Point:
    claim: Claim
    x: float
    y: float
    y_from: float  # where sources differ: the line from the smallest number to the largest
    x_from: float  # the period's line
    x_to: float
    open_start: bool
    open_end: bool
    label_x: float
    label_y: float
    label_anchor: str
    event_url: str
    words_url: str  # the words that state it, or with several sources their row in the table

    @property
    def figure(self):
        return self.claim.primary

    @property
    def label(self) -> str:
        return _label(self.claim)

    @property
    def triangle(self) -> str:
        """A pledge's mark: a triangle around the point."""
        return f"M{self.x},{round(self.y - 7, 1)} l7,12 l-14,0 z"

    @property
    def square(self) -> tuple[float, float]:
        """An offer's mark: the top-left corner of a 12 px square around the point."""
        return round(self.x - 6, 1), round(self.y - 6, 1)


@dataclass(frozen=True)
class Tick:
    at: float
    label: str


@dataclass(frozen=True)
class Panel:
    """One scope's claims, on axes of their own; a panel of claims none of which gives a
    period has no axes, only `unplaced`."""

    scope_key: tuple[str, str, str]
    title: str  # the scope in words: "Worldwide", "Region: Africa"
    slug: str  # for ids: "worldwide", "region-africa", "single-sb"
    unplaced: list[Claim]  # claims whose sources give no period
    width: int = 0
    height: int = 0
    plot_left: int = 0
    plot_right: int = 0
    plot_top: int = 0
    plot_bottom: int = 0
    points: list[Point] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    x_grid: list[float] = field(default_factory=list)  # the first day of each year
    y_ticks: list[Tick] = field(default_factory=list)
    first_year: int | None = None
    last_year: int | None = None  # the last year drawn (the axis ends at its end)
    units: str = ""  # what the numbers count: "officers", "people, officers"


@dataclass(frozen=True)
class Chart:
    panels: list[Panel]

    @property
    def points(self) -> list[Point]:
        return [point for panel in self.panels for point in panel.points]

    @property
    def unplaced(self) -> list[Claim]:
        return [claim for panel in self.panels for claim in panel.unplaced]

    @property
    def floors(self) -> bool:
        """Whether a drawn number is only a floor (“more than 2,000”): the key says so."""
        return any(f.is_lower_bound for p in self.points for f in p.claim.figures)

    @property
    def several_sources(self) -> bool:
        """Whether a drawn number is one several sources state: the key says so."""
        return any(point.claim.sourced > 1 for point in self.points)


def _year_fraction(day: dt.date) -> float:
    start = dt.date(day.year, 1, 1)
    length = (dt.date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def _y_scale(largest: float) -> tuple[int, int]:
    """The y axis' top, above the largest value, and its step: 1, 2 or 5 times a power of ten,
    for at most six steps."""
    largest = max(largest, 1)
    power = 10 ** math.floor(math.log10(largest))
    for step in (power // 5 or 1, power // 2 or 1, power, power * 2, power * 5):
        top = math.ceil(largest * 1.05 / step) * step
        if top / step <= 6:
            return int(top), int(step)
    return int(power * 10), int(power * 2)


def _span(earliest: float | None, latest: float | None) -> tuple[float, float, float]:
    """Where a period's point sits, and where its line starts and ends (in years)."""
    if earliest is not None and latest is not None:
        return (earliest + latest) / 2, earliest, latest
    if earliest is None:
        return latest, latest - OPEN_SPAN, latest
    return earliest, earliest, earliest + OPEN_SPAN


def _slug(key: tuple[str, str, str]) -> str:
    return "-".join(part.lower() for part in key if part) or "unset"


def timeline_chart(claims: list[Claim]) -> Chart | None:
    """The chart of `claims` (their figures with `event`, `citation` and `scope_country`
    loaded) over time, a panel per scope, or None without claims."""
    by_scope: dict[tuple, list[Claim]] = {}
    for claim in claims:
        by_scope.setdefault(claim.scope_key, []).append(claim)
    if not by_scope:
        return None
    keys = sorted(
        by_scope, key=lambda k: (SCOPE_ORDER.get(k[0], 99), by_scope[k][0].primary.scope_display)
    )
    return Chart([_panel(key, by_scope[key]) for key in keys])


def _panel(key: tuple[str, str, str], claims: list[Claim]) -> Panel:
    placed, unplaced = [], []
    for claim in claims:
        figure = claim.primary
        if not figure.period_edtf:
            unplaced.append(claim)
            continue
        period = parse_period(figure.period_edtf)
        earliest = _year_fraction(period.earliest) if period.earliest else None
        latest = _year_fraction(period.latest + dt.timedelta(days=1)) if period.latest else None
        placed.append((claim, earliest, latest))
    title = claims[0].primary.scope_display
    units = ", ".join(dict.fromkeys(c.primary.unit for c, _, _ in placed if c.primary.unit))
    if not placed:
        return Panel(key, title, _slug(key), unplaced)

    spans = [_span(earliest, latest) for _, earliest, latest in placed]
    first = math.floor(min(start for _, start, _ in spans))
    last = max(math.ceil(max(end for _, _, end in spans)), first + 1)
    plot_width = min(MAX_PLOT, max(MIN_PLOT, (last - first) * YEAR_WIDTH))
    width = LEFT + plot_width + RIGHT
    top, y_step = _y_scale(max(float(max(c.values)) for c, _, _ in placed))
    plot_right, plot_bottom = LEFT + plot_width, HEIGHT - BOTTOM

    def x(year: float) -> float:
        return round(LEFT + (year - first) / (last - first) * plot_width, 1)

    def y(value: float) -> float:
        return round(plot_bottom - value / top * (plot_bottom - TOP), 1)

    points, boxes = [], []
    for (claim, earliest, latest), (at, start, end) in sorted(
        zip(placed, spans, strict=True), key=lambda p: (p[1][0], p[1][1])
    ):
        values = claim.values
        px, py = x(at), y(float(values[-1]))
        label_x, label_y, anchor, box = _place_label(_label(claim), px, py, width, boxes)
        boxes.append(box)
        points.append(
            Point(
                claim=claim,
                x=px,
                y=py,
                y_from=y(float(values[0])),
                x_from=x(start),
                x_to=x(end),
                open_start=earliest is None,
                open_end=latest is None,
                label_x=label_x,
                label_y=label_y,
                label_anchor=anchor,
                event_url=claim.event.get_absolute_url(),
                words_url=_words_url(claim),
            )
        )
    years = last - first
    step = next(s for s in (1, 2, 5, 10, 20, 50) if s * plot_width / years >= TICK_GAP or s == 50)
    x_ticks = [Tick(x(year + 0.5), str(year)) for year in range(first, last, step)]
    y_ticks = [Tick(y(value), f"{value:,}") for value in range(0, top + 1, y_step)]
    return Panel(
        key,
        title,
        _slug(key),
        unplaced,
        width=width,
        height=HEIGHT,
        plot_left=LEFT,
        plot_right=plot_right,
        plot_top=TOP,
        plot_bottom=plot_bottom,
        points=points,
        x_ticks=x_ticks,
        x_grid=[x(year) for year in range(first, last + 1)],
        y_ticks=y_ticks,
        first_year=first,
        last_year=last - 1,
        units=units,
    )


def _label(claim: Claim) -> str:
    """The number by a mark: “more than 2,000”, “3,000 (3 sources)”; each source's where they
    differ."""
    numbers = dict.fromkeys(
        f"{f.qualifier} {f.display_number}" if f.is_lower_bound else f.display_number
        for f in claim.figures
    )
    sources = f" ({claim.sourced} sources)" if claim.sourced > 1 else ""
    return " / ".join(numbers) + sources


def _place_label(text: str, px: float, py: float, width: int, placed: list) -> tuple:
    """Where a point's label goes: above it, centred or, near a side, ending or starting by it;
    else below it. The first place inside the panel that covers no label already `placed`."""
    tries = []
    for y in (py - 12, py + 22):
        for anchor in ("middle", "end", "start"):
            x = {"end": px + 6, "start": px - 6}.get(anchor, px)
            tries.append((x, y, anchor, _box(x, y, anchor, text)))
    inside = [t for t in tries if t[3][0] >= 2 and t[3][2] <= width - 2] or tries
    return next((t for t in inside if not any(_overlaps(t[3], o) for o in placed)), inside[0])


def _box(x: float, y: float, anchor: str, text: str) -> tuple[float, float, float, float]:
    """Roughly where a label's text falls (left, top, right, bottom), at 13 px bold."""
    width = len(text) * CHAR_WIDTH
    left = {"start": x, "end": x - width}.get(anchor, x - width / 2)
    return left, y - 12, left + width, y + 3


def _overlaps(one, other) -> bool:
    return one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3]


def _words_url(claim: Claim) -> str:
    """The words that state a claim one source gives; its row in the table if several do."""
    if claim.sourced > 1:
        return f"#{claim.anchor}"
    citation = claim.primary.citation
    return citation.reader_address() if citation else ""
