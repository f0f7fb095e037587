"""Candidate events read from a report's words, for an editor to accept or reject.

A sentence is proposed when it states a concrete act (a verb of the vocabulary in `KEYWORDS`:
signed, trained, repatriated, amended, …), not when it is background, an opinion in quotation
marks, or has no act. Its date phrase is read by dates.py against the publication date, or,
for "Two months later", "Since then", "that year", against the date the text stated last; its
numbers by figures.py; its places by places.py; the actors by the names in the data. Each
candidate is compared with the events already curated (`matches`), and nothing is published:
`queue()` keeps the candidates as pending `Proposal` rows (models.py) for the review queue.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from django.db import transaction

from policing.text import dates, figures, places
from policing.text.anchoring import STRAIGHT_QUOTES, normalise

# --- the vocabulary: one table --------------------------------------------------------------------
#
# Each row: a pattern (regular expression, case-insensitive, on word boundaries), the activity
# and the stage it suggests ("" where it suggests none), and whether it states an act. Verbs
# are written as stems with their inflections. The first row naming an activity in a sentence
# gives the activity; the stage comes from the first row of what happened (no activity) that
# matches, else from the activity's row: rows are in order of precedence (`suggest`).

_ED = r"(?:s|es|ed|d|ing)?"

KEYWORDS: tuple[tuple[tuple[str, ...], str, str, bool], ...] = (
    # what the event is
    (
        (r"repatriat(?:e|es|ed|ing|ion)", rf"deport{_ED}", "deportation", r"escorted\b.*?\bback"),
        "repatriation",
        "completed",
        True,
    ),
    ((r"joint\s+patrols?",), "joint-patrol", "", False),
    (
        (rf"indict{_ED}", "indictment", "charged", "charges", r"prosecut\w*"),
        "scrutiny",
        "charged",
        True,
    ),
    ((rf"arrest{_ED}", "accused", r"investigat(?:e|ed|es|ing|ion)"), "scrutiny", "charged", True),
    (
        ("hearing", r"(?:research\s+)?paper", r"report(?=\s+(?:by|from|titled))", "allegations"),
        "scrutiny",
        "reported",
        False,
    ),
    (
        (r"(?:informed|told|revealed\s+to)\s+(?:a|the)\s+\w*\s*(?:senate|parliamentary|hearing)",),
        "scrutiny",
        "reported",
        True,
    ),
    (
        ("agreement", "accord", "deal", "pact", "partnership", "memorandum", r"offers?\b"),
        "agreement",
        "",
        False,
    ),
    ((rf"deploy{_ED}", "posted", "stationed"), "deployment", "started", True),
    (
        (r"train(?:s|ed|ing)?", "educated", r"police\s+academ\w+", r"program(?:me)?\b"),
        "training",
        "",
        False,
    ),
    (
        (rf"visit{_ED}", r"met\b", r"meet(?:s|ing)?\b", r"meetings?\b", "delegation", "forum"),
        "visit",
        "",
        False,
    ),
    (("initiative", r"law\b", "policy", "package", r"plan\b"), "policy", "", False),
    # what happened to it
    ((rf"sign{_ED}", "agreed", "agreeing", "reached", "struck"), "", "signed", True),
    (
        (
            rf"pledg{_ED}",
            "offered",
            # what is still to come: "will train", "will be trained", "is to deploy"
            r"(?:will|would|(?:is|are)\s+to)\s+(?:be\s+)?"
            r"(?:train|provid|deploy|send|sent|grow|fund|build|offer|donat|equip)\w*",
            r"willing\s+to",
            r"plan(?:s|ned)?\s+to",
            r"aim(?:s|ed)?\s+to",
        ),
        "",
        "pledged",
        True,
    ),
    (
        (rf"announc{_ED}", r"declared?", "declaration", rf"unveil{_ED}", rf"introduc{_ED}"),
        "",
        "announced",
        True,
    ),
    (
        (rf"launch{_ED}", rf"establish{_ED}", r"set\s+up", "began", "begun", "started"),
        "",
        "started",
        True,
    ),
    ((rf"suspend{_ED}", "suspension", r"on\s+hold", "paused"), "", "suspended", True),
    ((rf"amend{_ED}", rf"revis{_ED}", "adjusted", "changed"), "", "amended", True),
    (
        (
            r"end(?:s|ed)\b",
            r"stop(?:s|ped)?\b",
            rf"halt{_ED}",
            rf"revok{_ED}",
            "discontinued",
            r"shut\s*down",
            "shutdown",
            r"cancell?ed",
            "removed",
            "expelled",
        ),
        "",
        "ended",
        True,
    ),
    ((rf"reject{_ED}", rf"refus{_ED}", r"turned\s+down", "declined"), "", "rejected", True),
    ((rf"publish{_ED}",), "", "reported", True),
    (
        (
            "held",
            "hosted",
            "completed",
            r"received\s+training",
            r"took\s+part",
            "participated",
            r"wrapping\s+up",
            "trained",
            "educated",
            "welcomed",
            "visited",
            r"met\b",
            "escorted",
            "attended",
        ),
        "",
        "completed",
        True,
    ),
    ((r"trains?\b", r"visits?\b", r"holds?\b", r"hosts?\b"), "", "", True),
)

# Past forms: a sentence that gives no date states an act only in the past tense; a plan or
# a habit ("usually involves training") needs a date to be an event.
_PAST = re.compile(
    r"\b\w+ed\b|\b(?:held|met|made|began|begun|took|struck|set\s+up|sent|shut\s*down|shutdown|"
    r"turned\s+down|on\s+hold)\b",
    re.IGNORECASE,
)


@functools.cache
def _keywords() -> tuple[tuple[re.Pattern, str, str, bool], ...]:
    return tuple(
        (re.compile(rf"\b(?:{'|'.join(words)})", re.IGNORECASE), activity, stage, act)
        for words, activity, stage, act in KEYWORDS
    )


def acts_in(text: str) -> list[re.Match]:
    """The words of `text` that state an act."""
    found = []
    for pattern, _, _, act in _keywords():
        if act:
            found.extend(pattern.finditer(text))
    return found


# A word naming what an act falls under is not the act: "Under the agreement, officers will
# be trained" is training, not an agreement.
_FRAMING = re.compile(
    r"\b(?:under|as\s+part\s+of|in\s+line\s+with|pursuant\s+to)\s+(?:the|a|an|this|that|its)\s+"
    r"(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


# Words that only expect an act: "further repatriations are expected in the coming days" has
# not happened, and no one has pledged it. No stage of ours fits, so the editor chooses one.
_EXPECTED = re.compile(
    r"\b(?:expected|likely|set)\s+to\b|\b(?:is|are)\s+expected\b|"
    r"\bin\s+the\s+coming\s+(?:days|weeks|months)\b",
    re.IGNORECASE,
)


def suggest(text: str) -> tuple[str, str]:
    """The activity and stage the words suggest, from `KEYWORDS`: a word of what happened
    ("will deploy", "suspended") decides the stage before the stage an activity's own word
    implies ("deployed": started), and words that only expect an act imply none."""
    activity = stage = ""
    expected = bool(_EXPECTED.search(text))
    rows = sorted(_keywords(), key=lambda row: bool(row[1]))  # stage-only rows first
    for pattern, row_activity, row_stage, _ in rows:
        if row_activity and expected:
            row_stage = ""  # an activity's own stage is what it is once done
        if not (row_activity and not activity or row_stage and not stage):
            continue
        if any(not _FRAMING.search(text, 0, m.start()) for m in pattern.finditer(text)):
            activity = activity or row_activity
            stage = stage or row_stage
    return activity, stage


# --- the date phrase -----------------------------------------------------------------------------

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
    r"\bshortly\s+after(?:wards)?\b",
    r"\bfollowing\s+(?:the|this|that)\s+[^,.;:]{1,40}?(?=[,.;:]|$)",
)
# Phrases that count from the date stated last rather than from the publication.
_THAT_YEAR = (
    rf"\b(?:in\s+)?(?:{_M}\s+(?:of\s+)?)?(?:that|the\s+same)\s+year\b",
    rf"\b(?:in\s+)?(?:{_M}\s+(?:of\s+)?)?the\s+(?:previous|following)\s+year\b",
    r"\blater\s+that\s+(?:month|year)\b",
)
# Phrases read against the publication, or absolute.
_STATED = (
    rf"\b(?:between|from)\s+(?:{_M}\s+)?{_YEAR}\s+(?:and|to|until)\s+(?:{_M}\s+)?{_YEAR}\b",
    rf"\b{_PREP}(?:(?:early|mid|late)[\s-]+)?{_M}\s+(?:of\s+)?(?:last|this)\s+year\b",
    rf"\b{_PREP}(?:(?:early|mid|late)[\s-]+)?(?:\d{{1,2}}\s+)?{_M}(?:\s+\d{{1,2}}\b)?(?:,?\s+{_YEAR})?\b",
    rf"\b{_PREP}(?:last|this)\s+(?:week|month|year|{_M})\b",
    r"\b(?:earlier|later)\s+this\s+(?:week|month|year)\b",
    r"\b(?:in\s+)?(?:the\s+)?(?:last|past)\s+year\b",
    rf"\b(?:on\s+)?(?:last\s+)?{_DAYNAME}\b",
    r"\b(?:yesterday|today)\b",
    rf"\b{_PREP}{_YEAR}\b",
    r"\b\d{1,2}/\d{1,2}/\d{4}\b",
)
_EMBEDDED = re.compile(
    rf"\b(?:an?|the)\s+(?P<date>(?:{_M}\s+)?{_YEAR})\s+(?:[\w-]+\s+){{0,2}}?(?:{_EVENT_NOUNS})\b"
    # "a mechanism launched in 2022", "the Initiative introduced in 2022": the year dates the
    # noun, not the act the sentence reports.
    rf"|\b(?:{_EVENT_NOUNS}|mechanism|system|body|unit|centre|center|organisation)\s+"
    rf"(?:\w+ed)\s+in\s+(?P<participle>(?:{_M}\s+)?{_YEAR})\b",
    re.IGNORECASE,
)


@functools.cache
def _phrase_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    kinds = [("relative", p) for p in _RELATIVE]
    kinds += [("that-year", p) for p in _THAT_YEAR] + [("stated", p) for p in _STATED]
    return tuple((kind, re.compile(p, re.IGNORECASE)) for kind, p in kinds)


@dataclass(frozen=True)
class Phrase:
    text: str
    start: int
    end: int
    kind: str  # "relative", "that-year", "stated", "embedded", "search"


def date_phrases(sentence: str) -> list[Phrase]:
    """The date phrases of a sentence in order, longest first where they overlap; a year used
    as an adjective ("a 2011 policing agreement") is marked "embedded"."""
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
    return sorted(found, key=lambda p: p.start)


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


def read_phrase(phrase: Phrase, context: Context) -> Reading:
    """Read one phrase with dates.py; an unreadable phrase gives a Reading without EDTF that
    says why."""
    text = phrase.text
    try:
        if phrase.kind == "that-year":
            if not context.last:
                raise dates.DateResolutionError(
                    f"“{text}” counts from a date the text has not given."
                )
            last = dates.legacy(context.last)
            # "that year" is "this year", and "the previous year" "last year", said then.
            said = re.sub(r"\b(?:that|the\s+same)\s+year\b", "this year", text, flags=re.I)
            said = re.sub(r"\bthe\s+previous\s+year\b", "last year", said, flags=re.I)
            said = re.sub(r"\blater\s+that\s+(month|year)\b", r"later this \1", said, flags=re.I)
            if re.search(r"\bthe\s+following\s+year\b", said, re.I):
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
        else:
            edtf = dates.read(text, context.base, context.base_precision)
            relative = not re.search(r"\d{4}", text)
            how = (
                f"read against the publication ({context.published_words})"
                if relative
                else "as written"
            )
    except dates.DateResolutionError as error:
        return Reading(text, "", f"“{text}” was not read: {error}")
    return Reading(text, edtf, f"“{text}”, {how}: {dates.in_words(edtf)}")


# Abbreviated months ("Feb. 20, 2025"), which the patterns above leave to dateparser.
_ABBREVIATED = re.compile(r"\b(?-i:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+\d")


def _searched_phrase(sentence: str, context: Context) -> Phrase | None:
    """dateparser's search, where the patterns read no more than a year and the sentence
    abbreviates a month: only a found date that names a year in digits (a month and day alone
    are too often a false hit) is kept."""
    from dateparser.search import search_dates

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


# --- the candidate -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """One proposed event: the JSON contract's fields, and where its words are."""

    quote: str
    date_text: str
    date_edtf: str
    date_start: dt.date | None
    date_precision: str
    countries: tuple[str, ...]
    activity: str
    stage: str
    actors: tuple[str, ...]
    figures: tuple[dict, ...]
    matches: tuple[dict, ...]
    passage: object | None = field(default=None, compare=False)
    start: int = 0
    end: int = 0
    date_reading: str = ""

    def as_json(self) -> dict:
        """The command's contract: these keys, in this order."""
        return {
            "quote": self.quote,
            "date_text": self.date_text,
            "date_edtf": self.date_edtf,
            "date_start": self.date_start.isoformat() if self.date_start else None,
            "date_precision": self.date_precision,
            "countries": list(self.countries),
            "activity": self.activity,
            "stage": self.stage,
            "actors": list(self.actors),
            "figures": [dict(f) for f in self.figures],
            "matches": [dict(m) for m in self.matches],
        }


@dataclass(frozen=True)
class Paragraph:
    """A stretch of text proposed from: a passage's text, or a line of a file."""

    text: str
    passage: object | None = None
    offset: int = 0  # added to offsets when there is no passage (a line of a whole text)


@functools.cache
def _segmenter():
    import pysbd

    # Without char_span: pysbd finds each sentence's span with a regular expression over the
    # whole text, which took half its time; the sentences are found in order below instead.
    return pysbd.Segmenter(language="en", clean=False)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of `text` (pysbd), trimmed of whitespace."""
    spans, position = [], 0
    for sentence in _segmenter().segment(text):
        words = sentence.strip()
        start = text.find(words, position) if words else -1
        if start < 0:  # pysbd changed the text (it should not, with clean=False): keep going
            continue
        position = start + len(words)
        spans.append((start, position))
    return spans


_QUOTED = re.compile(r"\"[^\"]*\"?|“[^”]*”?")
_SAYS = re.compile(r"\b(?:said|says|say|stated|states|noted|told|added|according\s+to)\b", re.I)
_CONTINUES = re.compile(
    r"^(?:it|this|that|these|they|the\s+(?:agreement|deal|accord|pact|plan|programme|program|"
    r"move|decision|training|visit|package|initiative|operation|mechanism|offer|policy|"
    r"repatriation))\b",
    re.IGNORECASE,
)


def _outside_quotes(sentence: str) -> str:
    return _QUOTED.sub(" ", sentence.translate(str.maketrans({"\u2018": "'", "\u2019": "'"})))


def _is_opinion(sentence: str) -> bool:
    """Mostly words in quotation marks, attributed ("said", "says") or running on from a
    quotation, and stating no act."""
    outside = _outside_quotes(sentence)
    quoted = len(sentence.replace(" ", "")) - len(outside.replace(" ", ""))
    mostly = quoted > 0.5 * len(sentence.replace(" ", ""))
    attributed = _SAYS.search(outside) or sentence.lstrip().startswith(('"', "“"))
    return bool(mostly and attributed and not acts_in(sentence))


def _strong_act(text: str) -> bool:
    return any(_PAST.search(m[0]) for m in acts_in(text))


@dataclass
class _Sentence:
    start: int
    end: int
    text: str
    acts: bool
    past: bool
    phrases: list[Phrase]


def _read_sentences(paragraph: Paragraph) -> list[_Sentence]:
    sentences = []
    for start, end in _sentences(paragraph.text):
        text = paragraph.text[start:end]
        if _is_opinion(text):
            continue
        acts = acts_in(text)
        sentences.append(
            _Sentence(
                start,
                end,
                text,
                bool(acts),
                bool(acts) and bool(_PAST.search(_outside_quotes(text))),
                date_phrases(text),
            )
        )
    return sentences


def _merged(sentences: list[_Sentence], text: str) -> list[_Sentence]:
    """A sentence that continues the one before it ("It was …", "The agreement …") and
    supplies what that one lacks (the act, or the date) is proposed with it, as one quote."""
    out: list[_Sentence] = []
    for sentence in sentences:
        previous = out[-1] if out else None
        dated = [p for p in sentence.phrases if p.kind != "embedded"]
        if (
            previous is not None
            and _CONTINUES.match(sentence.text)
            and (
                (previous.acts and not _main_phrases(previous) and dated and not sentence.acts)
                or (not previous.acts and _main_phrases(previous) and sentence.acts and not dated)
            )
        ):
            gap = sentence.start - previous.start
            out[-1] = _Sentence(
                previous.start,
                sentence.end,
                text[previous.start : sentence.end],
                True,
                previous.past or sentence.past,
                previous.phrases
                + [Phrase(p.text, p.start + gap, p.end + gap, p.kind) for p in sentence.phrases],
            )
            continue
        out.append(sentence)
    return out


def _main_phrases(sentence: _Sentence) -> list[Phrase]:
    return [p for p in sentence.phrases if p.kind != "embedded"]


# --- what the text names -----------------------------------------------------------------------


@dataclass(frozen=True)
class Known:
    """What proposals are compared with: actors' names and short forms, and curated events."""

    actors: tuple[tuple[str, re.Pattern], ...] = ()
    citations: tuple[dict, ...] = ()
    events: dict = field(default_factory=dict)


def _short_forms(name: str, kind: str, country: str | None, persons: list[str]) -> set[str]:
    """Forms the reports use for a name: its initials ("AFP", "IISS"), a force named without
    its place ("Chinese liaison officers"), a person by family name where no other actor
    shares it."""
    forms = {name}
    capitals = [w for w in re.findall(r"[\w'’-]+", name) if w[0].isupper()]
    if kind != "person" and len(capitals) >= 3:
        forms.add("".join(w[0] for w in capitals))
    if kind != "person" and " in " in name:
        forms.add(name.split(" in ")[0])
    if kind == "person":
        words = name.split()
        family = words[0] if country == "CN" else words[-1]
        others = [p for p in persons if p != name]
        if len(words) > 1 and not any(family in p.split() for p in others):
            forms.add(family)
    return forms


def known_from_database() -> Known:
    """The actors and curated events in the database, read in a few queries."""
    from policing.models import Actor, Citation, Event

    rows = list(Actor.objects.values_list("name", "kind", "country_id"))
    persons = [name for name, kind, _ in rows if kind == "person"]
    actors = []
    for name, kind, country in rows:
        forms = sorted(_short_forms(name, kind, country, persons), key=len, reverse=True)
        pattern = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])"
        )
        actors.append((name, pattern))
    events = {
        e["pk"]: e for e in Event.objects.values("pk", "slug", "title", "date_edtf").order_by()
    }
    values: dict[int, set] = {}
    from policing.models import Figure

    for event_id, value, unit, label in Figure.objects.values_list(
        "event_id", "value", "unit", "label"
    ):
        values.setdefault(event_id, set()).add((value, _content_words(f"{unit} {label}")))
    for event in events.values():
        event["figures"] = values.get(event["pk"], set())
    citations = tuple(
        {
            "event": event_id,
            "source": source_id,
            "passage": passage_id,
            "start": start,
            "end": end,
            "quote": normalise(quote).lower(),
        }
        for event_id, source_id, passage_id, start, end, quote in Citation.objects.values_list(
            "event_id", "source_id", "passage_id", "start", "end", "quote"
        ).order_by()
    )
    return Known(tuple(actors), citations, events)


def date_within(edtf: str, event_edtf: str) -> bool:
    """Whether a proposal's date is right to the event's: every day it allows is a day the
    event's date allows. A "one of" set ("2 or 9 Sep 2024", an editor's reading of "on
    Monday") is taken as the month or year its dates share, the precision the words give."""
    if not edtf or not event_edtf:
        return False
    try:
        proposed, event = dates.parse_edtf(edtf), dates.parse_edtf(event_edtf)
    except dates.DateResolutionError:
        return False
    low, high = event.earliest, event.latest
    if event.form == "set" and low and high:
        if (low.year, low.month) == (high.year, high.month):
            low, high = low.replace(day=1), dates.Point(low.replace(day=1), dates.MONTH).end
        elif low.year == high.year:
            low, high = dt.date(low.year, 1, 1), dt.date(low.year, 12, 31)
    p_low, p_high = proposed.earliest, proposed.latest
    if low is not None and (p_low is None or p_low < low):
        return False
    return not (high is not None and (p_high is None or p_high > high))


def _matches(
    quote: str,
    edtf: str,
    numbers: list,
    passage,
    start: int,
    end: int,
    known: Known,
) -> tuple[dict, ...]:
    """Curated events these words may state: an overlapping citation in the same passage
    (score 100), or a citation's quote or an event's title that rapidfuzz finds close."""
    from rapidfuzz import fuzz

    if not known.events:
        return ()
    words = normalise(quote).lower()
    scores: dict[int, float] = {}
    passage_id = getattr(passage, "pk", None)
    for citation in known.citations:
        if (
            passage_id is not None
            and citation["passage"] == passage_id
            and citation["start"] is not None
            and citation["start"] < end
            and start < citation["end"]
        ):
            score = 100.0
        else:
            score = fuzz.token_set_ratio(words, citation["quote"], score_cutoff=80)
            if score and len(citation["quote"]) < 40:
                score = 0  # a short quote is close to too much
        if score > scores.get(citation["event"], 0):
            scores[citation["event"]] = score
    for pk, event in known.events.items():
        score = fuzz.token_set_ratio(words, event["title"].lower(), score_cutoff=90)
        if score > scores.get(pk, 0):
            scores[pk] = score * 0.85  # a title is our words, not the source's
    found = []
    for pk, score in scores.items():
        event = known.events[pk]
        agrees = (
            not edtf
            or date_within(edtf, event["date_edtf"])
            or date_within(event["date_edtf"], edtf)
        )
        figures_differ = _differs(numbers, event["figures"])
        relation = "same" if agrees and not figures_differ else "disputed"
        found.append({"slug": event["slug"], "score": round(score), "relation": relation})
    found.sort(key=lambda m: (-m["score"], m["relation"] != "same", m["slug"]))
    exact = [m for m in found if m["score"] == 100]
    if any(m["relation"] == "same" for m in exact):
        # Overlapping words that state one event at the date they give: another event told in
        # the same sentence at another date is not a dispute of it.
        found = [m for m in found if m["score"] < 100 or m["relation"] == "same"]
    # Every event whose words these overlap, and the closest few others.
    return tuple(
        [m for m in found if m["score"] == 100] + [m for m in found if m["score"] < 100][:3]
    )


def _content_words(text: str) -> frozenset:
    return frozenset(w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in {"with", "from"})


def _differs(numbers, event_figures) -> bool:
    """The words state numbers of the same things as the event's figures (their words share a
    word: "officers", "people") and none of the event's values."""
    values = set()
    for number in numbers:
        words = _content_words(number.unit)
        values |= {value for value, figure_words in event_figures if words & figure_words}
    return bool(values) and not {n.value for n in numbers} & values


def _figures(sentence: str, phrases: list[Phrase]) -> list:
    """The numbers the sentence states, less those that are part of its dates."""
    plain = normalise(sentence)
    spans = [(plain.find(normalise(p.text)), len(normalise(p.text))) for p in phrases]
    kept = []
    for number in figures.numbers_in(sentence):
        inside = any(0 <= s <= number.start < s + n for s, n in spans)
        year = re.fullmatch(_YEAR, number.text) is not None
        # "8,000km" read as 8, "Four Corners" (a name) read as 4: not figures.
        cut = re.match(r",\d|[A-Za-z]", plain[number.end : number.end + 2])
        named = number.text[:1].isupper() and re.match(r" [A-Z]", plain[number.end :])
        if inside or year or number.value == 0 or cut or named:
            continue
        kept.append(number)
    return kept


def _figure_dict(number) -> dict:
    value = number.value
    shown = int(value) if value == value.to_integral_value() else float(value)
    return {
        "value": shown,
        "qualifier": number.qualifier,
        "unit": number.unit,
        "text": number.text,
    }


# --- proposing -----------------------------------------------------------------------------------


def _context(published_edtf: str) -> Context:
    """The publication as phrases are read against it (Source.reference_date's rule)."""
    from policing.models import Source

    if not published_edtf:
        return Context(dt.date.today(), dates.UNBOUNDED, "no publication date given")
    dates.parse_edtf(published_edtf)  # strict; editors' input is checked with check_edtf
    base, precision = Source(published_edtf=published_edtf, title="the text").reference_date()
    return Context(base, precision, dates.in_words(published_edtf))


def _propose(paragraphs: list[Paragraph], context: Context, known: Known) -> list[Candidate]:
    candidates: list[Candidate] = []
    last = ""
    read, quoted = set(), set()
    for paragraph in paragraphs:
        # A paragraph the text already had (a report pasted twice, a repeated box) is read
        # once: it would propose the same words again, at the cost of reading them again.
        seen = same_words(paragraph.text)
        if seen in read or not _may_propose(paragraph.text):
            continue  # no act and no date: no candidate, and no date to count from
        read.add(seen)
        for sentence in _merged(_read_sentences(paragraph), paragraph.text):
            made, last = _candidates(
                sentence, paragraph, replace_last(context, last), known, quoted
            )
            candidates.extend(made)
    return candidates


_NOT_WORDS = re.compile(r"[\W_]+")


def same_words(text: str) -> str:
    """`text` as compared for repeats: its words only, in lower case, without punctuation."""
    return _NOT_WORDS.sub(" ", text.casefold()).strip()


def _may_propose(text: str) -> bool:
    return bool(acts_in(text) or date_phrases(text))


def replace_last(context: Context, last: str) -> Context:
    return Context(context.base, context.base_precision, context.published_words, last)


def _candidates(
    sentence: _Sentence, paragraph: Paragraph, context: Context, known: Known, quoted: set
) -> tuple[list[Candidate], str]:
    """The candidates one sentence gives, and the date the text has stated after it. Words
    `quoted` already (the same words, whatever the case, spacing or punctuation) are not
    proposed again, and their places and matches are not looked up again."""

    def first_time(start: int) -> bool:
        words = same_words(_quoted(sentence.text, start, len(sentence.text)))
        if words in quoted:
            return False
        quoted.add(words)
        return True

    # A dateline ("SUVA, 4 March 2025 -") dates the report, not what it tells: its date is
    # not the event's, and its words are not quoted.
    dateline = _DATELINE.match(sentence.text)
    begins = dateline.end() if dateline else 0
    main = [p for p in sentence.phrases if p.kind != "embedded" and p.start >= begins]
    reading = Reading()
    for phrase in main:
        attempt = read_phrase(phrase, context)
        if attempt.edtf:
            reading = attempt
            break
        reading = reading if reading.words else attempt
    if (
        sentence.acts
        and reading.precision in ("", dates.YEAR)
        and _ABBREVIATED.search(sentence.text)
    ):
        found = _searched_phrase(sentence.text, context)
        if found is not None:
            attempt = read_phrase(found, context)
            finer = attempt.edtf and attempt.precision != dates.YEAR
            reading = attempt if finer or not reading.edtf else reading
    last = reading.edtf or context.last
    made = []
    whole = bool(sentence.acts and (reading.edtf or sentence.past))
    if whole and first_time(begins):
        made.append(_candidate(sentence, begins, len(sentence.text), reading, paragraph, known))
    # "amended a 2011 policing agreement": the agreement is an event of its own, dated so.
    for phrase in sentence.phrases:
        if phrase.kind != "embedded":
            continue
        embedded = read_phrase(phrase, context)
        if not embedded.edtf or embedded.edtf == reading.edtf:
            continue
        start = max(_clause_start(sentence.text, phrase.start, main), begins)
        if whole and start == begins:
            continue  # the same words would be proposed twice
        if first_time(start):
            made.append(_candidate(sentence, start, len(sentence.text), embedded, paragraph, known))
    return made, last


_DATELINE = re.compile(
    r"(?-i:[A-Z][A-Z.'’ -]{1,40})(?:\s*\([^)]{1,40}\))?,\s*[\w ,]{0,30}?\s*[-–—]+\s+"
)


def _clause_start(text: str, at: int, main: list[Phrase]) -> int:
    """Where the words of an embedded event start: after a leading date phrase and the
    comma that ends it, after the last comma before it, or else at its article ("a 2019
    incident …")."""
    for phrase in main:
        if phrase.start == 0:
            rest = text[phrase.end :]
            skipped = len(rest) - len(rest.lstrip(" ,"))
            if phrase.end + skipped <= at:
                return phrase.end + skipped
    comma = text.rfind(", ", 0, at)
    if comma >= 0:
        return comma + 2
    articles = list(re.finditer(r"\b(?:an?|the)\s", text[max(0, at - 60) : at], re.IGNORECASE))
    return max(0, at - 60) + articles[-1].start() if articles else 0


def _quoted(text: str, start: int, end: int) -> str:
    """The words a candidate quotes: without the full stop that ends the sentence."""
    return text[start:end].rstrip(" .").rstrip()


def _candidate(
    sentence: _Sentence, start: int, end: int, reading: Reading, paragraph: Paragraph, known
) -> Candidate:
    text = _quoted(sentence.text, start, end)
    end = start + len(text)
    absolute_start = sentence.start + start
    absolute_end = sentence.start + end
    named = places.find(text)
    activity, stage = suggest(text)
    numbers = _figures(text, [p for p in sentence.phrases])
    actors = tuple(
        name
        for name, pattern in known.actors
        if pattern.search(text.translate(STRAIGHT_QUOTES)) or pattern.search(text)
    )
    passage = paragraph.passage
    offset = 0 if passage is not None else paragraph.offset
    precision = reading.precision
    return Candidate(
        quote=text,
        date_text=reading.text if reading.edtf else "",
        date_edtf=reading.edtf,
        date_start=reading.start,
        date_precision=precision,
        countries=named.countries,
        activity=activity,
        stage=stage,
        actors=actors,
        figures=tuple(_figure_dict(n) for n in numbers),
        matches=_matches(text, reading.edtf, numbers, passage, absolute_start, absolute_end, known),
        passage=passage,
        start=absolute_start + offset,
        end=absolute_end + offset,
        date_reading=reading.words or "No date phrase in these words: undated.",
    )


def _lines(text: str, exclude_spans) -> list[Paragraph]:
    """Each non-empty line (as import_sources splits a file into passages), less excluded
    stretches."""
    from policing.corpus.seeds import split_passages

    paragraphs = []
    for parsed in split_passages(text):
        if any(s < parsed.end and parsed.start < e for s, e in exclude_spans):
            continue
        paragraphs.append(Paragraph(parsed.text, None, parsed.start))
    return paragraphs


def propose_text(
    text: str, published_edtf: str, *, exclude_spans=(), known: Known | None = None
) -> list[Candidate]:
    """Candidates in `text` published at `published_edtf` (EDTF; "" if unknown); offsets are
    within `text`. Lines overlapping `exclude_spans` ((start, end) pairs) are skipped.
    Raises dates.DateResolutionError for a publication date that is not EDTF."""
    context = _context(published_edtf)
    known = known_from_database() if known is None else known
    return _propose(_lines(text, exclude_spans), context, known)


def propose_source(source, known: Known | None = None) -> list[Candidate]:
    """Candidates in a source's passages; offsets are within each passage's text. Material
    the manifest marks as added by a republisher, or unrelated, yields none."""
    from policing.models import SectionKind

    passages = [
        Paragraph(p.text, p)
        for p in source.passages.filter(section=SectionKind.REPORT).order_by("ordinal")
    ]
    published = source.published_edtf or dates.iso_at(source.published, source.published_precision)
    context = _context(published)
    known = known_from_database() if known is None else known
    return _propose(passages, context, known)


def queue(source) -> int:
    """Save the source's new candidates as pending proposals; a quote already proposed for the
    source (whatever was decided on it) is not proposed again. Returns how many were added."""
    from policing.models import Proposal

    candidates = propose_source(source)
    with transaction.atomic():
        seen = set(source.proposals.values_list("fingerprint", flat=True))
        new = []
        for candidate in candidates:
            anchor = candidate.passage.anchor if candidate.passage is not None else None
            fingerprint = Proposal.fingerprint_of(candidate.quote, anchor)
            if fingerprint in seen:
                continue
            seen.add(fingerprint)
            new.append(
                Proposal(
                    source=source,
                    passage=candidate.passage,
                    quote=candidate.quote,
                    start=candidate.start,
                    end=candidate.end,
                    date_text=candidate.date_text,
                    date_edtf=candidate.date_edtf,
                    date_start=candidate.date_start,
                    date_precision=candidate.date_precision,
                    date_reading=candidate.date_reading,
                    countries=list(candidate.countries),
                    activity=candidate.activity,
                    stage=candidate.stage,
                    actors=list(candidate.actors),
                    figures=[dict(f) for f in candidate.figures],
                    matches=[dict(m) for m in candidate.matches],
                    fingerprint=fingerprint,
                )
            )
        Proposal.objects.bulk_create(new, batch_size=250)
    return len(new)
