"""What a report read from a file or a page is: its paragraphs, each suggested as the report or
not, and what its metadata says (title, outlet, publication date, author, address), each with
where it was read from; and which kind of document some bytes are."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

# The sections a paragraph is suggested as: the values of models.SectionKind, which this layer
# does not import (it knows nothing of the database).
REPORT = "report"
UNRELATED = "unrelated"

TEXT, HTML, MHTML, PDF = "text", "html", "mhtml", "pdf"
KIND_WORDS = {TEXT: "a text file", HTML: "a web page", MHTML: "a web page", PDF: "a PDF"}

EXTENSIONS = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".mhtml": MHTML,
    ".mht": MHTML,
    ".pdf": PDF,
}
CONTENT_TYPES = {
    "text/plain": TEXT,
    "text/html": HTML,
    "application/xhtml+xml": HTML,
    "multipart/related": MHTML,
    "message/rfc822": MHTML,
    "application/pdf": PDF,
}
WHAT_TO_UPLOAD = (
    "Upload a text file (.txt), a saved web page (.html, .htm, or .mhtml as a browser saves "
    "a single-file page) or a PDF."
)


class DocumentError(ValueError):
    """The document cannot be read as a report; the message says why and what to do."""


@dataclass(frozen=True)
class Found:
    """A value read from the document, and where: “the page’s og:site_name”. A guess (a date
    found in the text, a PDF file's creation date, a site name after the title's “|”) is
    `guessed`: the editor must check it, and a publication date is saved as inferred."""

    value: str
    origin: str
    guessed: bool = False


@dataclass(frozen=True)
class Paragraph:
    text: str
    section: str = REPORT
    label: str = ""  # what it is when it is not the report: “Navigation”, “Related stories”


@dataclass(frozen=True)
class Document:
    kind: str
    paragraphs: tuple[Paragraph, ...]
    title: Found | None = None
    outlet: Found | None = None
    published: Found | None = None  # an ISO date
    author: Found | None = None
    url: Found | None = None
    # What the reader could not do, for the editor to know: "nothing could be told apart".
    notes: tuple[str, ...] = ()
    # False when reading stopped at the size limit (the rest was not read).
    complete: bool = True
    pages: tuple[int, int] = field(default=(0, 0))  # of a PDF cut short: pages read, in all

    @property
    def text(self) -> str:
        """One paragraph a line, a blank line between them: as an editor would paste it."""
        return "\n\n".join(p.text for p in self.paragraphs) + "\n"

    @property
    def unrelated(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.section != REPORT]


_WHITE = re.compile(r"\s+")
# "Headline | Outlet", "Headline - Outlet": a page's <title> (and a PDF printed from it) often
# ends with the site's name.
_SITE_SUFFIX = re.compile(r"^(?P<headline>.{12,}?)\s+[|\-–—:]\s+(?P<site>[^|\-–—:]{2,40})$")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff]")


def one_line(text: str) -> str:
    """A paragraph's text on one line: runs of white space (no-break spaces and line breaks
    included) as one space, control characters and zero-width spaces dropped."""
    return _WHITE.sub(" ", _CONTROLS.sub("", text)).strip()


def split_site_name(title: str) -> tuple[str, str] | None:
    """("Headline", "Outlet") for a title that ends with a short site name after “|”, “-” or
    “–”, else None."""
    match = _SITE_SUFFIX.match(title)
    if match and len(match["site"].split()) <= 5:
        return match["headline"].strip(), match["site"].strip()
    return None


def kind_of(data: bytes, *, name: str = "", content_type: str = "") -> str:
    """TEXT, HTML, MHTML or PDF: the kind the file's name (or else the content type it came
    with) declares, checked against its first bytes. Raises DocumentError for a kind that
    cannot be read or bytes that are not what they claim to be."""
    suffix = PurePosixPath(name).suffix.lower() if name else ""
    declared = EXTENSIONS.get(suffix) if suffix else None
    if suffix and declared is None:
        raise DocumentError(f"A {suffix} file cannot be read as a report. {WHAT_TO_UPLOAD}")
    if declared is None:
        declared = CONTENT_TYPES.get(content_type.split(";")[0].strip().lower())
    sniffed = sniff(data)
    if declared is None:
        if sniffed is None:
            shown = f"“{content_type}”" if content_type else "unknown"
            raise DocumentError(
                f"Its type ({shown}) is not one that can be read as a report. {WHAT_TO_UPLOAD}"
            )
        return sniffed
    if declared != TEXT and sniffed != declared:
        what = f"named {suffix}" if suffix else f"sent as {content_type}"
        found = f": it looks like {KIND_WORDS[sniffed]}" if sniffed else ""
        raise DocumentError(
            f"The file is {what} but is not {KIND_WORDS[declared]}{found}. {WHAT_TO_UPLOAD}"
        )
    if declared == TEXT and sniffed == PDF:
        raise DocumentError(f"The file is named {suffix or 'as text'} but is a PDF: name it .pdf.")
    return declared


_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|script|style|link|div|p|article|!--)[\s>/]",
    re.IGNORECASE,
)
_MIME_HEADER = re.compile(
    rb"^(?:from|mime-version|content-type|subject|date|snapshot-content-location)\s*:",
    re.IGNORECASE,
)


def sniff(data: bytes) -> str | None:
    """The kind the bytes themselves show (PDF, MHTML, HTML), or None (plain text, or
    something else)."""
    head = data[:4096]
    if b"%PDF-" in head[:1024]:
        return PDF
    stripped = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    if _MIME_HEADER.match(stripped) and b"multipart/related" in head.lower():
        return MHTML
    if stripped.startswith(b"<") and _HTML_START.search(head):
        return HTML
    return None
