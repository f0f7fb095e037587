"""Citing a source's words from the admin: what an editor's selection carries in a link, and
adding a citation to an event as one versioned change.

The reader's "Cite this" control (static/js/cite.js) links to the add-event form or to the
source's cite page with `source`, `passage` and `quote` in the query; `Selection.from_query`
reads them back. Nothing here trusts them: the quote is anchored as any citation is, and a
quote that is not in the source is refused with `anchoring.explain_miss`.
"""

from __future__ import annotations

from dataclasses import dataclass

import reversion
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from policing.models import Citation, Event, Passage, Source
from policing.text import anchoring

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
