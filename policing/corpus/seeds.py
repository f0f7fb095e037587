"""Importing the source corpus into passages (the manifest is read by manifest.py).

A passage is one non-empty line. Its anchor is derived from its text, so it survives re-import
and the insertion or removal of other paragraphs; a repeated paragraph gets a numeric suffix.

The manifest and every seed are read and checked (UTF-8, the recorded SHA-256) before anything
is written, so a bad seed leaves the database as it was.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from policing.corpus.manifest import Section, SourceEntry, read_seeds
from policing.models import (
    Citation,
    DataVersion,
    Passage,
    Proposal,
    SectionKind,
    Source,
)
from policing.text import anchoring, dates
from policing.text.tidy import tidy_fields


@dataclass(frozen=True)
class ParsedPassage:
    ordinal: int
    line: int
    start: int
    end: int
    text: str
    anchor: str


class BrokenCitations(Exception):
    """Re-importing would leave citations whose quotes no longer occur in their source."""

    def __init__(self, broken: list[Citation]):
        self.broken = broken
        lines = [
            f"  - event “{c.event.slug}”, source “{c.source.slug}”: “{c.quote}”" for c in broken
        ]
        super().__init__(
            f"{len(broken)} citation(s) would no longer anchor; nothing was changed:\n"
            + "\n".join(lines)
        )


@dataclass
class ImportReport:
    sources_created: int = 0
    sources_updated: int = 0
    passages_created: int = 0
    passages_updated: int = 0
    passages_deleted: int = 0
    citations_moved: int = 0

    @property
    def changed(self) -> bool:
        return any(vars(self).values())

    def __str__(self) -> str:
        return (
            f"sources: {self.sources_created} created, {self.sources_updated} updated; "
            f"passages: {self.passages_created} created, {self.passages_updated} updated, "
            f"{self.passages_deleted} deleted; citations re-anchored: {self.citations_moved}"
        )


def split_passages(text: str) -> list[ParsedPassage]:
    """Each non-empty line becomes a passage with its offsets in `text`."""
    passages, seen, offset = [], {}, 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        body = line.rstrip("\r\n")
        if body.strip():
            digest = hashlib.sha1(anchoring.normalise(body).encode()).hexdigest()[:8]
            seen[digest] = seen.get(digest, 0) + 1
            anchor = f"p-{digest}" if seen[digest] == 1 else f"p-{digest}-{seen[digest]}"
            passages.append(
                ParsedPassage(len(passages) + 1, number, offset, offset + len(body), body, anchor)
            )
        offset += len(line)
    return passages


def paragraph_count(text: str) -> int:
    """How many passages `text` splits into (its non-empty lines), without making them."""
    return sum(1 for line in text.splitlines() if line.strip())


def _size_in_words(size: int) -> str:
    shown = f"{size / 1000:,.0f}" if size >= 10_000 else f"{size / 1000:.1f}"
    return f"{shown} KB ({size:,} bytes)"


def oversize_file(size: int) -> str | None:
    """Why a file of `size` bytes is too large to be a report, or None: checked before it is
    read."""
    return _too_many_bytes("The file", size)


def oversize_document_file(size: int) -> str | None:
    """Why a saved web page or PDF of `size` bytes is too large to read, or None: checked
    before it is read. The text read from it is then held to the report's limits."""
    limit = settings.REPORT_MAX_FILE_BYTES
    if size <= limit:
        return None
    return (
        f"The file is {_size_in_words(size)}; a web page or PDF may be at most "
        f"{_size_in_words(limit)}. Save the page as “HTML only” (without its pictures), or "
        "copy the report's text and paste it."
    )


def _too_many_bytes(what: str, size: int) -> str | None:
    """Why `size` bytes are too many for a report (`what` has them), or None."""
    limit = settings.REPORT_MAX_BYTES
    if size <= limit:
        return None
    return (
        f"{what} is {_size_in_words(size)}; a report may be at most {_size_in_words(limit)}. "
        "Leave out what is not the report (page furniture, other stories), or add a long "
        "report in parts."
    )


def oversize(text: str) -> str | None:
    """Why `text` is too large to be one report, or None. Every way a report comes in (the
    admin's form, `propose_events`) asks this before writing anything; the limits, in the
    settings, are what a save, its proposals and its pages were measured to bear."""
    if problem := _too_many_bytes("The text", len(text.encode("utf-8"))):
        return problem
    paragraphs = paragraph_count(text)
    if paragraphs > settings.REPORT_MAX_PARAGRAPHS:
        return (
            f"The text has {paragraphs:,} paragraphs (non-empty lines); a report may have at "
            f"most {settings.REPORT_MAX_PARAGRAPHS:,}. Join lines that a copy broke up, leave "
            "out what is not the report, or add a long report in parts."
        )
    return None


def import_corpus(seeds_dir: Path, dry_run: bool = False) -> ImportReport:
    """Bring the database in line with the seeds; all or nothing.

    Raises CorpusError before writing anything if the manifest or a seed is unusable, and
    BrokenCitations, leaving the database untouched, if a changed file would leave a stored
    citation without its words.
    """
    seeds = read_seeds(seeds_dir)
    report = ImportReport()
    with transaction.atomic():
        # Every source first: a passage may derive from a source later in the manifest.
        sources = {entry.slug: _import_source(entry, text, report) for entry, text in seeds}
        for entry, _ in seeds:
            origin = sources.get(entry.derived_from) if entry.derived_from else None
            source = sources[entry.slug]
            if source.rewrite_of_id != (origin.pk if origin else None):
                source.rewrite_of = origin
                source.save(update_fields=["rewrite_of"])
        for entry, _ in seeds:
            _sync_passages(sources[entry.slug], entry.sections, report, sources)
        if report.changed:
            DataVersion.bump()  # re-anchored citations are saved with update(), not save()
        if dry_run:
            transaction.set_rollback(True)
    return report


def import_text(source: Source, sections: tuple[Section, ...] = ()) -> ImportReport:
    """(Re)build the passages of one source from its `text`; used for documents added by editors.

    A paragraph kept from the text before keeps the section an editor marked it as."""
    report = ImportReport()
    with transaction.atomic():
        _sync_passages(source, sections, report, keep_marks=True)
        if report.changed:
            DataVersion.bump(events=[])  # passages are written in bulk, without their signals
    return report


def _import_source(entry: SourceEntry, text: str, report: ImportReport) -> Source:
    values = {
        "title": entry.title,
        "outlet": entry.outlet,
        "syndication": entry.syndication,
        "author": entry.author,
        "carried_by": entry.carried_by,
        "url": entry.url,
        "original_url": entry.original_url,
        "derivation": entry.derivation,
        "published": entry.published,
        "published_precision": entry.published_precision,
        "published_edtf": entry.published_edtf
        or dates.iso_at(entry.published, entry.published_precision),
        "published_inferred": entry.published_inferred,
        "published_note": entry.published_note,
        "provenance": entry.provenance,
        "file_name": entry.file,
        "sha256": entry.sha256,  # read_seeds checked it against the file
        "text": text,
    }
    source = Source.objects.filter(slug=entry.slug).first()
    if source is None:
        source = Source.objects.create(slug=entry.slug, imported_at=timezone.now(), **values)
        report.sources_created += 1
    else:
        changed = _assign_changed(source, values)
        if changed:
            source.imported_at = timezone.now()
            source.save(update_fields=[*changed, "imported_at"])
            report.sources_updated += 1
    return source


def _assign_changed(obj, values: dict) -> list[str]:
    """Set the fields whose values differ and name them, so an unchanged row is not saved."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return changed


# Rows per INSERT or UPDATE statement: well under SQLite's limit of bound variables.
BATCH = 250


def _sync_passages(
    source: Source,
    sections: tuple[Section, ...],
    report: ImportReport,
    sources: dict[str, Source] | None = None,
    *,
    keep_marks: bool = False,
) -> None:
    """Passages as the text and its sections say; `sources` by slug, for derived sections.
    With `keep_marks`, a passage already stored keeps its section (an editor marked it).

    Rows are written in batches, not one save each: a report of thousands of paragraphs is
    a few statements, and the write lock is held for a moment (docs/reliability.md). The
    callers bump the data version once, for what saving each row would have bumped."""
    existing = {p.anchor: p for p in source.passages.all()}
    wanted, created, updated, changed_fields = {}, [], [], set()
    for parsed in split_passages(source.text):
        section = next((s for s in sections if s.covers(parsed.line)), None)
        origin = None
        if section and section.derived_from:
            origin = (sources or {}).get(section.derived_from) or Source.objects.get(
                slug=section.derived_from
            )
        values = {
            "ordinal": parsed.ordinal,
            "line": parsed.line,
            "start": parsed.start,
            "end": parsed.end,
            "text": parsed.text,
            "section": section.kind if section else SectionKind.REPORT,
            "section_label": section.label if section else "",
            "derivation": section.derivation if origin else "",
            "derived_from_id": origin.pk if origin else None,
        }
        passage = existing.get(parsed.anchor)
        if passage is None:
            passage = Passage(source=source, anchor=parsed.anchor, **values)
            tidy_fields(Passage, passage)
            created.append(passage)
        else:
            if keep_marks:
                del values["section"], values["section_label"]
            changed = _assign_changed(passage, values)
            if changed:
                tidy_fields(Passage, passage)
                updated.append(passage)
                changed_fields.update(changed)
        wanted[parsed.anchor] = passage
    Passage.objects.bulk_create(created, batch_size=BATCH)
    if updated:
        Passage.objects.bulk_update(updated, sorted(changed_fields), batch_size=BATCH)
    report.passages_created += len(created)
    report.passages_updated += len(updated)

    _reanchor_citations(source, list(wanted.values()), report)
    stale = [p.pk for anchor, p in existing.items() if anchor not in wanted]
    if stale:
        # No citation is left on them (re-anchored above, or refused); their proposals go
        # with them. Deleted without a signal per row (one data version bump covers them).
        Proposal.objects.filter(passage__in=stale).delete()
        for start in range(0, len(stale), BATCH):
            batch = Passage.objects.filter(pk__in=stale[start : start + BATCH])
            report.passages_deleted += batch._raw_delete(batch.db)


def _reanchor_citations(source: Source, passages: list[Passage], report: ImportReport) -> None:
    broken = []
    for citation in source.citations.select_related("event", "source", "passage"):
        before = (citation.passage_id, citation.start, citation.end)
        try:
            citation.anchor(passages)
        except ValidationError:
            broken.append(citation)
            continue
        if (citation.passage.pk, citation.start, citation.end) != before:
            Citation.objects.filter(pk=citation.pk).update(
                passage=citation.passage, start=citation.start, end=citation.end
            )
            report.citations_moved += 1
    if broken:
        raise BrokenCitations(broken)
