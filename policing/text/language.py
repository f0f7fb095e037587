"""Which language a report is written in, so that an editor adding one in another language
is told that proposals read English only (their vocabulary, date phrases and places are
English). py3langid ships its model in the package: nothing is downloaded.
"""

from __future__ import annotations

import functools
import re

ENGLISH = "en"
# Told apart among these (a smaller set is read more reliably than py3langid's 97): English,
# and the languages reports on China's policing abroad are most often written in.
NAMES = {
    "en": "English", "zh": "Chinese", "fr": "French", "es": "Spanish", "pt": "Portuguese",
    "de": "German", "ru": "Russian", "ja": "Japanese", "ko": "Korean", "id": "Indonesian",
    "ms": "Malay", "vi": "Vietnamese", "th": "Thai", "ar": "Arabic", "tl": "Tagalog",
}  # fmt: skip
CANDIDATES = tuple(NAMES)
# Enough of a long report to tell its language, read in a bounded time.
SAMPLE = 20_000
# Fewer letters than this (a list of codes, "L1 L2 …") say nothing about a language.
_LETTERS = re.compile(r"[^\W\d_]")
MIN_LETTERS = 20


@functools.cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(CANDIDATES))
    return identifier


# English's commonest words: in English prose they are a quarter of the words or more, in the
# other candidates a few in a hundred. Where they are this share of at least ENGLISH_WORDS
# words, the text is English without loading the model (half a second at each start).
_COMMON = frozenset((
    "the", "of", "and", "to", "in", "that", "is", "was", "for", "on", "with", "as", "by", "at",
    "from", "has", "have", "it", "its", "said", "were", "are", "be", "this", "which", "an",
))  # fmt: skip
_WORDS = re.compile(r"[A-Za-z]+")
ENGLISH_SHARE = 0.2
ENGLISH_WORDS = 50


def _plainly_english(sample: str) -> bool:
    words = _WORDS.findall(sample)
    if len(words) < ENGLISH_WORDS:
        return False
    common = sum(1 for word in words if word.lower() in _COMMON)
    return common >= ENGLISH_SHARE * len(words)


def detect(text: str) -> str:
    """The ISO 639-1 code of `text`'s language, or "" when it has too few letters to tell."""
    sample = text[:SAMPLE]
    if len(_LETTERS.findall(sample)) < MIN_LETTERS:
        return ""
    if _plainly_english(sample):
        return ENGLISH
    return _identifier().classify(sample)[0]


def proposals_note(text: str) -> str | None:
    """What an editor is told about proposing from `text`: None for English (or too little
    text to tell)."""
    code = detect(text)
    if not code or code == ENGLISH:
        return None
    return (
        f"This report reads as {NAMES.get(code, code)}: events are proposed from English "
        "text only, so none may be proposed from it. Add its events by hand (“Read and cite”), "
        "or add an English version of the report."
    )
