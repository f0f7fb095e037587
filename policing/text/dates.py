"""Read date phrases the way a careful reader of the source would.

News reports write dates relative to their publication ("On Thursday", "last September",
"In January last year") or to the event they just dated ("Two months later"). dateparser does
the parsing; this module first rewrites the phrases it gets wrong or cannot read into ones it
reads correctly, and says how precise the answer is (day, month or year) and whether the source
only bounds it ("It came weeks after").
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, replace

import dateparser
from dateparser.date import DateDataParser

from policing.text.anchoring import STRAIGHT_QUOTES

DAY, MONTH, YEAR = "day", "month", "year"
# A publication known only to be on or after a day ("2025-02-23/.."): absolute phrases in it
# can be read, phrases counting from its date cannot.
UNBOUNDED = "unbounded"
_COARSENESS = {DAY: 0, MONTH: 1, YEAR: 2}

WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
# The number words the reports spell out, shared with figures.py.
CARDINALS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    **CARDINALS,
    # Vague counts ("weeks after", "a few months later") are read as three and marked approximate.
    "few": 3,
    "a few": 3,
    "several": 3,
    "some": 3,
}


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


def coarser(a: str, b: str) -> str:
    return a if _COARSENESS[a] >= _COARSENESS[b] else b


def truncate(day: dt.date, precision: str) -> dt.date:
    """The first day of the period: a month-precision date is stored as the 1st."""
    if precision == YEAR:
        return day.replace(month=1, day=1)
    if precision == MONTH:
        return day.replace(day=1)
    return day


def format_date(day: dt.date, precision: str) -> str:
    if precision == YEAR:
        return f"{day.year}"
    if precision == MONTH:
        return f"{day:%b} {day.year}"
    return f"{day.day} {day:%b} {day.year}"


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


# --- normalisation -----------------------------------------------------------------------------

_LEADING = re.compile(r"^(?:(?:on|in|at|during|by|from|of)\s+)+")
_APPROXIMATE = re.compile(
    r"^(?:around|about|circa|c\.|approximately|roughly|some\s*time\s+in|after|since|before|"
    r"until|up\s+to)\s+"
)
_PERIOD_PART = re.compile(
    r"^(?:the\s+)?(?:early|mid|middle\s+of|late|end\s+of|beginning\s+of)[\s-]+"
)
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_COUNT = (
    r"(?P<count>\d+|a few|few|several|some|an?|one|two|three|four|five|six|seven|eight|nine|"
    r"ten|eleven|twelve)"
)
_UNIT = r"(?P<unit>day|week|month|year)s?"


def _clean(phrase: str) -> str:
    text = " ".join(phrase.translate(STRAIGHT_QUOTES).split()).strip(" .,;:")
    return text.lower()


def _count(word: str | None) -> int:
    if not word:
        return 3
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def _month_number(word: str) -> int:
    parsed = dateparser.parse(
        word, languages=["en"], settings={"RELATIVE_BASE": dt.datetime(2000, 1, 15)}
    )
    if parsed is None:  # pragma: no cover - every alternative in _MONTH is an English month
        raise DateResolutionError(f"“{word}” is not a month.")
    return parsed.month


def _parse(text: str, base: dt.date) -> tuple[dt.date, str] | None:
    """dateparser with the reading a news report needs: past dates, day-month-year order."""
    settings = {
        "RELATIVE_BASE": dt.datetime.combine(base, dt.time()),
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
        "RETURN_TIME_AS_PERIOD": True,
    }
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data.date_obj is None:
        return None
    period = {"time": DAY, "day": DAY, "week": DAY, "month": MONTH, "year": YEAR}[data.period]
    return truncate(data.date_obj.date(), period), period


def _require(base_precision: str, needed: str, phrase: str) -> None:
    if base_precision == UNBOUNDED:
        raise DateResolutionError(
            f"“{phrase}” counts from the publication date, but the source's publication is "
            "known only as a lower bound (“on or after …”): set the date directly."
        )
    if _COARSENESS[base_precision] > _COARSENESS[needed]:
        raise DateResolutionError(
            f"“{phrase}” needs a publication date known to the {needed}, "
            f"but the source is dated only to the {base_precision}."
        )


def _require_anchor(anchor: ResolvedDate | None, phrase: str) -> ResolvedDate:
    if anchor is None:
        raise DateResolutionError(
            f"“{phrase}” counts from another event: choose the event it is relative to."
        )
    return anchor


def resolve(
    phrase: str,
    base: dt.date,
    base_precision: str = DAY,
    anchor: ResolvedDate | None = None,
) -> ResolvedDate:
    """Resolve `phrase` against the publication date `base` (and `anchor`, for "later")."""
    text = _clean(phrase)
    if not text:
        raise DateResolutionError("Type the date as the source writes it.")
    text = re.sub(r"^it\s+", "", text)
    text = _LEADING.sub("", text)

    span = re.fullmatch(r"(?:between\s+)?(?P<a>.+?)\s+(?:and|to|until|[-–—])\s+(?P<b>.+)", text)
    if span and not re.search(r"\b(?:later|after|before|earlier|ago)\b", text):
        first = resolve(span["a"], base, base_precision, anchor)
        last = resolve(span["b"], base, base_precision, anchor)
        if last.start < first.start:
            raise DateResolutionError(f"“{phrase}” ends before it starts.")
        return ResolvedDate(
            first.start,
            first.precision,
            first.approximate or last.approximate,
            last.end or last.start,
            last.end_precision or last.precision,
        )

    approximate = False
    if _APPROXIMATE.match(text):
        text = _APPROXIMATE.sub("", text)
        text = _LEADING.sub("", text)
        approximate = True
    text = _PERIOD_PART.sub("", text)
    # A year used as an adjective: "a 2014 incident", "the 2019 case", "a 2011 agreement".
    text = re.sub(r"^(?:an?|the)\s+(\d{4})\b.*$", r"\1", text)

    result = _resolve_relative_to_event(text, phrase, anchor)
    if result is None:
        result = _resolve_relative_to_publication(text, phrase, base, base_precision)
    if result is None:
        if not re.search(r"\d{4}", text):  # a phrase without its year takes the publication's
            _require(base_precision, YEAR, phrase)
        parsed = _parse(text, base)
        if parsed is None:
            raise DateResolutionError(
                f"Cannot read “{phrase}” as a date. Write it as the source does, e.g. "
                "“last September”, “On Thursday”, “In March 2023”, “20/02/2025”."
            )
        day, precision = parsed
        if precision != YEAR and not re.search(r"\d{4}", text):
            # A month or day without a year is read in the year before publication it fits.
            _require(base_precision, MONTH, phrase)
        result = ResolvedDate(day, precision)
    if approximate and not result.approximate:
        result = replace(result, approximate=True)
    return result


def _resolve_relative_to_event(
    text: str, phrase: str, anchor: ResolvedDate | None
) -> ResolvedDate | None:
    # "It came weeks after [this event]": the anchor is the later event, so count backwards.
    if m := re.fullmatch(rf"came\s+(?:{_COUNT}\s+)?{_UNIT}\s+after", text):
        anchor = _require_anchor(anchor, phrase)
        return _shift(anchor, -_count(m["count"]), m["unit"], approximate=True)
    if m := re.fullmatch(
        rf"(?:{_COUNT}\s+)?{_UNIT}\s+(?P<dir>later|after|afterwards|earlier|before)", text
    ):
        anchor = _require_anchor(anchor, phrase)
        sign = -1 if m["dir"] in {"earlier", "before"} else 1
        return _shift(
            anchor,
            sign * _count(m["count"]),
            m["unit"],
            approximate=not m["count"] or m["count"] in {"few", "a few", "several", "some"},
        )
    # Phrases that only place the event near the anchor: "Since then", "Following the accord".
    if re.fullmatch(
        r"since then|after that|then|following\b.*|came after\b.*|shortly after\b.*", text
    ):
        anchor = _require_anchor(anchor, phrase)
        precision = coarser(anchor.precision, MONTH)
        return ResolvedDate(truncate(anchor.start, precision), precision, True)
    return None


def _shift(anchor: ResolvedDate, count: int, unit: str, approximate: bool) -> ResolvedDate:
    start = anchor.start
    if unit == "day":
        start, precision = start + dt.timedelta(days=count), DAY
    elif unit == "week":
        start, precision = start + dt.timedelta(weeks=count), DAY
    elif unit == "month":
        start, precision = add_months(start, count), MONTH
    else:
        start, precision = start.replace(year=start.year + count), YEAR
    precision = coarser(precision, anchor.precision)
    if approximate:
        precision = coarser(precision, MONTH)
    return ResolvedDate(truncate(start, precision), precision, approximate or anchor.approximate)


def _resolve_relative_to_publication(
    text: str, phrase: str, base: dt.date, base_precision: str
) -> ResolvedDate | None:
    if m := re.fullmatch(r"(?P<which>last|this|next)\s+week", text):
        _require(base_precision, DAY, phrase)
        monday = base - dt.timedelta(days=base.weekday())
        offset = {"last": -7, "this": 0, "next": 7}[m["which"]]
        start = monday + dt.timedelta(days=offset)
        return ResolvedDate(start, DAY, False, start + dt.timedelta(days=6), DAY, within=True)
    if m := re.fullmatch(r"(?:(?P<part>earlier|later)\s+)?this month", text):
        _require(base_precision, MONTH, phrase)
        return _part_of(MONTH, m["part"], base, base_precision)
    if re.fullmatch(r"(?:last|the previous|the last) month", text):
        _require(base_precision, MONTH, phrase)
        return ResolvedDate(add_months(truncate(base, MONTH), -1), MONTH)
    if m := re.fullmatch(r"(?:(?P<part>earlier|later)\s+)?this year", text):
        _require(base_precision, YEAR, phrase)
        return _part_of(YEAR, m["part"], base, base_precision)
    if re.fullmatch(r"(?:last|the previous|the last|a) year(?: ago)?", text):
        _require(base_precision, YEAR, phrase)
        return ResolvedDate(dt.date(base.year - 1, 1, 1), YEAR)
    if m := re.fullmatch(rf"{_MONTH}\s+(?:of\s+)?(?P<which>last|the previous|this)\s+year", text):
        _require(base_precision, YEAR, phrase)
        year = base.year if m["which"] == "this" else base.year - 1
        return _month_via_dateparser(m["month"], year, base)
    if m := re.fullmatch(rf"last\s+{_MONTH}", text):
        # The most recent such month before the publication month: "last September" in
        # February 2025 is September 2024, and said in September it means a year earlier.
        _require(base_precision, MONTH, phrase)
        month = _month_number(m["month"])
        year = base.year if month < base.month else base.year - 1
        return _month_via_dateparser(m["month"], year, base)
    if m := re.fullmatch(
        r"(?P<last>last\s+)?(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)", text
    ):
        # A weekday in a report is the most recent one: on a Tuesday, "on Tuesday" is that day.
        _require(base_precision, DAY, phrase)
        if WEEKDAYS[m["day"]] == base.weekday() and not m["last"]:
            return ResolvedDate(base, DAY)
        day, _ = _parse(m["day"], base)
        return ResolvedDate(day, DAY)
    if text in {"today", "yesterday"}:
        _require(base_precision, DAY, phrase)
        return ResolvedDate(base - dt.timedelta(days=text == "yesterday"), DAY)
    return None


def _part_of(period: str, part: str | None, base: dt.date, base_precision: str) -> ResolvedDate:
    """The whole year (or month) for "this year"; for "later this year" one day in the rest of
    it from the publication, for "earlier this year" one in the part up to it, as finely as the
    publication is known: "later this year" in a report dated only to March is between March
    and December."""
    whole = Point(truncate(base, period), period)
    if part is None or base_precision == period:
        return ResolvedDate(whole.start, period)
    published = truncate(base, base_precision)
    if part == "later":
        start, end = published, truncate(whole.end, base_precision)
    else:
        start, end = whole.start, published
    if start == end:  # "earlier this year" in a report of January, known to the month
        return ResolvedDate(start, base_precision)
    return ResolvedDate(start, base_precision, False, end, base_precision, within=True)


def _month_via_dateparser(month_word: str, year: int, base: dt.date) -> ResolvedDate:
    day, precision = _parse(f"{month_word} {year}", base)
    return ResolvedDate(day, precision)


# --- EDTF: the stored form of every date ---------------------------------------------------------
#
# An event's or a source's date is an Extended Date/Time Format value (Library of Congress EDTF,
# ISO 8601-2 level 1): "2025-02-20", "2024-03", "2024"; approximate "2025-01~" or uncertain
# "2024?"; an interval "2014/2020", "2024-03/2025-02-23"; open "2019-06/.." (after) and
# "../2025-02-20" (by); one of a set "[2024-09-02,2024-09-09]"; one day between two dates, a set
# holding one range (level 2) "[2025-03-10..2025-12-31]". The edtf package validates it
# and gives its bounds; the words are ours (`in_words`), and so are the fields the first model
# had (`legacy`), which are derived from the EDTF value and nothing else.

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


def check_edtf(value: str) -> Edtf:
    """What an editor, a fixture or the manifest gives as EDTF: the edtf package's verdict on
    it first (the standard's reader in Python), then `parse_edtf`; DateResolutionError says
    why not. The package's grammar takes tens of milliseconds a value, so values already
    checked and stored are read with `parse_edtf` alone."""
    from edtf import parse_edtf as edtf_parse
    from edtf.parser.edtf_exceptions import EDTFParseException

    text = _compact(value)
    if not text:
        raise DateResolutionError(
            "Give the date as EDTF, e.g. 2025-02-20, 2019-06/.. or 2014/2020."
        )
    # The package reads a set's range only between dates of one precision: a window is read
    # with ours, each of its ends with the package.
    window = text.startswith("[") and ".." in text
    checked = [end.edtf for end in _window(text)] if window else [text]
    try:
        for each in checked:
            edtf_parse(each)
    except (EDTFParseException, ValueError) as error:
        typed = " ".join(value.split())  # as typed: "July 17, 2022", not "July17,2022"
        raise DateResolutionError(
            f"“{typed}” is not a valid EDTF date{_edtf_reason(error)}.{_as_edtf(typed)} "
            "Examples: 2025-02-20 (a day), 2024-03 (a month), 2024 (a year), 2025-01~ (about), "
            "2024? (uncertain), 2014/2020, 2025-02-23/.. (on or after), ../2025-02-20 (by), "
            "[2024-09-02,2024-09-09] (one of), [2025-03-10..2025-12-31] (sometime between)."
        ) from None
    return parse_edtf(text)


def _as_edtf(typed: str) -> str:
    """A sentence giving the EDTF of a date typed in words with its year ("July 17, 2022",
    "17 July 2022"), so the editor sees what to type; "" for anything else."""
    if not re.search(r"\b\d{4}\b", typed):
        return ""  # without its year a phrase would be read against today: no guess
    if not re.search(r"[^\W\d_]|[/.,]\s*\d", typed):
        return ""  # digits and hyphens alone ("2022-13-01") are a mistyped EDTF, not words
    try:
        value = read(typed, dt.date.today())
    except (DateResolutionError, ValueError):
        return ""
    return f" Written as EDTF: “{value}”."


def _compact(value: str) -> str:
    return "".join((value or "").split())


@functools.lru_cache(maxsize=8192)
def parse_edtf(value: str) -> Edtf:
    """Read an EDTF value of the forms the timeline shows (a date, an interval, a set), with
    this module's own small reader: every page and export reads dates through here, so it must
    be quick. It accepts only valid EDTF (tests check it against the edtf package); input is
    checked with `check_edtf` first."""
    text = _compact(value)
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


_WINDOW = re.compile(r"\[(?P<first>[^,.\[\]]+)\.\.(?P<last>[^,.\[\]]+)\]")


def _window(text: str) -> tuple[Point, Point]:
    """The two ends of "one day between them", EDTF's set holding one range: the range alone
    (a range among other dates, or open at an end, is not a window), its ends dates in order."""
    m = _WINDOW.fullmatch(text)
    if m is None:
        raise DateResolutionError(
            f"“{text}”: a set with a range (..) must hold the range alone, with a date at each "
            "end, e.g. [2025-03-10..2025-12-31] (sometime between)."
        )
    first, last = _point(m["first"]), _point(m["last"])
    if first.qualifier or last.qualifier:
        raise DateResolutionError(
            f"“{text}”: give the ends of a range in a set as dates, without ~ or ?."
        )
    if last.end < first.start:
        raise DateResolutionError(f"“{text}” ends before it starts: write its dates in order.")
    return first, last


def _edtf_reason(error: Exception) -> str:
    message = str(error).split(". Please")[0]
    # Its position and "near '…'" count in the value without its spaces, which is not what the
    # editor typed.
    message = re.sub(r"\s+at position \d+|\s+near\s+'.*'$", "", message)
    if not message or re.fullmatch(r"error: invalid input or format", message, re.I):
        return ""  # says nothing the sentence does not
    return f" ({message[0].lower() + message[1:]})"


def in_words(value: str | Edtf) -> str:
    """An EDTF value as the timeline writes it: "after Jun 2019", "by 20 Feb 2025",
    "Mar 2024 – Feb 2025", "2 or 9 Sep 2024", "c. Jan 2025", "2014–2020", "between 1 and
    23 Feb 2025"."""
    parsed = value if isinstance(value, Edtf) else parse_edtf(value)
    points = parsed.points
    if parsed.form == "date":
        return points[0].words()
    if parsed.form == "interval":
        first, last = points
        if last is None:
            return f"after {first.words()}"
        if first is None:
            return f"by {last.words()}"
        return _span_words(first, last)
    if parsed.form == "between":
        return _window_words(*points)
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


# --- phrases to EDTF -----------------------------------------------------------------------------

_VAGUE_SPAN = {"day": (2, 6), "week": (2, 8), "month": (2, 6), "year": (2, 5)}
_PARTS = {"early": (1, 10), "mid": (11, 20), "middle of": (11, 20), "late": (21, 31)}


def read(
    phrase: str, base: dt.date, base_precision: str = DAY, anchor: str | Edtf | None = None
) -> str:
    """The EDTF value a date phrase states, read against the publication date `base` and, for
    phrases that count from another event ("Two months later", "came after"), its date.

    Bounds stay bounds: "after June 2019" is "2019-06/..", "came after [the repatriation]" is
    "../2025-02-20", "Since then" runs from the earlier event to the report, "2 or 9 September
    2024" is one of a set, "early September 2024" the first ten days."""
    if isinstance(anchor, str):
        anchor = parse_edtf(anchor)
    text = re.sub(r"^it\s+", "", _clean(phrase))
    if m := re.fullmatch(r"(?:before|by|until|up\s+to)\s+(?P<rest>.+)", text):
        end = _read_point(m["rest"], phrase, base, base_precision, anchor)
        return f"{OPEN}/{end.edtf}"
    text = _LEADING.sub("", text)
    if not text:
        raise DateResolutionError("Type the date as the source writes it.")
    if value := _read_relative(text, phrase, base, base_precision, anchor):
        return value
    if m := re.fullmatch(r"(?:after|since)\s+(?P<rest>.+)", text):
        start = _read_point(m["rest"], phrase, base, base_precision, anchor)
        if text.startswith("since"):  # "since" runs to the time of writing
            _require(base_precision, YEAR, phrase)
            return f"{start.edtf}/{iso_at(base, base_precision)}"
        return f"{start.edtf}/{OPEN}"
    if m := re.fullmatch(
        rf"(?:the\s+)?(?P<part>early|mid|middle of|late)[\s-]+{_MONTH}\s+(?P<y>\d{{4}})", text
    ):
        first, last = _PARTS[m["part"]]
        month = _month_number(m["month"])
        last = min(last, calendar.monthrange(int(m["y"]), month)[1])
        start, end = dt.date(int(m["y"]), month, first), dt.date(int(m["y"]), month, last)
        return f"{start.isoformat()}/{end.isoformat()}"
    if m := re.fullmatch(
        r"(?P<days>\d{1,2}(?:\s*,\s*\d{1,2})*)\s+or\s+(?P<last>\d{1,2})\s+(?P<rest>.+)", text
    ):
        days = [*re.split(r"\s*,\s*", m["days"]), m["last"]]
        points = [
            _read_point(f"{day} {m['rest']}", phrase, base, base_precision, anchor) for day in days
        ]
        return "[" + ",".join(p.edtf for p in points) + "]"
    if m := re.fullmatch(r"(?P<a>.+?)\s+or\s+(?P<b>.+)", text):
        points = [
            _read_point(part, phrase, base, base_precision, anchor) for part in (m["a"], m["b"])
        ]
        return "[" + ",".join(p.edtf for p in points) + "]"
    return edtf_of(resolve(phrase, base, base_precision, legacy(anchor) if anchor else None))


def _read_point(text: str, phrase: str, base: dt.date, base_precision: str, anchor) -> Point:
    resolved = resolve(text, base, base_precision, legacy(anchor) if anchor else None)
    if resolved.end is not None:
        raise DateResolutionError(f"“{phrase}”: a bound must be one date, not a span.")
    return Point(resolved.start, resolved.precision, "~" if resolved.approximate else "")


def _read_relative(text, phrase, base, base_precision, anchor: Edtf | None) -> str | None:
    """Phrases placing the event by another event's date, or None if the phrase is not one."""
    # "The repatriation came after a flurry of visits": the visits end by the anchor's date.
    if re.fullmatch(r"came\s+after(?:\s+an?\s+.*)?", text):
        anchor = _require_edtf_anchor(anchor, phrase)
        last = anchor.points[-1] or anchor.points[0]
        return f"{OPEN}/{iso_at(last.end if anchor.points[-1] else last.start, last.precision)}"
    # "It came weeks after [the package]", said of the later event: count back from it.
    if m := re.fullmatch(rf"came\s+(?:{_COUNT}\s+)?{_UNIT}\s+after", text):
        anchor = _require_edtf_anchor(anchor, phrase)
        return _shifted_range(anchor, m["count"], m["unit"], sign=-1)
    if re.fullmatch(r"since then", text):  # runs to the time of writing
        _require(base_precision, YEAR, phrase)
        anchor = _require_edtf_anchor(anchor, phrase)
        first = anchor.points[0] or anchor.points[-1]
        return f"{iso_at(first.start, first.precision)}/{iso_at(base, base_precision)}"
    if re.fullmatch(r"following\b.*|after that|then|shortly after\b.*", text):
        anchor = _require_edtf_anchor(anchor, phrase)
        first = anchor.points[0] or anchor.points[-1]
        return f"{iso_at(first.start, first.precision)}/{OPEN}"
    return None


def _require_edtf_anchor(anchor: Edtf | None, phrase: str) -> Edtf:
    if anchor is None:
        raise DateResolutionError(
            f"“{phrase}” counts from another event: choose the event it is relative to."
        )
    return anchor


def _shifted_range(anchor: Edtf, count: str | None, unit: str, sign: int) -> str:
    """The months (or years) a vague or counted distance from the anchor allows."""
    low, high = (
        _VAGUE_SPAN[unit]
        if not count or count in {"few", "a few", "several", "some"}
        else ((_count(count),) * 2)
    )
    earliest = anchor.earliest or anchor.latest
    latest = anchor.latest or anchor.earliest

    def moved(day: dt.date, n: int) -> dt.date:
        if unit == "day":
            return day + dt.timedelta(days=sign * n)
        if unit == "week":
            return day + dt.timedelta(weeks=sign * n)
        if unit == "month":
            return add_months(day, sign * n)
        return day.replace(year=day.year + sign * n)

    ends = sorted(
        [moved(earliest, high if sign < 0 else low), moved(latest, low if sign < 0 else high)]
    )
    # One date, in one of these months (or years): a set, not a span.
    precision = YEAR if unit == "year" else MONTH
    step = 12 if precision == YEAR else 1
    periods, day = [], truncate(ends[0], precision)
    while day <= ends[1]:
        periods.append(iso_at(day, precision))
        day = add_months(day, step)
    return periods[0] if len(periods) == 1 else "[" + ",".join(periods) + "]"
