"""Citing a source's words from the admin: what an editor's selection carries in a link, what
the proposals reader reads in it, and adding a citation to an event as one versioned change.

The reader's "Cite this" control (static/js/cite.js) links to the add-event form or to the
source's cite page with `source`, `passage` and `quote` in the query; `Selection.from_query`
reads them back. Nothing here trusts them: the quote is anchored as any citation is, and a
quote that is not in the source is refused with `anchoring.explain_miss`. `read()` gives the
new event's first activity, stage, date and states, as a proposal of those words would.
"""

from __future__ import annotations

from dataclasses import dataclass

import reversion
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from policing import proposals
from policing.models import Citation, Event, Passage, Proposal, Source, default_role
from policing.text import anchoring, dates, places

# Longer than any paragraph of the corpus; a longer `quote` in a link is cut, and then refused
# by anchoring if the cut made it words the source does not have.
MAX_QUOTE = 5000


@dataclass(frozen=True)
class Selection:
    """Words an editor selected (or pasted) in a source, not yet checked against it."""

    source: Source
    quote: str
    passage: Passage | None = None

    @classmethod
    def from_query(cls, params) -> Selection | None:
        """The selection a link carries (`?source=<id>&passage=<anchor>&quote=…`), or None if
        it names no source that exists. A passage of another source is ignored."""
        source_id = params.get("source", "")
        if not source_id.isdigit():
            return None
        source = Source.objects.filter(pk=source_id).first()
        if source is None:
            return None
        passage = source.passages.filter(anchor=params.get("passage", "")[:32]).first()
        return cls(source, params.get("quote", "")[:MAX_QUOTE].strip(), passage)

    def anchored(self, *, strict: bool = False) -> Citation:
        """An unsaved citation of these words, anchored in the selection's paragraph if they
        are there (words can occur twice), else wherever a citation anchors; ValidationError
        saying why not. `strict`: in the selection's paragraph or not at all."""
        citation = Citation(source=self.source, quote=self.quote)
        passage = self.passage
        match = anchoring.find_quote(self.quote, [passage]) if passage else None
        if match is not None and passage.citable:
            citation.passage, citation.start, citation.end = passage, match.start, match.end
        elif strict and passage is not None:
            raise ValidationError(
                {
                    "quote": "These words are not in the paragraph the proposal quotes "
                    f"(line {passage.line}): “{passage.text[:400]}”"
                    if match is None
                    else "That paragraph is not part of the report: it cannot be cited."
                }
            )
        else:
            citation.anchor()
        return citation


@dataclass(frozen=True)
class Reading:
    """What the proposals reader reads in selected words: the new event's first values."""

    activity: str = ""
    stage: str = ""
    date_text: str = ""  # the phrase the date was read from, if the words have one
    date_edtf: str = ""
    date_reading: str = ""
    participants: tuple[tuple[str, str], ...] = ()  # (country code, role)


def read(selection: Selection) -> Reading:
    """What the words state, read as the proposals read a report: a proposal of the same
    words if the source has one (read with the whole report before it), else the candidate
    the reader makes of their paragraph that holds the most of them, else the words alone.
    Nothing for words the source does not have."""
    try:
        citation = selection.anchored()
    except ValidationError:
        return Reading()
    passage, start, end = citation.passage, citation.start, citation.end
    overlap = (lambda a, b: min(b, end) - max(a, start)) if passage is not None else None
    if overlap is not None:
        made = Proposal.objects.filter(passage=passage, start__lt=end, end__gt=start)
        if best := max(made, key=lambda p: overlap(p.start, p.end), default=None):
            return _reading(best)
    published = selection.source.published_edtf
    if overlap is not None:
        found = _candidates(passage.text, published)
        found = [c for c in found if overlap(c.start, c.end) > 0]
        if best := max(found, key=lambda c: overlap(c.start, c.end), default=None):
            return _reading(best)
    if found := _candidates(selection.quote, published):
        return _reading(found[0])
    activity, stage = proposals.suggest(selection.quote)
    codes = places.find(selection.quote).countries
    return Reading(activity, stage, participants=_participants(codes))


def _candidates(text: str, published: str) -> list:
    try:
        # No known events or actors: what the words state is wanted, not what they match.
        return proposals.propose_text(text, published, known=proposals.Known())
    except dates.DateResolutionError:  # a publication date that is not EDTF
        return []


def _reading(found) -> Reading:
    """A proposal's or candidate's fields as a Reading; the roles it gives, if it gives any."""
    return Reading(
        activity=found.activity,
        stage=found.stage,
        date_text=found.date_text,
        date_edtf=found.date_edtf,
        date_reading=found.date_reading if found.date_edtf else "",
        participants=_participants(found.countries, getattr(found, "roles", None)),
    )


def _participants(codes, roles=None) -> tuple[tuple[str, str], ...]:
    roles = dict(roles or {})
    return tuple((code, roles.get(code) or default_role(code)) for code in dict.fromkeys(codes))


def add_citation(event: Event, selection: Selection, *, user, comment: str) -> Citation:
    """Add the selected words to `event` as its last citation, in one revision of the event
    (so its history lists the change and a revert removes the citation again).

    Raises ValidationError if the words are not in the source or the event already cites them.
    """
    with transaction.atomic(), reversion.create_revision():
        citation = selection.anchored()
        for other in event.citations.filter(source=selection.source).select_related("passage"):
            same_words = anchoring.normalise(other.quoted_text) == anchoring.normalise(
                citation.quoted_text
            )
            if other.passage_id == citation.passage_id and same_words:
                raise _already_cited(event)
        last = event.citations.aggregate(last=Max("order"))["last"]
        citation.event = event
        citation.order = 0 if last is None else last + 1
        try:
            with transaction.atomic():  # a savepoint: the same words, cited at the same moment
                citation.save()
        except IntegrityError:  # the `one_citation_per_span` constraint
            raise _already_cited(event) from None
        # Saved, not only added to the revision: the new edit token refuses a save from a
        # form opened before the citation was added, which would not know it.
        event.save()
        reversion.set_user(user)
        reversion.set_comment(comment)
    return citation


def _already_cited(event: Event) -> ValidationError:
    return ValidationError(f"“{event}” already cites these words.", code="duplicate")
