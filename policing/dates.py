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
import re
from dataclasses import dataclass

import dateparser
from dateparser.date import DateDataParser

from .anchoring import STRAIGHT_QUOTES

DAY, MONTH, YEAR = "day", "month", "year"
_COARSENESS = {DAY: 0, MONTH: 1, YEAR: 2}

WEEKDAYS = {name.lower(): index for index, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
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

    def display(self) -> str:
        prefix = "c. " if self.approximate else ""
        if self.end is None:
            return prefix + format_date(self.start, self.precision)
        return prefix + format_span(self.start, self.precision, self.end, self.end_precision)


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


def format_span(start: dt.date, precision: str, end: dt.date, end_precision: str | None) -> str:
    end_precision = end_precision or precision
    if precision == end_precision == DAY and (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b} {end.year}"
    if precision == end_precision == MONTH and start.year == end.year:
        return f"{start:%b}–{end:%b} {end.year}"
    return f"{format_date(start, precision)}–{format_date(end, end_precision)}"


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
        result = ResolvedDate(
            result.start, result.precision, True, result.end, result.end_precision
        )
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
        return ResolvedDate(start, DAY, False, start + dt.timedelta(days=6), DAY)
    if re.fullmatch(r"(?:earlier|later)?\s*this month", text):
        _require(base_precision, MONTH, phrase)
        return ResolvedDate(truncate(base, MONTH), MONTH)
    if re.fullmatch(r"(?:last|the previous|the last) month", text):
        _require(base_precision, MONTH, phrase)
        return ResolvedDate(add_months(truncate(base, MONTH), -1), MONTH)
    if re.fullmatch(r"(?:earlier|later)?\s*this year", text):
        return ResolvedDate(truncate(base, YEAR), YEAR)
    if re.fullmatch(r"(?:last|the previous|the last|a) year(?: ago)?", text):
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


def _month_via_dateparser(month_word: str, year: int, base: dt.date) -> ResolvedDate:
    day, precision = _parse(f"{month_word} {year}", base)
    return ResolvedDate(day, precision)
