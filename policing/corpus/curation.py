"""Loading the curated data in `fixtures/`: countries, actors, threads and events with their
citations, participants, actors and relations; with `update`, bringing a site loaded before to a
revised fixture without losing what its editors changed (docs/editors.md, "Updating from the
curated fixtures").

The event file is written for people: each citation is a source slug and a quote, and each
date keeps the phrase the source used. Loading validates every citation against the imported
passages and every date phrase against the date module, and refuses the whole file otherwise.

An update is three-way, part by part (corpus/parts.py), against what each entry was when last
loaded (corpus/bases.py): a part only the fixtures changed is taken, a part only the editors
changed is kept, and a part both changed, differently, is a conflict: the editors' version
stays, and the conflict is recorded for an editor to decide in the admin.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from policing.corpus.load_report import LoadReport
from policing.corpus.loading import Load
from policing.corpus.parts import Names
from policing.models import Country, CuratedConflict, CuratedKind, Source
from policing.text import dates

COUNTRIES_FILE = "countries.json"
ACTORS_FILE = "actors.json"
THREADS_FILE = "threads.json"
EVENTS_FILE = "events.json"
FILES = {
    CuratedKind.THREAD: THREADS_FILE,
    CuratedKind.ACTOR: ACTORS_FILE,
    CuratedKind.EVENT: EVENTS_FILE,
}


class CurationError(Exception):
    """The fixtures do not agree with the corpus; the message lists every problem."""


def read_events(fixtures_dir: Path) -> list[dict]:
    return json.loads((fixtures_dir / EVENTS_FILE).read_text(encoding="utf-8"))


def read_countries(fixtures_dir: Path) -> list[dict]:
    return json.loads((fixtures_dir / COUNTRIES_FILE).read_text(encoding="utf-8"))


def _read_optional(fixtures_dir: Path, name: str) -> list[dict]:
    path = fixtures_dir / name
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def expected_date(entry: dict, events_by_slug: dict[str, dict]) -> str:
    """The EDTF value the fixture's phrase reads as, counting from the `relative_to` event's
    stated date."""
    date = entry["date"]
    source = Source.objects.get(slug=date["source"])
    base, base_precision = source.reference_date()
    anchor = None
    if date.get("relative_to"):
        anchor = stated_date(events_by_slug[date["relative_to"]])
    return dates.read(date["text"], base, base_precision, anchor=anchor)


def stated_date(entry: dict) -> str:
    """The date the fixture states outright, as EDTF (`"edtf"`)."""
    return dates.check_edtf(entry["date"]["edtf"]).text


def check_event_dates(entries: list[dict]) -> list[str]:
    """Problems where a stated date is not valid EDTF or disagrees with its phrase. A date the
    editors set (`"manual": true`) is exempt from the phrase, but must say how it was read."""
    by_slug = {e["slug"]: e for e in entries}
    problems = []
    for entry in entries:
        date = entry["date"]
        try:
            stated = dates.check_edtf(date.get("edtf", ""))
        except dates.DateResolutionError as error:
            problems.append(f"{entry['slug']}: date: {error}")
            continue
        if date.get("manual"):
            if not date.get("reading", "").strip():
                problems.append(
                    f"{entry['slug']}: the date {stated.text} is set by the editors: say in "
                    "“reading” how the source’s words were read"
                )
            continue
        try:
            resolved = expected_date(entry, by_slug)
        except (dates.DateResolutionError, KeyError, Source.DoesNotExist) as error:
            problems.append(f"{entry['slug']}: date “{date['text']}”: {error}")
            continue
        if dates.parse_edtf(resolved).points != stated.points or (
            dates.parse_edtf(resolved).form != stated.form
        ):
            problems.append(
                f"{entry['slug']}: “{date['text']}” reads as {resolved} "
                f"({dates.in_words(resolved)}), but the fixture states {stated.text} "
                f"({dates.in_words(stated)}); correct it, or mark it set by the editors "
                "(“manual”) with its “reading”"
            )
    return problems


def load_countries(fixtures_dir: Path, report: LoadReport) -> None:
    for row in read_countries(fixtures_dir):
        _, created = Country.objects.get_or_create(
            code=row["code"], defaults={"name": row["name"], "region": row["region"]}
        )
        report.countries_created += created


def load_curated(fixtures_dir: Path, update: bool = False, dry_run: bool = False) -> LoadReport:
    """Create the curated rows that are missing; with `update`, bring the others to the
    fixtures where their editors did not change them (the module's docstring).

    Without `update`, a row already in the database is left as it is, so running `make run`
    again changes nothing. A row the editors deleted is not made again. All or nothing.
    """
    report = LoadReport()
    entries = read_events(fixtures_dir)
    names = Names()
    with transaction.atomic():
        load_countries(fixtures_dir, report)
        for kind in (CuratedKind.THREAD, CuratedKind.ACTOR):
            rows = _read_optional(fixtures_dir, FILES[kind])
            Load(kind, FILES[kind], update, report, names).catalogue(rows)
        report.problems.extend(check_event_dates(entries))
        events = Load(CuratedKind.EVENT, EVENTS_FILE, update, report, names)
        events.events(_dated_in_order(entries))
        report.open_conflicts = CuratedConflict.objects.filter(resolved__isnull=True).count()
        if report.problems:
            transaction.set_rollback(True)
            raise CurationError("\n".join(report.problems))
        if dry_run:
            transaction.set_rollback(True)
    return report


def _dated_in_order(entries: list[dict]) -> list[dict]:
    """Events dated relative to another come after it."""
    by_slug = {e["slug"]: e for e in entries}
    ordered, placed = [], set()

    def place(entry, trail=()):
        slug = entry["slug"]
        if slug in placed:
            return
        if slug in trail:
            raise CurationError(f"Events dated relative to each other in a loop: {trail}")
        earlier = entry["date"].get("relative_to")
        if earlier:
            if earlier not in by_slug:
                raise CurationError(f"{slug}: relative_to “{earlier}” is not a fixture event")
            place(by_slug[earlier], (*trail, slug))
        ordered.append(entry)
        placed.add(slug)

    for entry in entries:
        place(entry)
    return ordered
