"""Find a quote in a source's passages, as an editor would recognise it.

A quote matches when it is the same characters as the source, ignoring whitespace and the
difference between curly and straight quotes and apostrophes. The match is mapped back to the
exact character span in the passage, so the reader can highlight the source's own spelling.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Protocol

# Curly, low and prime quote marks as their straight forms: quotes and date phrases are
# compared through this one table.
STRAIGHT_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)


class PassageLike(Protocol):
    text: str
    line: int


@dataclass(frozen=True)
class Match:
    passage: PassageLike
    start: int
    end: int


def quoted_span(text: str | None, start: int | None, end: int | None, quote: str) -> str:
    """The words a citation quotes as its source spells them: its span of the paragraph's
    `text`, or the quote as the editor typed it where the citation has lost its paragraph
    (`text` None)."""
    return text[start:end] if text is not None else quote


def _comparable(text: str) -> tuple[str, list[int]]:
    """The text without whitespace and with plain quotes, and where each character came from."""
    chars, positions = [], []
    for index, char in enumerate(text):
        if char.isspace():
            continue
        chars.append(char.translate(STRAIGHT_QUOTES))
        positions.append(index)
    return "".join(chars), positions


def normalise(text: str) -> str:
    """Collapse whitespace and straighten quotes: the form in which two quotes compare equal."""
    return " ".join(text.translate(STRAIGHT_QUOTES).split())


def find_quote(quote: str, passages) -> Match | None:
    """The first passage containing `quote`, with the span of the quote in its text."""
    needle, _ = _comparable(quote)
    if not needle:
        return None
    for passage in passages:
        haystack, positions = _comparable(passage.text)
        found = haystack.find(needle)
        while found >= 0:
            start, end = positions[found], positions[found + len(needle) - 1] + 1
            if _on_word_boundaries(passage.text, start, end):
                return Match(passage, start, end)
            found = haystack.find(needle, found + 1)
    return None


@dataclass(frozen=True)
class _Folded:
    text: str
    line: int


def contains_phrase(phrase: str, passages) -> bool:
    """Whether a date phrase occurs in one of `passages`, matched as a quote is but in any
    case: an editor types "On Thursday" where the source writes "… on Thursday"."""
    folded = [_Folded(passage.text.casefold(), passage.line) for passage in passages]
    return find_quote(phrase.casefold(), folded) is not None


def _on_word_boundaries(text: str, start: int, end: int) -> bool:
    """Whitespace is ignored, so "nope" would otherwise match inside "no people"."""
    cuts_in = start > 0 and text[start - 1].isalnum() and text[start].isalnum()
    cuts_out = end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    return not (cuts_in or cuts_out)


def closest_passage(quote: str, passages):
    """The passage sharing the most of the quote, in order; None if there are no passages."""
    needle = normalise(quote)
    best, best_score = None, -1.0
    for passage in passages:
        matcher = difflib.SequenceMatcher(None, needle, normalise(passage.text), autojunk=False)
        score = sum(block.size for block in matcher.get_matching_blocks()) / max(len(needle), 1)
        if score > best_score:
            best, best_score = passage, score
    return best


def explain_miss(quote: str, source, passages) -> str:
    """An editor-facing message naming the source and showing its closest passage."""
    if not normalise(quote):
        return "Paste the exact words of the source."
    closest = closest_passage(quote, passages)
    message = f"These words do not occur in “{source.title}” ({source.slug})."
    if closest is None:
        return message + " That source has no passages yet: import it first."
    shown = closest.text if len(closest.text) <= 400 else closest.text[:400] + "…"
    return f"{message} Closest passage (line {closest.line}): “{shown}”"
