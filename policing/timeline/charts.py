"""The figures page's chart, drawn on the server as SVG: positions worked out here, shapes in
the template. No JavaScript: the chart is in the page as it is served, and the table beside it
says the same in words.

A figure sits at the middle of the period it covers and a line spans that period; a period
open at one end ("by 2025") puts the figure at its known end, with a dashed line towards the
open side. Reported totals, pledges and offers are drawn as different shapes (circle,
triangle, square), not only in different colours.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from policing.text.figures import parse_period

WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 28, 44
OPEN_SPAN = 0.75  # how far (in years) the dashed line of an open end reaches
LABEL_GAP = 44  # labels at the same height closer than this (px) move below their point


@dataclass(frozen=True)
class Point:
    figure: object
    x: float
    y: float
    x_from: float  # the period's line
    x_to: float
    open_start: bool
    open_end: bool
    label_y: float
    event_url: str
    quote_url: str

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
class Chart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    points: list[Point]
    x_ticks: list[Tick]
    x_grid: list[float]  # the first day of each year
    y_ticks: list[Tick]
    unplaced: list  # figures of the series whose source gives no period


def _year_fraction(day: dt.date) -> float:
    start = dt.date(day.year, 1, 1)
    length = (dt.date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def _y_scale(largest: float) -> tuple[int, int]:
    """The y axis' top, above the largest value, and its step: 1, 2 or 5 times a power of ten,
    for four to eight steps."""
    largest = max(largest, 1)
    power = 10 ** math.floor(math.log10(largest))
    for step in (power // 5 or 1, power // 2 or 1, power, power * 2, power * 5):
        top = math.ceil(largest * 1.05 / step) * step
        if top / step <= 8:
            return int(top), int(step)
    return int(power * 10), int(power * 2)


def _span(earliest: float | None, latest: float | None) -> tuple[float, float, float]:
    """Where a period's point sits, and where its line starts and ends (in years)."""
    if earliest is not None and latest is not None:
        return (earliest + latest) / 2, earliest, latest
    if earliest is None:
        return latest, latest - OPEN_SPAN, latest
    return earliest, earliest, earliest + OPEN_SPAN


def timeline_chart(figures) -> Chart | None:
    """The chart of `figures` (each with `event` and `citation` loaded) over time, or None if
    none of them gives a period."""
    placed, unplaced = [], []
    for figure in figures:
        if not figure.period_edtf:
            unplaced.append(figure)
            continue
        period = parse_period(figure.period_edtf)
        earliest = _year_fraction(period.earliest) if period.earliest else None
        latest = _year_fraction(period.latest + dt.timedelta(days=1)) if period.latest else None
        placed.append((figure, earliest, latest))
    if not placed:
        return None
    spans = [_span(earliest, latest) for _, earliest, latest in placed]
    first = math.floor(min(start for _, start, _ in spans))
    last = math.ceil(max(end for _, _, end in spans))
    top, y_step = _y_scale(max(float(f.value) for f, _, _ in placed))
    plot_right, plot_bottom = WIDTH - RIGHT, HEIGHT - BOTTOM

    def x(year: float) -> float:
        return round(LEFT + (year - first) / (last - first) * (plot_right - LEFT), 1)

    def y(value: float) -> float:
        return round(plot_bottom - value / top * (plot_bottom - TOP), 1)

    points, labels = [], []
    for (figure, earliest, latest), (at, start, end) in sorted(
        zip(placed, spans, strict=True), key=lambda p: (p[1][0], p[1][1])
    ):
        px, py = x(at), y(float(figure.value))
        # A label above its point, or below if another label at that height is too close.
        crowded = any(abs(px - lx) < LABEL_GAP and abs(py - ly) < 14 for lx, ly in labels)
        label_y = py + 22 if crowded else py - 12
        labels.append((px, label_y if not crowded else py - 12))
        points.append(
            Point(
                figure=figure,
                x=px,
                y=py,
                x_from=x(start),
                x_to=x(end),
                open_start=earliest is None,
                open_end=latest is None,
                label_y=label_y,
                event_url=figure.event.get_absolute_url(),
                quote_url=figure.citation.reader_address() if figure.citation else "",
            )
        )
    step = max(1, math.ceil((last - first) / 12))
    x_ticks = [Tick(x(year + 0.5), str(year)) for year in range(first, last, step)]
    y_ticks = [Tick(y(value), f"{value:,}") for value in range(0, top + 1, y_step)]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        plot_left=LEFT,
        plot_right=plot_right,
        plot_top=TOP,
        plot_bottom=plot_bottom,
        points=points,
        x_ticks=x_ticks,
        x_grid=[x(year) for year in range(first, last + 1)],
        y_ticks=y_ticks,
        unplaced=unplaced,
    )
