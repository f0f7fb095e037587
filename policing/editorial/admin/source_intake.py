"""Adding a report from a saved web page, a PDF or its address: the document is read
(policing.intake), and the add form comes back once as a preview, with the text, the fields
the editor left empty filled in from the document's metadata (each saying where it was read
from), and each paragraph with a box to tick for what is not the report, ticked where the
reader suggests it. Saving then marks the ticked paragraphs as not part of the report, so that
nothing is proposed from them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from policing import intake
from policing.corpus import seeds as corpus
from policing.corpus.manifest import Section
from policing.models import SectionKind, Source
from policing.text import dates

# The form's error while it shows a preview: never shown (the preview is), it keeps the form
# from being saved before the editor has seen what was read.
PREVIEW = "Check what was read from the document, then save."
# What a paragraph ticked in the preview is marked as, when the reader gave it no name.
MARKED = "Marked before saving"
# The fields the document's metadata fills when the editor left them empty.
FILLED = {
    "title": "Title",
    "outlet": "Outlet",
    "published_edtf": "Publication date",
    "author": "Author",
    "url": "URL",
}
# What a page or PDF fills in: an editor who left them empty is not told they are required
# when the file could not be read.
REQUIRED_FROM_DOCUMENT = ("title", "slug", "outlet", "published_edtf")


def fetching_help() -> str:
    if settings.REPORT_FETCH_URLS:
        return (
            "The page at this address is fetched and read like an uploaded page "
            f"(public http or https addresses only, within {settings.REPORT_FETCH_TIMEOUT:g} s)."
        )
    return (
        "Off on this site: open the page in your browser, save it (“Save page as…”, web page) "
        "or print it to PDF, and upload that file above."
    )


def fetching_off(address: str) -> str:
    return (
        f"Pages are not fetched from their address on this site, so {address} was not read. "
        "Open it in your browser, save the page (“Save page as…”, as a web page, HTML only or "
        "a single file) or print it to PDF, and upload that file; put the address in URL."
    )


def declared_kind(name: str) -> str:
    """What a file's name says it is: text (also a name with no ending), a web page or a PDF;
    raises ValidationError for any other ending."""
    suffix = PurePosixPath(name).suffix.lower()
    if not suffix:
        return intake.TEXT
    if kind := intake.document.EXTENSIONS.get(suffix):
        return kind
    raise ValidationError(
        f"A {suffix} file cannot be read as a report. {intake.document.WHAT_TO_UPLOAD}"
    )


def read_upload(upload) -> intake.Document:
    """The report in an uploaded web page or PDF; raises ValidationError saying why not."""
    if problem := corpus.oversize_document_file(upload.size):
        raise ValidationError(problem)  # refused before it is read
    data = upload.read()
    try:
        return intake.read_document(
            data,
            name=upload.name,
            content_type=getattr(upload, "content_type", "") or "",
            max_chars=settings.REPORT_MAX_BYTES,
        )
    except intake.DocumentError as error:
        raise ValidationError(str(error)) from None


def read_address(address: str, *, opener=None) -> tuple[intake.Document, str]:
    """The report at `address` and where it was found (after redirects); raises
    ValidationError when fetching is off or the page cannot be read."""
    if not settings.REPORT_FETCH_URLS:
        raise ValidationError(fetching_off(address))
    try:
        fetched = intake.fetch(
            address,
            timeout=settings.REPORT_FETCH_TIMEOUT,
            max_bytes=settings.REPORT_MAX_FILE_BYTES,
            opener=opener,
        )
        document = intake.read_document(
            fetched.data,
            content_type=fetched.content_type,
            url=fetched.url,
            max_chars=settings.REPORT_MAX_BYTES,
        )
    except intake.DocumentError as error:
        raise ValidationError(str(error)) from None
    return document, fetched.url


def oversize(document: intake.Document, origin: str) -> str | None:
    """Why the text read from a document is too large to be one report, or None."""
    if not document.complete:
        read, total = document.pages
        return (
            f"The text read from {origin} passes the limit of {settings.REPORT_MAX_BYTES:,} "
            f"bytes by page {read} of {total}. Add the report in parts, or leave out what is "
            "not the report."
        )
    problem = corpus.oversize(document.text)
    return problem.replace("The text", f"The text read from {origin}", 1) if problem else None


@dataclass
class Row:
    ordinal: int
    anchor: str
    text: str
    suggested: bool  # not the report
    label: str


@dataclass
class Preview:
    """What was read from a document, as the form shows it before it is saved."""

    document: intake.Document
    origin: str  # “page.html”, “the page at https://…”
    data: dict  # the form's values: what was typed, and what was read where nothing was
    # (label, value, origin, guessed): a guess is shown as one to check
    filled: list[tuple[str, str, str, bool]] = field(default_factory=list)
    kept: list[tuple[str, str, str]] = field(default_factory=list)  # typed, not replaced
    missing: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)

    @property
    def suggested(self) -> int:
        return sum(row.suggested for row in self.rows)

    @property
    def kinds(self) -> list[tuple[str, int]]:
        """Each kind of material suggested as not the report, with how many paragraphs."""
        counted: dict[str, int] = {}
        for row in self.rows:
            if row.suggested:
                counted[row.label] = counted.get(row.label, 0) + 1
        return list(counted.items())


def preview(
    document: intake.Document, origin: str, typed: dict, *, instance: Source, address: str = ""
) -> Preview:
    """The form's values for the preview of `document`: the editor's where they typed one, else
    the document's, with the text, the suggested marks and a slug made from the title."""
    typed = typed.dict() if hasattr(typed, "dict") else dict(typed)  # a QueryDict's last values
    data = {**typed, "text": document.text, "address": ""}
    shown = Preview(document, origin, data)
    found = {
        "title": document.title,
        "outlet": document.outlet,
        "published_edtf": document.published,
        "author": document.author,
        "url": intake.Found(address, "the address it was fetched from")
        if address
        else document.url,
    }
    for name, label in FILLED.items():
        value = found[name]
        if (typed.get(name) or "").strip():
            if value and value.value != typed[name].strip():
                shown.kept.append((label, typed[name].strip(), value.value))
        elif value:
            shown_value = dates.in_words(value.value) if name == "published_edtf" else value.value
            data[name] = value.value[: Source._meta.get_field(name).max_length or None]
            shown.filled.append((label, shown_value, value.origin, value.guessed))
            if name == "published_edtf" and value.guessed:
                # Not a date the document states as its publication: saved as inferred, and
                # how, unless the editor says otherwise.
                data["published_inferred"] = True
                if not (typed.get("published_note") or "").strip():
                    data["published_note"] = f"Read from {value.origin}; check it."
        elif name in ("title", "outlet", "published_edtf"):
            shown.missing.append(label)
    if not (typed.get("slug") or "").strip() and data.get("title"):
        data["slug"] = unique_slug(data["title"], instance)
    if not (typed.get("provenance") or "").strip():
        data["provenance"] = _provenance(document, origin)
    parsed = corpus.split_passages(document.text)
    if len(parsed) == len(document.paragraphs):
        for passage, paragraph in zip(parsed, document.paragraphs, strict=True):
            suggested = paragraph.section != intake.REPORT
            shown.rows.append(
                Row(passage.ordinal, passage.anchor, paragraph.text, suggested, paragraph.label)
            )
    data["not_report"] = [row.anchor for row in shown.rows if row.suggested]
    data["labels"] = json.dumps({row.anchor: row.label for row in shown.rows if row.label})
    return shown


def unique_slug(title: str, instance: Source) -> str:
    base = slugify(title)[:90].strip("-") or "report"
    taken = set(
        Source.objects.exclude(pk=instance.pk)
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _provenance(document: intake.Document, origin: str) -> str:
    what = intake.KIND_WORDS[document.kind]
    unrelated = len(document.unrelated)
    said = f"Read from {what}, {origin}."
    if unrelated:
        said += (
            f" {unrelated} of its {len(document.paragraphs)} paragraphs were suggested as not "
            "part of the report (what was around it on the page) and checked before saving."
        )
    return said


def sections(text: str, not_report: list[str], labels_json: str) -> tuple[Section, ...]:
    """The paragraphs of `text` ticked as not the report, as sections to import them with."""
    try:
        labels = json.loads(labels_json or "{}")
    except ValueError:
        labels = {}
    if not isinstance(labels, dict):
        labels = {}
    ticked = set(not_report)
    return tuple(
        Section(
            p.line,
            p.line,
            SectionKind.UNRELATED,
            str(labels.get(p.anchor) or MARKED)[:200],
        )
        for p in corpus.split_passages(text)
        if p.anchor in ticked
    )
