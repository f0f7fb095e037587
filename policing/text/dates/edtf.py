"""The EDTF value type: the stored form of every date, its bounds and its words.

An event's or a source's date is an Extended Date/Time Format value (Library of Congress EDTF,
ISO 8601-2 level 1): "2025-02-20", "2024-03", "2024"; approximate "2025-01~" or uncertain
"2024?"; an interval "2014/2020", "2024-03/2025-02-23"; open "2019-06/.." (after) and
"../2025-02-20" (by); one of a set "[2024-09-02,2024-09-09]"; one day between two dates, a set
holding one range (level 2) "[2025-03-10..2025-12-31]". The edtf package validates it
(checking.py) and this module reads it quickly and gives its bounds; the words are ours
(`in_words`), and so are the fields the first model had (`legacy`), which are derived from the
EDTF value and nothing else.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

DAY, MONTH, YEAR = "day", "month", "year"


class DateResolutionError(ValueError):
    """The phrase cannot be turned into a date; the message says why, for an editor."""


@dataclass(frozen=True)
class ResolvedDate:
    start: dt.date
    precision: str
    approximate: bool = False
    end: dt.date | None = None
    end_precision: str | None = None
    # One day from start to end ("later this year", "last week"), not a span it lasted.
    within: bool = False

    def display(self) -> str:
        return in_words(edtf_of(self))


def truncate(day: dt.date, precision: str) -> dt.date:
    """The first day of the period: a month-precision date is stored as the 1st."""
    if precision == YEAR:
        return day.replace(month=1, day=1)
    if precision == MONTH:
        return day.replace(day=1)
    return day


# The months as `%b` writes them in the C locale, which Python keeps unless told otherwise: a
# tuple is a tenth of strftime's cost, and every export writes a date in words per event.
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(day: dt.date, precision: str) -> str:
    if precision == YEAR:
        return f"{day.year}"
    if precision == MONTH:
        return f"{_MONTHS[day.month]} {day.year}"
    return f"{day.day} {_MONTHS[day.month]} {day.year}"


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def iso_at(day: dt.date, precision: str = DAY) -> str:
    """ISO 8601 at the precision known: 2025-02-20, 2025-02 or 2025."""
    if precision == YEAR:
        return f"{day:%Y}"
    if precision == MONTH:
        return f"{day:%Y-%m}"
    return day.isoformat()


OPEN = ".."
_POINT = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<q>[~?%])?")


@dataclass(frozen=True)
class Point:
    """One date of an EDTF value at its precision, with its qualifier (~ ? %)."""

    start: dt.date
    precision: str
    qualifier: str = ""

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        if self.precision == YEAR:
            return self.start.replace(month=12, day=31)
        if self.precision == MONTH:
            return self.start.replace(day=calendar.monthrange(self.start.year, self.start.month)[1])
        return self.start

    @property
    def edtf(self) -> str:
        return iso_at(self.start, self.precision) + self.qualifier

    def words(self) -> str:
        shown = format_date(self.start, self.precision)
        if self.qualifier == "~":
            return f"c. {shown}"
        if self.qualifier == "?":
            return f"{shown}?"
        if self.qualifier == "%":
            return f"c. {shown}?"
        return shown


@dataclass(frozen=True)
class Edtf:
    """A parsed EDTF value: `form` is "date", "interval", "set" (one of), "all" (every one
    of) or "between" (one day between its two dates: EDTF's set holding one range, not a span
    it lasted); `points` its dates in order, None for an open end of an interval."""

    text: str
    form: str
    points: tuple[Point | None, ...]

    @property
    def earliest(self) -> dt.date | None:
        first = self.points[0]
        return first.start if first else None

    @property
    def latest(self) -> dt.date | None:
        last = self.points[-1]
        return last.end if last else None

    @property
    def uncertain(self) -> bool:
        """Not one known day, month, year or span: an open end, a choice or a qualifier."""
        return (
            self.form in ("set", "between")
            or any(p is None for p in self.points)
            or any(p.qualifier for p in self.points if p)
        )


def _point(text: str) -> Point | None:
    if text == OPEN:
        return None
    m = _POINT.fullmatch(text)
    if m is None:
        raise DateResolutionError(
            f"“{text}” is not a date EDTF writes as YYYY, YYYY-MM or YYYY-MM-DD."
        )
    precision = DAY if m["day"] else MONTH if m["month"] else YEAR
    try:
        start = dt.date(int(m["year"]), int(m["month"] or 1), int(m["day"] or 1))
    except ValueError:
        raise DateResolutionError(f"“{text}” is not a date in the calendar.") from None
    return Point(start, precision, m["q"] or "")


def compact(value: str) -> str:
    """`value` without its spaces, as EDTF is read."""
    return "".join((value or "").split())


@functools.lru_cache(maxsize=8192)
def parse_edtf(value: str) -> Edtf:
    """Read an EDTF value of the forms the timeline shows (a date, an interval, a set), with
    this module's own small reader: every page and export reads dates through here, so it must
    be quick. It accepts only valid EDTF (tests check it against the edtf package); input is
    checked with `check_edtf` first."""
    text = compact(value)
    if not text:
        raise DateResolutionError(
            "Give the date as EDTF, e.g. 2025-02-20, 2019-06/.. or 2014/2020."
        )
    if text[0] == "[" and ".." in text:
        return Edtf(text, "between", _window(text))
    try:
        if text[0] in "[{":
            if text[-1] != {"[": "]", "{": "}"}[text[0]] or ".." in text:
                raise DateResolutionError("")
            points = tuple(_point(part) for part in text[1:-1].split(","))
            if len(points) < 2:  # one of one is a date, and EDTF does not write it as a set
                raise DateResolutionError("")
            form = "set" if text[0] == "[" else "all"
        elif "/" in text:
            first, last = text.split("/")
            points, form = (_point(first), _point(last)), "interval"
        else:
            points, form = (_point(text),), "date"
    except (DateResolutionError, ValueError):
        raise DateResolutionError(
            f"“{text}” is not an EDTF form this timeline shows: use a date (2025-02-20, "
            "2024-03, 2024, with ~ or ?), an interval (2014/2020, 2019-06/.., ../2025-02-20), "
            "a set ([2024-09-02,2024-09-09]) or a window ([2025-03-10..2025-12-31])."
        ) from None
    if all(p is None for p in points):
        raise DateResolutionError(f"“{text}” has no date at either end: give at least one.")
    known = [p for p in points if p]
    if any(b.start < a.start for a, b in zip(known, known[1:], strict=False)):
        raise DateResolutionError(f"“{text}” ends before it starts: write its dates in order.")
    return Edtf(text, form, points)


_WINDOW = re.compile(r"\[(?P<first>[^,.\[\]]*)\.\.(?P<last>[^,.\[\]]*)\]")


def _window(text: str) -> tuple[Point | None, Point | None]:
    """The two ends of "one day between them", EDTF's set holding one range: the range alone
    (a range among other dates is not a window), its ends dates in order. One end may be open
    where the words leave it so: `[..2022-12]` is one day by December 2022."""
    m = _WINDOW.fullmatch(text)
    if m is None or not (m["first"] or m["last"]):
        raise DateResolutionError(
            f"“{text}”: a set with a range (..) must hold the range alone, with a date at one "
            "end at least, e.g. [2025-03-10..2025-12-31] (sometime between) or [..2022-12] "
            "(sometime by)."
        )
    first = _point(m["first"]) if m["first"] else None
    last = _point(m["last"]) if m["last"] else None
    if (first and first.qualifier) or (last and last.qualifier):
        raise DateResolutionError(
            f"“{text}”: give the ends of a range in a set as dates, without ~ or ?."
        )
    if first and last and last.end < first.start:
        raise DateResolutionError(f"“{text}” ends before it starts: write its dates in order.")
    return first, last


def in_words(value: str | Edtf) -> str:
    """An EDTF value as the timeline writes it: "by 20 Feb 2025", "Jul 2019 or later",
    "from Jun 2019", "until May 2024", "Mar 2024 – Feb 2025", "2 or 9 Sep 2024",
    "c. Jan 2025", "2014–2020", "between 1 and 23 Feb 2025"."""
    parsed = value if isinstance(value, Edtf) else parse_edtf(value)
    points = parsed.points
    if parsed.form == "date":
        return points[0].words()
    if parsed.form == "interval":
        first, last = points
        # Something that lasted, open at one end: it ran from or until its known bound (a
        # single act known by one bound is a window, "by …" or "… or later").
        if last is None:
            return f"from {first.words()}"
        if first is None:
            return f"until {last.words()}"
        return _span_words(first, last)
    if parsed.form == "between":
        first, last = points
        if last is None:
            return f"{first.words()} or later"
        if first is None:
            return f"by {last.words()}"
        return _window_words(first, last)
    joiner = " or " if parsed.form == "set" else " and "
    same_month = len({(p.start.year, p.start.month) for p in points}) == 1
    if same_month and all(p.precision == DAY and not p.qualifier for p in points):
        days = [str(p.start.day) for p in points]
        return f"{', '.join(days[:-1])}{joiner}{days[-1]} {points[0].start:%b %Y}"
    words = [p.words() for p in points]
    return f"{', '.join(words[:-1])}{joiner}{words[-1]}"


def _span_words(first: Point, last: Point) -> str:
    a, b, shared = _span_ends(first, last)
    return f"{a}–{b}" if shared or " " not in a + b else f"{a} – {b}"


def _window_words(first: Point, last: Point) -> str:
    a, b, _ = _span_ends(first, last)
    return f"between {a} and {b}"


def _span_ends(first: Point, last: Point) -> tuple[str, str, bool]:
    """The two ends of a span or window in words, the first without the month and year it
    shares with the last ("1", "23 Feb 2025"), and whether it shares them down to one word."""
    if not first.qualifier and not last.qualifier and first.precision == last.precision:
        if first.precision == DAY and (first.start.year, first.start.month) == (
            last.start.year,
            last.start.month,
        ):
            return str(first.start.day), last.words(), True
        if first.precision == DAY and first.start.year == last.start.year:
            return f"{first.start.day} {first.start:%b}", last.words(), False
        if first.precision == MONTH and first.start.year == last.start.year:
            return f"{first.start:%b}", last.words(), True
    return first.words(), last.words(), False


def legacy(value: str | Edtf) -> ResolvedDate:
    """The first model's fields for an EDTF value, which exports keep: the start (the earliest
    date, or the only bound of an open start) and its precision, the last date of a range or
    set, and "approximate" for anything but one known date or span."""
    parsed = value if isinstance(value, Edtf) else parse_edtf(value)
    known = [p for p in parsed.points if p]
    first = known[0]
    last = known[-1] if parsed.form != "date" and len(known) > 1 else None
    return ResolvedDate(
        start=first.start,
        precision=first.precision,
        approximate=parsed.uncertain,
        end=last.start if last else None,
        end_precision=last.precision if last else None,
    )


def edtf_of(resolved: ResolvedDate) -> str:
    """The EDTF value of a date as the first model stored it (a point or a span, "c."), or a
    window of one day between two dates."""
    end_precision = resolved.end_precision or resolved.precision
    if resolved.within and resolved.end is not None:
        # EDTF qualifies no end of a set's range; the window already says the day is unknown.
        first = iso_at(resolved.start, resolved.precision)
        return f"[{first}..{iso_at(resolved.end, end_precision)}]"
    qualifier = "~" if resolved.approximate else ""
    start = iso_at(resolved.start, resolved.precision) + qualifier
    if resolved.end is None:
        return start
    return f"{start}/{iso_at(resolved.end, end_precision)}{qualifier}"


def bounds(value: str | Edtf) -> tuple[dt.date | None, dt.date | None]:
    """The earliest and latest day the value allows, None for an open end."""
    parsed = value if isinstance(value, Edtf) else parse_edtf(value)
    return parsed.earliest, parsed.latest


def years_placed(earliest: dt.date | None, latest: dt.date | None) -> tuple[int, int]:
    """The first and last year an event with these bounds is placed in (docs/corpus.md,
    “Dates”): from the year of its earliest known bound to that of its latest. An open end adds
    no years beyond the bound that is known: `../2022-12` is placed in 2022 alone, `2019-06/..`
    in 2019 alone."""
    known = [day.year for day in (earliest, latest) if day is not None]
    if not known:
        raise DateResolutionError("A date with no known bound is placed in no year.")
    return min(known), max(known)


def year_certain(value: str | Edtf) -> bool:
    """Whether an event with this date is in every year it is placed in (`years_placed`) for
    certain, or only *may fall in* them (docs/corpus.md, “The years an event is placed in”).

    Certain: a date (its one year); an interval, which lasted through the years it spans
    (open at one end, it lasted from or to its known bound, whose year alone it is placed
    in); every one of a set (`{A,B}`) whose dates leave no year between them empty; one of a
    set or one day of a window whose every possible day lies in one year, both ends known.
    Only *may fall in*: one day of a window or one of a set that spans several years
    (`[2019-07..2024-12]`, `[2024-12,2025-01]`), or is open at one end (`[..2022-12]`: by Dec
    2022, perhaps in 2021). A qualifier (`2025-01~`, `2024?`) says how sure the day is, not
    the year, and changes nothing here."""
    parsed = value if isinstance(value, Edtf) else parse_edtf(value)
    if parsed.form in ("date", "interval"):
        return True
    if parsed.form == "all":
        years = {point.start.year for point in parsed.points}
        return len(years) == max(years) - min(years) + 1
    earliest, latest = parsed.earliest, parsed.latest
    return earliest is not None and latest is not None and earliest.year == latest.year


def certainly_in_years(value: str | Edtf, first: int | None, last: int | None) -> bool:
    """Whether an event with this date certainly has a day in the years `first` to `last`
    (None: no limit on that side): it is placed in one of them for certain (`year_certain`),
    or every day it may fall on lies among them (`[2019-07..2024-12]` is certainly in
    2019–2024, and only may fall in 2021; `[..2022-12]` is certainly in the years up to 2022,
    and only may fall in 2022)."""
    parsed = value if isinstance(value, Edtf) else parse_edtf(value)
    earliest, latest = parsed.earliest, parsed.latest
    if parsed.form == "all":  # each of its dates is certain, the years between them are not
        return any(
            (first is None or p.start.year >= first) and (last is None or p.start.year <= last)
            for p in parsed.points
        )
    if year_certain(parsed):
        start, end = years_placed(earliest, latest)
        return (first is None or end >= first) and (last is None or start <= last)
    return (first is None or (earliest is not None and earliest.year >= first)) and (
        last is None or (latest is not None and latest.year <= last)
    )


def may_fall_in_words(value: str | Edtf, first: int | None, last: int | None) -> str:
    """What a card listed under the years `first` to `last` says of an event that only may
    fall in them (`certainly_in_years`), e.g. “May fall in 2021: some day between Jul 2019
    and Dec 2024”; "" for one certainly in them, or with no year chosen."""
    parsed = value if isinstance(value, Edtf) else parse_edtf(value)
    if (first is None and last is None) or certainly_in_years(parsed, first, last):
        return ""
    if first == last:
        chosen = str(first)
    elif last is None:
        chosen = f"{first} or later"
    elif first is None:
        chosen = f"{last} or earlier"
    else:
        chosen = f"{first}–{last}"
    words = in_words(parsed)
    if parsed.form == "between" and parsed.points[-1] is not None:  # "between A and B", "by B"
        words = f"some day {words}"
    return f"May fall in {chosen}: {words}"
