"""Figures as data: the numbers a quote states, and the period a figure covers, in EDTF.

A figure is only as good as the words it cites, so a figure's number (and how it is hedged:
"more than 2,000", "at least 48", "over a dozen") must be one the cited quote states. Periods
are Extended Date/Time Format strings (ISO 8601-2), read by dates.py as event dates are: `2023`,
`2018/2021`, `../2025` (by 2025), `2023/2028~`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from policing.text import dates
from policing.text.anchoring import normalise

EXACT, AT_LEAST, MORE_THAN, ABOUT = "exact", "at least", "more than", "about"

# Words before a number that hedge it, as the figure's qualifier names the hedge.
_HEDGES = {
    "more than": MORE_THAN,
    "over": MORE_THAN,
    "upwards of": MORE_THAN,
    "at least": AT_LEAST,
    "no fewer than": AT_LEAST,
    "about": ABOUT,
    "around": ABOUT,
    "some": ABOUT,
    "roughly": ABOUT,
    "approximately": ABOUT,
    "nearly": ABOUT,
    "almost": ABOUT,
}
_WORD_NUMBERS = {
    **dates.CARDINALS,
    "a dozen": 12,
    "dozen": 12,
    "twenty": 20,
    "thirty": 30,
    "fifty": 50,
    "a hundred": 100,
}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "m": 10**6, "bn": 10**9}

_HEDGE = "|".join(sorted(map(re.escape, _HEDGES), key=len, reverse=True))
_WORDS = "|".join(sorted(map(re.escape, _WORD_NUMBERS), key=len, reverse=True))
# A number: digits with thousands commas or a decimal point (after an optional currency sign
# such as "A$" or "US$"), or a number word, then an optional scale ("190million", "3.3 million").
# The digits are taken whole or not at all: "8,000km" is no figure, not 8.
NUMBER = re.compile(
    rf"(?:\b(?P<hedge>{_HEDGE})\s+)?"
    rf"(?:(?<![\w.,])(?P<currency>[A-Z]{{0,3}}\$|£|€)?(?P<digits>(?>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?))"
    rf"|\b(?P<word>{_WORDS})\b)"
    rf"(?:\s?(?P<scale>thousand|million|billion|bn|m)\b)?(?!\w)",
    re.IGNORECASE,
)


class FigureError(ValueError):
    """A figure that its words do not support, or a period that is not EDTF; the message says
    why, for an editor."""


@dataclass(frozen=True)
class StatedNumber:
    """A number as a text states it, with its hedge."""

    value: Decimal
    qualifier: str
    text: str
    # Where it is in the normalised text (anchoring.normalise), and what it counts as the text
    # words it: a currency code, or the words after the number ("police officers").
    start: int = 0
    end: int = 0
    unit: str = ""


# Currency signs as codes; a bare "$" is left as written, since the text does not say whose.
CURRENCIES = {"A$": "AUD", "US$": "USD", "NZ$": "NZD", "C$": "CAD", "HK$": "HKD", "£": "GBP"}
CURRENCIES["€"] = "EUR"
# Words that end the unit after a number: "30 local officers took part" → "local officers".
_UNIT_STOPS = re.compile(
    r"(?:a|an|the|and|or|of|in|on|at|to|by|for|from|with|who|which|that|while|than|more|"
    r"was|were|is|are|be|been|had|has|have|took|received|would|will|could|across|into|under|"
    r"since|between|after|before|during|including|per|each)$",
    re.IGNORECASE,
)


def _unit(match: re.Match, text: str) -> str:
    if match["currency"]:
        return CURRENCIES.get(match["currency"], match["currency"])
    rest = text[match.end() :]
    if re.match(r"-year-old\b", rest):
        return "years of age"
    words = []
    for word in re.findall(r"[^\s,.;:()\"]+", rest.split(",")[0])[:4]:
        if _UNIT_STOPS.fullmatch(word) or re.search(r"(?:ed|ing)$", word) or word[0].isdigit():
            break
        words.append(word)
    return " ".join(words)


def numbers_in(text: str) -> list[StatedNumber]:
    """Every number `text` states: "more than 2,000" → 2000, more than; "A$190million" →
    190000000, AUD; "over a dozen" → 12, more than; "59-year-old" → 59; "32 police officers"
    → 32 police officers."""
    found = []
    text = normalise(text)
    for match in NUMBER.finditer(text):
        if match["digits"]:
            value = Decimal(match["digits"].replace(",", ""))
        else:
            value = Decimal(_WORD_NUMBERS[match["word"].lower()])
        if match["scale"]:
            value *= _SCALES[match["scale"].lower()]
        hedge = (match["hedge"] or "").lower()
        stated = match[0].strip()
        start = match.start() + (len(match[0]) - len(match[0].lstrip()))
        found.append(
            StatedNumber(
                value,
                _HEDGES.get(hedge, EXACT),
                stated,
                start,
                start + len(stated),
                _unit(match, text),
            )
        )
    return found


def stated_problem(quote: str, value, qualifier: str) -> str | None:
    """Why `quote` does not state `value` hedged as `qualifier`, or None if it does."""
    try:
        value = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return f"“{value}” is not a number."
    stated = [n for n in numbers_in(quote) if n.value == value]
    if not stated:
        shown = ", ".join(f"“{n.text}”" for n in numbers_in(quote)) or "none"
        return (
            f"The cited words do not state {_plain(value)} (numbers they state: {shown}). "
            "Choose the citation that gives this number, or correct it."
        )
    if not any(n.qualifier == qualifier for n in stated):
        hedges = " or ".join(sorted({f"“{n.qualifier}”" for n in stated}))
        return (
            f"The cited words give {_plain(value)} as {hedges}, not “{qualifier}”: "
            f"“{stated[0].text}”."
        )
    return None


def _plain(value: Decimal) -> str:
    return f"{int(value):,}" if value == value.to_integral_value() else f"{value.normalize():,}"


# --- Periods -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """An EDTF period and its earliest and latest possible days (None for an open end)."""

    text: str
    earliest: dt.date | None
    latest: dt.date | None


def parse_period(text: str, *, check: bool = False) -> Period:
    """Read an EDTF string as dates.py reads event dates, or raise `FigureError` saying what is
    wrong with it; `check` for what an editor or a fixture gives (dates.check_edtf)."""
    try:
        parsed = (dates.check_edtf if check else dates.parse_edtf)(text)
    except dates.DateResolutionError as error:
        raise FigureError(str(error)) from None
    return Period(parsed.text, parsed.earliest, parsed.latest)


def period_in_words(text: str) -> str:
    """A period for people, as dates.in_words writes it ("2018–2021", "from Sep 2024",
    "2023 – c. 2028"), except an open start: a count reached by its end is "by 2025" (an
    event's date that lasted until then reads "until 2025"). The string itself if it is not
    EDTF."""
    if not text:
        return ""
    try:
        parsed = dates.parse_edtf(text)
    except dates.DateResolutionError:
        return text
    if parsed.form == "interval" and parsed.points[0] is None:
        return f"by {parsed.points[1].words()}"
    return dates.in_words(parsed)
