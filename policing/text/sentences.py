"""A text's sentences, as pysbd splits them: what proposals read one at a time, and the part
of a quote an actor's page shows."""

from __future__ import annotations

import functools


@functools.cache
def _segmenter():
    import pysbd

    # Without char_span: pysbd finds each sentence's span with a regular expression over the
    # whole text, which took half its time; the sentences are found in order below instead.
    return pysbd.Segmenter(language="en", clean=False)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of `text` (pysbd), trimmed of whitespace."""
    spans, position = [], 0
    for sentence in _segmenter().segment(text):
        words = sentence.strip()
        start = text.find(words, position) if words else -1
        if start < 0:  # pysbd changed the text (it should not, with clean=False): keep going
            continue
        position = start + len(words)
        spans.append((start, position))
    return spans
