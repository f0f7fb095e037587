"""Read date phrases the way a careful reader of the source would.

News reports write dates relative to their publication ("On Thursday", "last September",
"In January last year") or to the event they just dated ("Two months later"). dateparser does
the parsing; this module first rewrites the phrases it gets wrong or cannot read into ones it
reads correctly, says how precise the answer is (day, month or year) and whether the source
only bounds it ("It came weeks after"), and writes it as an EDTF value (edtf.py).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace

import dateparser
from dateparser.date import DateDataParser

from policing.text.anchoring import STRAIGHT_QUOTES
from policing.text.dates.edtf import (
    DAY,
    MONTH,
    OPEN,
    YEAR,
    DateResolutionError,
    Edtf,
    Point,
    ResolvedDate,
    add_months,
    edtf_of,
    iso_at,
    legacy,
    parse_edtf,
    truncate,
)

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


def coarser(a: str, b: str) -> str:
    return a if _COARSENESS[a] >= _COARSENESS[b] else b


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
    # A year, or a month and year, used as an adjective: "a 2014 incident", "the 2019 case",
    # "a September 2024 article", "a May 2023 report". ("a September" alone would be read as
    # the 1st: the article is not a day.)
    text = re.sub(rf"^(?:an?|the)\s+((?:{_MONTH}\s+)?\d{{4}})\b.*$", r"\1", text)

    if m := re.fullmatch(
        r"(?:the\s+)?(?P<half>first|second|latter)\s+half\s+of\s+(?P<year>\d{4})", text
    ):
        # "in the first half of 2023": one day within January to June.
        year, first = int(m["year"]), m["half"] == "first"
        start = dt.date(year, 1 if first else 7, 1)
        end = dt.date(year, 6, 30) if first else dt.date(year, 12, 31)
        return ResolvedDate(start, DAY, approximate, end, DAY, within=True)
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
    # "On the same day", "that day", "at the same event": the day stated last.
    if re.fullmatch(
        r"(?:the\s+)?same\s+day|that\s+(?:same\s+)?day|(?:at\s+)?the\s+same\s+"
        r"(?:event|ceremony|meeting|occasion|briefing|(?:press|news)\s+conference)",
        text,
    ):
        return _require_anchor(anchor, phrase)
    if m := re.fullmatch(
        r"the\s+(?:day\s+(?P<dir>before|after)|(?P<which>previous|following|next)\s+day|"
        r"(?P<eve>eve)\s+of\s+the\s+[\w-]+)",
        text,
    ):
        anchor = _require_anchor(anchor, phrase)
        if anchor.precision != DAY:
            raise DateResolutionError(f"“{phrase}” counts from a day the text has not given.")
        before = m["dir"] == "before" or m["which"] == "previous" or bool(m["eve"])
        shift = dt.timedelta(days=-1 if before else 1)
        return ResolvedDate(anchor.start + shift, DAY)
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
    # "in recent days", "over the past few weeks": one day in the stretch up to the publication
    if m := re.fullmatch(
        r"(?:(?:in|over|during)\s+)?(?:recent\s+|the\s+(?:past|last)\s+(?:few\s+)?)"
        r"(?P<unit>days|weeks|months)",
        text,
    ):
        _require(base_precision, DAY, phrase)
        back = dt.timedelta(days={"days": 7, "weeks": 28, "months": 90}[m["unit"]])
        return ResolvedDate(base - back, DAY, False, base, DAY, within=True)
    # "over the past year", "in the past two weeks", "over the last decade": one day in that
    # stretch up to the publication
    # ("the last year" alone, and "in the last year", stay the calendar year before)
    if m := re.fullmatch(
        r"(?:(?:over|during)\s+the\s+(?:past|last)|the\s+past)\s+(?:(?P<count>[\w-]+)\s+)?"
        r"(?P<unit>days?|weeks?|months?|years?|decades?)|"
        r"the\s+last\s+(?P<counted>[\w-]+)\s+(?P<units>days|weeks|months|years|decades)",
        text,
    ):
        count = m["count"] or m["counted"] or "one"
        if count not in NUMBER_WORDS and not count.isdigit():
            return None
        _require(base_precision, DAY, phrase)
        number, unit = _count(count), (m["unit"] or m["units"]).rstrip("s")
        if unit == "decade":
            number, unit = number * 10, "year"
        if unit in ("day", "week"):
            start = base - dt.timedelta(days=number * (7 if unit == "week" else 1))
        else:  # (a year back from 29 February is the 28th)
            start = add_months(base, -number * (12 if unit == "year" else 1))
        return ResolvedDate(start, DAY, False, base, DAY, within=True)
    if m := re.fullmatch(r"(?P<part>earlier|later)\s+this\s+week", text):
        # Said on a Friday, "earlier this week" is Monday to Thursday, "later this week"
        # Saturday to Sunday.
        _require(base_precision, DAY, phrase)
        monday = base - dt.timedelta(days=base.weekday())
        if m["part"] == "earlier":
            start, end = monday, max(monday, base - dt.timedelta(days=1))
        else:
            start, end = base + dt.timedelta(days=1), monday + dt.timedelta(days=6)
            start = min(start, end)
        if start == end:
            return ResolvedDate(start, DAY)
        return ResolvedDate(start, DAY, False, end, DAY, within=True)
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
        # "last Thursday" is the Thursday of the week before (said on a Friday, not yesterday).
        _require(base_precision, DAY, phrase)
        if m["last"]:
            monday = base - dt.timedelta(days=base.weekday() + 7)
            return ResolvedDate(monday + dt.timedelta(days=WEEKDAYS[m["day"]]), DAY)
        if WEEKDAYS[m["day"]] == base.weekday():
            return ResolvedDate(base, DAY)
        day, _ = _parse(m["day"], base)
        return ResolvedDate(day, DAY)
    # The day of publication, or the day before: "this morning", "earlier today", "last night".
    if m := re.fullmatch(
        r"(?:(?:earlier|later)\s+)?today|this\s+(?:morning|afternoon|evening)|tonight|"
        r"(?P<before>yesterday(?:\s+(?:morning|afternoon|evening))?|last\s+night)",
        text,
    ):
        _require(base_precision, DAY, phrase)
        return ResolvedDate(base - dt.timedelta(days=1 if m["before"] else 0), DAY)
    return None


def _part_of(period: str, part: str | None, base: dt.date, base_precision: str) -> ResolvedDate:
    """The whole year (or month) for "this year"; for "later this year" one day in the rest of
    it after the publication, for "earlier this year" one in the part before it, as finely as
    the publication is known: "later this year" in a report dated only to March is between
    March and December."""
    whole = Point(truncate(base, period), period)
    if part is None or base_precision == period:
        return ResolvedDate(whole.start, period)
    published = truncate(base, base_precision)
    # known to the day, the publication's own day is neither earlier nor later than it
    step = dt.timedelta(days=1 if base_precision == DAY else 0)
    if part == "later":
        start, end = published + step, truncate(whole.end, base_precision)
    else:
        start, end = whole.start, published - step
    if end < start:  # "earlier this month" on its first day: no day before it is left
        start = end = published
    if start == end:  # "earlier this year" in a report of January, known to the month
        return ResolvedDate(start, base_precision)
    return ResolvedDate(start, base_precision, False, end, base_precision, within=True)


def _month_via_dateparser(month_word: str, year: int, base: dt.date) -> ResolvedDate:
    day, precision = _parse(f"{month_word} {year}", base)
    return ResolvedDate(day, precision)


# --- phrases to EDTF -----------------------------------------------------------------------------

_VAGUE_SPAN = {"day": (2, 6), "week": (2, 8), "month": (2, 6), "year": (2, 5)}
_PARTS = {"early": (1, 10), "mid": (11, 20), "middle of": (11, 20), "late": (21, 31)}
_PARTS |= {"beginning of": (1, 10), "start of": (1, 10), "end of": (21, 31)}
# The thirds of a year, by their months: "early 2021" is January to April.
_YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "middle of": (5, 8), "late": (9, 12)}
# (its very start or end, its first or last two months: "at the end of 2022")
_YEAR_PARTS |= {"beginning of": (1, 2), "start of": (1, 2), "end of": (11, 12)}
# Seasons of the northern year, by their months; a winter runs into the next year.
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11)}
_SEASONS |= {"winter": (12, 14)}


def _month_before(month: int, base: dt.date, base_precision: str, phrase: str) -> int:
    """The year of the most recent `month` on or before the publication ("late October" in a
    report of April 2023 is October 2022)."""
    _require(base_precision, MONTH, phrase)
    return base.year if month <= base.month else base.year - 1


def read(
    phrase: str, base: dt.date, base_precision: str = DAY, anchor: str | Edtf | None = None
) -> str:
    """The EDTF value a date phrase states, read against the publication date `base` and, for
    phrases that count from another event ("Two months later", "came after"), its date.

    Bounds stay bounds. A phrase that places one act before or after a date gives a window
    open at the other end: "after June 2019" is "[2019-07..]" (July or later: "after June"
    excludes June), "by 20 February 2025" and "came after [the repatriation]" are
    "[..2025-02-20]", "Following the Solomons accord" (2022) is "[2022..]" (the accord's year
    itself, after the accord). What lasts keeps an interval: "until May 2024" is "../2024-05",
    and "Since then" runs from the earlier event to the report. "2 or 9 September 2024" is one
    of a set, "early September 2024" the first ten days."""
    if isinstance(anchor, str):
        anchor = parse_edtf(anchor)
    text = re.sub(r"^it\s+", "", _clean(phrase))
    # "in the first days of July 2017" is its beginning, "the last days of" its end
    text = re.sub(
        r"^(?:in\s+)?the\s+(?:first|opening)\s+(?:few\s+)?days\s+of\s+", "the beginning of ", text
    )
    text = re.sub(
        r"^(?:in\s+)?the\s+(?:last|final|closing)\s+(?:few\s+)?days\s+of\s+", "the end of ", text
    )
    if m := re.fullmatch(r"(?P<word>before|by|until|up\s+to)\s+(?P<rest>.+)", text):
        end = _read_point(m["rest"], phrase, base, base_precision, anchor)
        if m["word"] == "before":  # strictly before the period named
            return f"[..{_step(end, -1).edtf}]"
        if m["word"] == "by":
            return f"[..{end.edtf}]"
        return f"{OPEN}/{end.edtf}"  # "until": it lasted up to then
    text = _LEADING.sub("", text)
    if not text:
        raise DateResolutionError("Type the date as the source writes it.")
    if value := _read_relative(text, phrase, base, base_precision, anchor):
        return value
    if re.fullmatch(r"since\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+year", text):
        # some day from the first of the year to the publication
        _require(base_precision, DAY, phrase)
        return f"[{base.year}-01-01..{base.isoformat()}]"
    if m := re.fullmatch(r"(?:after|since)\s+(?P<rest>.+)", text):
        start = _read_point(m["rest"], phrase, base, base_precision, anchor)
        if text.startswith("since"):  # "since" runs to the time of writing
            _require(base_precision, YEAR, phrase)
            return f"{start.edtf}/{iso_at(base, base_precision)}"
        return f"[{_step(start, 1).edtf}..]"  # strictly after the period named
    # "early September 2024", "at the end of October": one day in that part of the month (the
    # 1st to the 10th, the 11th to the 20th, the 21st to its end), a window.
    if m := re.fullmatch(
        rf"(?:the\s+)?(?P<part>early|mid|middle of|late|beginning of|start of|end of)[\s-]+"
        rf"{_MONTH}(?:\s+(?P<y>\d{{4}}))?",
        text,
    ):
        first, last = _PARTS[m["part"]]
        month = _month_number(m["month"])
        year = int(m["y"]) if m["y"] else _month_before(month, base, base_precision, phrase)
        last = min(last, calendar.monthrange(year, month)[1])
        start, end = dt.date(year, month, first), dt.date(year, month, last)
        return f"[{start.isoformat()}..{end.isoformat()}]"
    # "late last month", "early this month": one day in that part of the month
    if m := re.fullmatch(
        r"(?:the\s+)?(?P<part>early|mid|middle of|late|beginning of|start of|end of)"
        r"(?:[\s-]+|\s+in\s+)(?P<which>last|this|next)\s+month",
        text,
    ):
        _require(base_precision, DAY, phrase)
        month = add_months(base.replace(day=1), {"last": -1, "this": 0, "next": 1}[m["which"]])
        first, last = _PARTS[m["part"]]
        last = min(last, calendar.monthrange(month.year, month.month)[1])
        start, end = month.replace(day=first), month.replace(day=last)
        if m["which"] == "this":
            end = min(end, base) if start <= base else end
        return f"[{start.isoformat()}..{end.isoformat()}]"
    # "on the 18th" in a dispatch of 19 September: the latest 18th on or before the publication
    if m := re.fullmatch(r"the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)", text):
        _require(base_precision, DAY, phrase)
        day = int(m["day"])
        month = base.replace(day=1) if day <= base.day else add_months(base.replace(day=1), -1)
        if day > calendar.monthrange(month.year, month.month)[1]:
            raise DateResolutionError(f"“{phrase}”: no such day in {month:%B %Y}.")
        return month.replace(day=day).isoformat()
    # "early 2021", "late last year": one month of that third of the year, as "early
    # September" is a day of that third of the month.
    if m := re.fullmatch(
        r"(?:the\s+)?(?P<part>early|mid|middle of|late|beginning of|start of|end of)"
        r"(?:[\s-]+|\s+in\s+)(?:(?P<y>\d{4})|(?P<which>last|this|next)\s+year)",
        text,
    ):
        first, last = _YEAR_PARTS[m["part"]]
        if m["y"]:
            year = int(m["y"])
        else:
            _require(base_precision, YEAR, phrase)
            year = base.year + {"last": -1, "this": 0, "next": 1}[m["which"]]
        return f"[{year}-{first:02d}..{year}-{last:02d}]"
    # "in October and November 2024": one day in those months.
    if m := re.fullmatch(rf"{_MONTH}\s+(?:and|or|to)\s+(?P<second>\w+)\s+(?P<y>\d{{4}})", text):
        first, second = _month_number(m["month"]), _month_number(m["second"])
        if second > first:
            return f"[{m['y']}-{first:02d}..{m['y']}-{second:02d}]"
    # "last fall": the most recent whole season before the publication.
    if m := re.fullmatch(r"last\s+(?P<season>spring|summer|fall|autumn|winter)", text):
        _require(base_precision, MONTH, phrase)
        first, last = _SEASONS[m["season"]]
        ends_later, end_month = divmod(last - 1, 12)  # a winter ends in the next year
        year = base.year - ends_later - (0 if base.month > end_month + 1 else 1)
        start, end = dt.date(year, first, 1), add_months(dt.date(year, first, 1), last - first)
        return f"[{iso_at(start, MONTH)}..{iso_at(end, MONTH)}]"
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
        return f"[..{iso_at(last.end if anchor.points[-1] else last.start, last.precision)}]"
    # "It came weeks after [the package]", said of the later event: count back from it.
    if m := re.fullmatch(rf"came\s+(?:{_COUNT}\s+)?{_UNIT}\s+after", text):
        anchor = _require_edtf_anchor(anchor, phrase)
        return _shifted_range(anchor, m["count"], m["unit"], sign=-1)
    # "Within a day, a working group had flown in": from the anchor to that long after it
    if m := re.fullmatch(rf"within\s+{_COUNT}\s+{_UNIT}", text):
        anchor = _require_edtf_anchor(anchor, phrase)
        earliest = anchor.earliest or anchor.latest
        latest = anchor.latest or anchor.earliest
        n = _count(m["count"])
        if m["unit"] in ("day", "week"):
            end = latest + dt.timedelta(days=n if m["unit"] == "day" else 7 * n)
            return f"[{earliest.isoformat()}..{end.isoformat()}]"
        end = (
            add_months(latest, n) if m["unit"] == "month" else latest.replace(year=latest.year + n)
        )
        return f"[{iso_at(earliest, MONTH)}..{iso_at(end, MONTH)}]"
    # "deported in the weeks that followed": one day from the anchor's to a vague span after it
    if m := re.fullmatch(
        r"(?:over\s+)?the\s+(?:(?P<unit>day|week|month)s\s+(?:that\s+)?followed|following\s+"
        r"(?P<unit2>day|week|month)s)",
        text,
    ):
        anchor = _require_edtf_anchor(anchor, phrase)
        return _span_after(anchor, m["unit"] or m["unit2"])
    if re.fullmatch(r"since(?: then)?", text):  # runs to the time of writing ("has since")
        _require(base_precision, YEAR, phrase)
        anchor = _require_edtf_anchor(anchor, phrase)
        first = anchor.points[0] or anchor.points[-1]
        return f"{iso_at(first.start, first.precision)}/{iso_at(base, base_precision)}"
    if re.fullmatch(r"following\b.*|after that|then|shortly after\b.*", text):
        anchor = _require_edtf_anchor(anchor, phrase)
        first = anchor.points[0] or anchor.points[-1]
        return f"[{iso_at(first.start, first.precision)}..]"
    return None


def _step(point: Point, direction: int) -> Point:
    """The period just after (1) or just before (-1) `point`, at its precision: after June
    2019 is July 2019 at the earliest, before 2020 is 2019 at the latest."""
    if point.precision == YEAR:
        return Point(point.start.replace(year=point.start.year + direction), YEAR)
    if point.precision == MONTH:
        return Point(add_months(point.start, direction), MONTH)
    return Point(point.start + dt.timedelta(days=direction), DAY)


def _require_edtf_anchor(anchor: Edtf | None, phrase: str) -> Edtf:
    if anchor is None:
        raise DateResolutionError(
            f"“{phrase}” counts from another event: choose the event it is relative to."
        )
    return anchor


def _span_after(anchor: Edtf, unit: str) -> str:
    """One day from the anchor's first to the longest vague span of `unit`s after its last
    ("in the weeks that followed" early July: July to early September): days as a window of
    days, weeks and months as a set of months."""
    earliest = anchor.earliest or anchor.latest
    latest = anchor.latest or anchor.earliest
    high = _VAGUE_SPAN[unit][1]
    if unit == "day":
        return f"[{earliest.isoformat()}..{(latest + dt.timedelta(days=high)).isoformat()}]"
    end = latest + dt.timedelta(weeks=high) if unit == "week" else add_months(latest, high)
    periods, day = [], truncate(earliest, MONTH)
    while day <= end:
        periods.append(iso_at(day, MONTH))
        day = add_months(day, 1)
    return periods[0] if len(periods) == 1 else "[" + ",".join(periods) + "]"


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
