"""The manifest of the source corpus, `seeds/manifest.toml`: each document's outlet, dates,
derivation and sections, and its SHA-256, read and checked (with the file and line of each
mistake) before anything is written."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path

from policing.models import (
    Derivation,
    Precision,
    SectionKind,
)
from policing.text import dates

_SHA256_LINE = re.compile(r'^\s*sha256\s*=\s*"([0-9a-fA-F]*)"\s*(?:#.*)?$')
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


class CorpusError(ValueError):
    """The manifest or a seed cannot be imported; each line of the message names a file and,
    where it can, the line."""


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
