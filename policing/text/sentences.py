"""A text's sentences, as pysbd splits them: what proposals read one at a time, and the part
of a quote an actor's page shows."""

from __future__ import annotations

import functools
import re

# Titles written before a name that pysbd's English does not know as such, so that it ended a
# sentence at "Hon." in "the Prime Minister, Hon. Manasseh Sogavare, held talks".
_TITLES = ("hon", "insp", "amb", "supt", "cmdt", "commr", "sen", "gov", "pres")


@functools.cache
def _segmenter():
    import pysbd
    from pysbd.lang.english import English

    class Abbreviation(English.Abbreviation):
        ABBREVIATIONS = sorted({*English.Abbreviation.ABBREVIATIONS, *_TITLES})
        PREPOSITIVE_ABBREVIATIONS = sorted(
            {*English.Abbreviation.PREPOSITIVE_ABBREVIATIONS, *_TITLES}
        )

    class WithTitles(English):
        pass

    WithTitles.Abbreviation = Abbreviation
    # Without char_span: pysbd finds each sentence's span with a regular expression over the
    # whole text, which took half its time; the sentences are found in order below instead.
    segmenter = pysbd.Segmenter(language="en", clean=False)
    segmenter.language_module = WithTitles
    return segmenter


# pysbd's time grows with the square of a stretch's length (it scans for abbreviations again
# at each one it finds): a paragraph of 160,000 characters took 48 s. Longer texts are cut into
# stretches of at most this many characters, after a sentence's end where there is one.
_STRETCH = 5_000
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+")


def _stretches(text: str):
    """(offset, stretch) of `text` in pieces of at most `_STRETCH` characters, each cut after
    the last sentence end in it, else at its last space, else where the limit falls."""
    offset = 0
    while len(text) - offset > _STRETCH:
        window = text[offset : offset + _STRETCH]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = ends[-1] if ends else (window.rfind(" ") + 1 or _STRETCH)
        yield offset, window[:cut]
        offset += cut
    yield offset, text[offset:]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of `text` (pysbd), trimmed of whitespace."""
    spans = []
    for offset, stretch in _stretches(text):
        position = 0
        for sentence in _segmenter().segment(stretch):
            words = sentence.strip()
            start = stretch.find(words, position) if words else -1
            if start < 0:  # pysbd changed the text (it should not, with clean=False): go on
                continue
            position = start + len(words)
            spans.append((offset + start, offset + position))
    return spans
