"""What the timeline's text search reads, and how a match is shown.

An event is searched by what its card says: its title, its summary and the words its
citations quote (not the whole paragraphs they come from, which name other events' places).
Numbers are read without their digit grouping, in the text and in what is typed, so that
"3000" finds "3,000". The database stems the words (SQLite FTS5's porter tokenizer, migration
0014; PostgreSQL's English configuration, migration 0003) and cuts the excerpt around the
match between two private-use marks, which `excerpt_html` turns into `<mark>` after escaping.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# A comma (or a thin or no-break space) between a digit and a group of three: "3,000".
DIGIT_GROUPING = re.compile(r"(?<=\d)[,\u2009\u202f\u00a0](?=\d{3}(?!\d))")
GROUPED_NUMBER = re.compile(r"\d{1,3}(?:[,\u2009\u202f\u00a0]\d{3})+(?!\d)")

# Where the database marks the matched words in an excerpt: characters no text holds.
MATCH_START, MATCH_END = "\ue000", "\ue001"
EXCERPT_WORDS = 16


def normalise(text: str) -> str:
    """The text as it is indexed and searched: "3,000" read as "3000"."""
    return DIGIT_GROUPING.sub("", text)


def compose(title: str, summary: str, quotes: Iterable[str]) -> str:
    """The text an event is searched by: what its card and citations say, one part a line."""
    return normalise("\n".join([title, summary, *quotes]))


def excerpt_html(excerpt: str, original: str = "") -> SafeString:
    """An excerpt from the database as HTML: escaped first, then the marked words in `<mark>`.
    Numbers the indexed text wrote without their grouping get it back where `original` (the
    event's own words) wrote them grouped."""
    grouped = {normalise(n): n for n in GROUPED_NUMBER.findall(original)}
    if grouped:
        excerpt = re.sub(r"\d+", lambda m: grouped.get(m.group(), m.group()), excerpt)
    # The title, summary and quotes are a line each: shown on one line, kept apart.
    lines = [" ".join(line.split()) for line in excerpt.splitlines()]
    html = escape(" · ".join(line for line in lines if line))
    html = html.replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>")
    # A mark cut off by the excerpt's edge is closed, and a stray end dropped.
    html = _balanced(html)
    return mark_safe(html)  # escaped above: only the marks are markup


def _balanced(html: str) -> str:
    out, open_ = [], False
    for part in re.split(r"(</?mark>)", html):
        if part == "<mark>":
            if open_:
                continue
            open_ = True
        elif part == "</mark>":
            if not open_:
                continue
            open_ = False
        out.append(part)
    if open_:
        out.append("</mark>")
    return "".join(out)
