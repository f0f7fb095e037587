"""Candidate events read from a report's words, for an editor to accept or reject.

One idea a module: the act vocabulary (`vocabulary`), date phrases in a sentence (`dates`),
sentences split and cleaned (`sentences`), names and the curated events a candidate may state
(`matching`), proposing from a text or a source (`reading`) and the review queue's writer
(`queue`). Nothing is published: `queue()` keeps candidates as pending `Proposal` rows. The
names callers use are re-exported here.
"""

from policing.proposals.dates import date_phrases
from policing.proposals.matching import Known, date_within, dates_meet, known_from_database
from policing.proposals.queue import queue
from policing.proposals.reading import Candidate, propose_source, propose_text, same_words
from policing.proposals.vocabulary import KEYWORDS, acts_in, suggest

__all__ = [
    "KEYWORDS",
    "Candidate",
    "Known",
    "acts_in",
    "date_phrases",
    "date_within",
    "known_from_database",
    "dates_meet",
    "propose_source",
    "propose_text",
    "queue",
    "same_words",
    "suggest",
]
