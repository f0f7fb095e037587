"""The part each state plays in a proposed act, read from the words of its clause
(docs/corpus.md, "Participants"): China's side; an objector, the state that pushes back
("Papua New Guinea … put China's offer on hold", "after objections from Australia", "The
Netherlands has told China to shut"); otherwise a counterpart, the partner, host or recipient.
An editor confirms each in the review; what the words do not show is left to the default."""

from __future__ import annotations

import re

from policing.models import SUBJECT_COUNTRY, Role
from policing.proposals.vocabulary import acts_in
from policing.text import places

# Words of pushing back. The state that does it is named before them in its clause ("Italy
# said its police would stop …"), or after "from" ("objections from Australia").
_PUSHBACK = (
    r"stop\w*|end(?:s|ed)?\b|halt\w*|suspend\w*|cancel\w*|refus\w*|reject\w*|turned\s+down|"
    r"put\b.{0,60}?\bon\s+hold|amend\w*|remov\w*|expel\w*|clos(?:e|ed|ing|ure)|shut\w*|"
    r"protest\w*|object\w*|alarm\w*|concern\w*|ban(?:s|ned)?\b|told\s+China\s+to|ordered\b|"
    r"resist\w*|declin\w*|discontinu\w*|revok\w*|condemn(?:s|ed|ing)\b|criticis(?:es|ed|ing)\b|criticiz(?:es|ed|ing)\b"
)
_PUSHES_BACK = re.compile(rf"\b(?:{_PUSHBACK})", re.IGNORECASE)
# Police work pushes back against China's own ("the RCMP said it had opened an investigation
# into two community centres"), not against the crimes police diplomacy answers: "Lao police say
# 770 people have been detained since the raids on scam compounds began" is the host's
# crackdown, done beside China.
_ENFORCES = re.compile(
    r"\b(?:charg\w*|indict\w*|arrest\w*|investigat\w*|prosecut\w*|raid\w*|search\w*|detain\w*)",
    re.IGNORECASE,
)
_CRIMES = re.compile(
    r"\b(?:scam\w*|fraud\w*|traffick\w*|gambling|drugs?|narcotics?|compounds?|telecom)\b",
    re.IGNORECASE,
)
_FROM = re.compile(
    r"\b(?:objections?|concerns?|protests?|pressure|condemnation|criticism)\s+(?:raised\s+)?"
    r"(?:from|by)\s+(?:the\s+)?"
)
# Where a clause ends: a state named before it is not the one that acts after it.
_CLAUSE = re.compile(r"[;:]|,\s+(?:and|but|while|whereas|after|when|which)\b|\bafter\b")


# A state named only where the act happens near it, or as where a medium comes from, is named
# in passing: "a facility … which borders Afghanistan's Wakhan corridor", "near the Afghan
# frontier", "an American newspaper reported". (A describing clause may still name the state
# where the act is: "…, which said the offices were used to watch Chinese nationals living in
# the Netherlands".)
_GEOGRAPHY_BEFORE = re.compile(
    r"\b(?:borders?|bordering|near|beside|next\s+to|across\s+from|facing)\s+(?:of\s+)?(?:the\s+)?$|"
    # where people protested, not the state: "despite protests in Turkey"
    r"\b(?:protests?|demonstrations?|rallies|riots?|crowds?)\s+in\s+$|"
    # a venue: "At a meeting hosted in Suva on May 30, the region's ministers declined …"
    r"\b(?:meeting|summit|talks|conference|forum|gathering|assembly|dialogue)\s+"
    r"(?:of\s+(?:[\w'’-]+\s+){1,4}?)?(?:held\s+|hosted\s+)?in\s+$|"
    # a switch of recognition told beside the act: "Kiribati, which switched diplomatic
    # recognition from Taipei to Beijing in 2019, …"
    r"\brecognition\s+(?:from|to)\s+$|"
    # where someone came from, or how far a place is: "on a flight from Istanbul", "an island
    # a short ferry ride from Singapore"
    r"\b(?:flights?|flew|arrival|arrived|ride|drive|miles|kilometres|kilometers|km)\s+"
    r"(?:\w+\s+){0,2}?from\s+$|"
    # where people were headed: "many of them hoping to travel on to Turkey", "allowed to leave
    # for Turkey"
    r"\b(?:travel(?:l?ed|l?ing)?|flee(?:ing)?|fled|resettle[ds]?|bound|head(?:ed|ing)|leave|left|"
    r"leaving)\s+(?:on\s+)?"
    r"(?:to|for)\s+$|"
    # the partner chosen instead: "PNG would rely on Australia", "tilting back towards
    # traditional partners Australia and New Zealand", "its security partnership with Australia"
    r"\b(?:rely|relying|relied|depend|depending|depended|lean|leaning)\s+on\s+$|"
    r"\b(?:tilting|tilt|turning|turn|looking|look)\s+(?:back\s+)?(?:to|towards)\s+(?:its\s+)?"
    r"(?:traditional\s+)?(?:partners?\s+)?$|"
    r"\b(?:traditional|preferred|main|closest)\s+(?:security\s+)?partners?\s+$|"
    r"\bpartnership\s+with\s+$",
    re.IGNORECASE,
)
# Where a person lives: "Aishan, a computer engineer who had been living in Turkey, was detained
# at Casablanca airport". In passing where the sentence names another state that takes part;
# where it names none, the state they live in is where the act is ("the offices were used to
# watch Chinese nationals living in the Netherlands").
_RESIDENCE_BEFORE = re.compile(
    r"\b(?:living|lived|lives|residing|resided|resident|settled|exiled)\s+(?:\w+\s+)?in\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_PASSING_AFTER = re.compile(
    # ("Nicaraguan state media reported that the National Police had signed": a state's own
    # media speak for it)
    # (and the state a neighbour or partner is named by: "Hungary's southern neighbour Serbia";
    # one that stays the partner of choice: "Australia remained PNG's security partner of choice")
    r"^['’]s\s+(?:\w+\s+)?(?:neighbou?r|ally)\b|"
    r"^\s+(?:remain(?:s|ed)?|is|was)\s+(?:[\w'’]+\s+){0,2}?(?:security\s+)?partner\s+of\s+choice\b|"
    r"^(?:'s?)?\s+(?!(?:state|official|government|public)\s)(?:\w+\s+)?(?:border|frontier|corridor|coast|newspapers?|broadcasters?|"
    r"media|press|outlets?|magazines?|daily|journalists?|reporters?|candidates?|"
    # who is no state: "a little-known Spanish rights group published a report"
    r"groups?|NGOs?|organi[sz]ations?|think[\s-]+tanks?|researchers?|activists?|"
    # a currency: "400 million Australian dollars"
    r"dollars?)\b",
    re.IGNORECASE,
)


# A trailing clause of comment ("…, deepening security ties that have alarmed Australia and the
# United States"), and a clause after a semicolon that tells no act ("…; Prime Minister Marape
# later said that Australia remained the country's preferred security partner"), name states
# beside the act.
_COMMENT = re.compile(
    r",\s+(?:deepening|raising|prompting|fuell?ing|adding\s+to|heightening|underscoring|"
    r"highlighting|reflecting|amid|as\s+(?:the|its|their)\s+\w+\s+(?:turns?|looks?|seeks?)|"
    # a reason given, or a comment on the act: "…, saying Fiji would rather work with partners
    # …, naming Australia and New Zealand", "…, a step Beijing had pressed for"
    r"saying|naming|citing|(?:a|the)\s+(?:move|step|decision)\b(?!\s+to\b)|"
    # an earlier act beside it: "…, days after allowing about 170 others to travel to Turkey"
    r"(?:days|weeks|months|hours|a\s+day|a\s+week)\s+(?:after|before)\s+\w+ing\b|"
    # the circumstances of an earlier time: "…, when Fiji was under the military-led
    # government and relations with Canberra and Wellington were strained"
    r"when\s+(?:[\w'’-]+\s+){1,6}?(?:was|were|had\s+been)\s+(?:under|strained|tense|"
    r"in\s+power|ruled))"
    r"\b[^;]*$",
    re.IGNORECASE,
)
_AFTER_SEMICOLON = re.compile(r";[^;]*")
_AND_THAT = re.compile(r",?\s+and\s+that\s[^;]*", re.IGNORECASE)


# A person's past, told between commas in the past perfect: "…, who had left Xinjiang in 2012
# and settled in Turkey, was detained …".
_PERSON_S_PAST = re.compile(
    r",\s+who\s+had\s+[^,;]+,|"
    # and a party's past in the simple past: "In Nauru, which switched diplomatic recognition
    # from Taipei to Beijing in January, Chinese police began training …"
    r",\s+(?:which|who)\s+\w+ed\s+[^,;]+,",
    re.IGNORECASE,
)


def background_clauses(text: str) -> list[tuple[int, int]]:
    """The spans of the clauses that tell a person's past beside the act (`_PERSON_S_PAST`),
    where the act's words are outside them: neither their dates nor their states are the
    act's."""
    return [
        m.span()
        for m in _PERSON_S_PAST.finditer(text)
        if not acts_in(m[0]) and acts_in(text[: m.start()] + " " + text[m.end() :])
    ]


# The circumstances of a dated act's time, told after it: "The memorandum was signed in 2011,
# when Fiji's military-led government had been cold-shouldered by Australia and New Zealand".
_WHEN_THEN = re.compile(r",\s+when\s+[^;]*$", re.IGNORECASE)


# A state that reacts against the act, named right after the words of its reaction: "…,
# prompting concern in Canberra", "…, alarming Washington and Canberra", "despite repeated
# warnings from the United States". It objects, though the words are a comment beside the act.
_REACTS = re.compile(
    r"(?:\b(?:prompting|drawing|raising|sparking|triggering|provoking)\s+(?:\w+\s+){0,2}?"
    r"(?:concerns?|alarm|criticism|protests?|objections?|rebukes?)\s+(?:in|from)\s+|"
    r"\b(?:alarming|angering|worrying)\s+|"
    r"\b(?:despite|amid)\s+(?:\w+\s+){0,2}?(?:warnings|objections|protests|concerns?|criticism|"
    r"pressure)\s+from\s+)(?:the\s+)?(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*(?:,\s+|,?\s+and\s+))*$"
)


def _reacting(text: str) -> set[str]:
    """The states `text` names as reacting against its act (`_REACTS`)."""
    return {
        code
        for start, _, code in places.spans(text)
        if code != SUBJECT_COUNTRY and _REACTS.search(text, max(0, start - 80), start)
    }


def _asides(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _COMMENT.finditer(text)] + background_clauses(text)
    spans += [m.span() for m in _WHEN_THEN.finditer(text) if not acts_in(m[0])]
    spans += [m.span() for m in _AFTER_SEMICOLON.finditer(text) if not acts_in(m[0])]
    # a second thing said, with no act: "said PNG would not sign …, and that Australia remained
    # its security partner of choice"
    spans += [m.span() for m in _AND_THAT.finditer(text) if not acts_in(m[0])]
    return spans


def in_passing(text: str) -> set[str]:
    """The states other than China that `text` names only in passing (`_PASSING_AFTER`,
    `_GEOGRAPHY_BEFORE`, `_COMMENT`, a clause after a semicolon with no act, people named by
    their nationality): no party to its act."""
    passing: dict[str, bool] = {}
    residence: dict[str, bool] = {}
    asides = _asides(text)
    people = places.people_spans(text)  # "workers, including Indonesians": not the state
    before_end, before_aside = -1, False
    for start, end, code in places.spans(text):
        # "borders Kazakhstan's Almaty province": the city is as much in passing as its state.
        # "where the borders of Laos, Myanmar and Thailand meet": so is a state listed with it.
        of_the_last = before_aside and bool(
            re.fullmatch(r"['’]s?\s+|,?\s+(?:and|or)\s+|,\s+", text[before_end:start])
        )
        before_end = end
        if code == SUBJECT_COUNTRY:
            before_aside = False
            continue
        aside = (
            of_the_last
            or (start, end) in people
            or any(a <= start < b for a, b in asides)
            or _GEOGRAPHY_BEFORE.search(text, max(0, start - 40), start) is not None
            or _PASSING_AFTER.match(text[end : end + 40]) is not None
        )
        before_aside = aside
        passing[code] = passing.get(code, True) and aside
        lives = _RESIDENCE_BEFORE.search(text, max(0, start - 40), start) is not None
        residence[code] = residence.get(code, True) and (aside or lives)
    found = {code for code, aside in passing.items() if aside}
    taking_part = set(passing) - found - {code for code, lives in residence.items() if lives}
    if taking_part:
        found |= {code for code, lives in residence.items() if lives}
    return found - _reacting(text)


def roles_in(text: str, countries) -> dict[str, str]:
    """Each state of `countries` (codes) to the role its words give it in `text`, read without
    the comment and act-less clauses beside the act (`_asides`: "…, deepening ties that have
    alarmed Australia" is no pushing back by the state that signed); a state named as reacting
    against the act (`_REACTS`) objects."""
    reacting = _reacting(text)
    for start, end in _asides(text):
        text = text[:start] + " " * (end - start) + text[end:]
    roles = {}
    for code in countries:
        if code == SUBJECT_COUNTRY:
            roles[code] = Role.SUBJECT.value
        elif code in reacting or _objects(text, code):
            roles[code] = Role.OBJECTOR.value
        else:
            roles[code] = Role.COUNTERPART.value
    return roles


def _objects(text: str, code: str) -> bool:
    """Whether the state `code` pushes back in `text`: it is named, as its clause's first state
    other than China, before a word of pushing back in that clause; or it is named right after
    "objections from"."""
    named = list(places.spans(text))
    for start, end, value in named:
        if value != code:
            continue
        before = text[max(0, start - 30) : start]
        if _FROM.search(before) and _FROM.search(before).end() == len(before):
            return True
        clause = _CLAUSE.split(text[end:], maxsplit=1)[0]
        enforces = _ENFORCES.search(clause) and not _CRIMES.search(text)
        if not (_PUSHES_BACK.search(clause) or enforces):
            continue
        ends = [m.end() for m in _CLAUSE.finditer(text, 0, start)]
        head_start = ends[-1] if ends else 0
        named_first = not any(
            other not in (code, SUBJECT_COUNTRY)
            for other_start, _, other in named
            if head_start <= other_start < start
        )
        if named_first:
            return True
    return False
