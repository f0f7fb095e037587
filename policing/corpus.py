"""The source corpus: the manifest in `seeds/manifest.toml` and importing files into passages.

A passage is one non-empty line. Its anchor is derived from its text, so it survives re-import
and the insertion or removal of other paragraphs; a repeated paragraph gets a numeric suffix.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from . import anchoring
from .models import Citation, DataVersion, Passage, SectionKind, Source

MANIFEST_NAME = "manifest.toml"


@dataclass(frozen=True)
class Section:
    first_line: int
    last_line: int
    kind: str
    label: str = ""

    def covers(self, line: int) -> bool:
        return self.first_line <= line <= self.last_line


@dataclass(frozen=True)
class SourceEntry:
    """One document as the manifest describes it."""

    slug: str
    file: str
    title: str
    outlet: str
    published: dt.date
    published_precision: str = "day"
    published_inferred: bool = False
    published_note: str = ""
    syndication: str = ""
    author: str = ""
    url: str = ""
    rewrite_of: str = ""
    provenance: str = ""
    sha256: str = ""
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def section_for(self, line: int) -> Section | None:
        return next((s for s in self.sections if s.covers(line)), None)


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


def read_manifest(seeds_dir: Path) -> list[SourceEntry]:
    with open(seeds_dir / MANIFEST_NAME, "rb") as handle:
        data = tomllib.load(handle)
    entries = []
    for raw in data["sources"]:
        sections = tuple(
            Section(
                first_line=int(s["lines"][0]),
                last_line=int(s["lines"][1]),
                kind=s["kind"],
                label=s.get("label", ""),
            )
            for s in raw.get("sections", [])
        )
        entries.append(
            SourceEntry(
                **{k: v for k, v in raw.items() if k != "sections"},
                sections=sections,
            )
        )
    return entries


def file_digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


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


def import_corpus(seeds_dir: Path, dry_run: bool = False) -> ImportReport:
    """Bring the database in line with the seeds; all or nothing.

    Raises BrokenCitations, leaving the database untouched, if a changed file would leave a
    stored citation without its words.
    """
    entries = read_manifest(seeds_dir)
    report = ImportReport()
    with transaction.atomic():
        sources = {}
        for entry in entries:
            sources[entry.slug] = _import_source(seeds_dir, entry, report)
        for entry in entries:
            rewrite_of = sources.get(entry.rewrite_of) if entry.rewrite_of else None
            source = sources[entry.slug]
            if source.rewrite_of_id != (rewrite_of.pk if rewrite_of else None):
                source.rewrite_of = rewrite_of
                source.save(update_fields=["rewrite_of"])
        if report.changed:
            DataVersion.bump()  # re-anchored citations are saved with update(), not save()
        if dry_run:
            transaction.set_rollback(True)
    return report


def import_text(source: Source, sections: tuple[Section, ...] = ()) -> ImportReport:
    """(Re)build the passages of one source from its `text`; used for documents added by editors."""
    report = ImportReport()
    with transaction.atomic():
        _sync_passages(source, sections, report)
    return report


def _import_source(seeds_dir: Path, entry: SourceEntry, report: ImportReport) -> Source:
    content = (seeds_dir / entry.file).read_bytes()
    text = content.decode("utf-8")
    values = {
        "title": entry.title,
        "outlet": entry.outlet,
        "syndication": entry.syndication,
        "author": entry.author,
        "url": entry.url,
        "published": entry.published,
        "published_precision": entry.published_precision,
        "published_inferred": entry.published_inferred,
        "published_note": entry.published_note,
        "provenance": entry.provenance,
        "file_name": entry.file,
        "sha256": file_digest(content),
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
    _sync_passages(source, entry.sections, report)
    return source


def _assign_changed(obj, values: dict) -> list[str]:
    """Set the fields whose values differ and name them, so an unchanged row is not saved."""
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return changed


def _sync_passages(source: Source, sections: tuple[Section, ...], report: ImportReport) -> None:
    existing = {p.anchor: p for p in source.passages.all()}
    wanted = {}
    for parsed in split_passages(source.text):
        section = next((s for s in sections if s.covers(parsed.line)), None)
        values = {
            "ordinal": parsed.ordinal,
            "line": parsed.line,
            "start": parsed.start,
            "end": parsed.end,
            "text": parsed.text,
            "section": section.kind if section else SectionKind.REPORT,
            "section_label": section.label if section else "",
        }
        passage = existing.get(parsed.anchor)
        if passage is None:
            passage = Passage.objects.create(source=source, anchor=parsed.anchor, **values)
            report.passages_created += 1
        else:
            changed = _assign_changed(passage, values)
            if changed:
                passage.save(update_fields=changed)
                report.passages_updated += 1
        wanted[parsed.anchor] = passage

    _reanchor_citations(source, list(wanted.values()), report)
    stale = [p.pk for anchor, p in existing.items() if anchor not in wanted]
    if stale:
        report.passages_deleted += Passage.objects.filter(pk__in=stale).delete()[0]


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
