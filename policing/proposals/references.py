"""Acts dated by the event they answer: "China's embassy … welcomed the ban" after "Marcos on
Monday announced a ban"; "Within days of the Dasu attack, China dispatched investigators" after
"In July 2021 a bus carrying workers to the Dasu hydropower project was bombed".

A report names a thing once with its date and refers to it after by a definite noun. The
reading remembers, for each dated clause, its names (capitalised words inside the sentence)
and its event nouns (`EVENT_NOUNS`), each with the date of the clause (`Remembered.learn`); an
act with no date of its own that answers one of them (`_ANSWERS`) takes a date from it
(`answered`): at it, or next after a meeting, then; within days of it, about then; after it,
or reacting to it, some day from it to the publication.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policing.proposals.dates import Context, Phrase, Reading
from policing.text import dates

# Nouns of events a report refers back to.
EVENT_NOUNS = (
    "ban",
    "attack",
    "attacks",
    "bombing",
    "ceremony",
    "summit",
    "meeting",
    "decision",
    "directive",
    "order",
    "raid",
    "raids",
    "arrests",
    "speech",
    "announcement",
    "agreement",
    "deal",
    "visit",
    "killings",
    "indictment",
    "verdict",
    "talks",
    "signing",
    "forum",
    "conference",
    "trial",
    "hearing",
    "plan",
    "memorandum",
    "treaty",
)
_NOT_NAMES = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|This|That|In|On|At|By|"
    r"After|Before|Chinese|China|Beijing)$"
)
_WORD = re.compile(r"[A-Za-z][\w'-]*")
# What a readout tells next, the same day as the meeting told before it: "After the talks,
# the two prime ministers witnessed the signing of …"
_NEXT_AFTER = r"(?:after|following)\s+the\s+(?P<i>talks|meeting|ceremony)"


def told_next(phrase: str) -> bool:
    """Whether a date phrase is a readout's "After the talks", which dates what follows by the
    meeting it names (`Remembered.answered`), not as some time after it."""
    return re.fullmatch(_NEXT_AFTER, phrase, re.IGNORECASE) is not None


# Words that answer a thing told before: within days of it, after it, a reaction to it.
_ANSWERS = re.compile(
    # what a readout tells next, the same day: "After the talks, the two prime ministers
    # witnessed the signing of …"
    rf"^(?P<next>{_NEXT_AFTER})\b|"
    r"\b(?P<soon>within\s+(?:a\s+few\s+)?(?:hours|days|weeks)\s+of)\s+the\s+"
    r"(?P<a>[\w-]+)(?:\s+(?P<b>[\w-]+))?|"
    r"\b(?:after|following|in\s+the\s+wake\s+of|in\s+response\s+to|welcomed|praised|"
    r"condemned|critici[sz]ed|responded\s+to|reacted\s+to)\s+the\s+(?P<c>[\w-]+)"
    r"(?:\s+(?P<d>[\w-]+))?|"
    # at the thing itself: "At the ceremony, the Chinese side announced …"
    r"^(?P<at>(?:at\s+the\s+(?:conclusion|close|end)\s+of|on\s+the\s+sidelines\s+of|at|during|"
    r"speaking\s+at)\s+"
    r"the\s+(?P<e>[\w-]+)(?:\s+(?P<f>[\w-]+))?)|"
    # what a plan or agreement holds, offered when it was made: "Under the Plan, the Chinese
    # side has offered to host further groups of officers"
    r"^(?P<under>under\s+the\s+(?P<g>[\w-]+)(?:\s+(?P<h>[\w-]+))?)",
    re.IGNORECASE,
)


@dataclass
class Remembered:
    """The report's dated names and event nouns, lower case, to the date of their clause."""

    dates: dict[str, str] = field(default_factory=dict)

    def learn(self, text: str, readings: list[tuple[Phrase, Reading]]) -> None:
        """Remember the names and event nouns of each dated clause of a sentence, given its
        date phrases as read: the words from one date phrase to the next go with the first
        (those before the first phrase, with it too)."""
        read = [(p, r) for p, r in readings if r.edtf]
        if not read:
            return
        bounds = [0, *(p.start for p, _ in read[1:]), len(text)]
        for (_, reading), start, end in zip(read, bounds, bounds[1:], strict=False):
            for word in _WORD.finditer(text, start, end):
                value = word[0]
                initial = word.start() == 0
                name = value[0].isupper() and not initial and not _NOT_NAMES.match(value)
                if name or value.lower() in EVENT_NOUNS:
                    self.dates[value.lower()] = reading.edtf

    def answered(self, text: str, context: Context, *, pledge: bool = False) -> Reading | None:
        """The date of an act that answers a thing the report dated before, or None. A pledge
        "under" a plan the report dated was made with it (`pledge`); other acts under it were
        not."""
        found = _ANSWERS.search(text)
        if found is None or (found["under"] and not pledge):
            return None
        words = [w for w in (found["a"], found["b"], found["c"], found["d"]) if w]
        words += [w for w in (found["e"], found["f"], found["g"], found["h"], found["i"]) if w]
        thing = next((w for w in words if w.lower() in self.dates), None)
        if thing is None:
            return None
        edtf = self.dates[thing.lower()]
        said = f"“{found[0]}”, the {thing} the report dated {dates.in_words(edtf)}"
        parsed = dates.parse_edtf(edtf)
        if found["at"] or found["under"] or found["next"]:
            return Reading(found[0], edtf, f"{said}: then")
        if found["soon"]:
            if parsed.form != "date":
                return None
            return Reading(found[0], f"{edtf}~", f"{said}: about then")
        if parsed.earliest is None or context.base_precision != dates.DAY:
            return None
        if parsed.earliest > context.base:
            return None
        window = f"[{parsed.earliest.isoformat()}..{context.base.isoformat()}]"
        if parsed.earliest == context.base:
            window = context.base.isoformat()
        return Reading(
            found[0],
            window,
            f"{said}: some day from it to the publication ({dates.in_words(window)})",
        )
