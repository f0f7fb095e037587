"""The source corpus: the manifest in `seeds/manifest.toml` and importing files into passages.

A passage is one non-empty line. Its anchor is derived from its text, so it survives re-import
and the insertion or removal of other paragraphs; a repeated paragraph gets a numeric suffix.

The manifest and every seed are read and checked (UTF-8, the recorded SHA-256) before anything
is written, so a bad seed leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from policing.models import (
    Citation,
    DataVersion,
    Derivation,
    Passage,
    Precision,
    Proposal,
    SectionKind,
    Source,
)
from policing.text import anchoring, dates
from policing.text.tidy import tidy_fields

MANIFEST_NAME = "manifest.toml"


@dataclass(frozen=True)
class Section:
    first_line: int
    last_line: int
    kind: str
    label: str = ""
    derivation: str = ""  # how this part derives from `derived_from` (a slug), if it does
    derived_from: str = ""

    def covers(self, line: int) -> bool:
        return self.first_line <= line <= self.last_line


@dataclass(frozen=True)
class SourceEntry:
    """One document as the manifest describes it."""

    slug: str
    file: str
    title: str
    outlet: str  # who published the report
    published: dt.date
    sha256: str  # "" for a new document, until `rehash_seeds` records it
    published_precision: str = "day"
    # What the texts support, as EDTF ("2024-09", "2024-09/.."); `published` and its precision
    # must agree with it (its first day and precision). Without it, they are the whole story.
    published_edtf: str = ""
    published_inferred: bool = False
    published_note: str = ""
    syndication: str = ""
    author: str = ""
    carried_by: str = ""  # the site a copy of the outlet's report was captured from
    url: str = ""
    original_url: str = ""
    derivation: str = ""  # how the whole document derives from `derived_from` (a slug)
    derived_from: str = ""
    provenance: str = ""
    sections: tuple[Section, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class ParsedPassage:
    ordinal: int
    line: int
    start: int
    end: int
    text: str
    anchor: str


class CorpusError(ValueError):
    """The manifest or a seed cannot be imported; each line of the message names a file and,
    where it can, the line."""


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
    return _Manifest.read(seeds_dir).entries()


def read_seeds(seeds_dir: Path) -> list[tuple[SourceEntry, str]]:
    """Each manifest entry with its file's text; raises CorpusError, listing every problem, if
    a file is missing, is not UTF-8 or differs from its recorded SHA-256."""
    manifest = _Manifest.read(seeds_dir)
    seeds, problems = [], []
    for index, entry in enumerate(manifest.entries()):
        try:
            content, text = _read_seed(manifest, index, entry)
        except CorpusError as error:
            problems.append(str(error))
            continue
        actual = file_digest(content)
        if actual != entry.sha256:
            recorded = entry.sha256 or "nothing"
            problems.append(
                f"{_shown(seeds_dir / entry.file)}: its SHA-256 is {actual} but "
                f"{manifest.where(index, 'sha256')} records {recorded}. The seeds are the "
                "evidence and are not edited; if this change is deliberate, record it with "
                "`manage.py rehash_seeds` (see docs/corpus.md) and import again."
            )
            continue
        seeds.append((entry, text))
    if problems:
        raise CorpusError("\n".join(problems))
    return seeds


def rehash_manifest(seeds_dir: Path, dry_run: bool = False) -> list[tuple[str, str, str]]:
    """Record each seed's current SHA-256 in the manifest: the deliberate way to accept a
    changed or new document. Only the `sha256` values are edited, so comments and order stay.

    Returns (file, recorded, actual) for each hash that changed.
    """
    manifest = _Manifest.read(seeds_dir)
    lines = manifest.text.splitlines(keepends=True)
    changed, problems = [], []
    for index, entry in enumerate(manifest.entries()):
        try:
            content, _ = _read_seed(manifest, index, entry)
        except CorpusError as error:
            problems.append(str(error))
            continue
        actual = file_digest(content)
        if actual == entry.sha256:
            continue
        number = manifest.sha256_line(index)
        if number is None:
            problems.append(
                f'{manifest.where(index)}: no `sha256 = "..."` line of its own to update; '
                f"set it by hand to {actual}"
            )
            continue
        line = lines[number - 1]
        match = _SHA256_LINE.match(line)
        lines[number - 1] = line[: match.start(1)] + actual + line[match.end(1) :]
        changed.append((entry.file, entry.sha256, actual))
    if problems:
        raise CorpusError("\n".join(problems))
    if changed and not dry_run:
        manifest.path.write_bytes("".join(lines).encode("utf-8"))
    return changed


_SHA256_LINE = re.compile(r'^\s*sha256\s*=\s*"([0-9a-fA-F]*)"\s*(?:#.*)?$')
_TABLE_HEADER = re.compile(r"^\[")  # a table header, not a line inside a multi-line array
_TOML_POSITION = re.compile(r"^(?P<message>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)$")
_SECTION_KEYS = {  # key: required
    "lines": True,
    "kind": True,
    "label": False,
    "derivation": False,
    "derived_from": False,
}
_TYPES = {"str": (str, "a string"), "bool": (bool, "true or false"), "dt.date": (dt.date, "a date")}


@dataclass(frozen=True)
class _Manifest:
    """The manifest's text and data, and where in the text each source's table is, so that
    problems name their line."""

    path: Path
    text: str
    data: dict

    @classmethod
    def read(cls, seeds_dir: Path) -> _Manifest:
        path = seeds_dir / MANIFEST_NAME
        if not path.is_file():
            raise CorpusError(f"{_shown(path)}: no such file; it describes every seed document")
        text = _decode(path, path.read_bytes())
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            found = _TOML_POSITION.match(str(error))
            if found is None:
                raise CorpusError(f"{_shown(path)}: {error}") from error
            raise CorpusError(
                f"{_shown(path)} line {found['line']}, column {found['column']}: {found['message']}"
            ) from error
        return cls(path, text, data)

    def entries(self) -> list[SourceEntry]:
        unknown = sorted(set(self.data) - {"sources"})
        if unknown:
            raise CorpusError(
                f"{_shown(self.path)}: unknown top-level key “{unknown[0]}”; "
                "each document is a [[sources]] table"
            )
        raws = self.data.get("sources")
        if not isinstance(raws, list) or not raws:
            raise CorpusError(f"{_shown(self.path)}: no [[sources]] tables")
        entries, problems = {}, []
        for index, raw in enumerate(raws):
            try:
                entries[index] = self._entry(index, raw)
            except CorpusError as error:
                problems.append(str(error))
        # Slugs from every table, so one bad entry does not make its rewrites look orphaned.
        slugs = [raw.get("slug") if isinstance(raw, dict) else None for raw in raws]
        for index, entry in entries.items():
            if slugs.index(entry.slug) != index:
                problems.append(f"{self.where(index, 'slug')}: slug “{entry.slug}” is repeated")
        problems += self._derivation_problems(entries, slugs)
        if problems:
            raise CorpusError("\n".join(problems))
        return list(entries.values())

    def _derivation_problems(self, entries: dict[int, SourceEntry], slugs: list) -> list[str]:
        """Each `derived_from` names another source of the manifest that derives from nothing
        (an origin), so that a citation's origin is one step away."""
        derived = {e.slug for e in entries.values() if e.derived_from}
        derived |= {e.slug for e in entries.values() if any(s.derived_from for s in e.sections)}
        problems = []
        for index, entry in entries.items():
            name = f"source “{entry.slug}”"
            claims = [(self.where(index, "derived_from"), entry.derived_from)]
            claims += [
                (self.where(index, "lines", nth=n), s.derived_from)
                for n, s in enumerate(entry.sections)
            ]
            for where, target in claims:
                if not target:
                    continue
                if target not in slugs:
                    problems.append(
                        f"{where}: {name} derives from “{target}”, which is not a source in "
                        "the manifest"
                    )
                elif target == entry.slug:
                    problems.append(f"{where}: {name} cannot derive from itself")
                elif target in derived:
                    problems.append(
                        f"{where}: {name} derives from “{target}”, which itself derives from "
                        "another report; name that report, the origin"
                    )
        return problems

    def _derivation(self, where: str, name: str, raw: dict, what: str) -> tuple[str, str]:
        """A `derivation` and its `derived_from`, given together, or neither."""
        kind, target = raw.get("derivation", ""), raw.get("derived_from", "")
        if not isinstance(kind, str) or not isinstance(target, str):
            raise CorpusError(f"{where}: {name}: derivation and derived_from must be strings")
        if kind and kind not in Derivation.values:
            raise CorpusError(
                f"{where}: {name} has {what}derivation “{kind}”; "
                f"use one of {', '.join(Derivation.values)}"
            )
        if bool(kind) != bool(target):
            given, missing = (
                ("derivation", "derived_from") if kind else ("derived_from", "derivation")
            )
            raise CorpusError(
                f"{where}: {name} has {what}{given} without {missing}; give both: how it "
                "derives and the slug of the report it derives from"
            )
        return kind, target

    def _entry(self, index: int, raw) -> SourceEntry:
        if not isinstance(raw, dict):
            raise CorpusError(f"{self.where(index)}: each source must be a [[sources]] table")
        name = f"source “{raw['slug']}”" if isinstance(raw.get("slug"), str) else "source"
        specs = {f.name: f for f in fields(SourceEntry)}
        for key in raw:
            if key not in specs:
                raise CorpusError(
                    f"{self.where(index, key)}: {name} has an unknown key “{key}” "
                    f"(known: {', '.join(sorted(specs))})"
                )
        for spec in specs.values():
            if spec.name not in raw:
                if spec.default is MISSING and spec.default_factory is MISSING:
                    raise CorpusError(
                        f"{self.where(index)}: {name} lacks the required key “{spec.name}”"
                    )
            elif spec.name != "sections":
                self._check_type(index, name, spec.name, raw[spec.name], spec.type)
        if raw.get("published_precision", "day") not in Precision.values:
            raise CorpusError(
                f"{self.where(index, 'published_precision')}: {name} has published_precision "
                f"“{raw['published_precision']}”; use one of {', '.join(Precision.values)}"
            )
        self._derivation(self.where(index, "derivation"), name, raw, "")
        if raw.get("published_edtf"):
            self._check_published_edtf(index, name, raw)
        sections = tuple(
            self._section(index, name, position, section)
            for position, section in enumerate(self._list(index, name, raw, "sections"))
        )
        if raw.get("derived_from") and any(s.derived_from for s in sections):
            raise CorpusError(
                f"{self.where(index, 'derived_from')}: {name} derives from "
                f"“{raw['derived_from']}” as a whole, so none of its sections can derive too"
            )
        return SourceEntry(**{**raw, "sections": sections})

    def _check_published_edtf(self, index: int, name: str, raw: dict) -> None:
        where = self.where(index, "published_edtf")
        try:
            stated = dates.legacy(dates.check_edtf(raw["published_edtf"]))
        except dates.DateResolutionError as error:
            raise CorpusError(f"{where}: {name}: published_edtf: {error}") from None
        given = (raw.get("published"), raw.get("published_precision", "day"))
        if given != (stated.start, stated.precision):
            raise CorpusError(
                f"{where}: {name} has published_edtf “{raw['published_edtf']}”, which starts "
                f"{stated.start} at {stated.precision} precision, but published = {given[0]} "
                f"and published_precision = “{given[1]}”; make them agree"
            )

    def _check_type(self, index: int, name: str, key: str, value, annotation: str) -> None:
        kind, wanted = _TYPES[annotation]
        if kind is dt.date:
            if type(value) is not dt.date:  # a datetime is a date too, but not one we accept
                raise CorpusError(
                    f"{self.where(index, key)}: {name} has {key} = {value!r}; write a date "
                    "without quotes or time, such as 2025-02-23"
                )
        elif not isinstance(value, kind):
            raise CorpusError(f"{self.where(index, key)}: {name}: {key} must be {wanted}")

    def _list(self, index: int, name: str, raw: dict, key: str) -> list:
        value = raw.get(key, [])
        if not isinstance(value, list):
            raise CorpusError(f"{self.where(index, key)}: {name}: {key} must be a list")
        return value

    def _section(self, index: int, name: str, position: int, raw) -> Section:
        # One section a line is the manifest's layout, so its `lines` key marks its line.
        where = self.where(index, "lines", nth=position)
        if not isinstance(raw, dict):
            raise CorpusError(f"{where}: {name}: a section must be a table")
        for key in raw:
            if key not in _SECTION_KEYS:
                raise CorpusError(
                    f"{where}: {name} has a section with an unknown key "
                    f"“{key}” (known: {', '.join(_SECTION_KEYS)})"
                )
        for key, required in _SECTION_KEYS.items():
            if required and key not in raw:
                raise CorpusError(f"{where}: {name} has a section without “{key}”")
        lines = raw["lines"]
        if not (
            isinstance(lines, list)
            and len(lines) == 2
            and all(type(n) is int for n in lines)
            and 1 <= lines[0] <= lines[1]
        ):
            raise CorpusError(
                f"{where}: {name} has a section with lines = {lines!r}; "
                "write [first, last], 1-based and inclusive"
            )
        if raw["kind"] not in SectionKind.values:
            raise CorpusError(
                f"{where}: {name} has a section of kind “{raw['kind']}”; "
                f"use one of {', '.join(SectionKind.values)}"
            )
        if not isinstance(raw.get("label", ""), str):
            raise CorpusError(f"{where}: {name}: a label must be a string")
        kind, target = self._derivation(where, name, raw, "a section with ")
        if target and raw["kind"] != SectionKind.REPORT:
            raise CorpusError(
                f"{where}: {name} has a section of kind “{raw['kind']}” that derives from "
                "another report; only a report section can (the rest is never cited)"
            )
        return Section(lines[0], lines[1], raw["kind"], raw.get("label", ""), kind, target)

    def _table_lines(self, index: int) -> range:
        """Line numbers of the index-th [[sources]] table, or an empty range if the manifest is
        not laid out one table a header."""
        lines = self.text.splitlines()
        headers = [n for n, line in enumerate(lines, 1) if line.strip() == "[[sources]]"]
        if index >= len(headers):
            return range(0)
        ends = [n for n, line in enumerate(lines, 1) if _TABLE_HEADER.match(line)]
        end = next((n for n in ends if n > headers[index]), len(lines) + 1)
        return range(headers[index], end)

    def where(self, index: int, key: str | None = None, nth: int = 0) -> str:
        """“seeds/manifest.toml line N”: the line of the nth `key` in the index-th source, else
        its header."""
        table = self._table_lines(index)
        lines = self.text.splitlines()
        if key is not None:
            pattern = re.compile(rf"(?:^|[\s{{,]){re.escape(key)}\s*=")
            found = [n for n in table if pattern.search(lines[n - 1])]
            if nth < len(found):
                return f"{_shown(self.path)} line {found[nth]}"
        if table:
            return f"{_shown(self.path)} line {table.start}"
        return _shown(self.path)

    def sha256_line(self, index: int) -> int | None:
        lines = self.text.splitlines()
        return next((n for n in self._table_lines(index) if _SHA256_LINE.match(lines[n - 1])), None)


def _read_seed(manifest: _Manifest, index: int, entry: SourceEntry) -> tuple[bytes, str]:
    path = manifest.path.parent / entry.file
    if not path.is_file():
        raise CorpusError(
            f"{manifest.where(index, 'file')}: source “{entry.slug}” names the file "
            f"“{entry.file}”, which is not in {_shown(path.parent)}"
        )
    content = path.read_bytes()
    return content, _decode(path, content)


def _decode(path: Path, content: bytes) -> str:
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        raise CorpusError(
            f"{_shown(path)}: not valid UTF-8 at line {line} "
            f"(byte 0x{content[error.start]:02x} at offset {error.start})"
        ) from error


def _shown(path: Path) -> str:
    """The path as a reader would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


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


def paragraph_count(text: str) -> int:
    """How many passages `text` splits into (its non-empty lines), without making them."""
    return sum(1 for line in text.splitlines() if line.strip())


def _size_in_words(size: int) -> str:
    shown = f"{size / 1000:,.0f}" if size >= 10_000 else f"{size / 1000:.1f}"
    return f"{shown} KB ({size:,} bytes)"


def oversize_file(size: int) -> str | None:
    """Why a file of `size` bytes is too large to be a report, or None: checked before it is
    read."""
    limit = settings.REPORT_MAX_BYTES
    if size <= limit:
        return None
    return (
        f"The file is {_size_in_words(size)}; a report may be at most {_size_in_words(limit)}. "
        "Leave out what is not the report (page furniture, other stories), or add a long "
        "report in parts."
    )


def oversize(text: str) -> str | None:
    """Why `text` is too large to be one report, or None. Every way a report comes in (the
    admin's form, `propose_events`) asks this before writing anything; the limits, in the
    settings, are what a save, its proposals and its pages were measured to bear."""
    size = len(text.encode("utf-8"))
    if size > settings.REPORT_MAX_BYTES:
        return (
            f"The text is {_size_in_words(size)}; a report may be at most "
            f"{_size_in_words(settings.REPORT_MAX_BYTES)}. Leave out what is not the report "
            "(page furniture, other stories), or add a long report in parts."
        )
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
