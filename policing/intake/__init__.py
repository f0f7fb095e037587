"""Reports from where they live: a saved web page, a PDF, or a page fetched from its address,
read into paragraphs with what is not the report suggested as such, and what the document says
of itself (title, outlet, publication date), each value with where it was read from.

Nothing here touches the database: the admin's form (editorial/admin/source_intake.py) turns a
Document into a source's fields and its paragraphs' sections.
"""

from __future__ import annotations

from policing.intake.document import (
    HTML,
    KIND_WORDS,
    MHTML,
    PDF,
    REPORT,
    TEXT,
    UNRELATED,
    Document,
    DocumentError,
    Found,
    Paragraph,
    kind_of,
    one_line,
)
from policing.intake.fetching import Fetched, Refused, fetch


# The readers import their libraries (pypdf; trafilatura and htmldate, with lxml) when a page or
# a PDF is read, not when the admin starts: every command and worker loads the admin, and
# those imports took most of a second of each start.
def read_pdf(*args, **kwargs) -> Document:
    from policing.intake.pdf import read_pdf as read

    return read(*args, **kwargs)


def read_html(*args, **kwargs) -> Document:
    from policing.intake.webpage import read_html as read

    return read(*args, **kwargs)


def read_mhtml(*args, **kwargs) -> Document:
    from policing.intake.webpage import read_mhtml as read

    return read(*args, **kwargs)


__all__ = [
    "HTML",
    "KIND_WORDS",
    "MHTML",
    "PDF",
    "REPORT",
    "TEXT",
    "UNRELATED",
    "Document",
    "DocumentError",
    "Fetched",
    "Found",
    "Paragraph",
    "Refused",
    "fetch",
    "kind_of",
    "read_document",
    "read_html",
    "read_mhtml",
    "read_pdf",
    "read_text",
]


def read_document(
    data: bytes,
    *,
    name: str = "",
    content_type: str = "",
    url: str = "",
    max_chars: int | None = None,
) -> Document:
    """The report in a file (its `name`) or a fetched page (its `content_type` and `url`),
    of whichever kind it is. Raises DocumentError saying why it cannot be read."""
    kind = kind_of(data, name=name, content_type=content_type)
    if kind == HTML:
        return read_html(data, url=url, max_chars=max_chars)
    if kind == MHTML:
        return read_mhtml(data, max_chars=max_chars)
    if kind == PDF:
        return read_pdf(data, max_chars=max_chars)
    return read_text(data)


def read_text(data: bytes) -> Document:
    """Plain UTF-8 text, a paragraph a non-empty line: all of it the report."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocumentError("The file is not UTF-8 plain text.") from None
    paragraphs = tuple(Paragraph(line) for line in map(one_line, text.splitlines()) if line)
    if not paragraphs:
        raise DocumentError("The file has no text.")
    return Document(kind=TEXT, paragraphs=paragraphs)
