"""A paragraph's cited words marked: its text cut into plain stretches and highlights, where
quotes that overlap make one highlight with the overlap deeper, and the words of the event the
reader followed are kept together, so that they are outlined and labelled once.

Pure text: the reader's template tag (templatetags/policing_tags.py `highlighted`) gives it a
passage's citations as (start, end, citation) spans and writes the markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Piece:
    """A stretch of passage text; `depth` says how many citations cover it."""

    text: str
    depth: int = 0
    followed: bool = False  # quoted by the event the reader came from


@dataclass
class Run:
    """Consecutive pieces of a highlight that are all the followed event's words, or none of
    them. However many quotes overlap in its words, the followed event's stretch is one run,
    so it is one outlined box; `starts` where the words before it are not that event's, which
    is where its label goes."""

    pieces: list[Piece] = field(default_factory=list)
    followed: bool = False
    starts: bool = False


@dataclass
class Highlight:
    """A maximal run of cited text (overlapping quotes merge) and the citations inside it."""

    runs: list[Run] = field(default_factory=list)
    citations: list = field(default_factory=list)

    @property
    def pieces(self) -> list[Piece]:
        return [piece for run in self.runs for piece in run.pieces]

    @property
    def followed(self) -> bool:
        return any(run.followed for run in self.runs)

    @property
    def events(self) -> list:
        seen = {}
        for citation in self.citations:
            seen.setdefault(citation.event_id, citation.event)
        return list(seen.values())


def mark_spans(
    text: str,
    spans: list[tuple[int, int, object]],
    followed: Callable[[object], bool] = lambda citation: False,
) -> list[Piece | Highlight]:
    """Split `text` into plain pieces and highlights for the (start, end, citation) spans
    (a span outside the text, or empty, is left out); a piece is `followed` where a citation
    for which `followed` holds covers it. Quotes that only touch stay apart: each highlight
    is numbered and listed under the paragraph as its own."""
    valid = sorted((s for s in spans if 0 <= s[0] < s[1] <= len(text)), key=lambda s: (s[0], s[1]))
    groups: list[list[tuple[int, int, object]]] = []
    for span in valid:
        if groups and span[0] < max(end for _, end, _ in groups[-1]):
            groups[-1].append(span)
        else:
            groups.append([span])

    items: list[Piece | Highlight] = []
    position = 0
    after_followed = False  # whether the character before is the followed event's
    for group in groups:
        start, end = group[0][0], max(e for _, e, _ in group)
        if position < start:
            items.append(Piece(text[position:start]))
            after_followed = False
        highlight = Highlight(citations=[c for _, _, c in group])
        cuts = sorted({start, end, *(s for s, _, _ in group), *(e for _, e, _ in group)})
        for left, right in zip(cuts, cuts[1:], strict=False):
            covering = [c for s, e, c in group if s <= left and right <= e]
            mine = any(followed(c) for c in covering)
            piece = Piece(text[left:right], len(covering), mine)
            if highlight.runs and highlight.runs[-1].followed == mine:
                highlight.runs[-1].pieces.append(piece)
            else:
                highlight.runs.append(Run([piece], mine, starts=mine and not after_followed))
            after_followed = mine
        items.append(highlight)
        position = end
    if position < len(text):
        items.append(Piece(text[position:]))
    return items
