"""A PDF as a report: the text layer of its pages (pypdf, laid out so that the space between
paragraphs shows), its wrapped lines joined into paragraphs, the running heads, feet and page
numbers suggested as not the report; its title and author from the PDF's metadata, and its
publication date from a dateline on the first page, or else the file's creation date.

A scanned PDF has no text layer, and an encrypted one cannot be read without its password:
both are refused with what to do instead.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from collections import Counter

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

from policing.intake.document import (
    UNRELATED,
    Document,
    DocumentError,
    Found,
    Paragraph,
    one_line,
    split_site_name,
)

log = logging.getLogger(__name__)

RUNNING = "Page header or footer"
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
# A page number alone ("3", "Page 3", "3 of 12", "3/12"), a browser's print header (the time it
# was printed) and print footer (the address and the page count).
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
_PRINTED_AT = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\b", re.I)
_PRINTED_FROM = re.compile(r"^(?:https?|file)://\S+\s+\d{1,4}/\d{1,4}$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_RIGHTS = re.compile(r"^(?:©|\(c\)|copyright\b)|\ball rights reserved\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;…”’\"')\]]$")

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATELINES = (
    # 20 February 2025, 20 Feb. 2025
    re.compile(
        rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH})\.?,?\s+(?P<y>\d{{4}})\b", re.I
    ),
    # February 20, 2025
    re.compile(
        rf"\b(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I
    ),
    # 2025-02-20
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
)
# How far into the first page a dateline is looked for.
DATELINE_LINES = 25


def read_pdf(data: bytes, *, max_chars: int | None = None) -> Document:
    """The report in a PDF; reading stops once its text passes `max_chars` (the document is
    then marked incomplete). Raises DocumentError for a PDF that cannot be read as text."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        _decrypt(reader)
        pages, complete = [], True
        total, length = len(reader.pages), 0
        for page in reader.pages:
            text = _page_text(page)
            pages.append(text)
            length += len(text)
            if max_chars is not None and length > max_chars:
                complete = False
                break
        info = reader.metadata
    except DocumentError:
        raise
    except Exception as error:  # pypdf raises many kinds for a broken file
        log.info("Unreadable PDF: %r", error)
        raise DocumentError(
            "The file could not be read as a PDF (it may be damaged or not a PDF). Open it and "
            "save or print it as a PDF again, or paste its text."
        ) from None
    paragraphs = _paragraphs(pages)
    if not any(p.section != UNRELATED for p in paragraphs):
        raise DocumentError(
            "The PDF has no text to read: its pages are probably scanned images. Run it through "
            "text recognition (OCR) first, or paste the report's text."
        )
    title, outlet = _title(info, paragraphs)
    return Document(
        kind="pdf",
        paragraphs=tuple(paragraphs),
        title=title,
        outlet=outlet,
        published=_dateline(paragraphs) or _created(info),
        author=_info(info, "/Author", "Author"),
        notes=(
            "In a PDF only running heads and feet and page numbers are recognised as not the "
            "report: untick anything else that is not (links, other stories, adverts).",
        ),
        complete=complete,
        pages=(len(pages), total),
    )


def _decrypt(reader: PdfReader) -> None:
    """Open a PDF encrypted without a password to read it (only its editing is locked);
    refuse one that needs a password."""
    if not reader.is_encrypted:
        return
    try:
        opened = reader.decrypt("")
    except (DependencyError, FileNotDecryptedError, NotImplementedError, PdfReadError):
        opened = PasswordType.NOT_DECRYPTED
    if opened == PasswordType.NOT_DECRYPTED:
        raise DocumentError(
            "The PDF is encrypted and cannot be read without its password. Open it, print or "
            "save it as a new PDF without a password, and upload that; or paste its text."
        )


def _page_text(page) -> str:
    try:
        text = page.extract_text(extraction_mode="layout")
    except Exception:  # the layout mode fails on some fonts; the plain one still reads them
        text = page.extract_text()
    return (text or "").translate(_LIGATURES)


def _paragraphs(pages: list[str]) -> list[Paragraph]:
    """The pages' lines as paragraphs: blank lines, a change of indent and a short line end
    one; running heads and feet (the same on most pages) and page numbers are set apart."""
    lines_of = [[line.rstrip() for line in page.splitlines()] for page in pages]
    running = _running_lines(lines_of)
    paragraphs: list[Paragraph] = []
    for lines in lines_of:
        for paragraph in _page_paragraphs(lines, running):
            if paragraph.section == UNRELATED:
                paragraphs.append(paragraph)
            else:
                paragraphs.append(_continued(paragraphs, paragraph.text))
    return paragraphs


def _page_paragraphs(lines: list[str], running: set[str]):
    width = max((len(line) for line in lines if line.strip()), default=0)
    current: list[tuple[int, str]] = []  # (indent, text) of the paragraph's lines so far
    for line in lines:
        text = one_line(line)
        label = _not_the_report(text, running) if text else ""
        indent = len(line) - len(line.lstrip())
        if current and (not text or label or _starts_paragraph(current, indent, text, width)):
            yield Paragraph(_join([words for _, words in current]))
            current = []
        if label:
            yield Paragraph(text, UNRELATED, label)
        elif text:
            current.append((indent, text))
    if current:
        yield Paragraph(_join([words for _, words in current]))


def _starts_paragraph(current: list[tuple[int, str]], indent: int, text: str, width: int) -> bool:
    """Whether a line starts a new paragraph after the lines of `current`: it is indented
    more (or, after two lines or more, less), the line before was short (a paragraph's last
    line fills little of the width), or it is a heading (short, no sentence end) after a
    sentence's end."""
    last_indent, last = current[-1]
    short = indent + len(text) < 0.7 * width
    return (
        indent > last_indent + 3
        or (indent < last_indent - 3 and len(current) > 1)
        or last_indent + len(last) < 0.7 * width
        or bool(short and _SENTENCE_END.search(last) and not _SENTENCE_END.search(text))
    )


def _not_the_report(text: str, running: set[str]) -> str:
    """What a line is when it is not the report (a running head or foot, a page number, a
    copyright line), or ""."""
    if _is_running(text, running):
        return RUNNING
    if _RIGHTS.search(text):
        return "Copyright notice"
    return ""


def _join(lines: list[str]) -> str:
    """Wrapped lines as one: a line broken after a hyphen runs on without a space."""
    text = lines[0]
    for line in lines[1:]:
        joiner = "" if text.endswith("-") and text[-2:-1].isalpha() else " "
        text += joiner + line
    return text


def _continued(paragraphs: list[Paragraph], text: str) -> Paragraph:
    """A paragraph that runs on from the page before (no sentence end there, a small letter
    here) is joined to it; otherwise a paragraph of its own."""
    before = next((p for p in reversed(paragraphs) if p.section != UNRELATED), None)
    if (
        before is not None
        and paragraphs[-1].section == UNRELATED  # only across a running head or foot
        and text[:1].islower()
        and not _SENTENCE_END.search(before.text)
    ):
        index = max(i for i, p in enumerate(paragraphs) if p is before)
        paragraphs.pop(index)
        return Paragraph(_join([before.text, text]))
    return Paragraph(text)


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Lines in the first or last three of a page that recur on most pages (numbers aside):
    the running heads and feet."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        filled = [one_line(line) for line in lines if line.strip()]
        seen.update({_DIGITS.sub("#", line) for line in filled[:3] + filled[-3:]})
    return {line for line, count in seen.items() if count >= max(2, len(pages) / 2)}


def _is_running(text: str, running: set[str]) -> bool:
    return (
        _DIGITS.sub("#", text) in running
        or bool(_PAGE_NUMBER.match(text))
        or bool(_PRINTED_AT.match(text))
        or bool(_PRINTED_FROM.match(text))
    )


def _info(info, key: str, name: str) -> Found | None:
    value = one_line(str(info.get(key) or "")) if info else ""
    return Found(value, f"the PDF’s metadata ({name})") if value else None


_FILE_NAME = re.compile(r"\.(?:docx?|odt|pdf|rtf|pages|indd|txt)$|^untitled", re.IGNORECASE)


def _title(info, paragraphs: list[Paragraph]) -> tuple[Found | None, Found | None]:
    """The title, and the outlet when the title ends with it (“Headline | Outlet”, as a page
    printed from a browser has)."""
    found = _info(info, "/Title", "Title")
    if found and not _FILE_NAME.search(found.value):
        value = re.sub(r"^Microsoft (?:Word|PowerPoint) - ", "", found.value)
        if split := split_site_name(value):
            return (
                Found(split[0], "the PDF’s metadata (Title), without the site’s name after it"),
                Found(split[1], f"the end of the PDF’s title, “{value}”", guessed=True),
            )
        return Found(value, found.origin), None
    first = next((p for p in paragraphs if p.section != UNRELATED), None)
    return (Found(first.text[:300], "the first line of the PDF’s text") if first else None), None


def _dateline(paragraphs: list[Paragraph]) -> Found | None:
    """The first date written near the top of the first page (a dateline, “Published 20
    February 2025”)."""
    for paragraph in paragraphs[:DATELINE_LINES]:
        if paragraph.section == UNRELATED:
            continue
        for pattern in _DATELINES:
            for match in pattern.finditer(paragraph.text):
                month = match["m"]
                month = MONTHS.get(month.lower()) if not month.isdigit() else int(month)
                try:
                    day = dt.date(int(match["y"]), month or 0, int(match["d"]))
                except ValueError:
                    continue
                shown = paragraph.text if len(paragraph.text) <= 80 else match[0]
                return Found(day.isoformat(), f"a date near the top of the PDF: “{shown}”")
    return None


def _created(info) -> Found | None:
    """The PDF file's creation date: when it was made, which may be later than the report."""
    try:
        created = info.creation_date if info else None
    except Exception:  # a malformed date in the metadata
        created = None
    if created is None:
        return None
    return Found(
        created.date().isoformat(),
        "the PDF file’s creation date (when the file was made, which may be after the report "
        "was published)",
        guessed=True,
    )
