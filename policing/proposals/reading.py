"""Proposing: a report's sentences that state a concrete act read into candidate events.

A sentence is proposed when it states an act (a verb of the vocabulary in `KEYWORDS`: signed,
trained, repatriated, amended, …), not when it is background, an opinion in quotation marks,
or has no act. Its date phrase is read against the publication or the date stated last
(dates.py), its numbers by policing/text/figures.py, its places by policing/text/places.py,
its actors and the curated events it may state by matching.py. Nothing here writes: queue.py
keeps the candidates as pending `Proposal` rows.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field, replace

from policing.corpus.seeds import split_passages
from policing.models import SUBJECT_COUNTRY, Role, SectionKind, Source
from policing.proposals import chrome
from policing.proposals.dates import (
    Context,
    Phrase,
    Reading,
    began_then,
    by_publication,
    coming_season,
    date_phrases,
    in_the_year_before,
    in_the_year_of,
    is_year,
    of_the_when_clause,
    read_phrase,
    replace_last,
    searched_phrase,
    since_then,
    stated_at_publication,
    stated_on_the_news_day,
    told_as_done,
    went_on_at,
)
from policing.proposals.matching import Known, date_within, known_from_database, matches_for
from policing.proposals.references import Remembered, told_next
from policing.proposals.roles import background_clauses, in_passing, roles_in
from policing.proposals.sentences import (
    Clause,
    Paragraph,
    Sentence,
    dated_describing_clause,
    main_clauses,
    merged,
    outside_quotes,
    read_sentences,
)
from policing.proposals.vocabulary import (
    ACTIVITIES_ON_SUBJECT,
    DONE_STAGES,
    TOLD_AS_DONE,
    about_the_timeline,
    acts_in,
    in_past_tense,
    only_supposed,
    suggest,
)
from policing.text import dates, figures, names, places
from policing.text.anchoring import normalise


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
    roles: dict = field(default_factory=dict, compare=False)  # country code -> role
    numbers: tuple = field(default=(), compare=False, repr=False)  # figures as read

    def as_json(self) -> dict:
        """The command's contract: these keys, in this order."""
        return {
            "quote": self.quote,
            "date_text": self.date_text,
            "date_edtf": self.date_edtf,
            "date_start": self.date_start.isoformat() if self.date_start else None,
            "date_precision": self.date_precision,
            "countries": list(self.countries),
            "roles": dict(self.roles),
            "activity": self.activity,
            "stage": self.stage,
            "actors": list(self.actors),
            "figures": [dict(f) for f in self.figures],
            "matches": [dict(m) for m in self.matches],
        }


def _figures(sentence: str, phrases: list[Phrase]) -> list:
    """The numbers the sentence states, less those that are part of its dates."""
    plain = normalise(sentence)
    spans = [(plain.find(normalise(p.text)), len(normalise(p.text))) for p in phrases]
    kept = []
    for number in figures.numbers_in(sentence):
        inside = any(0 <= s <= number.start < s + n for s, n in spans)
        year = is_year(number.text)
        # "8,000km" read as 8, "Four Corners" (a name) read as 4: not figures.
        cut = re.match(r",\d|[A-Za-z]", plain[number.end : number.end + 2])
        named = number.text[:1].isupper() and re.match(r" [A-Z]", plain[number.end :])
        # "4. The Government intends …": the paragraph's number; "B.E. 2522": a year of the
        # Buddhist Era; "No. 112": a number of a document.
        mark = not plain[: number.start].strip() and re.match(r"[.)]\s", plain[number.end :])
        # "shortly after 11 a.m.", "at 10:30": a time of the day
        mark = mark or re.match(r"(?:[:.]\d\d)?\s*(?:[ap]\.?m\b|o['’]clock)", plain[number.end :])
        year = year or re.search(r"\b(?:B\.\s?E\.|No\.)\s*$", plain[: number.start])
        if inside or year or mark or number.value == 0 or cut or named:
            continue
        if not _counts(plain, number):
            continue
        kept.append(number)
    return kept


# What a figure is not: a footnote mark ("inquiries.[26]"), part of a name ("ECU-911", "the
# "912 Special Project Working Group""), a length of time ("three years later", "a
# twenty-four hour basis"), or a number with nothing it counts ("13 and a half", "one of").
_FOOTNOTE = re.compile(r"\[\s*$")
_IN_A_NAME_BEFORE = re.compile(r"(?:[A-Za-z]-|[\"“'‘])$")
_TIME_UNITS = re.compile(
    r"^-?\s*(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centur(?:y|ies))\b|^-", re.I
)


def _counts(plain: str, number) -> bool:
    """Whether `number` counts something the words name (a currency or a counted noun)."""
    before = plain[max(0, number.start - 2) : number.start]
    if _FOOTNOTE.search(before) or _IN_A_NAME_BEFORE.search(before):
        return False
    if not number.unit:
        # "would grow to 3,000 in 2025" counts what the sentence counted before it; "one of the
        # strangest", "13 and a half years" count nothing.
        half = re.match(r"\s+and\s+a\s+half\b", plain[number.end :])
        return number.text[:1].isdigit() and not half
    if _TIME_UNITS.match(number.unit):
        return False
    if re.search(r"\bthe\s+$", plain[max(0, number.start - 5) : number.start]) and re.match(
        r"(?:countries|governments|nations|states|sides)\b", number.unit
    ):
        return False  # "the four countries": the states named before, not a count
    first = number.unit.split()[0]
    # "912 Special Project": a number before a capitalised word that is no place is a name's.
    return not (
        number.text[:1].isdigit() and first[:1].isupper() and not places.find(first).countries
    )


def _figure_dict(number) -> dict:
    value = number.value
    shown = int(value) if value == value.to_integral_value() else float(value)
    return {
        "value": shown,
        "qualifier": number.qualifier,
        "unit": number.unit,
        "text": number.text,
    }


def _context(published_edtf: str) -> Context:
    """The publication as phrases are read against it (Source.reference_date's rule)."""
    if not published_edtf:
        return Context(dt.date.today(), dates.UNBOUNDED, "no publication date given")
    dates.parse_edtf(published_edtf)  # strict; editors' input is checked with check_edtf
    base, precision = Source(published_edtf=published_edtf, title="the text").reference_date()
    return Context(base, precision, dates.in_words(published_edtf))


@dataclass
class _Report:
    """What the reading has met so far in a report: the date it stated last, the date stated in
    the paragraph being read, and the countries it has named, the most recent last."""

    last: str = ""
    paragraph_date: Reading | None = None
    named: list[str] = field(default_factory=list)
    paragraph_states: tuple[str, ...] = ()  # states other than China the paragraph named last
    before_states: tuple[str, ...] = ()  # those the paragraph before named last
    context: Context | None = None  # the publication the report is read against
    remembered: Remembered = field(default_factory=Remembered)  # things it dated, by name
    main_state: tuple[str, ...] = ()  # the state other than China the report is about, if one
    on_subject: bool = False  # whether the paragraph read last was of the timeline's subject
    live: bool = False  # a liveblog: its entries tell the day of its publication (`chrome`)
    # what a dated heading ("* August 2017 - Fiji") gives the entries under it
    section_date: Reading | None = None
    section_states: tuple[str, ...] = ()
    deal_states: tuple[str, ...] = ()  # the states of the agreement proposed last
    # the day of the report's news: the first act it dates to a day within a week of its
    # publication (or dateline), at which what it reports said with no date of its own was said
    news_day: Reading | None = None
    before_date: Reading | None = None  # the date the paragraph before stated last

    def name(self, countries) -> None:
        for code in countries:
            if code in self.named:
                self.named.remove(code)
            self.named.append(code)


def _propose(
    paragraphs: list[Paragraph], context: Context, known: Known, *, live: bool = False
) -> list[Candidate]:
    candidates: list[Candidate] = []
    opens = _dispatch_opens(paragraphs)
    context = _dated_by_the_dateline(paragraphs[opens].text, context) if paragraphs else context
    report = _Report(context=context, main_state=_main_state(paragraphs), live=live)
    read, quoted = set(), set()
    asked = False  # whether the paragraph before was an interviewer's question
    last_act = -2  # the number of the paragraph that gave the last proposal
    begun = False  # whether a paragraph of the report has been read
    first = -1  # the number of the lead, the report's first paragraph of text
    lead = None  # the lead's first proposal
    for number, paragraph in enumerate(paragraphs):
        if number < opens:
            continue  # the headline and standfirst above a dispatch's dateline
        if paragraph.heading:
            # (the headline above the report dates nothing under it; a heading that is only a
            # date, "2021", is a chronology's first section)
            if begun or _only_a_date(paragraph.text):
                _read_heading(paragraph.text, replace_last(context, report.last), report)
            continue
        first = first if begun else number
        begun = True
        # A paragraph the text already had (a report pasted twice, a repeated box) is read
        # once: it would propose the same words again, at the cost of reading them again.
        seen = same_words(paragraph.text)
        if seen in read or not _may_propose(paragraph.text):
            continue  # no act and no date: no candidate, and no date to count from
        read.add(seen)
        question = bool(_QUESTION.match(paragraph.text))
        if not (asked and _ANSWER.match(paragraph.text)):
            # an answer goes on with the date and places of the question it answers
            report.before_states = report.paragraph_states or report.before_states
            report.before_date = _one_point(report.paragraph_date) or report.before_date
            report.paragraph_date, report.paragraph_states = None, ()
        asked = question
        for sentence in merged(read_sentences(paragraph), paragraph.text):
            made = _candidates(
                sentence, paragraph, replace_last(context, report.last), known, quoted, report
            )
            if not question:  # the interviewer's framing restates; the answer tells
                # (a liveblog's entries tell acts apart)
                near = last_act in (number - 1, number) and not report.live
                for candidate in made:
                    candidate = _as_before(candidate, candidates)
                    if not (near and _detail_of(candidate, candidates)):
                        candidates.append(candidate)
                        if number == first and lead is None:
                            lead = candidate
                if made:
                    last_act = number
                report.news_day = report.news_day or _news_day(made, context)
            aside = in_passing(sentence.text)
            named = [code for code in places.find(sentence.text).countries if code not in aside]
            report.name(named)
            others = tuple(code for code in named if code != SUBJECT_COUNTRY)
            report.paragraph_states = others or report.paragraph_states
        report.on_subject = about_the_timeline(paragraph.text) or (
            report.on_subject and _goes_on(paragraph.text)
        )
    if lead is not None and report.news_day is not None:
        candidates = [_on_the_news_day(c, report) if c is lead else c for c in candidates]
    return _in_the_scrutinising_state(candidates, known)


# Words that tell a done act as before the news: "has previously denied", "has long".
# (and what has been going on: "Chinese officers have been working alongside local police")
_LONG_AGO = re.compile(
    r"\b(?:previously|earlier|already|since|before|long|repeatedly|for\s+years)\b|"
    r"\b(?:has|have)\s+been\s+\w+ing\b",
    re.I,
)


def _on_the_news_day(lead: Candidate, report: _Report) -> Candidate:
    """A lead that tells its act as done with no date of its own ("Samoa has put on hold a
    Chinese proposal …", some day by the publication) is the news of the day the report
    dates later ("The minister told reporters on Tuesday …"); other leads as they are."""
    by = report.context and told_as_done(report.context)
    if by is None or lead.date_edtf != by.edtf or lead.stage not in TOLD_AS_DONE:
        return lead
    if _LONG_AGO.search(lead.quote):
        return lead  # "Beijing has previously denied running police stations abroad"
    day = report.news_day
    return replace(
        lead,
        date_edtf=day.edtf,
        date_text="",
        date_start=day.start,
        date_precision=day.precision,
        date_reading=f"No date phrase: the lead's news, of the day the report gives it "
        f"({dates.in_words(day.edtf)}).",
    )


# An interview's question and answer: "Q: Where does the training happen?", "A: Mostly in China".
_QUESTION = re.compile(r"^\s*Q\s*[:.]\s")
_ANSWER = re.compile(r"^\s*A\s*[:.]\s")


def _the_story_goes_on(paragraph: str, report: _Report) -> tuple[str, ...]:
    """The states the paragraph before named last, for a paragraph that names none and goes on
    with its people ("47. … Egyptian police began rounding up Uyghurs in Cairo" / "48. At least
    a dozen of those detained are believed to have been deported to China")."""
    if set(places.find(paragraph).countries) - {SUBJECT_COUNTRY}:
        return ()
    return report.before_states if _GOES_ON_WITH.search(paragraph) else ()


_GOES_ON_WITH = re.compile(
    r"\b(?:those|the\s+same|these|the\s+(?:men|women|group|detainees|suspects|returnees))\b",
    re.IGNORECASE,
)


# How far down a page a dispatch's dateline may open the report.
_DATELINE_WITHIN = 6


def _dispatch_opens(paragraphs: list[Paragraph]) -> int:
    """The number of the paragraph a wire dispatch opens with its dateline ("All-China News
    Service, Belgrade, September 18 (staff correspondent) -- The launching ceremony …"): what
    comes before it is the headline, the standfirst and the translator's note, which restate
    the report or are no part of it. 0 where no paragraph near the top opens with a dateline."""
    for number, paragraph in enumerate(paragraphs[:_DATELINE_WITHIN]):
        if not paragraph.heading and _DATELINE.match(paragraph.text):
            return number
    return 0


# How many days before its publication a dispatch's dateline may date it.
_DATELINE_DAYS = 7


def _dated_by_the_dateline(text: str, context: Context) -> Context:
    """The context a dispatch is read in: the day its dateline gives ("Belgrade, September 18
    (staff correspondent) --" in a page of 19 September), where the dateline gives a day up
    to a week before the publication: "on Tuesday" and "on the 18th" count from it, and what
    it tells as done was done by then. Else `context`."""
    dateline = _DATELINE.match(text)
    if dateline is None or context.base_precision != dates.DAY:
        return context
    for phrase in date_phrases(dateline[0]):
        reading = read_phrase(phrase, context)
        if reading.precision != dates.DAY or reading.start is None:
            continue
        if 0 < (context.base - reading.start).days <= _DATELINE_DAYS:
            words = f"the dateline's day, {dates.in_words(reading.edtf)}"
            return Context(reading.start, dates.DAY, words, context.last)
    return context


def _only_a_date(text: str) -> bool:
    """Whether a heading is a date and nothing else ("2021", "March 2022:", "* 2019")."""
    words = text.strip(" \t*#-–—:.•")
    found = date_phrases(words)
    return len(found) == 1 and found[0].start == 0 and found[0].end == len(words)


def _read_heading(text: str, context: Context, report: _Report) -> None:
    """A heading that dates ("* August 2017 - Fiji", "2023 - Myanmar") gives its date, and the
    states it names, to the entries under it until the next heading; one that does not ("What
    comes next") ends what the last one gave."""
    report.section_date, report.section_states = None, ()
    for phrase in date_phrases(text):
        if phrase.kind != "stated":
            continue
        reading = read_phrase(phrase, context)
        if reading.edtf and _after_publication(reading, context):
            return
        if reading.edtf and not (
            reading.precision != dates.YEAR
            and date_within(dates.iso_at(context.base, context.base_precision), reading.edtf)
        ):
            # (a heading of the day the report was published, "Session of Wednesday 22 May
            # 2024", dates the report, not what it tells; a chronology's "2023" above its
            # last entries is their year)
            report.section_date = reading
            report.section_states = tuple(
                code for code in places.find(text).countries if code != SUBJECT_COUNTRY
            )
            report.last = reading.edtf
            return


# An act told as the one before it again: "Croatia followed in 2018, hosting Chinese officers".
_FOLLOWED = re.compile(
    r"\b(?:followed(?:\s+suit)?|did\s+the\s+same|did\s+likewise)\b", re.IGNORECASE
)


def _as_before(candidate: Candidate, before: list[Candidate]) -> Candidate:
    """`candidate` with the activity and stage of the act proposed before it, where its words
    tell it as that act again and name no activity of their own."""
    if candidate.activity or not before or not _FOLLOWED.search(candidate.quote):
        return candidate
    return replace(candidate, activity=before[-1].activity, stage=before[-1].stage)


def _detail_of(candidate: Candidate, before: list[Candidate]) -> bool:
    """Whether `candidate` tells more of the act proposed just before it (in its paragraph or
    the one before) rather than an act of its own: no date phrase of its own, the same
    activity and stage (scrutiny, whose undated steps are each an act, aside), and no state
    the other did not name
    ("The suspects … were escorted back to China under tight security" after "… were handed
    over to Chinese police by Myanmar's police on Tuesday")."""
    if candidate.date_text or candidate.activity in ("", "scrutiny") or not before:
        return False
    earlier = before[-1]
    others = set(candidate.countries) - {SUBJECT_COUNTRY}
    return (
        (earlier.activity, earlier.stage) == (candidate.activity, candidate.stage)
        and bool(earlier.date_text)
        and others <= set(earlier.countries)
    )


def _main_state(paragraphs: list[Paragraph]) -> tuple[str, ...]:
    """The state other than China that the report is about: the one its lead (its first
    paragraph of a sentence's length) names, and the most paragraphs name (not in passing), in
    two at least and in twice as many as any other ("Fiji" in a Hansard of Fiji's parliament,
    where the minister then says "the Memorandum" and "the Force"); () where no state stands
    out (a feature on Interpol names France for its seat in Lyon, but not in its lead). Where
    the lead names no state but China, the state four paragraphs name at least, twice as many
    as any other."""
    counts: dict[str, int] = {}
    lead: set[str] | None = None
    title: set[str] = set()  # what the headings above the lead name ("Inquiry: … in the UK")
    for paragraph in paragraphs:
        named = _states_named(paragraph.text)
        if paragraph.heading:
            if lead is None:
                title |= named
            continue
        if lead is None and len(paragraph.text) >= _LEAD_LENGTH:
            lead = named | title
        for code in named:
            counts[code] = counts.get(code, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    # (a lead that names no state but China, as a national daily's of its own government
    # "THE Government will keep its policing memorandum with China", leaves it to the rest,
    # which must name it more often)
    if not ranked or ranked[0][1] < (2 if lead else 4) or (lead and ranked[0][0] not in lead):
        return ()
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return ()
    return (ranked[0][0],)


_LEAD_LENGTH = 80  # a lead is a sentence at least; shorter lines are headings or furniture


def _in_the_scrutinising_state(candidates: list[Candidate], known: Known) -> list[Candidate]:
    """Scrutiny that names no state ("prosecutors charged 34 officers of China's Ministry of
    Public Security") happens in the state the report's other scrutiny is by, where that is one
    state: a liveblog names it once, in whichever entry came first."""
    scrutinising = {
        code
        for c in candidates
        if c.activity == "scrutiny"
        for code, role in c.roles.items()
        if role == Role.OBJECTOR.value
    }
    if len(scrutinising) != 1:
        return candidates
    (state,) = scrutinising
    out = []
    for c in candidates:
        if (
            c.activity != "scrutiny"
            or set(c.countries) - {SUBJECT_COUNTRY}
            or _chinas_own(c.quote, c.activity, c.stage)
        ):
            out.append(c)
            continue
        countries = (*c.countries, state)
        out.append(
            replace(
                c,
                countries=countries,
                roles={**c.roles, state: Role.OBJECTOR.value},
                matches=matches_for(
                    c.quote,
                    c.date_edtf,
                    list(c.numbers),
                    c.passage,
                    c.start,
                    c.end,
                    known,
                    states=countries,
                    activity=c.activity,
                ),
            )
        )
    return out


# "the four countries", "both governments", "the two sides": states the report named before.
_COUNTED_STATES = re.compile(
    r"\b(?:(?P<both>both)|the\s+(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d{1,2}))\s+"
    r"(?:countries|governments|nations|states|sides|leaders|delegations)\b",
    re.IGNORECASE,
)


def _referred_states(text: str, named: list[str]) -> list[str]:
    """The states "the four countries" refers to: China, the subject of every act of the
    timeline, and the others its words name, then those named most recently before them ("met
    the Commissioner of the Kiribati Police Service …, and the two sides exchanged views" is
    China and Kiribati, not the two states the paragraph before listed last)."""
    found = _COUNTED_STATES.search(text)
    if found is None:
        return []
    word = (found["n"] or "").lower()
    n = 2 if found["both"] else int(word) if word.isdigit() else dates.NUMBER_WORDS[word]
    head = text[: found.start()]
    # China is one of them where its words name it before ("met in Beijing …, and the two
    # sides"), or the words are "sides"; "Both countries' offices featured in a report" are
    # the two states the report named last.
    between = found[0].lower().endswith(("sides", "leaders", "delegations"))
    # ... or the words are "the two governments" with China among the states named last ("… gear
    # donated by Beijing." / "A draft agreement between the two governments leaks online")
    recent = list(dict.fromkeys(reversed(named)))[:n]
    governments = found[0].lower().endswith("governments") and SUBJECT_COUNTRY in recent
    wanted = n - 1 if _CHINA.search(head) or between or governments else n
    own = [code for code in places.find(head).countries if code != SUBJECT_COUNTRY]
    others = list(dict.fromkeys(own))[:wanted]
    for code in reversed(named):
        if len(others) >= wanted:
            break
        if code != SUBJECT_COUNTRY and code not in others:
            others.append(code)
    if len(others) == wanted:
        return others
    # "The two governments signed …" after a paragraph that named one state: China and it.
    if wanted == n and len(others) == n - 1 and others:
        return [*others, SUBJECT_COUNTRY] if SUBJECT_COUNTRY in named else others
    return []


_NOT_WORDS = re.compile(r"[\W_]+")


def same_words(text: str) -> str:
    """`text` as compared for repeats: its words only, in lower case, without punctuation."""
    return _NOT_WORDS.sub(" ", text.casefold()).strip()


def _may_propose(text: str) -> bool:
    return bool(acts_in(text) or date_phrases(text))


def _candidates(
    sentence: Sentence,
    paragraph: Paragraph,
    context: Context,
    known: Known,
    quoted: set,
    report: _Report,
) -> list[Candidate]:
    """The candidates one sentence gives; `report` learns the date the text has stated after
    it. Words `quoted` already (the same words, whatever the case, spacing or punctuation) are
    not proposed again, and their places and matches are not looked up again. An act without
    a date of its own in its sentence takes the date stated before it in its paragraph, then
    (told as done) is some day by the publication."""

    def first_time(start: int) -> bool:
        words = same_words(_quoted(sentence.text, start, len(sentence.text)))
        if words in quoted:
            return False
        quoted.add(words)
        return True

    # A dateline ("SUVA, 4 March 2025 -") dates the report, not what it tells: its date is
    # not the event's, and its words are not quoted.
    dateline = _DATELINE.match(sentence.text) or _SPEAKER.match(sentence.text)
    begins = dateline.end() if dateline else 0
    main = []
    planned_end = -1
    for p in sentence.phrases:
        if p.kind == "embedded" or p.start < begins:
            continue
        if p.start == begins and told_next(p.text):
            continue  # "After the talks, …": the talks' day (`references`)
        # "flights planned for Friday and Saturday": both days are the plan's
        planned = _PLANNED_FOR.search(sentence.text, max(0, p.start - 300), p.start) or (
            planned_end >= 0 and _JOINED.fullmatch(sentence.text, planned_end, p.start)
        )
        if planned:
            planned_end = p.end
            continue
        planned_end = -1
        main.append(p)
    # "The agreement was signed by the minister, who had been received by the prime minister the
    # day before": the day before dates the clause's act, not the signing.
    aside = dated_describing_clause(sentence.text) if sentence.acts else None
    if aside is not None:
        main = [p for p in main if not aside.start <= p.start < aside.end]
    for earlier in background_clauses(sentence.text) if sentence.acts else ():
        # "The Uyghur engineer, who had left Xinjiang in 2012 and settled in Turkey, was
        # detained …": the person's past, not the act's date
        main = [p for p in main if not earlier[0] <= p.start < earlier[1]]
    describing = [
        p
        for p in main
        if _DESCRIBED_PEOPLE.search(sentence.text, 0, p.start)
        # "Thursday's flights were the first under an arrangement agreed … two weeks ago"
        or sentence.text.startswith(("'s", "’s"), p.end)
    ]
    if describing and len(describing) < len(main):
        # "One of two men arrested last year … pleaded guilty on Wednesday": the participle's
        # date tells who the people are, a possessive's which thing; the verb's is the act's
        main = [p for p in main if p not in describing]
    main = [
        of_the_when_clause(in_the_year_before(phrase, sentence.phrases), sentence.text)
        for phrase in main
    ]
    readings = [
        (
            phrase,
            _to_come(
                sentence.text,
                phrase,
                read_phrase(
                    phrase,
                    _with_date_before(
                        sentence,
                        phrase,
                        in_the_year_of(phrase, report.section_date, context),
                        report.section_date,
                    ),
                ),
                context,
            ),
        )
        for phrase in main[:MOST_PHRASES_READ]
    ]
    reading = Reading()
    for _, attempt in readings:
        if attempt.edtf and reading.edtf:
            # "After the 2024 attacks, … in October and November 2024": a later phrase that
            # tells the same year more closely dates the act.
            if reading.precision == dates.YEAR and _closer_within(attempt.edtf, reading.edtf):
                reading = attempt
            break
        if attempt.edtf:
            reading = attempt
            if reading.precision != dates.YEAR:
                break
            continue
        reading = reading if reading.words else attempt
    if reading.precision == dates.MONTH:
        # "December 2020: … ratifies the treaty at the end of the month", "April: China's
        # foreign ministry announces on 19 April …": the month told more closely after it
        closer = [
            attempt
            for phrase, attempt in readings
            if phrase.kind in ("that-year", "stated")
            and attempt.edtf
            and attempt.edtf != reading.edtf
            and date_within(attempt.edtf, reading.edtf)
        ]
        reading = closer[0] if closer else reading
    reading = _said_of_earlier(sentence.text, readings, reading)
    reading = _not_the_plan_s(sentence.text, readings, reading, aside)
    if aside is not None and aside.since and not reading.edtf:
        reading = _since_the_clause(sentence, aside, context)
    if sentence.acts and reading.precision in ("", dates.YEAR):
        found = searched_phrase(sentence.text, context)
        if found is not None:
            attempt = read_phrase(found, context)
            finer = attempt.edtf and attempt.precision != dates.YEAR
            reading = attempt if finer or not reading.edtf else reading
    report.last = reading.edtf or context.last
    # A pledge told in the past was made by then: "He said China was ready to train 500 officers"
    suggested_activity, suggested_stage = suggest(sentence.text)
    past = sentence.past or bool(
        sentence.acts
        and suggested_stage == "pledged"
        and _SAID.search(outside_quotes(sentence.text))
    )
    answer = None  # the date of a thing told before, that this act answers
    if _COMMENT_ON_ACT.match(sentence.text[begins:]):
        return []  # "The handover is a major achievement of …": what is said of an act told
    if reading.edtf:
        report.paragraph_date = reading
        if report.news_day is None and _this_week(reading.edtf, reading.start, context):
            report.news_day = reading  # ("The minister told reporters on Monday …")
    elif _HABIT.search(sentence.text):
        return []  # "Beijing has long urged Manila to …": a standing position, not an act
    elif sentence.acts and (
        answer := report.remembered.answered(
            sentence.text, context, pledge=suggested_stage in ("pledged", "announced")
        )
    ):
        reading = answer
    elif sentence.acts and _intended_now(sentence) and report.section_date is None:
        if not suggested_stage:
            return []  # "will continue the official visit": what is to come, and no act of it
        reading = stated_at_publication(context) or reading
    elif sentence.acts and report.paragraph_date is not None and not _EARLIER.search(sentence.text):
        reading = report.paragraph_date
    elif sentence.acts and report.section_date is not None:
        # the date of the heading the entry is under, whose present tells its time ("January
        # 2023 / Rabuka tells a Fijian newspaper that the agreement will end")
        reading = report.section_date
    elif sentence.acts and past and report.live and not _PERFECT.search(sentence.text):
        # "The first Chinese aircraft took off shortly after 11 a.m.", posted at 11:40 a.m.
        reading = stated_at_publication(context) or reading
    elif (
        sentence.acts
        and report.news_day is not None
        and suggested_stage in ("pledged", "announced")
        and _STATED.search(outside_quotes(sentence.text))
        and not _PERFECT.search(sentence.text)
        and not _EARLIER.search(sentence.text)
    ):
        # "The Chinese side stated that it is willing to …", in a dispatch on a ceremony: said
        # at the news the report tells, not some day before it
        reading = stated_on_the_news_day(report.news_day)
    elif sentence.acts and past:
        reading = told_as_done(context, unread=reading.words) or reading
        # "In March 2023, Tonga signed a training agreement. / Chinese instructors trained 40
        # Tongan officers": the simple past goes on at the time the paragraph before told (not
        # "have trained" or "had earlier trained", which tell no time)
        carried = (
            not main
            and report.before_date is not None
            and suggested_stage not in ("pledged", "announced")
            and not _TOLD_APART.search(outside_quotes(sentence.text))
        )
        if not main and not _places_anything(sentence.text, report):
            # "Several governments have said that sites they examined had closed": no state,
            # region or date phrase to place it by. ("The treaty, which was signed in 2007 …,
            # would allow …": the describing clause's act still has its date.)
            if (
                aside is not None
                and about_the_timeline(paragraph.text)
                and not only_supposed(sentence.text[begins:])
                and not _between_others(sentence.text)
            ):
                return _described_act(sentence, begins, aside, context, paragraph, known, report)
            return []
        if carried:
            reading = went_on_at(report.before_date)
    if answer is not None and not any(attempt.edtf for _, attempt in readings):
        # "At the conclusion of the talks, the two Governments signed … an Implementation Plan":
        # what it names is remembered at the date it was given
        report.remembered.learn(sentence.text, [(Phrase("", 0, 0, "stated"), reading)])
    else:
        report.remembered.learn(sentence.text, readings)
    made = []
    if _between_others(sentence.text):
        return made
    if not suggested_stage and _after_publication(reading, context):
        return made  # "will continue the official visit later this week": an itinerary
    if only_supposed(sentence.text[begins:]) or not (
        about_the_timeline(paragraph.text)
        or suggested_activity in ACTIVITIES_ON_SUBJECT
        or (report.on_subject and _goes_on(paragraph.text))
    ):
        return made
    # "The treaty, which was signed in 2007 …, would allow …": where the describing clause holds
    # every act word, the sentence tells no act of its own, only the clause's
    own_act = aside is None or bool(acts_in(aside.without(sentence.text)))
    whole = bool(sentence.acts and own_act and (reading.edtf or past)) or _unknown_verb(
        sentence, main, reading, suggested_activity
    )
    done = None if sentence.acts else _DESCRIBED_DONE.search(sentence.text)
    described = (
        Clause(done.start(), done.end())
        if done
        else None
        if sentence.acts
        else dated_describing_clause(sentence.text)
    )
    own = [p for p in main if described and p.start >= described.start]
    if own and first_time(begins):
        # "… on the basis of the extradition treaty between Morocco and China, which was signed
        # in Beijing in May 2016": a dated act told in passing is an event of its own.
        dated = read_phrase(own[0], context)
        if dated.edtf:
            clause = _with_antecedent(sentence.text, described.start, len(sentence.text))
            return [
                _candidate(
                    sentence, begins, len(sentence.text), dated, paragraph, known, report, clause
                )
            ]
    # "announced in October 2022 that it was investigating …, and said in March 2023 that it
    # had opened an investigation …": a second act at a date of its own, in the same words;
    # each act takes its stage from its own clause.
    later = _later_dated_acts(sentence, main, reading, context) if whole else iter(())
    later_acts = list(itertools.islice(later, MOST_ACTS_A_SENTENCE - 1))
    if whole and first_time(begins):
        first = sentence.text[begins : later_acts[0][0]] if later_acts else ""
        # "have attended courses in China since the memorandum was signed in 2011": the
        # sentence's own act is read without the clause that describes another
        own_words = (
            suggest(aside.without(sentence.text, begins))
            if aside is not None and not first
            else ("", "")
        )
        made.append(
            _candidate(
                sentence,
                begins,
                len(sentence.text),
                reading,
                paragraph,
                known,
                report,
                first,
                act=own_words if own_words[0] else None,
            )
        )
    if made:
        for clause_start, clause_end, later in later_acts:
            made.append(
                _candidate(
                    sentence,
                    begins,
                    len(sentence.text),
                    later,
                    paragraph,
                    known,
                    report,
                    clause=sentence.text[clause_start:clause_end],
                )
            )
    if made and made[0].activity not in ("", "visit") and _DURING_VISIT.search(sentence.text):
        stage = "completed" if made[0].stage in DONE_STAGES else made[0].stage
        made.append(
            _candidate(
                sentence,
                begins,
                len(sentence.text),
                reading,
                paragraph,
                known,
                report,
                act=("visit", stage),
            )
        )
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
            made.append(
                _candidate(sentence, start, len(sentence.text), embedded, paragraph, known, report)
            )
    # "A Uyghur man detained in Dubai in early 2018 was … deported to China about a year
    # later": the detention is folded into the return it led to.
    if (
        aside is not None
        and (made or not own_act)
        and not (
            made
            and (made[0].activity, made[0].stage) == ("repatriation", "completed")
            and _HELD.match(sentence.text, aside.start)
        )
    ):
        made.extend(_described_act(sentence, begins, aside, context, paragraph, known, report))
    return made


def _since_the_clause(sentence: Sentence, clause: Clause, context: Context) -> Reading:
    """The date of what has run since the act a clause tells: "have attended courses in China
    since the memorandum was signed in 2011" from 2011 to the publication."""
    phrase = next(
        (p for p in sentence.phrases if p.kind != "embedded" and clause.start <= p.start), None
    )
    if phrase is None:
        return Reading()
    words = re.sub(r"^(?:in|on|at|during)\s+", "", phrase.text, flags=re.IGNORECASE)
    return since_then(read_phrase(Phrase(f"since {words}", 0, 0, "stated"), context), context)


_ARRIVAL = re.compile(r"\barrival\b", re.IGNORECASE)


def _described_act(sentence, begins, aside, context, paragraph, known, report) -> list:
    """The act a describing clause tells at a date of its own, beside the sentence's act, which
    the same words are quoted for (one sentence, two acts): its activity and stage from what
    the clause describes to its end."""
    own = [
        p for p in sentence.phrases if p.kind != "embedded" and aside.start <= p.start < aside.end
    ]
    if not own:
        return []
    dated = read_phrase(own[0], _with_date_before(sentence, own[0], context))
    if not dated.edtf:
        return []
    clause = _with_antecedent(sentence.text, aside.start, aside.end)
    act = suggest(clause)
    if not act[0] and aside.since:
        # "Since their arrival in 2022, Chinese police instructors have …": an arrival abroad
        # is a deployment; another act is of the kind the rest of the sentence tells ("Since
        # the mechanism was launched in December 2011, the four countries have carried out more
        # than 100 joint patrols")
        after = sentence.text[aside.start :]
        act = ("deployment" if _ARRIVAL.search(clause) else suggest(after)[0], act[1])
    return [
        _candidate(
            sentence, begins, len(sentence.text), dated, paragraph, known, report, clause, act=act
        )
    ]


# Words of diplomacy, travel and trade at large, of which a sentence with no act word is no act
# of policing: "… follows Kiribati's switch of diplomatic recognition in September 2019".
_DIPLOMACY = re.compile(
    r"\b(?:diplomatic|recognition|visa|tourists?|investment|trade)\b", re.IGNORECASE
)
# The activities whose words alone tell police work done ("report of September 2022 had listed
# three sites in the UK among … overseas police service stations").
_POLICE_WORK = ("repatriation", "scrutiny", "deployment", "joint-patrol", "training", "agreement")


def _unknown_verb(sentence: Sentence, main: list[Phrase], reading: Reading, activity: str) -> bool:
    """Whether a sentence with no act word the vocabulary knows still tells police work: a date
    phrase of its own, a state other than China named, and words of an activity of police work
    ("police rounded up dozens of Uyghur students in the summer of 2017"). The stage is then
    the editor's to choose. Not where the words are of diplomacy or travel."""
    if sentence.acts or not reading.edtf or not main or activity not in _POLICE_WORK:
        return False
    if _DIPLOMACY.search(sentence.text):
        return False
    return bool(set(places.find(sentence.text).countries) - {SUBJECT_COUNTRY})


_CHINA = re.compile(r"\b(?:chin(?:a|ese)|beijing|prc|sino-)", re.IGNORECASE)


def _between_others(text: str) -> bool:
    """Whether `text` tells an act of two or more other states with no word of China: "Australia
    and Papua New Guinea signed a bilateral security agreement in Canberra in December" is
    beside the timeline, even in a report about China's offer."""
    acts = acts_in(text)
    if not acts or suggest(text)[0] == "scrutiny":
        # (states that each look into what China is said to do act side by side, not with each
        # other: "Authorities in the Netherlands, Ireland and Canada have examined similar
        # claims")
        return False
    # China named only in a clause after the act's ("…, and PNG ministers have since said
    # little about the Chinese proposal") does not make it China's
    after = _COORDINATED.search(text, acts[0].end())
    if _CHINA.search(text, 0, after.start() if after else len(text)):
        return False
    # (where people come from is not who acts: "36 police officers from Solomon Islands,
    # Kiribati and Vanuatu took part in the course")
    head = _FROM_LIST.sub(" ", text[: acts[0].start()])
    others = set(places.find(head).countries) - in_passing(head) - {SUBJECT_COUNTRY}
    # "… after PNG had signed a security agreement with Australia": one state before the act,
    # the other after "with"
    partner = _WITH_STATE.search(text, acts[0].end())
    if partner and others and set(places.find(partner[1]).countries) - others - {SUBJECT_COUNTRY}:
        return True
    return len(others) >= 2


_FROM_LIST = re.compile(r"\bfrom\s+[^.;]*", re.IGNORECASE)
_WITH_STATE = re.compile(r"\bwith\s+((?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})")


# What has been so for a while ("have been working alongside") began before the day it is told.
_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+)?been\b|\bhad\s+\w+ed\b", re.I)


# Words that tell an act as before the time the paragraph is at: "Beijing has previously
# denied …" after "had not responded by this evening" is not dated this evening.
_EARLIER = re.compile(
    r"\b(?:previously|in\s+the\s+past|(?:has|have|had)\s+long|repeatedly)\b", re.IGNORECASE
)


# A paragraph that names nothing of the subject but goes on about what the one before it told
# ("The exchanges stopped in 2020, when the pandemic shut down international travel", "4. The
# Government intends to send a delegation …") is of the subject as that one was.
_GOES_ON = re.compile(
    r"^(?:\d{1,2}[.)]\s+)?(?:(?:but|and|however|meanwhile|yet|still),?\s+(?:[\w\s]{0,20},\s+)?)?"
    r"(?:the|these|this|those|its|their|it|they|both)\b",
    re.IGNORECASE,
)


def _goes_on(paragraph: str) -> bool:
    """Whether a paragraph goes on with the subject of the one before: it opens on what was
    named (`_GOES_ON`), or refers to the agreement told ("Mr Rabuka said the review had found
    that the memorandum, which was signed in 2011, could stay in place")."""
    return bool(_GOES_ON.match(paragraph) or _THE_DEAL.search(paragraph))


# What was said of an earlier act: "Its foreign minister said in late January 2024 that China
# had approached Port Moresby in September 2023 with an offer".
_SAID_THAT = re.compile(
    r"\b(?:said|says|told|announced|confirmed|disclosed|revealed|reported|stated)\b"
    r"[^.;]{0,80}?\bthat\s",
    re.IGNORECASE,
)
# People described by what was done to them, right before a date phrase: "two men arrested
# last year", "Chinese nationals detained in March".
_DESCRIBED_PEOPLE = re.compile(
    r"\b(?:men|women|people|suspects|nationals|citizens|workers|Uyghurs|activists|dissidents|"
    r"fugitives|individuals|persons|defendants)\s+(?:\w+ly\s+)?(?:arrested|detained|deported|"
    r"captured|extradited|charged|rescued|freed|released|indicted)\s+(?:[\w-]+\s+){0,4}?$",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\b(?:which|whom|who|whose)\b", re.IGNORECASE)
_EARLIER_ACT = re.compile(r"\bhad\s+(?:\w+\s+)?(?:been\s+)?\w+(?:ed|en|ght|ade)\b", re.IGNORECASE)


# Where one clause of a sentence ends and the next begins: "was arrested in Laos in April 2012
# and handed over to China the following month".
_CLAUSES = re.compile(r",?\s+and\s+(?=(?:was\s+|were\s+|then\s+|later\s+)?\w+ed\b)|,\s+then\s+")


# A future act: "will, at the request of Pacific Island Countries, hold ten courses in 2024 and
# 2025", "is to deploy officers next year".
_FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+to|plans?\s+to|intends?\s+to|(?:is|are)\s+(?:set|expected)\s+to)\b",
    re.I,
)


# The words right before the date of a saying: "…, the ministry confirmed on Tuesday".
_ATTRIBUTED = re.compile(
    r"\b(?:said|says|confirmed|announced|stated|told\s+(?:[\w'’-]+\s+){1,3}?)"
    r"(?:\s+in\s+a\s+statement)?\s+(?:on\s+)?$",
    re.IGNORECASE,
)


def _not_the_plan_s(text: str, readings, reading: Reading, aside: Clause | None) -> Reading:
    """No date, where the only date of a pledge or an announcement said in the past is of what
    it promises ("announced that it will hold ten courses in 2024 and 2025" was announced some
    other day): the phrase after the future verb dates the plan, not the saying. The stage is
    the sentence's own, without a clause that describes another act (`aside`)."""
    own = text if aside is None else aside.without(text)
    if not reading.edtf or suggest(own)[1] not in ("pledged", "announced"):
        return reading
    future = _FUTURE.search(text)
    said_then = [
        attempt
        for phrase, attempt in readings
        if attempt.edtf and _ATTRIBUTED.search(text, 0, phrase.start)
    ]
    if future is not None and said_then and said_then[0] is not reading:
        # "… will join Hungarian police on patrols during the summer, the Interior Ministry
        # confirmed on Tuesday": the saying's day, not the plan's season
        return said_then[0]
    if future is None or not _SAID.search(text, 0, future.start()):
        return reading  # ("Fiji will sign a deal later this year": the plan is the news)
    before = [attempt for phrase, attempt in readings if phrase.start < future.start()]
    if any(attempt.edtf for attempt in before):
        return reading
    return Reading()


def _said_of_earlier(text: str, readings, reading: Reading) -> Reading:
    """The date of the act where the words say, at one date, that it had been done at another:
    the date phrase of the clause after "said … that", where that clause tells an act done
    before the saying; otherwise `reading`."""
    told = _SAID_THAT.search(text)
    if told is None:
        return reading
    ends = _COORDINATED.search(text, told.end())  # the that-clause, not a clause after it
    end = ends.start() if ends else len(text)
    earlier = _EARLIER_ACT.search(text, told.end(), end)
    if not earlier or not acts_in(text[told.end() : end]):
        return reading
    if _RELATIVE.search(text, told.end(), earlier.start()):
        # "said … PNG would rely on Australia, with which it had signed a security agreement
        # in December": the earlier act describes a party, and is not what was said
        return reading
    for phrase, attempt in readings:
        if told.end() <= phrase.start < end and attempt.edtf:
            return attempt
    return reading


_JOINED = re.compile(r",?\s+(?:and|or|to)\s+|,\s+")


# A date a plan is for is not the date of the act that states it: "600 nationals are to be
# flown out, with the remaining flights planned for Friday and Saturday".
_PLANNED_FOR = re.compile(
    r"\b(?:planned|scheduled|due|set|expected|slated)\s+(?:for|on|to\s+\w+\s+(?:on|in))\s+$|"
    # the years a plan covers: "an implementation plan for police cooperation … for 2023 to
    # 2025", "a programme covering 2024-2026"
    r"\b(?:plan|programme|program|strategy|agreement|memorandum|framework)\b[^.;]{0,240}?"
    r"\b(?:for|covering)\s+(?:the\s+(?:years|period)\s+)?$",
    re.IGNORECASE,
)


# A comment on an act the report has told: "The handover is a major achievement of …", "The
# donation is the latest step in …", "The move comes as …".
_COMMENT_ON_ACT = re.compile(
    r"(?:the|this|that|it)\s+(?:[\w-]+\s+){0,2}?(?:handover|move|decision|donation|step|visit|"
    r"operation|deal|agreement|pact|ruling|verdict|transfer|flight|airlift|announcement)\s+"
    r"(?:is|was|marks|marked|represents|represented)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:achievement|milestone|step|success|sign|signal|example|testament|victory|breakthrough)\b",
    re.IGNORECASE,
)


# What is told as a habit or a standing position, with no date of its own, is no event.
_HABIT = re.compile(
    r"\b(?:has|have|had)\s+long\b|\b(?:has|have|had)\s+for\s+years\b|"
    r"\bfor\s+(?:decades|generations)\b|"
    # "The forum meets every three years"
    r"\bevery\s+(?:two|three|four|five|six|\d{1,2})\s+(?:years|months|weeks)\b|"
    # "Beijing rarely says how many of the promised places were filled"
    r"\b(?:rarely|seldom|never|usually|typically|routinely|generally)\s+"
    r"(?:says?|discloses?|publishes?|confirms?|gives?|names?|involves?|reveals?)\b",
    re.I,
)


# "SUVA, 4 March 2025 -", "MANILA --", "GUANLEI, China, Dec 10 (Newswire) --",
# "BELGRADE, Sept. 28 (Xinhua) --": a place in capitals, then what the wire adds, then a dash.
_DATELINE = re.compile(
    r"(?-i:[A-Z][A-Z'’]+(?:[ -][A-Z][A-Z'’]+){0,3})(?:,\s*[\w .]{1,30}?)*"
    r"(?:\s*\([^)]{1,40}\))?\s*(?:--|[-–—])\s+"
    # "Belgrade (AMP) - ", "Dec 10 (Worldwire) - ": a place or a day, and the agency
    # ("All-China News Service, Belgrade, September 18 (staff correspondent) -- ")
    r"|(?-i:[A-Z][\w'’.-]+(?:\s+[A-Z\d][\w'’.-]*){0,3})(?:,\s*[\w .]{1,30}?)*\s*\([^)]{1,40}\)"
    r"\s*(?:--|[-–—])\s+"
)


# Who speaks in a transcript or an interview: "A: ", "Q. ", "Witness B: ". Not quoted.
_SPEAKER = re.compile(
    r"(?-i:[QA]|Witness\s+[A-Z])\s*[:.]\s+"
    # a factbox's label: "* FIRST PATROL: ", "WHY THEY BEGAN: "
    r"|(?:[*•-]\s*)?(?-i:[A-Z][A-Z'’ -]{2,40}[A-Z]):\s+"
    # a thread's post number: "4/ Context: on Feb 5, …", "2/10 "; a numbered paragraph's
    r"|\d{1,3}/(?:\d{1,3})?\s+|\d{1,3}\.\s+(?=[A-Z])"
)
# The words a describing clause describes: the last few before its comma.
_ANTECEDENT = re.compile(r"(?:[\w'’.-]+\s+){0,2}[\w'’.-]+$")


def _with_antecedent(text: str, start: int, end: int) -> str:
    """The describing clause of `text` from `start` to `end`, with what it describes: "Nauru,
    which signed a memorandum with China"."""
    before = _ANTECEDENT.search(text, 0, start)
    return text[before.start() if before else start : end]


# A sentence of a report tells one act, sometimes two or three ("announced in October …, and
# said in March …"); the date phrases read in one are as few. A "sentence" listing dozens is a
# table or a list, whose every clause read as an act cost minutes on a hostile report.
MOST_ACTS_A_SENTENCE = 3
MOST_PHRASES_READ = 6


_AGAIN = re.compile(r"\b(?:did|do|does)\s+(?:so|it|the\s+same)\s+again\b", re.IGNORECASE)


# Where one act's clause ends and another's may begin: a coordinated clause, or a clause that
# tells what a thing has done to date ("…, the latest group under a programme that the embassy
# says has trained more than 300 officers since 2002").
_COORDINATED = re.compile(
    r",\s+(?:and|but|while)\s+|;\s+|"
    r"\b(?:that|which)\s+(?=(?:[\w'’]+\s+){0,4}?(?:has|have)\s+(?:\w+\s+)?\w+ed\b)"
)


# A describing clause that tells a dated act: ", which was signed in Beijing in May 2016".
_DESCRIBED_DONE = re.compile(
    r",\s+(?:which|that)\s+(?:was|were|had\s+been)\s+(?:signed|agreed|concluded|ratified|"
    r"established|launched|set\s+up|opened|closed)\b",
    re.IGNORECASE,
)


_HELD = re.compile(
    r"(?:,?\s*who\s+(?:was|were|had\s+been)\s+)?(?:arrested|detained)\b", re.IGNORECASE
)


# A deal done during a visit tells the visit too: "signed an agreement last week during a visit
# to Budapest by China's Minister of Public Security".
_DURING_VISIT = re.compile(
    r"\b(?:during|on|in\s+the\s+course\s+of)\s+(?:a|an|the|his|her|their)\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:visit|trip|tour)\b",
    re.IGNORECASE,
)


# A clause that tells a second act at the first's date: what a deal provides ("signed an
# agreement on Monday, under which Chinese officers will join Hungarian patrols").
_TOLD_WITH = re.compile(r",\s+under\s+which\s+", re.IGNORECASE)


def _later_dated_acts(sentence: Sentence, main: list[Phrase], reading: Reading, context: Context):
    """(start, end, reading) of each clause after the first that states an act of its own: at
    a date of its own, other than `reading`; or, after a semicolon, at the same date but at
    another stage ("… reported that Chinese personnel were operating …; officials in Beijing
    and Dushanbe played down the report at the time"), or what was agreed or said with it
    (`_TOLD_WITH`)."""
    provided_at = {m.end() for m in _TOLD_WITH.finditer(sentence.text)}
    joints = [*_COORDINATED.finditer(sentence.text), *_CLAUSES.finditer(sentence.text)]
    bounds = sorted({0, *(m.end() for m in joints), *provided_at, len(sentence.text)})
    seen = {reading.edtf}
    stages = {suggest(sentence.text[: bounds[1]])[1]}
    first_states = _states_named(sentence.text[: bounds[1]])
    for start, end in zip(bounds[1:], bounds[2:], strict=False):
        clause = sentence.text[start:end]
        repeated = _AGAIN.search(clause)  # "…, and did so again in 2019": the act again
        if not acts_in(main_clauses(clause)) and not repeated:
            continue
        own = [p for p in main if start <= p.start < end]
        later = (
            read_phrase(own[0], _with_date_before(sentence, own[0], context)) if own else Reading()
        )
        stage = suggest(sentence.text[: bounds[1]] if repeated else clause)[1]
        if start in provided_at and stage and stage not in stages:
            # what the deal provides is told at the deal's date, whenever it is to happen
            yield start, end, reading
        elif later.edtf and later.edtf not in seen:
            seen.add(later.edtf)
            yield start, end, later
        elif (
            not own
            and sentence.text[:start].rstrip().endswith(";")
            and stage
            and stage not in stages
        ):
            yield start, end, reading
        elif (
            not own
            and first_states
            and (others := _states_named(clause))
            and not others & first_states
        ):
            # "Dublin ordered an office to close, and the Dutch government told Beijing to shut
            # two sites": another state's act, beside the first state's, at the same date
            first_states |= others
            yield start, end, reading
        stages.add(stage)


def _states_named(text: str) -> set[str]:
    """The states other than China `text` names, not in passing."""
    return set(places.find(text).countries) - in_passing(text) - {SUBJECT_COUNTRY}


def _to_come(text: str, phrase: Phrase, reading: Reading, context: Context) -> Reading:
    """A season with no year in a sentence that tells what is to come is the next one: "will
    join Hungarian police on patrols during the summer tourist season", said in April."""
    if phrase.kind == "that-year" or not _FUTURE.search(text, 0, phrase.start):
        return reading
    return coming_season(reading, context)


def _closer_within(edtf: str, year: str) -> bool:
    """Whether `edtf` is finer than a year and falls within the year `year`."""
    return dates.legacy(edtf).precision != dates.YEAR and date_within(edtf, year)


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
    """The words a candidate quotes: without the full stop that ends the sentence, or the
    footnote marks after it ("inquiries.[26]")."""
    return _FOOTNOTES.sub("", text[start:end].rstrip()).rstrip(" .").rstrip()


_FOOTNOTES = re.compile(r"(?:\[\d{1,3}\])+$")


def _candidate(
    sentence: Sentence,
    start: int,
    end: int,
    reading: Reading,
    paragraph: Paragraph,
    known,
    report: _Report,
    clause: str = "",
    act: tuple[str, str] | None = None,
) -> Candidate:
    """The candidate these words of `sentence` give; `clause`, where given, is the part of them
    that tells its act (its activity and stage); `act`, where given, is that activity and
    stage, read by the caller."""
    text = _quoted(sentence.text, start, end)
    end = start + len(text)
    absolute_start = sentence.start + start
    absolute_end = sentence.start + end
    named = places.find(text)
    aside = in_passing(text)
    countries = tuple(
        dict.fromkeys(
            [code for code in named.countries if code not in aside]
            + _referred_states(text, report.named)
        )
    )
    if clause:
        # "Croatia hosted Chinese officers in 2018, and Serbia began joint patrols in 2019":
        # each act is its own clause's states, where its clause names any.
        own = [c for c in places.find(clause).countries if c not in in_passing(clause)]
        if set(own) - {SUBJECT_COUNTRY}:
            countries = tuple(c for c in countries if c in own or c == SUBJECT_COUNTRY)
    activity, stage = suggest(text)
    if clause:
        clause_activity, clause_stage = suggest(clause)
        activity, stage = clause_activity or activity, clause_stage or stage
    if act:
        activity, stage = act
    if stage == "rejected" and _chinas_own(text, activity, stage):
        activity = "scrutiny"  # China's denial answers what was alleged
    if not set(countries) - {SUBJECT_COUNTRY} and _THE_DEAL.search(text) and report.deal_states:
        # "China's top legislature ratifies the treaty": the treaty proposed last, and its states
        countries = (*countries, *report.deal_states)
    if (
        not set(countries) - {SUBJECT_COUNTRY}
        and not named.regions
        and not _chinas_own(text, activity, stage)
    ):
        # "Marcos told lawmakers …": a sentence that names no state (or region) but China goes
        # on about the states its paragraph named last, or else the state the report is about.
        carried = (
            report.paragraph_states
            or report.section_states
            or report.main_state
            or _the_story_goes_on(paragraph.text, report)
        )
        countries = (*countries, *carried)
    if stage in ("started", "suspended", "ended"):
        # "had been on hold since January last year": put on hold then, as what has run since
        # a date began then
        reading = began_then(reading)
    elif stage in TOLD_AS_DONE:
        reading = since_then(reading, report.context)
    if stage in TOLD_AS_DONE:
        reading = by_publication(reading, report.context)
    elif stage in ("pledged", "announced") and _after_publication(reading, report.context):
        # "a second course … will be delivered from June 2024", announced in March: the date is
        # the plan's; the announcement is the report's own, made at its publication.
        reading = stated_at_publication(report.context) or reading
    if activity == "agreement" and set(countries) - {SUBJECT_COUNTRY}:
        report.deal_states = tuple(c for c in countries if c != SUBJECT_COUNTRY)
    numbers = _figures(text, [p for p in sentence.phrases])
    actors = tuple(name for name, pattern in known.actors if names.find_name(pattern, text))
    passage = paragraph.passage
    offset = 0 if passage is not None else paragraph.offset
    precision = reading.precision
    return Candidate(
        quote=text,
        date_text=reading.text if reading.edtf else "",
        date_edtf=reading.edtf,
        date_start=reading.start,
        date_precision=precision,
        countries=countries,
        activity=activity,
        stage=stage,
        actors=actors,
        figures=tuple(_figure_dict(n) for n in numbers),
        matches=matches_for(
            text,
            reading.edtf,
            numbers,
            passage,
            absolute_start,
            absolute_end,
            known,
            states=countries,
            activity=activity,
        ),
        passage=passage,
        start=absolute_start + offset,
        end=absolute_end + offset,
        date_reading=reading.words or "No date phrase in these words: undated.",
        roles=roles_in(text, countries),
        numbers=tuple(numbers),
    )


# An agreement referred to as told before: "the treaty", "the memorandum".
# (not a time told by it: "Within weeks of that agreement, …")
_THE_DEAL = re.compile(
    r"(?<!\bof\s)(?<!\bafter\s)(?<!\bsince\s)(?<!\bbefore\s)(?<!\blike\s)"
    r"\b(?:the|that|this)\s+(?:treaty|agreement|pact|memorandum|deal|accord|MoU|arrangement)\b",
    re.IGNORECASE,
)


# An intention the report states as holding when it is published: "The two sides intend to
# continue the joint patrols", "Thai officials say 600 nationals are to be flown out".
_INTENDS = re.compile(
    r"\b(?:intends?|intention|plans?|aims?|hopes?|seeks?|remains?\s+ready)\s+(?:\w+\s+){0,2}?to\s|"
    r"\b(?:is|are)\s+(?:to|ready\s+to|willing\s+to)\s|"
    r"\bwill\b|\bexpected\s+to\b",
    re.IGNORECASE,
)
_SAID = re.compile(r"\b(?:said|told|pledged|promised|announced|offered)\b", re.IGNORECASE)
_SAYS_NOW = re.compile(r"\b(?:says|say|confirms|announces)\b", re.IGNORECASE)


# A statement told in the simple past: what a party said, stated or agreed.
_STATED = re.compile(
    r"\b(?:said|stated|told|reaffirmed|reiterated|agreed|pledged|promised|vowed|expressed|"
    r"announced|offered|proposed|added|noted|stressed|underlined|confirmed)\b",
    re.IGNORECASE,
)
_NEWS_WEEK = 7  # days before the publication (or dateline) within which a day is its news


# What tells an act apart from the time told before it: the perfect, an earlier time, an act
# that came before the one told ("follows the signing of a memorandum").
_TOLD_APART = re.compile(
    r"\b(?:has|have|had|earlier|previously|already|since|follow(?:s|ed|ing)?|after)\b",
    re.IGNORECASE,
)


def _one_point(reading: Reading | None) -> Reading | None:
    """`reading` where it is one day, month or year, not a window or a span; else None."""
    if reading is None or not re.fullmatch(r"\d{4}(?:-\d\d){0,2}", reading.edtf):
        return None
    return reading


def _news_day(made: list[Candidate], context: Context) -> Reading | None:
    """The day of the first of `made` dated to one day within the week up to the publication
    (or dateline): the news of a dispatch, not its background; None where none is."""
    for candidate in made:
        if _this_week(candidate.date_edtf, candidate.date_start, context):
            return Reading(candidate.date_text, candidate.date_edtf, candidate.date_reading)
    return None


def _this_week(edtf: str, day: dt.date | None, context: Context) -> bool:
    """Whether `edtf` is one day (not "[..day]") within the week up to the publication."""
    if context.base_precision != dates.DAY or day is None:
        return False
    one_day = re.fullmatch(r"\d{4}-\d\d-\d\d", edtf)
    return bool(one_day) and 0 <= (context.base - day).days <= _NEWS_WEEK


def _intended_now(sentence: Sentence) -> bool:
    """Whether `sentence` states an intention, pledge or plan in the present (`_INTENDS`), as
    the report's own news: with no verb in the past, or said in the present ("officials say")."""
    if suggest(sentence.text)[1] not in ("pledged", "announced", ""):
        return False
    told = outside_quotes(sentence.text)  # what a speaker is quoted as saying is theirs
    intends = _INTENDS.search(told)
    if not intends:
        return False
    # a past form after the intention describes ("officials of the agencies concerned")
    return not in_past_tense(told[: intends.start()]) or bool(_SAYS_NOW.search(told))


def _with_date_before(
    sentence: Sentence, phrase: Phrase, context: Context, heading: Reading | None = None
) -> Context:
    """The context a phrase that counts from the date stated last is read in: that date may be
    one earlier in the same sentence ("A report published in September 2022 …, and the police
    made inquiries that autumn"; "On October 7, …, and Interpol announced the same day")."""
    if phrase.kind not in ("that-year", "relative"):
        return context
    before = [
        p for p in sentence.phrases if p.kind in ("embedded", "stated") and p.end <= phrase.start
    ]
    if not before:
        return context
    stated = read_phrase(before[-1], in_the_year_of(before[-1], heading, context))
    return replace_last(context, stated.edtf) if stated.edtf else context


def _after_publication(reading: Reading, context: Context | None) -> bool:
    """Whether `reading` can only fall after the publication (a plan's date)."""
    if context is None or not reading.edtf or context.base_precision != dates.DAY:
        return False
    earliest = dates.parse_edtf(reading.edtf).earliest
    return earliest is not None and earliest > context.base


def _places_anything(text: str, report: _Report) -> bool:
    """Whether `text`, or the paragraph it goes on from, names a state or a region, or refers
    to states named before ("The foreign ministers of the two countries signed the agreement")."""
    named = places.find(text)
    return bool(
        named.countries
        or named.regions
        or report.paragraph_states
        or _referred_states(text, report.named)
    )


def _chinas_own(text: str, activity: str, stage: str) -> bool:
    """Whether `text` is China's own denial or inquiry ("Beijing has denied running police
    stations abroad", "China's anti-corruption authorities said Meng was under investigation"):
    one that names no other state is China's alone, whatever state the paragraph named before."""
    if stage != "rejected" and activity != "scrutiny":
        return False
    acts = acts_in(text)
    head = text[: min(m.start() for m in acts)] if acts else text
    return SUBJECT_COUNTRY in places.find(head).countries


def _lines(text: str, exclude_spans) -> list[Paragraph]:
    """Each non-empty line (as import_sources splits a file into passages), less excluded
    stretches and the page's furniture (`chrome`); headings are kept, marked."""
    parsed_lines = split_passages(text)
    kinds = chrome.line_kinds([parsed.text for parsed in parsed_lines])
    paragraphs = []
    for parsed, kind in zip(parsed_lines, kinds, strict=True):
        if not kind or any(s < parsed.end and parsed.start < e for s, e in exclude_spans):
            continue
        paragraphs.append(
            Paragraph(parsed.text, None, parsed.start, heading=kind == chrome.HEADING)
        )
    return paragraphs


def propose_text(
    text: str, published_edtf: str, *, exclude_spans=(), known: Known | None = None
) -> list[Candidate]:
    """Candidates in `text` published at `published_edtf` (EDTF; "" if unknown); offsets are
    within `text`. Lines overlapping `exclude_spans` ((start, end) pairs) are skipped.
    Raises dates.DateResolutionError for a publication date that is not EDTF."""
    context = _context(published_edtf)
    known = known_from_database() if known is None else known
    live = chrome.is_live([parsed.text for parsed in split_passages(text)])
    return _propose(_lines(text, exclude_spans), context, known, live=live)


def propose_source(source, known: Known | None = None) -> list[Candidate]:
    """Candidates in a source's passages; offsets are within each passage's text. Material
    the manifest marks as added by a republisher, or unrelated, yields none."""
    rows = list(source.passages.filter(section=SectionKind.REPORT).order_by("ordinal"))
    kinds = chrome.line_kinds([p.text for p in rows])
    passages = [
        Paragraph(p.text, p, heading=kind == chrome.HEADING)
        for p, kind in zip(rows, kinds, strict=True)
        if kind
    ]
    published = source.published_edtf or dates.iso_at(source.published, source.published_precision)
    context = _context(published)
    known = known_from_database() if known is None else known
    return _propose(passages, context, known, live=chrome.is_live([p.text for p in rows]))
