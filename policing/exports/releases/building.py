"""Making a release: the published data as a Frictionless Data Package in a zip, written once
to RELEASES_DIR and recorded as a `Release` with the events it added, changed and withdrew.

The zip holds datapackage.json, the tables (tables.py), events.ndjson (the export contract's
objects, as /events.ndjson gives them), events.schema.json, CODEBOOK.md, CHANGES.md and
CHANGES.json, CITATION.cff and CITATION.bib, and SHA256SUMS. One pass over the events writes
the NDJSON and the tables together, a chunk of events at a time.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from policing.exports import ndjson
from policing.exports.releases import changes, codebook, tables
from policing.links import address
from policing.models import ImmutableRelease, Release, ReleaseEntry, ReleaseEntryKind
from policing.models.releases import check_version
from policing.timeline.references import release_reference

NDJSON = "events.ndjson"
CHANGES_JSON = "CHANGES.json"
SCHEMA_NAME = "events.schema.json"
PACKAGE_NAME = "policing-diplomacy-timeline"


def file_name(version: str) -> str:
    return f"{PACKAGE_NAME}-{version}.zip"


def release_url(base_url: str, version: str) -> str:
    return base_url + address("release-detail", version)


@dataclass
class Written:
    """What one pass over the events wrote: rows per table, values per coded field, each
    event's line digest and title."""

    counts: dict[str, int]
    values: dict
    fingerprints: dict[str, bytes]
    titles: dict[str, str]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_data(work: Path, base_url: str) -> Written:
    (work / "data").mkdir()
    with contextlib.ExitStack() as files:
        streams = {
            table.name: files.enter_context(
                (work / table.path).open("w", encoding="utf-8", newline="")
            )
            for table in tables.TABLES
        }
        events_file = files.enter_context((work / NDJSON).open("w", encoding="utf-8", newline="\n"))
        writers = tables.Writers(streams)
        fingerprints, titles, relations = {}, {}, []
        for event in tables.export_objects(base_url=base_url):
            line = ndjson.line(event)
            events_file.write(line)
            fingerprints[event["slug"]] = changes.digest(line, base_url)
            titles[event["slug"]] = event["title"]
            tables.write_event(writers, event, relations)
        tables.write_relations(writers, relations, set(titles))
        tables.write_catalogue(writers)
    return Written(writers.counts, writers.values, fingerprints, titles)


def _previous_lines(release: Release):
    """The lines of a release's events.ndjson, read from its zip."""
    if not release.path.is_file():
        raise FileNotFoundError(
            f"Release {release.version}'s file {release.path} is missing: restore it from a "
            "backup (make restore) before making the next release, which is compared with it."
        )
    with zipfile.ZipFile(release.path) as archive, archive.open(NDJSON) as raw:
        yield from io.TextIOWrapper(raw, encoding="utf-8", newline="\n")


def _changes(work: Path, written: Written, previous: Release | None, version: str, created):
    """CHANGES.json's document against `previous` (None: every event is added)."""
    if previous is None:
        added = sorted(written.fingerprints)
        return changes.changes_document(
            version=version,
            previous=None,
            created=created.isoformat(timespec="seconds"),
            added=[{"slug": s, "title": written.titles[s]} for s in added],
            withdrawn=[],
            changed=[],
        )
    old = changes.fingerprints(_previous_lines(previous), previous.base_url)
    # The new lines' digests were taken without this release's address, as the old without its.
    added, withdrawn, changed = changes.compare(old, written.fingerprints)
    before = changes.read_objects(_previous_lines(previous), {*withdrawn, *changed})
    with (work / NDJSON).open(encoding="utf-8", newline="\n") as stream:
        after = changes.read_objects(stream, set(changed))
    reasons = changes.reasons_by_slug(previous.created, created)
    return changes.changes_document(
        version=version,
        previous=previous.version,
        created=created.isoformat(timespec="seconds"),
        added=[{"slug": s, "title": written.titles[s]} for s in added],
        withdrawn=[
            {
                "slug": s,
                "title": before[s]["title"],
                "reasons": changes.withdrawn_reasons(reasons.get(s, [])),
            }
            for s in withdrawn
        ],
        changed=[
            {
                "slug": s,
                "title": written.titles[s],
                "fields": changes.field_changes(
                    before[s], after[s], old_base=previous.base_url, new_base=base
                ),
                "reasons": reasons.get(s, []),
            }
            for s in changed
            for base in [_base_of(after[s])]
        ],
    )


def _base_of(event: dict) -> str:
    """The site address an export object's links were made with."""
    return event["permalink"].removesuffix(address("event-detail", event["slug"]))


def _citation_cff(version: str, created, url: str, notes: str) -> str:
    site = settings.SITE_NAME
    abstract = notes or f"The published events of the {site}, each citing its sources' words."
    lines = [
        "cff-version: 1.2.0",
        "message: If you use these data, please cite this release as below.",
        "type: dataset",
        f"title: {json.dumps(f'{site}: published data')}",
        f"version: {json.dumps(version)}",
        f"date-released: {created:%Y-%m-%d}",
        f"url: {json.dumps(url)}",
        f"abstract: {json.dumps(abstract, ensure_ascii=False)}",
        "authors:",
        f"  - name: {json.dumps(site)}",
    ]
    return "\n".join(lines) + "\n"


def _datapackage(work: Path, version: str, created, url: str, notes: str, base_url: str):
    resources = []
    for table in tables.TABLES:
        path = work / table.path
        resources.append(
            {
                "name": table.name.replace("_", "-"),
                "path": table.path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": path.stat().st_size,
                "hash": f"sha256:{_sha256(path)}",
                "description": table.description,
                "schema": table.schema(),
            }
        )
    # Foreign keys name resources, whose names may not hold "_".
    for resource in resources:
        for key in resource["schema"]["foreignKeys"]:
            key["reference"]["resource"] = key["reference"]["resource"].replace("_", "-")
    return {
        # The tables only: events.ndjson (its objects nest lists) is described by its own JSON
        # Schema, beside it, and in CODEBOOK.md; as a resource here, frictionless would read
        # it as a table, and only with its optional JSON readers installed.
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": f"{settings.SITE_NAME}: published data, release {version}",
        "description": notes
        or "China's international policing diplomacy: curated events, each citing the exact "
        "words of its sources. CODEBOOK.md describes every field.",
        "version": version,
        "created": created.isoformat(timespec="seconds"),
        "homepage": url,
        "sources": [{"title": settings.SITE_NAME, "path": base_url + "/"}],
        "resources": resources,
    }


def _zip(work: Path, names: list[str], target: Path) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name in names:
            zf.write(work / name, name)


def _one_snapshot() -> None:
    """Make the transaction just begun read one snapshot. SQLite's transactions here begin
    IMMEDIATE (settings.py), holding the write lock, so saves wait; PostgreSQL's default, READ
    COMMITTED, would give each query its own snapshot, and a save committed between the events
    and the citations would be half in the release."""
    if connection.vendor != "postgresql" or connection.savepoint_ids:
        # Inside a transaction of the caller's (a test's, or a request's), whose queries have
        # run: PostgreSQL sets the isolation only before the first, so the caller's holds.
        return
    with connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")


def make_release(version: str, *, base_url: str, notes: str = "", made_by: str = "") -> Release:
    """Build release `version` of the published data and record it; refused (ImmutableRelease)
    if that version exists, as a row or as a file: a release is never rebuilt."""
    check_version(version)
    if existing := Release.objects.filter(version=version).first():
        raise ImmutableRelease(
            f"Release {version} was made on {existing.created:%Y-%m-%d %H:%M} UTC and is never "
            "rebuilt: give the next release a new version."
        )
    directory = Path(settings.RELEASES_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / file_name(version)
    if target.exists():
        raise ImmutableRelease(
            f"{target} exists, though no release {version} is recorded (left by a restore of "
            "older data?): a release file is never overwritten. Give a new version, or move "
            "the file away if it is not wanted."
        )
    previous = Release.objects.newest_first().first()
    created = timezone.now()
    url = release_url(base_url, version)
    with tempfile.TemporaryDirectory(dir=directory, prefix=".building-") as folder:
        work = Path(folder)
        # One view of the data for every table: nothing saved meanwhile is half in it.
        with transaction.atomic():
            _one_snapshot()
            written = _write_data(work, base_url)
        document = _changes(work, written, previous, version, created)
        events = written.counts["events"]
        (work / CHANGES_JSON).write_text(
            json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        (work / "CHANGES.md").write_text(
            changes.changes_markdown(document, site=settings.SITE_NAME), encoding="utf-8"
        )
        (work / "CODEBOOK.md").write_text(
            codebook.codebook(
                version=version,
                site=settings.SITE_NAME,
                counts=written.counts,
                values=written.values,
            ),
            encoding="utf-8",
        )
        (work / SCHEMA_NAME).write_bytes(Path(codebook.SCHEMA).read_bytes())
        (work / "CITATION.cff").write_text(
            _citation_cff(version, created, url, notes), encoding="utf-8"
        )
        reference = release_reference(version, created, url=url, events=events)
        (work / "CITATION.bib").write_text(reference.bibtex + "\n", encoding="utf-8")
        package = _datapackage(work, version, created, url, notes, base_url)
        (work / "datapackage.json").write_text(
            json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        names = [
            "datapackage.json",
            *[t.path for t in tables.TABLES],
            NDJSON,
            SCHEMA_NAME,
            "CODEBOOK.md",
            "CHANGES.md",
            CHANGES_JSON,
            "CITATION.cff",
            "CITATION.bib",
        ]
        sums = "".join(f"{_sha256(work / name)}  {name}\n" for name in names)
        (work / "SHA256SUMS").write_text(sums, encoding="utf-8")
        _zip(work, [*names, "SHA256SUMS"], work / "release.zip")
        checksum = _sha256(work / "release.zip")
        size = (work / "release.zip").stat().st_size
        os.link(work / "release.zip", target)  # never over an existing file
    os.chmod(target, 0o444)
    counts = {
        **written.counts,
        "added": len(document["added"]),
        "changed": len(document["changed"]),
        "withdrawn": len(document["withdrawn"]),
    }
    try:
        with transaction.atomic():
            release = Release.objects.create(
                version=version,
                created=created,
                notes=notes,
                made_by=made_by,
                previous=previous,
                counts=counts,
                base_url=base_url,
                file=target.name,
                size=size,
                checksum=checksum,
            )
            # A batch at a time: bulk_create makes a list of what it is given, and a first
            # release of 100,000 events would hold as many rows in memory at once.
            entries = (
                ReleaseEntry(release=release, slug=entry["slug"], change=kind)
                for kind in ReleaseEntryKind.values
                for entry in document[kind]
            )
            while batch := list(itertools.islice(entries, 2000)):
                ReleaseEntry.objects.bulk_create(batch)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return release
