"""The date phrases of a sentence, and each one read into EDTF (by policing/text/dates.py)
against the publication or, for "Two months later", "Since then", "that year", against the
date the text stated last."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, replace

from policing.text import dates

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_M = rf"(?-i:{_MONTHS})"  # capitalised only: "may" and "march" are verbs
_DAYNAME = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_N = (
    r"(?:a\s+few|few|several|some|\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve)"
)
_U = r"(?:days?|weeks?|months?|years?)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_PREP = r"(?:(?:in|on|by|since|after|before|until|during|from)\s+)?"
# Nouns an adjectival date makes an event of its own: "a 2011 policing agreement", "the 2019
# case", "a May 2023 report".
_EVENT_NOUNS = (
    r"agreement|accord|deal|pact|report|paper|study|incident|case|hearing|indictment|visit|"
    r"meeting|forum|summit|programme|program|initiative|law|treaty|operation|raid|statement"
)

# Phrases relative to the date stated last (dates.read takes it as the anchor).
_RELATIVE = (
    rf"\bcame\s+(?:{_N}\s+)?{_U}\s+after\b",
    r"\bcame\s+after\b",
    rf"\b{_N}\s+{_U}\s+(?:later|earlier|afterwards)\b",
    r"\bsince\s+then\b",
    rf"\bwithin\s+(?:a|an|one|two|three|four|five|six|\d{{1,2}})\s+{_U}",
    r"\b(?:in\s+|over\s+|during\s+)?the\s+(?:(?:days|weeks|months)\s+(?:that\s+)?followed|"
    r"following\s+(?:days|weeks|months))\b",
    # "…, and Beijing has since shipped several batches of equipment": since the date before
    r"(?:(?<=\bhas\s)|(?<=\bhave\s)|(?<=\bhad\s))since\b(?!\s+(?:then|\d|the|last|early|mid|late))",
    r"\b(?:on\s+)?(?:the\s+same|that)\s+day\b",
    # "China's ambassador said at the same event that …"
    r"\bat\s+the\s+same\s+(?:event|ceremony|meeting|occasion|briefing|(?:press|news)\s+"
    r"conference)\b",
    r"\bthe\s+day\s+(?:before|after)\b",
    r"\b(?:on\s+)?the\s+(?:previous|following|next)\s+day\b",
    # "On the eve of the launch": the day before the day told
    r"\b(?:on\s+)?the\s+eve\s+of\s+the\s+[\w-]+",
    # (not "shortly after 11 a.m.": a time of the day told)
    r"\bshortly\s+after(?:wards)?\b(?!\s+(?:\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\b|o['’]clock)|"
    r"noon|midnight|dawn|dusk))",
    r"\bfollowing\s+(?:the|this|that)\s+[^,.;:]{1,40}?(?=[,.;:]|$)",
)
# Phrases that count from the date stated last rather than from the publication.
_THAT_YEAR = (
    rf"\b(?:in\s+)?(?:{_M}\s+(?:of\s+)?)?(?:that|the\s+same)\s+year\b",
    rf"\b(?:in\s+)?(?:{_M}\s+(?:of\s+)?)?the\s+(?:previous|following)\s+year\b",
    r"\b(?:in\s+)?the\s+(?:previous|following)\s+(?:week|month)\b",
    r"\b(?:at\s+)?the\s+(?:end|beginning|start)\s+of\s+the\s+month\b",
    # "leaks online late in the month", "arrives in the last days of the month"
    r"\b(?:early|late)\s+in\s+the\s+month\b",
    r"\b(?:in\s+)?the\s+(?:last|final|first)\s+(?:few\s+)?days\s+of\s+the\s+month\b",
    r"\blater\s+that\s+(?:month|year)\b",
    # "and later in the year a group of officers went to China", "late in the year"
    r"\blater\s+in\s+the\s+(?:month|year)\b",
    r"\b(?:early|late)\s+in\s+the\s+year\b",
    r"\b(?:in\s+)?that\s+(?:spring|summer|fall|autumn|winter)\b",
)
# Seasons without a year: "In the autumn", "this summer" (the most recent by the
# publication), "that autumn" (of the year stated last). Months of the northern seasons, as
# "last fall" is read.
_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "fall": (9, 11),
    "autumn": (9, 11),
    "winter": (12, 2),
}
# Phrases read against the publication, or absolute.
_STATED = (
    rf"\b(?:between|from)\s+(?:{_M}\s+)?{_YEAR}\s+(?:and|to|until)\s+(?:{_M}\s+)?{_YEAR}\b",
    rf"\b{_PREP}(?:(?:early|mid|late)[\s-]+)?{_M}\s+(?:of\s+)?(?:last|this)\s+year\b",
    # "in early 2021", "late last year", "at the end of 2023"
    rf"\b{_PREP}(?:(?:early|mid|late)(?:[\s-]+|\s+in\s+)|(?:at\s+)?the\s+(?:end|beginning|start)\s+"
    rf"of\s+)(?:{_YEAR}|(?:last|this)\s+year)\b",
    # ("10th July 2023", "July 10th": an ordinal day)
    rf"\b{_PREP}(?:(?:early|mid|late)[\s-]+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?)?{_M}"
    rf"(?:\s+\d{{1,2}}(?:st|nd|rd|th)?\b)?(?:,?\s+{_YEAR})?\b",
    rf"\b(?:in\s+)?the\s+(?:first|second|latter)\s+half\s+of\s+{_YEAR}\b",
    # "on Feb. 5", "Sept. 28": an abbreviated month and its day
    rf"\b{_PREP}(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d{{1,2}}\b(?:,?\s+{_YEAR})?",
    rf"\b{_PREP}(?:last|this)\s+(?:week|month|year|{_M})\b",
    r"\b(?:earlier|later)\s+this\s+(?:week|month|year)\b",
    rf"\b(?:at\s+)?the\s+(?:end|beginning|start)\s+of\s+{_M}(?:\s+{_YEAR})?\b",
    rf"\b(?:in\s+)?the\s+(?:first|opening|last|final|closing)\s+(?:few\s+)?days\s+of\s+{_M}"
    rf"(?:\s+{_YEAR})?\b",
    rf"\b(?:in\s+)?{_M}\s+(?:and|or)\s+{_M}\s+{_YEAR}\b",
    r"\blast\s+(?:spring|summer|fall|autumn|winter)\b",
    r"\b(?:(?:in|during|over|since)\s+the|this|earlier\s+this)\s+(?:spring|summer|fall|autumn|winter)\b"
    r"(?!\s+of\s+\d)(?:\s+(?:tourist\s+|holiday\s+)?season\b)?",
    rf"\b(?:in\s+)?the\s+(?:spring|summer|fall|autumn|winter)\s+of\s+{_YEAR}\b",
    # "Summer 2023 — Patrols resume in Belgrade"
    rf"\b(?:in\s+)?(?:spring|summer|fall|autumn|winter)\s+{_YEAR}\b",
    # part of a month: "late last month", "early this month"
    r"\b(?:(?:in\s+)?the\s+)?(?:early|mid|late)[\s-]+(?:last|this|next)\s+month\b",
    # what is to come: "early next year", "next month"
    r"\b(?:(?:in\s+)?(?:early|mid|late)[\s-]+|(?:in\s+)?(?:the\s+)?)?next\s+(?:week|month|year)\b",
    # ("Two years ago this month": that month, two years before)
    rf"\b{_N}\s+{_U}\s+ago(?:\s+this\s+month)?\b",
    r"\b(?:a|one|two|three)\s+(?:decades?|fortnights?)\s+ago\b",
    # a day of the month the dateline gives: "was held in Belgrade on the 18th local time"
    rf"\bon\s+the\s+\d{{1,2}}(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?{_M})",
    r"\b(?:in\s+)?(?:the\s+)?(?:last|past)\s+year\b",
    r"\b(?:(?:in|over|during)\s+)?(?:recent\s+|the\s+(?:past|last)\s+(?:few\s+)?)(?:days|weeks|months)\b",
    # a stretch up to the publication: "over the past year", "in the past two weeks", "over the
    # last decade", "since the start of the year"
    rf"\b(?:over|during)\s+the\s+(?:past|last)\s+(?:{_N}\s+)?(?:{_U}|decades?)\b",
    rf"\bin\s+the\s+past\s+(?:{_N}\s+)?(?:{_U}|decades?)\b",
    rf"\bin\s+the\s+last\s+{_N}\s+{_U}\b",
    r"\bsince\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+year\b",
    rf"\b(?:on\s+)?(?:last\s+)?{_DAYNAME}\b",
    r"\b(?:(?:earlier|later)\s+)?today\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b|"
    r"\byesterday(?:\s+(?:morning|afternoon|evening))?\b|\blast\s+night\b",
    # (not the year of a name: "the National Security Act 2023", "Vision 2030")
    rf"\b{_PREP}(?<!Act\s)(?<!Law\s)(?<!Bill\s)(?<!Ordinance\s)(?<!Vision\s)(?<!Agenda\s){_YEAR}\b",
    r"\b\d{1,2}/\d{1,2}/\d{4}\b",
)
_EMBEDDED = re.compile(
    rf"\b(?:an?|the)\s+(?P<date>(?:{_M}\s+)?{_YEAR})\s+(?:[\w-]+\s+){{0,2}}?(?:{_EVENT_NOUNS})\b"
    # "a mechanism launched in 2022", "the Initiative introduced in 2022": the year dates the
    # noun, not the act the sentence reports.
    rf"|\b(?:{_EVENT_NOUNS}|mechanism|system|body|unit|centre|center|organisation)\s+"
    # (not a document's: "a report published in May 2022 alleged …" dates what it tells)
    rf"(?!published|released|issued)(?:\w+ed)\s+in\s+(?P<participle>(?:{_M}\s+)?{_YEAR})\b",
    re.IGNORECASE,
)


@functools.cache
def _phrase_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    kinds = [("relative", p) for p in _RELATIVE]
    kinds += [("that-year", p) for p in _THAT_YEAR] + [("stated", p) for p in _STATED]
    return tuple((kind, re.compile(p, re.IGNORECASE)) for kind, p in kinds)


# A season with no year of its own: "during the summer tourist season".
_SEASON_ALONE = re.compile(
    r"(?:(?:in|during|over)\s+)?the\s+(?:spring|summer|fall|autumn|winter)\b(?!\s+of\b)",
    re.IGNORECASE,
)


def in_the_year_before(phrase: Phrase, phrases: list[Phrase]) -> Phrase:
    """A season with no year, after a date its sentence states, is in that date's year: "Croatia
    followed in 2018, hosting Chinese officers … during the summer tourist season" is June to
    August 2018, not the last summer before the publication. The phrase is then read as "that
    summer" is (kind "that-year"); other phrases as they are."""
    before = [p for p in phrases if p.kind in ("embedded", "stated") and p.end <= phrase.start]
    if phrase.kind == "stated" and _SEASON_ALONE.match(phrase.text) and before:
        return replace(phrase, kind="that-year")
    return phrase


_SINCE = re.compile(r"since\s+", re.IGNORECASE)
_WHEN_AFTER = re.compile(r",?\s+when\b", re.IGNORECASE)


def of_the_when_clause(phrase: Phrase, sentence: str) -> Phrase:
    """ "the largest deportation since July 2015, when it put 109 Uyghur men on a flight to
    China": the clause after "when" tells an act at that date, not one running since it, so
    the phrase is read without "since"; other phrases as they are."""
    since = _SINCE.match(phrase.text)
    if since is None or not _WHEN_AFTER.match(sentence, phrase.end):
        return phrase
    return replace(phrase, text=phrase.text[since.end() :], start=phrase.start + since.end())


def in_the_year_of(phrase: Phrase, heading: Reading | None, context: Context) -> Context:
    """The context `phrase` is read in under a heading that gives only a year: a month with no
    year ("2021" / "December: A team of Chinese police advisers arrives in Honiara") is that
    year's, not the last one before the publication. Other phrases, and entries under no such
    heading, keep `context`."""
    if heading is None or heading.precision != dates.YEAR or heading.start is None:
        return context
    if (
        phrase.kind != "stated"
        or re.search(r"\d{4}", phrase.text)
        or not re.search(_M, phrase.text)
    ):
        return context
    year = heading.start.year
    return Context(
        dt.date(year, 12, 31), dates.DAY, f"the year of its heading, {year}", context.last
    )


def is_year(text: str) -> bool:
    """Whether `text` is a year as the reports write one (1800 to 2099)."""
    return re.fullmatch(_YEAR, text) is not None


@dataclass(frozen=True)
class Phrase:
    text: str
    start: int
    end: int
    kind: str  # "relative", "that-year", "stated", "embedded", "search"


def date_phrases(sentence: str) -> list[Phrase]:
    """The date phrases of a sentence in order, longest first where they overlap; a year used
    as an adjective ("a 2011 policing agreement") is marked "embedded"."""
    return list(_date_phrases(sentence))


@functools.lru_cache(maxsize=4096)
def _date_phrases(sentence: str) -> tuple[Phrase, ...]:
    """`date_phrases`, kept for the last texts asked about (a paragraph, then its sentences)."""
    found: list[Phrase] = []
    embedded = []
    for m in _EMBEDDED.finditer(sentence):
        group = "date" if m["date"] else "participle"
        embedded.append(Phrase(m[group], m.start(group), m.end(group), "embedded"))
    # An adjectival date is taken before a phrase overlapping it ("in 2022" of "a mechanism
    # launched in 2022").
    found.extend(embedded)
    candidates = []
    for kind, pattern in _phrase_patterns():
        for m in pattern.finditer(sentence):
            text = m[0].strip()
            if text:
                candidates.append(Phrase(text, m.start(), m.start() + len(text), kind))
    candidates.sort(key=lambda p: (p.start, -(p.end - p.start)))
    for phrase in candidates:
        if any(phrase.start < other.end and other.start < phrase.end for other in found):
            continue
        found.append(phrase)
    return tuple(sorted(found, key=lambda p: p.start))


@dataclass(frozen=True)
class Reading:
    """A date phrase read: its EDTF value and how it was read, or why it could not be."""

    text: str = ""
    edtf: str = ""
    words: str = ""

    @property
    def start(self) -> dt.date | None:
        return dates.legacy(self.edtf).start if self.edtf else None

    @property
    def precision(self) -> str:
        return dates.legacy(self.edtf).precision if self.edtf else ""


@dataclass(frozen=True)
class Context:
    """What phrases are read against: the publication and the date the text stated last."""

    base: dt.date
    base_precision: str
    published_words: str
    last: str = ""  # EDTF of the date stated last


def replace_last(context: Context, last: str) -> Context:
    return Context(context.base, context.base_precision, context.published_words, last)


def told_as_done(context: Context, unread: str = "") -> Reading | None:
    """The date of an act the report tells as done with no date of its own ("have also
    carried out joint patrols", "canceled a plan"), or with a phrase that could not be read
    (`unread` says why): some day by the publication, open at its start (docs/corpus.md,
    "Rules applied to every event", 1). None where the publication is known only from below,
    which bounds nothing."""
    if context.base_precision not in (dates.DAY, dates.MONTH, dates.YEAR):
        return None
    by = dates.iso_at(context.base, context.base_precision)
    why = f"{unread} " if unread else "No date phrase: "
    return Reading(
        "",
        f"[..{by}]",
        f"{why}The act is told as done, so some day by the publication "
        f"({context.published_words}); the start is open.",
    )


def began_then(reading: Reading) -> Reading:
    """The date an act began, where the words tell it as running since then: "has been based in
    Honiara since 2022" began in 2022; other readings as they are."""
    if not re.match(r"since\b", reading.text, re.IGNORECASE) or "/" not in reading.edtf:
        return reading
    begun = reading.edtf.split("/")[0]
    return Reading(
        reading.text,
        begun,
        f"“{reading.text}”: what runs since then began then, {dates.in_words(begun)}",
    )


def since_then(reading: Reading, context: Context) -> Reading:
    """What was done, not begun, "since last week" or "since the autumn" was done some day from
    the span's first to the publication ("more than 40,000 suspects have been handed over since
    the autumn"); other readings as they are. (What began then began within the span:
    `_since_a_span`.)"""
    if not re.match(r"since\b", reading.text, re.IGNORECASE) or not reading.edtf.startswith("["):
        return reading
    if context.base_precision != dates.DAY or reading.start is None or "," in reading.edtf:
        return reading
    window = f"[{reading.start.isoformat()}..{context.base.isoformat()}]"
    return Reading(
        reading.text,
        window,
        f"“{reading.text}”: some day from its first to the publication, {dates.in_words(window)}",
    )


def stated_at_publication(context: Context) -> Reading | None:
    """The date of an intention or plan the report states in the present with no date of its
    own ("The two sides intend to continue the joint patrols"): the publication, at which the
    report says it holds. None where the publication is not known to the day, month or year."""
    if context.base_precision not in (dates.DAY, dates.MONTH, dates.YEAR):
        return None
    edtf = dates.iso_at(context.base, context.base_precision)
    return Reading(
        "",
        edtf,
        f"No date phrase: an intention the report states as holding at its publication "
        f"({context.published_words}).",
    )


def stated_on_the_news_day(news_day: Reading) -> Reading:
    """The date of a pledge or plan a report says was stated, with no date of its own ("The
    Chinese side stated that it is willing to …"): the day of the news the report tells, at
    which its parties spoke."""
    return Reading(
        "",
        news_day.edtf,
        f"No date phrase: said at the news the report tells, {dates.in_words(news_day.edtf)}.",
    )


def went_on_at(before: Reading) -> Reading:
    """The date of an act told in the simple past with no date of its own, after a paragraph
    that told one time ("In March 2023, Tonga signed … / Chinese instructors trained 40
    officers"): the story goes on at that time."""
    return Reading(
        "",
        before.edtf,
        f"No date phrase: told in the past after the paragraph before, whose time it goes on "
        f"at, {dates.in_words(before.edtf)}.",
    )


def by_publication(reading: Reading, context: Context) -> Reading:
    """A done act's date cut at the publication: "has deported … this month" in a report of
    14 April 2016 is some day from 1 to 14 April, not any day of April."""
    if not reading.edtf or context.base_precision != dates.DAY:
        return reading
    parsed = dates.parse_edtf(reading.edtf)
    earliest, latest = parsed.earliest, parsed.latest
    if earliest is None or latest is None or not earliest <= context.base < latest:
        return reading
    edtf = f"[{earliest.isoformat()}..{context.base.isoformat()}]"
    words = f"{reading.words}; told as done, so by the publication: {dates.in_words(edtf)}"
    # Not the phrase's own value: the date is set from it, and its reading says how.
    return Reading("", edtf, words)


def read_phrase(phrase: Phrase, context: Context) -> Reading:
    """Read one phrase with dates.py; an unreadable phrase gives a Reading without EDTF that
    says why. The same words in the same context read the same, so a reading is kept for the
    last 4,096 asked ("on Tuesday", "last year" recur through a report)."""
    return _read(phrase.text, phrase.kind, context)


def _since_a_span(text: str, context: Context) -> Reading | None:
    """ "since last week", "since late March": what runs since a span began within it, and no
    one day of it can open an interval, so the span itself is the date (a window); None for
    "since" and one date ("since 2022" is an interval, `began_then`) or other words."""
    found = re.match(r"since\s+(?P<span>.+)", text, re.IGNORECASE)
    if found is None:
        return None
    try:
        edtf = dates.read(found["span"], context.base, context.base_precision)
    except dates.DateResolutionError:
        return None  # ("since the start of the year": read whole, not as a span)
    if not edtf.startswith("[") or "," in edtf:
        return None
    return Reading(
        text,
        edtf,
        f"“{text}”, read against the publication ({context.published_words}): it began "
        f"within {dates.in_words(edtf)}",
    )


@functools.lru_cache(maxsize=4096)
def _read(text: str, kind: str, context: Context) -> Reading:
    phrase = Phrase(text, 0, len(text), kind)
    try:
        of_year = re.search(
            r"\b(?:the\s+)?(spring|summer|fall|autumn|winter)\s+(?:of\s+)?(\d{4})\b", text, re.I
        )
        if of_year:
            return _season_of(text, of_year[1].lower(), int(of_year[2]))
        season = re.search(r"\b(that|the|this)\s+(spring|summer|fall|autumn|winter)\b", text, re.I)
        if season:
            which = season[1].lower()
            if which == "the" and phrase.kind == "that-year":  # `in_the_year_before`
                which = "that"
            return _season_read(text, which, season[2].lower(), context)
        if phrase.kind == "that-year":
            if not context.last:
                raise dates.DateResolutionError(
                    f"“{text}” counts from a date the text has not given."
                )
            last = dates.legacy(context.last)
            # "that year" is "this year", and "the previous year" "last year", said then.
            said = re.sub(r"\b(?:that|the\s+same)\s+year\b", "this year", text, flags=re.I)
            said = re.sub(r"\bthe\s+previous\s+(year|month|week)\b", r"last \1", said, flags=re.I)
            said = re.sub(
                r"\blater\s+(?:that|in\s+the)\s+(month|year)\b", r"later this \1", said, flags=re.I
            )
            said = re.sub(r"\b(early|late)\s+in\s+the\s+year\b", r"\1 this year", said, flags=re.I)
            said = re.sub(
                r"\blate\s+in\s+the\s+month\b|\bthe\s+(?:last|final)\s+(?:few\s+)?days\s+of\s+"
                r"the\s+month\b",
                "the end of the month",
                said,
                flags=re.I,
            )
            said = re.sub(
                r"\bearly\s+in\s+the\s+month\b|\bthe\s+first\s+(?:few\s+)?days\s+of\s+the\s+month\b",
                "the beginning of the month",
                said,
                flags=re.I,
            )
            part = re.search(r"\bthe\s+(end|beginning|start)\s+of\s+the\s+month\b", said, re.I)
            if part and last.precision in (dates.MONTH, dates.DAY):
                # "December 2020: … ratifies the treaty at the end of the month"
                month = f"the {part[1].lower()} of {last.start:%B %Y}"
                edtf = dates.read(month, context.base, context.base_precision)
            elif re.search(r"\bthe\s+following\s+month\b", said, re.I):
                following = dates.add_months(last.start.replace(day=1), 1)
                edtf = dates.iso_at(following, dates.coarser(dates.MONTH, last.precision))
            elif re.search(r"\bthe\s+following\s+year\b", said, re.I):
                following = dt.date(last.start.year + 1, 1, 1)
                said = re.sub(r"\bthe\s+following\s+year\b", "this year", said, flags=re.I)
                edtf = dates.read(said, following, dates.YEAR)
            else:
                edtf = dates.read(said, last.start, last.precision)
            how = f"counted from the date stated before ({dates.in_words(context.last)})"
        elif phrase.kind == "relative":
            if not context.last:
                raise dates.DateResolutionError(
                    f"“{text}” counts from a date the text has not given."
                )
            edtf = dates.read(text, context.base, context.base_precision, anchor=context.last)
            how = f"counted from the date stated before ({dates.in_words(context.last)})"
        elif since_span := _since_a_span(text, context):
            return since_span
        else:
            edtf = dates.read(text, context.base, context.base_precision)
            relative = not re.search(r"\d{4}", text)
            how = (
                f"read against the publication ({context.published_words})"
                if relative
                else "as written"
            )
            in_story = _in_the_story_year(text, context) if relative else ""
            if in_story and in_story != edtf:
                edtf = in_story
                how = f"in the year of the date stated before ({dates.in_words(context.last)})"
        words = dates.in_words(edtf)  # (a value no date can have, "2023 years ago", fails here)
    except dates.DateResolutionError as error:
        return Reading(text, "", f"“{text}” was not read: {error}")
    return Reading(text, edtf, f"“{text}”, {how}: {words}")


def _season_window(season: str, year: int) -> str:
    """The months of `season` that begins in `year`, as one window (a winter runs from
    December into the next year)."""
    first, last_month = _SEASONS[season]
    end_year = year + 1 if first == 12 else year
    return f"[{year}-{first:02d}..{end_year}-{last_month:02d}]"


def _season_of(text: str, season: str, year: int) -> Reading:
    """ "in the autumn of 2022": the season's months of that year."""
    edtf = _season_window(season, year)
    return Reading(text, edtf, f"“{text}”, as written: {dates.in_words(edtf)}")


def coming_season(reading: Reading, context: Context) -> Reading:
    """`reading` where it is a season with no year of its own (`_season_read`) that ended
    before the publication: the same season a year later, the next to come; other readings as
    they are."""
    season = re.search(r"\b(?:the|this)\s+(spring|summer|fall|autumn|winter)\b", reading.text, re.I)
    if not season or re.search(r"\d{4}", reading.text) or not reading.edtf.startswith("["):
        return reading
    parsed = dates.parse_edtf(reading.edtf)
    if parsed.latest is None or parsed.latest >= context.base:
        return reading
    edtf = _season_window(season[1].lower(), parsed.earliest.year + 1)
    return Reading(
        reading.text, edtf, f"“{reading.text}”, the next to come, as told: {dates.in_words(edtf)}"
    )


def _season_read(text: str, which: str, season: str, context: Context) -> Reading:
    """A season without a year: "that autumn" in the year stated last; "in the autumn", "this
    summer" the most recent one begun by the publication."""
    first, _ = _SEASONS[season]
    if which == "that":
        if not context.last:
            return Reading(text, "", f"“{text}” counts from a date the text has not given.")
        year = dates.legacy(context.last).start.year
        how = f"in the year stated before ({dates.in_words(context.last)})"
    else:
        base = context.base
        if first == 12:  # a winter runs from December into the next year
            year = base.year if base.month == 12 else base.year - 1
        else:
            year = base.year if base.month >= first else base.year - 1
        how = f"the last {season} begun by the publication ({context.published_words})"
    edtf = _season_window(season, year)
    return Reading(text, edtf, f"“{text}”, {how}: {dates.in_words(edtf)}")


# How far after the date stated last a month and day without a year may fall and still be in
# its year: a story told month by month ("in late September 2018 … On October 7, …").
_STORY_DAYS = 120


def _in_the_story_year(text: str, context: Context) -> str:
    """A month (and day) without a year, read in the year of the date stated last, when that
    date is a month or a day and the phrase falls within `_STORY_DAYS` after it; else ""."""
    if not context.last or not re.search(_M, text):
        return ""
    if re.search(r"\b(?:this|last|next)\s+year\b", text, re.IGNORECASE):
        return ""  # "in November this year" counts from the publication, whatever came before
    try:
        last = dates.legacy(context.last)
        if last.precision not in (dates.MONTH, dates.DAY) or last.start is None:
            return ""
        year_end = dt.date(last.start.year, 12, 31)
        edtf = dates.read(text, year_end, dates.DAY)
        start = dates.legacy(edtf).start
    except dates.DateResolutionError:
        return ""
    if start is None or not 0 <= (start - last.start).days <= _STORY_DAYS:
        return ""
    return edtf


# Abbreviated months ("Feb. 20, 2025"), which the patterns above leave to dateparser.
_ABBREVIATED = re.compile(r"\b(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d")


def searched_phrase(sentence: str, context: Context) -> Phrase | None:
    """dateparser's search, for where the patterns read no more than a year: None unless the
    sentence abbreviates a month, and only a found date that names a year in digits (a month
    and day alone are too often a false hit) is kept."""
    from dateparser.search import search_dates

    if not _ABBREVIATED.search(sentence):
        return None
    try:
        found = search_dates(
            sentence,
            languages=["en"],
            settings={
                "RELATIVE_BASE": dt.datetime.combine(context.base, dt.time()),
                "PREFER_DATES_FROM": "past",
            },
        )
    except Exception:  # dateparser raises assorted errors on odd input; nothing found then
        return None
    for text, _ in found or ():
        if re.search(rf"\b{_YEAR}\b", text) and re.search(r"[A-Za-z]", text):
            start = sentence.find(text)
            if start >= 0:
                return Phrase(text, start, start + len(text), "search")
    return None
