"""The act vocabulary proposals are read with: one table of words (`KEYWORDS`), each with the
activity and stage it suggests and whether it states an act, and the tense that makes a
sentence without a date state one."""

from __future__ import annotations

import functools
import re

# Each row: a pattern (regular expression, case-insensitive, on word boundaries), the activity
# and the stage it suggests ("" where it suggests none), and whether it states an act. Verbs
# are written as stems with their inflections. The first row naming an activity in a sentence
# gives the activity; the stage comes from the first row of what happened (no activity) that
# matches, else from the activity's row: rows are in order of precedence (`suggest`).

_ED = r"(?:s|es|ed|d|ing)?"

KEYWORDS: tuple[tuple[tuple[str, ...], str, str, bool], ...] = (
    # what the event is
    (
        (
            r"repatriat(?:e|es|ed|ing|ion)",
            rf"deport{_ED}",
            "deportation",
            r"escorted\b.*?\bback",
            rf"extradit{_ED}",
            "extradition",
            r"handed\s+over|handed\b[^.]{0,80}?\bto\s+(?:Chinese|China|Beijing)",
            r"persuaded\s+to\s+return",
            r"transferr?(?:ed|ing)\s+to\s+(?:China|Beijing|Chinese)",
            r"returned\s+to\s+(?:China|Beijing|the\s+mainland|mainland\s+China)",
            r"(?:were|was|been|be)\s+returned\b",
            r"flown\s+(?:out|back|home)\b",
            r"airlift(?:s|ed)?\b",
            # "The first Chinese aircraft took off from Mae Sot … with about 200 Chinese nationals"
            r"(?:aircraft|flights?|planes?)\b[^;]{0,80}?\bwith\s+[^.;]{0,30}?\bChinese\s+"
            r"(?:nationals|citizens|suspects|workers)",
            r"(?:brought|sent)\s+(?:\w+\s+)?back\s+to\s+(?:China|Beijing)",
            r"on\s+(?:\w+\s+)?flights?\s+(?:back\s+)?to\s+(?:China|Beijing)",
        ),
        "repatriation",
        "completed",
        True,
    ),
    # "joint patrols", "joint police patrol", "joint law-enforcement patrol"
    ((r"joint\s+(?:[\w-]+\s+){0,2}patrol(?:s|led|ling)?",), "joint-patrol", "", False),
    # Chinese officers who join another force's patrols: "let uniformed Chinese officers join
    # its summer tourist patrols in 2018"
    ((r"join(?:s|ed|ing)?\s+(?:\w+\s+){0,4}?patrols?\b",), "joint-patrol", "started", True),
    (
        (rf"indict{_ED}", "indictment", "charged", "charges", r"prosecut(?:ed|ing|ion)\b"),
        "scrutiny",
        "charged",
        True,
    ),
    # "Prosecutors say …": who speaks, not what was done.
    ((r"prosecutors?\b",), "scrutiny", "charged", False),
    (
        (
            rf"arrest{_ED}",
            "accused",
            r"investigat(?:e|ed|es|ing|ion)",
            "sentenced",
            "convicted",
            rf"detain{_ED}",
            rf"raid{_ED}",
            r"searched",
            r"inquir(?:y|ies)",
            r"look(?:s|ed|ing)?\s+into",
        ),
        "scrutiny",
        "charged",
        True,
    ),
    (
        (
            "hearing",
            r"(?:research\s+)?paper",
            r"report(?=\s+(?:by|from|titled))",
            "allegations",
            "accusations",
            r"findings\b",
        ),
        "scrutiny",
        "reported",
        False,
    ),
    # A report of its own: "reports last week by broadcaster RTL Nieuws", "a second report
    # raised the count".
    (
        (
            r"reports?\s+(?:(?:last|this|earlier\s+this)\s+\w+\s+)?(?:by|from)\b",
            r"report\s+(?:\w+\s+)?(?:said|found|identified|raised|counted|documented|listed)\b",
        ),
        "scrutiny",
        "reported",
        True,
    ),
    (
        (
            r"(?:informed|told|revealed\s+to)\s+(?:a|the)\s+\w*\s*"
            r"(?:senate|parliamentary|hearing|house|parliament|committee|inquiry)\b",
            r"(?:told|informed)\s+(?:lawmakers|legislators|MPs|senators)\b",
        ),
        "scrutiny",
        "reported",
        True,
    ),
    # Concerns voiced about China's policing: scrutiny made public ("Some human rights groups
    # have expressed concern that …").
    (
        (r"(?:expressed|raised|voiced)\s+(?:\w+\s+)?concerns?",),
        "scrutiny",
        "reported",
        True,
    ),
    (
        (
            "agreement",
            "accord",
            "deal",
            "pact",
            "partnership",
            "memorandum",
            r"offers?\b",
            r"(?:security|policing|police)\s+arrangements?",
            r"proposals?\b",
        ),
        "agreement",
        "",
        False,
    ),
    (
        (
            rf"deploy{_ED}",
            "posted",
            "stationed",
            "dispatched",
            # "uniformed Chinese police officers is working alongside local officers"
            r"(?:is|are|(?:has|have)\s+(?:\w+\s+)?been)\s+(?:working|serving|operating|based)\s+"
            r"(?:alongside|with|in)\b",
        ),
        "deployment",
        "started",
        True,
    ),
    # China's police abroad, as the places they work from: "told China to shut two offices …
    # outposts of Chinese police", "an undeclared police outpost".
    (
        (
            r"police\s+(?:service\s+)?(?:stations?|outposts?)\b",
            r"police\s+(?:advis[eo]rs|liaison\s+(?:team|officers))\b",
            r"outposts?\b",
            r"(?:liaison|overseas)\s+(?:police\s+)?(?:offices?|stations?)\b",
            r"(?:two|three|an?|the)\s+offices?\b",
        ),
        "deployment",
        "",
        False,
    ),
    # Surveillance and policing systems supplied or installed (docs/corpus.md: deployment).
    (
        (rf"install{_ED}", r"supplied\b", r"acquired\b", r"purchased\b", r"bought\b"),
        "deployment",
        "completed",
        True,
    ),
    # The system named is what was supplied, not that it was: "any surveillance network can be
    # abused" states nothing done.
    (
        (r"(?:surveillance|safe[\s-]+city)\s+(?:system|network)s?",),
        "deployment",
        "completed",
        False,
    ),
    (
        (
            r"train(?:s|ed|ing)?",
            "educated",
            r"police\s+academ\w+",
            r"program(?:me)?\b",
            r"courses?\b",
        ),
        "training",
        "",
        False,
    ),
    # "left Dili on Monday for a six-week course"
    (
        (r"left\s+(?:[\w'’-]+\s+){1,4}?for\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:course|training)\b",),
        "training",
        "started",
        True,
    ),
    (
        (
            rf"visit{_ED}",
            r"met\b",
            r"meet(?:s|ing)?\b",
            r"meetings?\b",
            "delegation",
            "forum",
            r"talks\b",
        ),
        "visit",
        "",
        False,
    ),
    (
        ("initiative", r"law\b", "policy", "package", r"plan\b", r"ban\b", "directive", "decree"),
        "policy",
        "",
        False,
    ),
    # what happened to it
    (
        (r"sign(?:s|ed|ing)?\b", "agreed", "agreeing", "reached", "struck", "approved", "ratified"),
        "",
        "signed",
        True,
    ),
    (
        (
            rf"pledg{_ED}",
            "offered",
            # what is still to come: "will train", "will be trained", "is to deploy"
            r"(?:will|would|(?:is|are)\s+to)\s+(?:be\s+)?(?:help\s+(?:to\s+)?)?"
            r"(?:train|provid|deploy|send|sent|grow|fund|build|offer|donat|equip|flown|fly|"
            r"return|repatriat|hand)\w*",
            r"put\s+forward",
            r"approached\b[^.;]{0,80}?\boffer",
            r"willing\s+to",
            r"ready\s+to",
            r"plan(?:s|ned)?\s+to",
            r"aim(?:s|ed)?\s+to",
            r"intend(?:s|ed)?\s+to",
            r"(?:pressed|urged)\b",
            r"proposed\b",
            r"intention\s+(?:of\s+\w+\s+)?(?:to|is\s+to)\b|intention\s+of\b",
        ),
        "",
        "pledged",
        True,
    ),
    (
        (
            rf"announc{_ED}",
            r"declared?",
            "declaration",
            rf"unveil{_ED}",
            rf"introduc{_ED}",
            r"provides?\s+for",
        ),
        "",
        "announced",
        True,
    ),
    (
        (
            rf"launch{_ED}",
            rf"establish{_ED}",
            r"set\s+up",
            r"set\s+off",
            "began",
            "begun",
            "started",
            "arrived",
        ),
        "",
        "started",
        True,
    ),
    ((rf"suspend{_ED}", "suspension", r"on\s+hold", "paused"), "", "suspended", True),
    ((rf"amend{_ED}", rf"revis{_ED}", "adjusted", "changed"), "", "amended", True),
    (
        (
            r"end(?:s|ed)\b",
            r"put\s+an\s+end\s+to",
            r"stop(?:s|ped)?\b",
            rf"halt{_ED}",
            rf"revok{_ED}",
            "discontinued",
            r"shut\s*down",
            "shutdown",
            r"cancell?ed",
            "removed",
            "expelled",
            r"shut\b",
            r"clos(?:e|ed|ing|ure)\s+(?:of\s+)?(?:\w+\s+){0,3}(?:offices?|stations?|outposts?)",
        ),
        "",
        "ended",
        True,
    ),
    (
        (
            rf"reject{_ED}",
            rf"refus{_ED}",
            r"turned\s+down",
            "declined",
            "denied",
            rf"resist{_ED}",
            r"played\s+down",
            r"downplayed",
            r"dismissed\s+(?:the|these|those|such)\b",
        ),
        "",
        "rejected",
        True,
    ),
    ((rf"publish{_ED}", rf"reveal{_ED}", "exposed", r"reported\s+that"), "", "reported", True),
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
            r"carried\s+out",
            "conducted",
            "commissioned",
            "inaugurated",
            r"discussed\b",
        ),
        "",
        "completed",
        True,
    ),
    ((r"trains?\b", r"visits?\b", r"holds?\b", r"hosts?\b", r"attending\b"), "", "", True),
)

# Past forms: a sentence that gives no date states an act only in the past tense; a plan or
# a habit ("usually involves training") needs a date to be an event.
_PAST = re.compile(
    r"(?<!\bis\s)(?<!\bare\s)\b\w+ed\b|\b(?:held|met|made|began|begun|took|struck|set\s+up|sent|shut\s*down|shutdown|"
    r"turned\s+down|on\s+hold)\b|"
    # the perfect tells what has been so: "have reportedly been working alongside"
    r"\b(?:has|have|had)\s+(?:\w+\s+)?been\b",
    re.IGNORECASE,
)


def in_past_tense(text: str) -> bool:
    """Whether `text` has a past form (`_PAST`)."""
    return _PAST.search(text) is not None


@functools.cache
def _keywords() -> tuple[tuple[re.Pattern, str, str, bool], ...]:
    return tuple(
        (re.compile(rf"\b(?:{'|'.join(words)})", re.IGNORECASE), activity, stage, act)
        for words, activity, stage, act in KEYWORDS
    )


# Words before an act's word that unsay it: "had not pressed Beijing", "never signed"; and a
# determiner before a participle, which makes it a describing word: "the installed equipment".
_NOT_DONE = re.compile(
    r"\b(?:not|never|no\s+longer)\s+(?:\w+\s+)?$|\w+n['’]t\s+(?:\w+\s+)?$", re.IGNORECASE
)
_DETERMINER = re.compile(r"\b(?:the|an?|its|their|his|her|this|these|those)\s+$", re.IGNORECASE)


# After an article these words of ending are nouns: "brought traffic to a halt" ends nothing
# ("put an end to" is its own pattern). Nouns that are acts stay acts: "opened an inquiry".
_ARTICLE = re.compile(r"\b(?:an?)\s+$", re.IGNORECASE)
_ENDING_NOUNS = {"halt", "stop", "end"}


def _stated(text: str, match: re.Match) -> bool:
    before = text[max(0, match.start() - 30) : match.start()]
    if _NOT_DONE.search(before):
        return False
    word = match[0].lower()
    if word.endswith("ed") and _DETERMINER.search(before):
        return False
    return not (word in _ENDING_NOUNS and _ARTICLE.search(before))


def acts_in(text: str) -> list[re.Match]:
    """The words of `text` that state an act, in order; not one unsaid ("did not sign") or
    used to describe ("the signed agreement")."""
    found = []
    for pattern, _, _, act in _keywords():
        if act:
            found.extend(m for m in pattern.finditer(text) if _stated(text, m))
    return sorted(found, key=lambda m: m.start())


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
    r"\b(?:expected|likely|set|poised|about|due)\s+to\b|\b(?:is|are)\s+expected\b|"
    r"\bin\s+the\s+coming\s+(?:days|weeks|months)\b",
    re.IGNORECASE,
)


# Modality before an act's word: "poised to sign", "plans to deploy", "will hold", "agreed to
# continue" have not happened, so the word does not give the stage of a done act.
_MODAL_BEFORE = re.compile(
    r"(?:\b(?:poised|about|set|due|expected|likely|plans?|planned|intends?|intended|hopes?|"
    r"seeks?|sought|wants?|wanted|ready|willing|agreed)\s+to|\b(?:will|would|could|(?-i:may)|might)"
    r"(?:\s+not)?(?:\s+be)?|\bto)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_SPEECH = re.compile(r"\b(?:said|says|announced|stated|told|declared)\b", re.IGNORECASE)
_CONTINUE = re.compile(r"\bagreed\s+to\s+(?:continue|keep|maintain|extend)\b", re.IGNORECASE)
# Stages of a done act, which modality withholds ("poised to sign" is not signed).
DONE_STAGES = {"signed", "started", "completed", "ended", "amended", "suspended", "rejected"}
# Stages of an act the report tells as done, whose date therefore ends by the publication.
TOLD_AS_DONE = DONE_STAGES | {"charged", "reported"}


# An order is itself the act: "told China to close two offices" closes them as far as the
# report goes (the stage of what was ordered), where "met to sign" did not sign.
_ORDERED = re.compile(
    r"\b(?:told|ordered|instructed|directed|forced|required)\s+(?:[\w'’]+\s+){0,3}to\s+"
    r"(?:\w+\s+)?$",
    re.IGNORECASE,
)


def _modal(text: str, match: re.Match) -> bool:
    before = text[: match.start()]
    return bool(_MODAL_BEFORE.search(before)) and not _ORDERED.search(before)


# What was announced or said to be under way: "announced in October that it was
# investigating" tells the investigation, whose stage the words after "that" give.
_TOLD_THAT = re.compile(
    r"\b(?:announc\w*|said|says|confirmed|disclosed)\s+(?:[\w,]+\s+){0,6}?that\s", re.IGNORECASE
)


def suggest(text: str) -> tuple[str, str]:
    """The activity and stage the words suggest, from `KEYWORDS`: a word of what happened
    ("will deploy", "suspended") decides the stage before the stage an activity's own word
    implies ("deployed": started), words that only expect an act imply none, and a word of a
    done act under modality ("poised to sign", "plans to deploy") gives no done stage: "agreed
    to continue" is announced, a plan pledged."""
    if _CONTINUE.search(text):
        activity, _ = suggest(_CONTINUE.sub(" ", text))
        return activity, "announced"
    activity = stage = ""
    suppressed = False
    expected = bool(_EXPECTED.search(text))
    rows = sorted(_keywords(), key=lambda row: bool(row[1]))  # stage-only rows first
    for pattern, row_activity, row_stage, _ in rows:
        if row_activity and expected:
            row_stage = ""  # an activity's own stage is what it is once done
        if not (row_activity and not activity or row_stage and not stage):
            continue
        matches = [m for m in pattern.finditer(text) if not _FRAMING.search(text, 0, m.start())]
        if not matches:
            continue
        activity = activity or row_activity
        if row_stage in DONE_STAGES and all(_modal(text, m) for m in matches):
            suppressed = True  # "poised to sign": not signed
            continue
        stage = stage or row_stage
    if suppressed and not stage and not expected:
        # "said its police would stop the patrols" is an announcement; "will stop" a pledge.
        stage = "announced" if _SPEECH.search(text) else "pledged"
    told = _TOLD_THAT.search(text)
    if stage == "announced" and told:
        _, under_way = suggest(text[told.end() :])
        stage = under_way or stage
    if stage == "announced" and activity == "scrutiny":
        stage = "charged"  # "said Meng was under investigation": the inquiry is the act
    if stage == "reported" and not activity:
        activity = "scrutiny"  # a report, article or allegation made public
    return activity, stage


# What the timeline is about: a paragraph that names none of it (China, policing, security,
# the justice system, the crimes police diplomacy answers) tells no event of the timeline, even
# with an act in it ("the Taliban consolidated their hold").
_DOMAIN = re.compile(
    r"\b(?:chin(?:a|ese)|beijing|prc|polic(?:e|ing)|law[\s-]+enforcement|security|officers?|"
    r"patrol\w*|interpol|public\s+security|surveillance|intelligence|prosecut\w*|courts?|indict\w*|"
    r"charged?|arrest\w*|scams?|fraud|traffick\w*|gambling|extradit\w*|deport\w*|"
    r"repatriat\w*|fugitives?|dissidents?|stations?\b|outposts?)\b",
    re.IGNORECASE,
)
# What only might have happened, or did not: "if one were agreed", "Neither government has
# confirmed", "not aware of any charges", "declined to discuss".
_SUPPOSED = re.compile(
    r"\bif\s+(?:\w+\s+){0,4}(?:were|was|had|is|are)\b|\bneither\b|\bnot\s+aware\b|"
    r"\bdeclined\s+to\s+(?:discuss|comment|say|confirm)\b|\bhas\s+not\s+(?:been\s+)?"
    r"(?:confirmed|announced)\b",
    re.IGNORECASE,
)


# Activities whose words are of the timeline's subject themselves: "more than a dozen
# governments had said … that they were looking into the claims" (a paragraph of a figures page
# that names no police) is scrutiny of it.
ACTIVITIES_ON_SUBJECT = {"scrutiny", "repatriation"}


def about_the_timeline(text: str) -> bool:
    """Whether `text` names anything of China's policing diplomacy (`_DOMAIN`)."""
    return _DOMAIN.search(text) is not None


def only_supposed(text: str) -> bool:
    """Whether `text` tells an act only as supposed or not done (`_SUPPOSED`)."""
    return _SUPPOSED.search(text) is not None
