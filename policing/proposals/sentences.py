"""A paragraph's sentences as proposals read them: split (pysbd, text/sentences.py), opinions
in quotation marks left out, each with its acts, its tense and its date phrases, and a sentence
that continues the one before it joined to it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policing.proposals.dates import Phrase, date_phrases
from policing.proposals.vocabulary import acts_in, in_past_tense, suggest
from policing.text.sentences import sentence_spans


@dataclass(frozen=True)
class Paragraph:
    """A stretch of text proposed from: a passage's text, or a line of a file."""

    text: str
    passage: object | None = None
    offset: int = 0  # added to offsets when there is no passage (a line of a whole text)
    heading: bool = False  # a heading: read for the date and places it gives what follows


_QUOTED = re.compile(r"\"[^\"]*\"?|“[^”]*”?")
_SAYS = re.compile(r"\b(?:said|says|say|stated|states|noted|told|added|according\s+to)\b", re.I)
_CONTINUES = re.compile(
    r"^(?:it|this|that|these|they|the\s+(?:agreement|deal|accord|pact|plan|programme|program|"
    r"move|decision|training|visit|package|initiative|operation|mechanism|offer|policy|"
    r"repatriation))\b",
    re.IGNORECASE,
)


def outside_quotes(sentence: str) -> str:
    """`sentence` with the words in quotation marks blanked."""
    return _QUOTED.sub(" ", sentence.translate(str.maketrans({"\u2018": "'", "\u2019": "'"})))


def _is_opinion(sentence: str) -> bool:
    """Mostly words in quotation marks, attributed ("said", "says") or running on from a
    quotation, and stating no act."""
    outside = outside_quotes(sentence)
    quoted = len(sentence.replace(" ", "")) - len(outside.replace(" ", ""))
    mostly = quoted > 0.5 * len(sentence.replace(" ", ""))
    attributed = _SAYS.search(outside) or sentence.lstrip().startswith(('"', "“"))
    return bool(mostly and attributed and not acts_in(outside))


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    acts: bool
    past: bool
    phrases: list[Phrase]


# Clauses that describe rather than tell: "The United States, which completed its withdrawal in
# August, has no foothold"; "Since the corridor was launched in 2015, the safety of …". An act
# word only there is not the sentence's act.
_DESCRIBING = re.compile(
    r",\s+(?:which|who|whose|where)\b[^,;]*(?:,|$)|"
    # "At the next General Assembly, held in Dubai in November 2018, members elected …"
    r",\s+(?:held|based|located|known|built|founded)\s+(?:in|at|by|on|as)\b[^,;]*,|"
    # ("Since then it has trained hundreds of officers, the team said": a date, not a clause)
    r"^(?:since(?!\s+(?:then|last|early|late|mid|the\s+(?:start|beginning|end)|January|February|"
    r"March|April|May|June|July|August|September|October|November|December|\d)\b)|while|whilst|"
    r"although|though|because|as|unlike)\b[^,;]*,",
    re.IGNORECASE,
)


def main_clauses(text: str) -> str:
    """`text` without its describing clauses (`_DESCRIBING`), each replaced by a space."""
    return _DESCRIBING.sub(" ", text)


_RELATIVE_CLAUSE = re.compile(
    # (and a person described without a comma: "Idris Hasan, a Uyghur activist who was
    # arrested at Casablanca airport in July")
    r",\s+(?:which|who)\s+[^,;]*|(?<=[a-z]\s)who\s+(?:was|were|had\s+been)\s+\w+ed\b(?P<after>[^,;]*)",
    re.IGNORECASE,
)


# How far before a describing clause the words it describes may start.
_DESCRIBED_WORDS = 40


@dataclass(frozen=True)
class Clause:
    """Where a describing clause stands in its sentence; `since` where it tells what the rest
    of the sentence has run from ("have attended courses since the memorandum was signed")."""

    start: int
    end: int
    since: bool = False

    def without(self, text: str, start: int = 0) -> str:
        """`text` from `start` without the clause: the words the sentence tells its own act in."""
        return f"{text[start : self.start]} {text[self.end :]}"


# A dated act told in passing without "which": a participle after what it describes ("the
# Implementation Plan signed by the two Governments in Beijing in July", "two men arrested last
# year"), an agreement after who made it ("a security agreement the two countries signed on
# Saturday"), or a clause after "since" ("since the memorandum was signed in 2011"). Each runs
# to its first date phrase.
_PASSING_ACT = re.compile(
    r"(?:(?<=[\w)]\s)|(?<=,\s))(?P<verb>signed|agreed|concluded|reached|arrested|detained|launched|"
    r"adopted|ratified|deported|extradited|repatriated|handed\s+over|set\s+up|"
    r"established|opened)\s+(?=(?:by|in|at|on|during|last|earlier|this|two|three|several|"
    r"a\s+(?:week|month|year)|the\s+(?:previous|following|same)|that|\d)\b)|"
    r"\b(?:agreement|deal|pact|treaty|memorandum|accord|arrangement|plan)\s+(?:that\s+)?"
    r"(?P<makers>(?:the\s+two|both)\s+(?:countries|sides|governments|states)(?:['’]\s+[\w-]+"
    r"(?:\s+[\w-]+)?)?|"
    r"(?:[A-Z][\w.]+\s+and\s+)?[A-Z][\w.]+)\s+(?:signed|agreed|concluded|reached)\s+|"
    r"\b(?P<since>(?i:since))\s+(?!then\b|\d)(?:the|a|an|its|their|[A-Z][\w'’]*)\s+"
    r"(?:[\w'’-]+\s+){0,6}?(?:was|were|had\s+been|\w+ed|began|took|came|left|met|made|went|"
    r"sent|set)\b|"
    # "Since its arrival in 2022, the CPLT has trained …"
    r"\b(?P<since_noun>(?i:since))\s+(?:the|its|their|his|her)\s+(?:[\w'’-]+\s+){0,3}?(?:arrival|"
    r"signing|launch|deployment|establishment|start)\b",
)
# What a participle must not follow to describe: then it is the verb ("was signed in 2011",
# "China signed in 2011" is read as the sentence's own act only where no other verb tells it).
_AUXILIARY = re.compile(
    r"\b(?:was|were|is|are|be|been|being|has|have|had|not|and|or|jointly|formally|who|which|"
    r"that|it|they|he|she|we)\s+$",
    re.IGNORECASE,
)
# A verb of the sentence's own: a participle clause describes only where one stands outside it.
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|should|must|did|does|"
    r"said|says|told|took|began|left|met|\w+ed)\b",
    re.IGNORECASE,
)
_WHEN = re.compile(r",\s+when\b[^;]*", re.IGNORECASE)
# Diplomacy at large, no act of policing: "established diplomatic relations", "switched
# recognition".
_DIPLOMATIC = re.compile(r"\bdiplomatic\s+(?:relations|ties)\b|\brecognition\b", re.IGNORECASE)
# The longest a describing clause runs from its verb to its date, and where it ends sooner.
_CLAUSE_REACH = 120
_CLAUSE_END = re.compile(r"[,;]|$")


def _passing_acts(text: str) -> list[Clause]:
    """The dated acts `text` tells in passing without "which" (`_PASSING_ACT`), where the
    sentence has a verb of its own outside them."""
    found = []
    phrases = [p for p in date_phrases(text) if p.kind != "embedded"]
    for match in _PASSING_ACT.finditer(text):
        if match["verb"] and _AUXILIARY.search(text, 0, match.start()):
            continue
        stop = min(_CLAUSE_END.search(text, match.end()).start(), match.end() + _CLAUSE_REACH)
        dated = [p for p in phrases if match.start() <= p.start and p.end <= stop]
        since = bool(match["since"] or match["since_noun"])
        if not dated or (since and dated[0].start <= match.start() + len("since ")):
            continue  # (no date, or "since February": a date, not an act's clause)
        end = dated[0].end
        # (not a clause telling when: "…, when the four governments decided to set up …")
        outside = [
            _WHEN.sub(" ", main_clauses(part)) for part in (text[: match.start()], text[end:])
        ]
        if not any(map(_FINITE.search, outside)) or not any(map(acts_in, outside)):
            continue  # the clause's act is the sentence's
        found.append(Clause(match.start(), end, since=since))
    return found


# The sentence's own verb after a describing clause with no comma to end it: "The officers who
# had been attached to Tongan units left the country in January".
_OWN_VERB = re.compile(
    r"\s(?:was|were|has|have|had|left|returned|went|took|began|\w+ed)\b", re.IGNORECASE
)


def _who_ends(text: str, clause: re.Match) -> int:
    """Where a describing clause ends: at its comma, or, with no comma before it ("who had been
    attached to Tongan units"), before the sentence's own verb."""
    if clause["after"] is None:
        return clause.end()  # (", which …" ends at its comma)
    verb = _OWN_VERB.search(text, clause.start("after"), clause.end())
    return verb.start() if verb else clause.end()


def dated_describing_clause(text: str) -> Clause | None:
    """A describing clause that tells a dated act of the timeline's own, where the sentence
    tells none outside it: "A Chinese delegation, which held talks with Thai police in Bangkok
    on Tuesday, was overseeing the operation"; "Senators asked about Solomon Islands, which
    signed a security agreement with China in April 2022"; or one told in passing without
    "which" (`_passing_acts`). None where there is none."""
    clauses = [Clause(m.start(), _who_ends(text, m)) for m in _RELATIVE_CLAUSE.finditer(text)]
    for clause in sorted([*clauses, *_passing_acts(text)], key=lambda c: c.start):
        words = text[clause.start : clause.end]
        dated = [p for p in date_phrases(words) if p.kind != "embedded"]
        # the activity may be the described thing's: "the China Police Liaison Team, which
        # began its work in Honiara in 2022", "Since its arrival in 2022, the team has …"
        # (what runs since an act is of its kind: "Since the mechanism was launched in December
        # 2011, the four countries have carried out more than 100 joint patrols")
        after = len(text) if clause.since else clause.end + _DESCRIBED_WORDS
        described = text[max(0, clause.start - _DESCRIBED_WORDS) : after]
        if _DIPLOMATIC.search(words):
            continue  # "since the two countries established diplomatic relations in 2019"
        if dated and acts_in(words) and (suggest(words)[0] or suggest(described)[0]):
            return clause
    return None


# The longest stretch read as one sentence. A report's sentences run to a few hundred
# characters; a "sentence" of thousands is a list, a table or pasted text with no full stops,
# and reading it as one act (each clause, each date phrase, each name) took minutes.
LONGEST_SENTENCE = 2_000


def read_sentences(paragraph: Paragraph) -> list[Sentence]:
    sentences = []
    for start, end in sentence_spans(paragraph.text):
        text = paragraph.text[start:end]
        if len(text) > LONGEST_SENTENCE or _is_opinion(text):
            continue
        acts = acts_in(main_clauses(text))
        sentences.append(
            Sentence(
                start,
                end,
                text,
                bool(acts),
                bool(acts) and in_past_tense(outside_quotes(text)),
                date_phrases(text),
            )
        )
    return sentences


def merged(sentences: list[Sentence], text: str) -> list[Sentence]:
    """A sentence that continues the one before it ("It was …", "The agreement …") and
    supplies what that one lacks (the act, or the date) is proposed with it, as one quote."""
    out: list[Sentence] = []
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
            out[-1] = Sentence(
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


def _main_phrases(sentence: Sentence) -> list[Phrase]:
    return [p for p in sentence.phrases if p.kind != "embedded"]
