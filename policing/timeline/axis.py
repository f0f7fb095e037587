"""The time axis: where each event is drawn and how, in plain Python (no database, no template).

`extent()` is the one rule for what an event's EDTF date lets the axis draw: a day is a
diamond; a date known only to a month or a year is an outlined bar over that month or year; a
span is a solid bar; one day between two dates ("between 1 and 23 Feb 2025") is a hatched band
over the window, so that it does not read as a span the event lasted; a bound ("after Jun
2019", "by 20 Feb 2025") has a solid edge at the date it knows and fades towards the side it
does not; one of several dates ("2 or 9 Sep 2024") is a tick at each, joined by a dotted line;
a qualified date ("c. Jan 2025", "2024?") is hatched.

`layout()` positions the marks: one lane per thread, country or activity, each lane in rows so
that no two marks or labels overlap; what does not fit in `MAX_ROWS` rows is gathered into a
cluster ("+7"), which the page links to a zoom on its years. Consecutive steps of one thread
in a lane are joined, so an agreement's life reads left to right. `density()` is the axis of
too many events to draw one by one: a count per lane and year.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property

from policing.text import dates

# What a mark is, by what its date says (the legend names each).
DAY, PERIOD, SPAN, BETWEEN, AFTER, BY, ONE_OF, EACH = (
    "day",
    "period",
    "span",
    "between",
    "after",
    "by",
    "one-of",
    "each",
)
# No bound on the years an open end may be drawn into (`extent` called without the years an
# event is placed in).
OPEN_START_YEAR, OPEN_END_YEAR = 0, 9999
# How far an open end fades from its known date (never out of the years it is placed in).
OPEN_FADE = dt.timedelta(days=365)

# Geometry, in SVG units (the drawing scales to its box; on a phone it scrolls sideways).
WIDTH = 960
PLOT_LEFT, PLOT_RIGHT = 16, WIDTH - 16
TOP = 30  # the year labels
BOTTOM = 26
LANE_HEAD = 22  # each lane's name, above its rows
ROW = 30  # a label above a bar
BAR = 10
EDGE = 2.5  # the solid edge of a bound
LANE_GAP = 8
MIN_MARK = 8  # the narrowest bar drawn (a month is 2.6 units wide at 30 years)
DIAMOND = 12  # a day's mark
LABEL_SIZE = 11  # a mark's label, in px (site.css .axis-label)
LANE_CHAR_WIDTH = 7.5  # an estimate of a lane name's character, at 12 px and bold
# A label takes the room its row leaves up to the next mark; with less than MIN_LABEL (about
# a dozen characters) the mark shows its number in the list below the axis instead. A label
# that would run off the right edge ends at its mark, judged on at most LABEL_ROOM of it.
LABEL_ROOM = 170
MIN_LABEL = 80
MIN_TITLE = 6  # the fewest characters of the title a cut label shows after its stage
GAP = 6  # the least space between two marks (or labels) in a row
REPEAT = 400  # how often a lane's name repeats along its heading (on a phone)
MAX_ROWS = 6  # rows of single marks in a lane; the rest of a crowd is clustered
CLUSTER_WIDTH = 34
# More marks than this and the axis counts per lane and year instead (`density`).
MAX_MARKS = 1000
# Lanes drawn at most; the rest are named in a note and reached through the filters.
MAX_LANES = 60
# About what a phone shows of the drawing at once (the 46rem it keeps, of 960 units, seen
# through a 390 px screen): it opens on the stretch this wide that holds the most events.
PHONE_VIEW = 440

# Advance widths in em, close to DejaVu Sans: Debian's sans-serif and the widest face the
# stylesheet's system-ui falls back to, so a label estimated to fit does wherever it is read.
_NARROW = frozenset(" ijlI.,:;'!|‘’·")
_SLIGHT = frozenset('ftrJ-()[]/"')
_WIDE = frozenset("mwMW@%—…")


def char_width(char: str, size: float = LABEL_SIZE) -> float:
    if char in _NARROW:
        em = 0.32
    elif char in _SLIGHT:
        em = 0.42
    elif char in _WIDE:
        em = 1.0
    elif char.isupper() or char.isdigit() or char in "&#+=<>~":
        em = 0.74
    else:
        em = 0.64
    return em * size


def text_width(text: str, size: float = LABEL_SIZE) -> float:
    """An estimate of `text`'s width in SVG units, for packing labels."""
    return sum(char_width(char, size) for char in text)


def fitted(text: str, room: float) -> str:
    """`text` whole if it fits in `room`, else cut with "…" (after a word where one ends in
    the second half of what fits); "" when not even a letter fits."""
    if text_width(text) <= room:
        return text
    budget, width, cut = room - char_width("…"), 0.0, 0
    for char in text:
        width += char_width(char)
        if width > budget:
            break
        cut += 1
    kept = text[:cut]
    space = kept.rfind(" ")
    if space >= cut / 2:
        kept = kept[:space]
    kept = kept.rstrip(" ,;:–-")
    return f"{kept}…" if kept else ""


@dataclass(frozen=True)
class Extent:
    """The days an event's date lets the axis draw, and how (`kind`, one of the constants)."""

    kind: str
    start: dt.date  # the first day drawn
    end: dt.date  # the last day drawn
    approximate: bool = False  # "about" or "uncertain" (an EDTF qualifier): hatched
    choices: tuple[tuple[dt.date, dt.date], ...] = ()  # each possible date of a set

    @property
    def exact(self) -> bool:
        """A day or a span known at both ends, with nothing hedged."""
        return self.kind in (DAY, SPAN) and not self.approximate


def extent(
    edtf: str, *, start_year: int = OPEN_START_YEAR, end_year: int = OPEN_END_YEAR
) -> Extent:
    """What the axis draws for an EDTF value. `start_year` and `end_year` are the years the
    event is placed in (`Event.years_covered`: an open end adds none beyond its known bound).
    The days drawn lie within them and reach into each of them (an open end fades no further
    than the years it is placed in, and at least into the furthest), so the axis draws an event
    in exactly the years the year filter lists it under."""
    parsed = dates.parse_edtf(edtf)
    points = parsed.points
    approximate = any(p.qualifier for p in points if p)
    if parsed.form == "date":
        point = points[0]
        kind = DAY if point.precision == dates.DAY else PERIOD
        return Extent(kind, point.start, point.end, approximate)
    if parsed.form in ("interval", "between") and None in points:
        # One end open: an interval's or a window's known bound, fading towards the open end.
        first, last = points
        if last is None:
            end = first.start + OPEN_FADE
            if end_year != OPEN_END_YEAR:
                end = min(max(end, dt.date(end_year, 1, 1)), dt.date(end_year, 12, 31))
            return Extent(AFTER, first.start, max(end, first.end), approximate)
        if first is None:
            start = last.end - OPEN_FADE
            if start_year != OPEN_START_YEAR:
                start = max(min(start, dt.date(start_year, 12, 31)), dt.date(start_year, 1, 1))
            return Extent(BY, min(start, last.start), last.end, approximate)
    if parsed.form == "interval":
        first, last = points
        return Extent(SPAN, first.start, last.end, approximate)
    if parsed.form == "between":
        first, last = points
        return Extent(BETWEEN, first.start, last.end, approximate)
    choices = tuple((p.start, p.end) for p in points)
    kind = ONE_OF if parsed.form == "set" else EACH
    return Extent(kind, choices[0][0], choices[-1][1], approximate, choices)


# --- the input: events as the axis needs them ----------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One event to draw: its link, words and date, and the lanes it belongs to."""

    key: int
    url: str
    title: str
    edtf: str
    activity: str
    lanes: tuple[str, ...]
    stage: str = ""
    thread: str = ""  # the thread's slug, "" if none
    start_year: int = OPEN_START_YEAR
    end_year: int = OPEN_END_YEAR

    @cached_property  # shown on the mark, in the list and in a crowd's list
    def when(self) -> str:
        return dates.in_words(self.edtf)


# --- the output: positioned marks ---------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    item: Item
    extent: Extent
    x0: float  # the bar (or diamond) drawn, clipped to the plot
    x1: float
    y: float  # the middle of the bar
    label: str  # its title as far as its row has room, or its number (`numbered`)
    label_x: float
    label_end: bool  # the label ends at label_x (it would have run off the right edge)
    clipped_start: bool  # the date reaches before the first year shown
    clipped_end: bool
    choices: tuple[tuple[float, float], ...] = ()
    beyond: str = ""  # the clipping in words: "reaches before 2024"
    number: int = 0  # its place in the list below the axis (timeline order, from 1)
    numbered: bool = False  # no room for its title: the label is its number

    @property
    def cut(self) -> bool:
        """The label shows less than the title (the tooltip and the list give it whole)."""
        return self.numbered or self.label.endswith("…")

    @property
    def kind(self) -> str:
        return self.extent.kind

    @property
    def name(self) -> str:
        """Its tooltip and accessible name: the event, its date in words, and where the date
        reaches beyond the years shown."""
        name = f"{self.item.title}, {self.item.when}"
        return f"{name} ({self.beyond})" if self.beyond else name

    @property
    def width(self) -> float:
        return round(self.x1 - self.x0, 1)

    @property
    def middle(self) -> float:
        return round((self.x0 + self.x1) / 2, 1)

    @property
    def top(self) -> float:
        return round(self.y - BAR / 2, 1)

    @property
    def label_y(self) -> float:
        return round(self.y - BAR / 2 - 5, 1)

    @property
    def edge_x(self) -> float:
        """The solid edge of a bound: where "after" starts, where "by" ends."""
        return round(self.x1 - EDGE if self.kind == BY else self.x0, 1)

    @property
    def has_edge(self) -> bool:
        """A bound drawn with its solid edge: not where the bound is past the years shown."""
        if self.kind == AFTER:
            return not self.clipped_start
        return self.kind == BY and not self.clipped_end

    @property
    def edge_y(self) -> float:
        return round(self.y - BAR / 2 - 3, 1)

    @property
    def continues(self) -> str:
        """Arrowheads outside the plot where the date reaches beyond the years shown."""
        heads = []
        if self.clipped_start:
            heads.append(f"M{self.x0 - 2},{self.y - 5} l-6,5 l6,5 z")
        if self.clipped_end:
            heads.append(f"M{self.x1 + 2},{self.y - 5} l6,5 l-6,5 z")
        return " ".join(heads)

    @property
    def choice_marks(self) -> list[tuple[float, float]]:
        """Each possible date of a set: its x and width."""
        return [(a, round(b - a, 1)) for a, b in self.choices]

    @property
    def diamond(self) -> str:
        """A day's mark: a diamond around the middle of the day."""
        half = DIAMOND / 2
        return f"M{self.middle},{self.y - half} l{half},{half} l-{half},{half} l-{half},-{half} z"


@dataclass(frozen=True)
class Cluster:
    """Marks of one lane too crowded to draw one by one, shown as a count."""

    number: int  # its place among the axis's clusters, for its anchor
    lane: str
    lane_label: str
    items: tuple[Item, ...]
    x: float  # the badge's left edge
    y: float
    first: dt.date
    last: dt.date
    link: str = ""  # a zoom on its years, or its list below the axis when that zooms no closer

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def years(self) -> tuple[int, int]:
        return self.first.year, self.last.year

    @property
    def when(self) -> str:
        """The days its events are drawn over, in words: "Mar 2024 – Feb 2025"."""
        first, last = f"{self.first:%b %Y}", f"{self.last:%b %Y}"
        return first if first == last else f"{first} – {last}"

    @property
    def zooms(self) -> bool:
        return not self.link.startswith("#")

    @property
    def width(self) -> int:
        return CLUSTER_WIDTH

    @property
    def text_x(self) -> float:
        return round(self.x + CLUSTER_WIDTH / 2, 1)

    @property
    def text_y(self) -> float:
        return round(self.y + 13, 1)


@dataclass(frozen=True)
class Join:
    """A line from one step of a thread to its next in the same lane."""

    x1: float
    y1: float
    x2: float
    y2: float
    thread: str

    @property
    def path(self) -> str:
        if self.y1 == self.y2:
            return f"M{self.x1},{self.y1} H{self.x2}"
        # Across rows: along the first row, then down (or up) to the next step.
        bend = round(max(self.x1, self.x2 - 8), 1)
        return f"M{self.x1},{self.y1} H{bend} V{self.y2} H{self.x2}"


@dataclass
class Lane:
    key: str
    label: str
    y: float = 0  # the top of its heading
    height: float = 0
    rows: int = 0
    marks: list[Mark] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    joins: list[Join] = field(default_factory=list)

    @property
    def count(self) -> int:
        """The events drawn in the lane, a crowd of N counting N: the number its name shows."""
        return len(self.marks) + self.crowded

    @property
    def crowded(self) -> int:
        return sum(cluster.count for cluster in self.clusters)

    @property
    def in_crowds(self) -> str:
        """How many of its events are counted in crowds, in words ("" for none)."""
        if not self.crowded:
            return ""
        return f"{self.crowded} in {'a crowd' if len(self.clusters) == 1 else 'crowds'}"

    @property
    def heading(self) -> str:
        """Its name and count, with those in crowds: "Not part of a thread · 15 (1 in a
        crowd)"."""
        text = f"{self.label} · {self.count}"
        return f"{text} ({self.in_crowds})" if self.crowded else text

    @property
    def label_y(self) -> float:
        return self.y + 15

    @property
    def repeats(self) -> list[float]:
        """Where the lane's name is written again along its heading, so that a phone scrolled
        sideways still shows it (the stylesheet hides these on wide screens). A long name is
        written again only after it ends, so the two never run into each other."""
        step = max(REPEAT, round(len(self.heading) * LANE_CHAR_WIDTH) + 40)
        return [float(x) for x in range(PLOT_LEFT + step, PLOT_RIGHT - 120, step)]

    @property
    def bottom(self) -> float:
        return self.y + self.height


# A link to the axis on the years from the first to the second (the page's filters kept).
Zoom = Callable[[int, int], str]


@dataclass(frozen=True)
class Tick:
    x: float
    label: str  # "" for a grid line without a label
    year: int | None = None  # a year's tick
    link: str = ""  # a zoom on that year


@dataclass(frozen=True)
class Scale:
    """Days to x: the first day of `first_year` to the last day of `last_year`."""

    first_year: int
    last_year: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.first_year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.last_year, 12, 31)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def meets(self, ext: Extent) -> bool:
        """Whether any day of `ext` is in the years shown."""
        return ext.start <= self.end and ext.end >= self.start

    def x(self, day: dt.date, *, after: bool = False) -> float:
        """The x of the start of `day` (of its end with `after`), clamped to the plot."""
        offset = (day - self.start).days + (1 if after else 0)
        offset = min(max(offset, 0), self.days)
        return round(PLOT_LEFT + offset / self.days * (PLOT_RIGHT - PLOT_LEFT), 1)

    def ticks(self, link: Zoom | None = None) -> list[Tick]:
        """A line at each year (each month when two years or fewer are shown), labelled as
        often as the labels fit; a labelled year links to a zoom on it when it is not the
        only year shown."""
        years = self.last_year - self.first_year + 1

        def zoom(year: int | None, label: str) -> str:
            return link(year, year) if link and year and label and years > 1 else ""

        ticks = []
        if years <= 2:
            for year in range(self.first_year, self.last_year + 1):
                for month in range(1, 13):
                    day = dt.date(year, month, 1)
                    label = f"{year}" if month == 1 else f"{day:%b}"
                    if years == 2 and month not in (1, 4, 7, 10):
                        label = ""
                    first = year if month == 1 else None
                    ticks.append(Tick(self.x(day), label, first, zoom(first, label)))
            return ticks
        every = 1 if years <= 16 else 2 if years <= 30 else 5 if years <= 80 else 10
        for year in range(self.first_year, self.last_year + 1):
            label = f"{year}" if year % every == 0 or year == self.first_year else ""
            ticks.append(Tick(self.x(dt.date(year, 1, 1)), label, year, zoom(year, label)))
        return ticks

    def year_middles(self) -> list[tuple[int, float, float]]:
        """Each year's x range: (year, x of 1 Jan, x of 31 Dec's end)."""
        return [
            (year, self.x(dt.date(year, 1, 1)), self.x(dt.date(year, 12, 31), after=True))
            for year in range(self.first_year, self.last_year + 1)
        ]


def busiest(spans: Iterable[tuple[float, float, int]], view: float = PHONE_VIEW) -> float:
    """The middle of the stretch `view` wide that meets the most of `spans` (x0, x1, how many
    events each stands for), the earliest of equals (labels run to the right of their marks):
    where a phone opens the drawing."""
    spans = list(spans)
    if not spans:
        return (PLOT_LEFT + PLOT_RIGHT) / 2
    starts = sorted(x0 for x0, _, _ in spans)
    ends = sorted(x1 for _, x1, _ in spans)
    by_start = sorted((x0, n) for x0, _, n in spans)
    by_end = sorted((x1, n) for _, x1, n in spans)
    begun, over = [0], [0]  # how many events start by, and end before, each position
    for _, n in by_start:
        begun.append(begun[-1] + n)
    for _, n in by_end:
        over.append(over[-1] + n)
    # A best stretch has its right edge at a span's start or its left edge at a span's end.
    candidates = {x0 - view for x0 in starts} | set(ends)
    best, best_at = -1, 0.0
    for at in sorted(min(max(x, 0.0), WIDTH - view) for x in candidates):
        seen = begun[bisect_right(starts, at + view)] - over[bisect_left(ends, at)]
        if seen > best:
            best, best_at = seen, at
    return round(best_at + view / 2, 1)


@dataclass(frozen=True, kw_only=True)
class Frame:
    """What a drawing of lanes over years shares, marks or counts: its scale, ticks, height
    and plot area."""

    scale: Scale
    ticks: list[Tick]
    height: float
    hidden_lanes: int = 0  # lanes past MAX_LANES, not drawn
    width: int = WIDTH
    plot_left: int = PLOT_LEFT
    plot_right: int = PLOT_RIGHT
    plot_top: int = TOP

    @property
    def plot_bottom(self) -> float:
        return self.height - BOTTOM

    def spans(self) -> Iterable[tuple[float, float, int]]:
        return ()

    @property
    def opens_at(self) -> float:
        """Where a phone, seeing part of the drawing, opens it: the middle of its busiest
        stretch, as a share of its width."""
        return round(busiest(self.spans()) / self.width, 3)

    @property
    def top_labels_y(self) -> float:
        return self.plot_top - 10

    @property
    def bottom_labels_y(self) -> float:
        return self.plot_bottom + 16


@dataclass(frozen=True, kw_only=True)
class Axis(Frame):
    lanes: list[Lane]
    marks: int  # marks drawn one by one
    clusters: list[Cluster]
    items: list[Item]  # every event, once, in timeline order

    def spans(self) -> Iterable[tuple[float, float, int]]:
        for lane in self.lanes:
            yield from ((m.x0, m.x1, 1) for m in lane.marks)
            yield from ((c.x, c.x + c.width, c.count) for c in lane.clusters)

    @property
    def kinds(self) -> set[str]:
        """The kinds of mark drawn (the legend shows these first)."""
        marks = [m for lane in self.lanes for m in lane.marks]
        return (
            {m.kind for m in marks}
            | ({"approximate"} if any(m.extent.approximate for m in marks) else set())
            | ({"continues"} if any(m.continues for m in marks) else set())
            | ({"numbered"} if any(m.numbered for m in marks) else set())
        )


def scale_for(extents: Iterable[Extent], year_from: int | None, year_to: int | None) -> Scale:
    """The years shown: those asked for, else from the earliest to the latest day drawn."""
    extents = list(extents)
    first = year_from
    last = year_to
    if first is None:
        first = min((e.start.year for e in extents), default=last or dt.date.today().year)
    if last is None:
        last = max((e.end.year for e in extents), default=first)
    return Scale(min(first, last), max(first, last))


def _label(item: Item, lanes: str) -> str:
    """A mark's label in full (it is cut to its room once its row is known)."""
    if lanes == "thread" and item.stage:
        return f"{item.stage.capitalize()}: {item.title}"
    return item.title


def layout(
    items: list[Item],
    lanes: list[tuple[str, str]],
    *,
    lane_kind: str = "thread",
    year_from: int | None = None,
    year_to: int | None = None,
    link: Zoom | None = None,
) -> Axis:
    """Every item's marks in the lanes it belongs to (`lanes`: key and label, in the order
    drawn), on the years asked for or those the items cover. `items` in timeline order;
    `link` makes the zoom links of the year labels and the clusters."""
    extents = {
        item.key: extent(item.edtf, start_year=item.start_year, end_year=item.end_year)
        for item in items
    }
    numbers = {item.key: number for number, item in enumerate(items, 1)}
    scale = scale_for(extents.values(), year_from, year_to)
    # What a lane holds is decided once, for its count and its marks alike: its items with a
    # day in the years shown, each drawn clipped to them. Items placed in the years of the
    # year filter all have one (`extent`), so on the page every event listed is drawn.
    members: dict[str, list[Item]] = {key: [] for key, _ in lanes}
    for item in items:
        if not scale.meets(extents[item.key]):
            continue
        for key in item.lanes:
            if key in members:
                members[key].append(item)
    shown = [(key, label) for key, label in lanes if members[key]]
    hidden = max(len(shown) - MAX_LANES, 0)
    shown = shown[:MAX_LANES]

    drawn_lanes, clusters, y, drawn = [], [], float(TOP + 6), 0
    for key, label in shown:
        lane = Lane(key, label, y=y)
        marks, crowd = _pack(members[key], extents, scale, lane_kind, numbers)
        lane.rows = max((row for row, _ in marks), default=-1) + 1
        body = y + LANE_HEAD
        lane.marks = [_placed(m, body + row * ROW) for row, m in marks]
        lane.marks.sort(key=lambda m: (m.x0, m.y))
        if crowd:
            cluster_y = body + lane.rows * ROW
            for group in _crowds(crowd, extents, scale):
                number = len(clusters) + 1
                cluster = _cluster(number, (key, label), group, extents, scale, cluster_y, link)
                lane.clusters.append(cluster)
                clusters.append(cluster)
        lane.joins = _joins(lane.marks)
        lane.height = LANE_HEAD + (lane.rows + (1 if crowd else 0)) * ROW + LANE_GAP
        y += lane.height
        drawn += len(lane.marks)
        drawn_lanes.append(lane)
    height = y + BOTTOM
    return Axis(
        scale=scale,
        lanes=drawn_lanes,
        ticks=scale.ticks(link),
        height=round(height, 1),
        marks=drawn,
        clusters=clusters,
        items=items,
        hidden_lanes=hidden,
    )


@dataclass(frozen=True)
class _Draft:
    """A mark before its row is known, with its label in full."""

    item: Item
    extent: Extent
    x0: float
    x1: float
    label: str
    label_end: bool  # the label ends at the mark (it would run off the right edge)
    clipped_start: bool
    clipped_end: bool
    choices: tuple[tuple[float, float], ...]
    beyond: str
    number: int

    def around(self, width: float) -> tuple[float, float]:
        """The x range of the mark with a label `width` wide above it."""
        if self.label_end:
            return min(self.x0, self.x1 - width), self.x1
        return self.x0, max(self.x1, self.x0 + width)

    @property
    def need(self) -> tuple[float, float]:
        """The least it takes in a row: the mark and its number."""
        return self.around(text_width(str(self.number)))

    @property
    def want(self) -> tuple[float, float]:
        """What it takes with its whole label."""
        return self.around(text_width(self.label))


def _beyond(before: bool, after: bool, scale: Scale) -> str:
    """Where a date reaches past the years shown, in words: "reaches before 2024"."""
    first, last = scale.first_year, scale.last_year
    if before and after:
        if first == last:
            return f"reaches before and after {first}"
        return f"reaches before {first} and after {last}"
    if before:
        return f"reaches before {first}"
    return f"reaches after {last}" if after else ""


def _draft(item: Item, ext: Extent, scale: Scale, label: str, number: int) -> _Draft:
    x0, x1 = scale.x(ext.start), scale.x(ext.end, after=True)
    narrow = DIAMOND if ext.kind == DAY else MIN_MARK
    if x1 - x0 < narrow:
        middle = (x0 + x1) / 2
        x0 = max(PLOT_LEFT, min(middle - narrow / 2, PLOT_RIGHT - narrow))
        x1 = x0 + narrow
    label_end = x0 + min(text_width(label), LABEL_ROOM) > PLOT_RIGHT
    # Each possible date in the years shown; those beyond are what the arrowheads say.
    choices = tuple(
        (scale.x(a), max(scale.x(b, after=True), scale.x(a) + 3))
        for a, b in ext.choices
        if a <= scale.end and b >= scale.start
    )
    before, after = ext.start < scale.start, ext.end > scale.end
    return _Draft(
        item,
        ext,
        round(x0, 1),
        round(x1, 1),
        label,
        label_end,
        before,
        after,
        choices,
        _beyond(before, after, scale),
        number,
    )


@dataclass
class _Row:
    drafts: list[_Draft] = field(default_factory=list)
    needed_to: float = -GAP  # where what its marks need ends
    wanted_to: float = -GAP  # where they would end with their whole labels

    def add(self, draft: _Draft) -> None:
        self.drafts.append(draft)
        self.needed_to = max(self.needed_to, draft.need[1])
        self.wanted_to = max(self.wanted_to, draft.want[1])


def _pack(
    members: list[Item], extents: dict, scale: Scale, lane_kind: str, numbers: dict[int, int]
) -> tuple[list[tuple[int, tuple[_Draft, str, bool]]], list[Item]]:
    """Rows for a lane's marks, left to right in time: each mark goes to the first row where
    what comes before it keeps its whole label, else to a new row (up to `MAX_ROWS`), else to
    the row that cuts the label before it least; what fits nowhere is left over for a crowd.
    A row's labels then share out its free room (`_labelled`)."""
    rows: list[_Row] = []
    crowd = []
    for item in sorted(members, key=lambda i: (extents[i.key].start, extents[i.key].end)):
        draft = _draft(item, extents[item.key], scale, _label(item, lane_kind), numbers[item.key])
        start, wanted = draft.need[0], draft.want[0]
        fits = [row for row in rows if row.needed_to + GAP <= start]
        whole = [row for row in fits if row.wanted_to + GAP <= wanted]
        if whole:
            row = whole[0]
        elif len(rows) < MAX_ROWS:
            row = _Row()
            rows.append(row)
        elif fits:
            row = min(fits, key=lambda r: r.wanted_to)
        else:
            crowd.append(item)
            continue
        row.add(draft)
    return [(n, placed) for n, row in enumerate(rows) for placed in _labelled(row.drafts)], crowd


def _labelled(drafts: list[_Draft]) -> list[tuple[_Draft, str, bool]]:
    """Each mark of a row with its label: its title as far as the room up to the next mark
    allows (or back to the one before, for a label that ends at its mark), else its number.
    The last of a row whose title would be cut at the right edge ends at its mark instead
    where it fits whole before it."""
    drafts = sorted(drafts, key=lambda d: d.need[0])
    labelled = []
    taken_to = PLOT_LEFT - GAP
    for index, draft in enumerate(drafts):
        before = draft.x1 - (taken_to + GAP)
        if draft.label_end:
            room = before
        else:
            following = drafts[index + 1].need[0] - GAP if index + 1 < len(drafts) else None
            room = (PLOT_RIGHT if following is None else following) - draft.x0
            if following is None and room < text_width(draft.label) <= before:
                draft, room = replace(draft, label_end=True), before
        label = fitted(draft.label, room) if room >= min(MIN_LABEL, text_width(draft.label)) else ""
        # A stage alone ("Announced…") names no event: the number does better.
        shown = len(label.rstrip("…")) - (len(draft.label) - len(draft.item.title))
        numbered = shown < min(MIN_TITLE, len(draft.item.title))
        if numbered:
            label = str(draft.number)
        taken_to = draft.around(text_width(label))[1]
        labelled.append((draft, label, numbered))
    return labelled


def _placed(placed: tuple[_Draft, str, bool], top: float) -> Mark:
    draft, label, numbered = placed
    return Mark(
        item=draft.item,
        extent=draft.extent,
        x0=draft.x0,
        x1=draft.x1,
        y=round(top + ROW - BAR / 2 - 4, 1),
        label=label,
        label_x=draft.x1 if draft.label_end else draft.x0,
        label_end=draft.label_end,
        clipped_start=draft.clipped_start,
        clipped_end=draft.clipped_end,
        choices=draft.choices,
        beyond=draft.beyond,
        number=draft.number,
        numbered=numbered,
    )


def _crowds(crowd: list[Item], extents: dict, scale: Scale) -> list[list[Item]]:
    """The left-over items in groups whose badges would not overlap."""
    groups: list[list[Item]] = []
    right = None
    for item in sorted(crowd, key=lambda i: extents[i.key].start):
        ext = extents[item.key]
        x = (scale.x(ext.start) + scale.x(ext.end, after=True)) / 2
        if groups and right is not None and x - CLUSTER_WIDTH / 2 < right + GAP:
            groups[-1].append(item)
        else:
            groups.append([item])
            right = min(max(x - CLUSTER_WIDTH / 2, PLOT_LEFT), PLOT_RIGHT - CLUSTER_WIDTH)
            right += CLUSTER_WIDTH
    return groups


def _cluster(
    number: int,
    lane: tuple[str, str],
    group: list[Item],
    extents: dict,
    scale: Scale,
    top: float,
    link: Zoom | None,
) -> Cluster:
    first = max(min(extents[i.key].start for i in group), scale.start)
    last = min(max(extents[i.key].end for i in group), scale.end)
    middle = (scale.x(first) + scale.x(last, after=True)) / 2
    x = min(max(middle - CLUSTER_WIDTH / 2, PLOT_LEFT), PLOT_RIGHT - CLUSTER_WIDTH)
    closer = (first.year, last.year) != (scale.first_year, scale.last_year)
    return Cluster(
        number=number,
        lane=lane[0],
        lane_label=lane[1],
        items=tuple(group),
        x=round(x, 1),
        y=round(top + 6, 1),
        first=first,
        last=last,
        link=link(first.year, last.year) if link and closer else f"#axis-cluster-{number}",
    )


def _joins(marks: list[Mark]) -> list[Join]:
    """Each thread's drawn steps in the lane, joined in timeline order."""
    by_thread: dict[str, list[Mark]] = {}
    for mark in sorted(marks, key=lambda m: (m.extent.start, m.extent.end)):
        if mark.item.thread:
            by_thread.setdefault(mark.item.thread, []).append(mark)
    joins = []
    for thread, steps in by_thread.items():
        for before, after in zip(steps, steps[1:], strict=False):
            if after.x0 <= before.x0:
                # Begun together (or both before the years shown): an arrow with no length,
                # which would read as the arrowhead of a date cut at the edge.
                continue
            start = min(before.x1, after.x0)
            joins.append(Join(start, before.y, max(after.x0, start), after.y, thread))
    return joins


# --- too many to draw: a count per lane and year ----------------------------------------------


@dataclass(frozen=True)
class Cell:
    year: int
    count: int
    x: float
    width: float
    level: int  # 1-5, the shade
    link: str = ""
    title: str = ""  # its tooltip and accessible name: "Fiji, 2019: 12 events"


@dataclass
class DensityLane:
    key: str
    label: str
    total: int
    cells: list[Cell]
    y: float = 0

    @property
    def label_y(self) -> float:
        return self.y + 15

    @property
    def by_year(self) -> str:
        """The counts in words, for the table beside the drawing: "2019: 12, 2020: 3"."""
        return ", ".join(f"{cell.year}: {cell.count}" for cell in self.cells)

    @property
    def cell_y(self) -> float:
        return self.y + LANE_HEAD


@dataclass(frozen=True, kw_only=True)
class Density(Frame):
    lanes: list[DensityLane]
    total: int
    years: list[int]

    def spans(self) -> Iterable[tuple[float, float, int]]:
        for lane in self.lanes:
            yield from ((c.x, c.x + c.width, c.count) for c in lane.cells)


LEVELS = 5
DENSITY_ROW = 26


def density(
    counts: dict[str, dict[int, int]],
    lanes: list[tuple[str, str]],
    totals: dict[str, int],
    *,
    total: int,
    year_from: int | None = None,
    year_to: int | None = None,
    link: Zoom | None = None,
) -> Density:
    """Each lane's events per year (`counts`: lane → year → events), shaded in `LEVELS` steps
    of the busiest cell; `totals` the events of each lane, `total` those of the axis."""
    years = sorted({year for cells in counts.values() for year in cells})
    first = year_from if year_from is not None else (years[0] if years else dt.date.today().year)
    last = year_to if year_to is not None else (years[-1] if years else first)
    scale = Scale(min(first, last), max(first, last))
    busiest = max((n for cells in counts.values() for n in cells.values()), default=1) or 1
    shown = [(key, label) for key, label in lanes if totals.get(key)]
    hidden = max(len(shown) - MAX_LANES, 0)
    result, y = [], float(TOP + 6)
    columns = scale.year_middles()
    zooms = {year: link(year, year) if link and first != last else "" for year, _, _ in columns}
    for key, label in shown[:MAX_LANES]:
        cells = []
        for year, x0, x1 in columns:
            count = counts.get(key, {}).get(year, 0)
            if count:
                level = max(1, -(-count * LEVELS // busiest))
                events = f"{count} event{'' if count == 1 else 's'}"
                title = f"{label}, {year}: {events}"
                cells.append(
                    Cell(year, count, x0, round(x1 - x0 - 1, 1), level, zooms[year], title)
                )
        result.append(DensityLane(key, label, totals[key], cells, y))
        y += LANE_HEAD + DENSITY_ROW
    return Density(
        scale=scale,
        lanes=result,
        ticks=scale.ticks(link),
        height=round(y + BOTTOM, 1),
        total=total,
        years=list(range(scale.first_year, scale.last_year + 1)),
        hidden_lanes=hidden,
    )
