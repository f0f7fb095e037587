"""Backups restore all or nothing: a file that is not a whole backup of this project is refused
and changes nothing, a database with data is only replaced when asked, and a restore can itself
be undone."""

import base64
import hashlib
import io
import json
import os
import re
from pathlib import Path

import pytest
import reversion
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from reversion.models import Revision, Version

from policing import proposals
from policing.editorial import review
from policing.models import (
    Actor,
    Citation,
    Country,
    CuratedBase,
    CuratedConflict,
    Event,
    EventActor,
    EventRelation,
    Figure,
    Participant,
    Passage,
    Proposal,
    ProposalStatus,
    Source,
    Thread,
)
from tests.fixture_files import fixtures_with, read_fixture

SLUG = "myanmar-scam-centre-repatriation-2025"


@pytest.fixture(autouse=True)
def backup_dir(settings, tmp_path) -> Path:
    settings.BACKUP_DIR = tmp_path / "backups"
    return settings.BACKUP_DIR


def snapshot() -> dict:
    models = [Country, Source, Passage, Thread, Actor, Event, Participant, EventActor]
    models += [EventRelation, Citation, Figure, Proposal, CuratedBase, CuratedConflict]
    models += [Revision, Version]
    return {m.__name__: sorted(m.objects.values_list(), key=str) for m in models}


def restore(file: Path, **options) -> str:
    out = io.StringIO()
    call_command("restore_data", file, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def backup(curated, tmp_path) -> Path:
    path = tmp_path / "backup.json"
    call_command("backup_data", output=path, stdout=io.StringIO())
    return path


def as_version(data: dict, version: int) -> dict:
    """A backup as an older version wrote it: without the tables that version did not hold
    (version 3: the curated bases and conflicts)."""
    dropped = {"policing.curatedbase", "policing.curatedconflict", "policing.correction"}
    data = {key: value for key, value in data.items() if key != "releases"}
    return dict(
        data,
        version=version,
        counts={label: n for label, n in data["counts"].items() if label not in dropped},
        objects=[o for o in data["objects"] if o["model"] not in dropped],
    )


def rewrite(path: Path, data) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def assert_refused(file: Path, match: str, **options) -> None:
    """Refused with a message naming the file and matching `match`, and nothing changed."""
    before = snapshot()
    with pytest.raises(CommandError, match=match) as refusal:
        restore(file, **options)
    assert str(file) in str(refusal.value) or "Not confirmed" in str(refusal.value)
    assert "nothing was changed" in str(refusal.value).lower()
    assert snapshot() == before


def test_backup_and_restore_round_trip_losslessly(backup, tmp_path):
    Event.objects.filter(slug=SLUG).update(title="Edited: “quotes”, ünïcödé & <b>markup</b>")
    before = snapshot()
    call_command("backup_data", output=backup, stdout=io.StringIO())

    Event.objects.update(date_relative_to=None)
    Event.objects.all().delete()
    restore(backup, yes=True)

    assert snapshot() == before


def test_a_version_3_backup_restores_and_the_site_updates_by_its_history(backup, tmp_path):
    """Written before curated bases were backed up: the restored site has none, and an update
    reads each event's base from the version its load saved, as a site set up before does."""
    rewrite(backup, as_version(json.loads(backup.read_text()), 3))
    restore(backup, yes=True)
    assert not CuratedBase.objects.exists()
    with reversion.create_revision():
        Event.objects.filter(slug=SLUG).update(title="Editors' title")
        Event.objects.get(slug=SLUG).save()
    entries = read_fixture("events.json")
    next(e for e in entries if e["slug"] == SLUG)["summary"] = "A revised summary."
    fixtures = fixtures_with(tmp_path / "fixtures", entries)
    call_command("load_curated", fixtures=fixtures, update=True, stdout=io.StringIO())
    event = Event.objects.get(slug=SLUG)
    assert (event.title, event.summary) == ("Editors' title", "A revised summary.")


def test_a_backup_records_its_format_and_the_rows_of_every_table(backup):
    data = json.loads(backup.read_text())
    assert data["format"] == "policing-diplomacy-timeline-backup"
    assert data["version"] == 5
    assert data["counts"]["policing.event"] == Event.objects.count() > 0
    assert data["counts"]["reversion.version"] == Version.objects.count() > 0
    assert len(data["objects"]) == sum(data["counts"].values())


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ([], "plain list"),
        ({}, "not a backup of this project"),
        ({"format": "some-other-app", "version": 1}, "not a backup of this project"),
    ],
)
def test_an_empty_or_foreign_file_is_refused(curated, tmp_path, content, match):
    assert_refused(rewrite(tmp_path / "x.json", content), match, yes=True)


def test_a_file_that_is_not_json_is_refused(curated, tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"format": "policing-diplomacy-timeline-backup", "vers')
    assert_refused(path, "is not JSON", yes=True)


def test_a_subset_is_refused(backup):
    data = json.loads(backup.read_text())
    kept = {"policing.country", "policing.source"}
    data["objects"] = [obj for obj in data["objects"] if obj["model"] in kept]
    with_counts = dict(data, counts={label: data["counts"][label] for label in kept})
    assert_refused(
        rewrite(backup, with_counts), "lacks tables every version 5 backup has", yes=True
    )
    assert_refused(rewrite(backup, data), "does not hold the rows its counts record", yes=True)


def test_counts_of_tables_a_backup_does_not_hold_are_refused(backup):
    data = json.loads(backup.read_text())
    data["counts"]["auth.user"] = 0
    assert_refused(
        rewrite(backup, data), "counts tables a version 5 backup does not hold", yes=True
    )


def test_objects_that_disagree_with_the_counts_are_refused(backup):
    data = json.loads(backup.read_text())
    first_event = next(i for i, o in enumerate(data["objects"]) if o["model"] == "policing.event")
    del data["objects"][first_event]
    assert_refused(rewrite(backup, data), re.escape("policing.event: "), yes=True)


def test_a_backup_of_an_empty_site_is_refused(backup):
    data = json.loads(backup.read_text())
    data["objects"] = []
    data["counts"] = dict.fromkeys(data["counts"], 0)
    assert_refused(rewrite(backup, data), "has no rows for policing.country", yes=True)


def test_rows_of_other_tables_are_refused(backup):
    data = json.loads(backup.read_text())
    data["objects"].append({"model": "auth.user", "pk": 99, "fields": {"username": "x"}})
    assert_refused(rewrite(backup, data), "not a row of a table a version 5 backup holds", yes=True)


def test_a_newer_version_is_refused(backup):
    data = json.loads(backup.read_text())
    assert_refused(
        rewrite(backup, dict(data, version=6)),
        "version 6; this version reads 2, 3, 4 and 5",
        yes=True,
    )


def test_a_backup_from_before_the_research_model_is_refused_saying_how_to_restore_it(backup):
    data = json.loads(backup.read_text())
    assert_refused(rewrite(backup, dict(data, version=1)), "code of its time", yes=True)


def test_an_object_that_does_not_load_changes_nothing(backup):
    data = json.loads(backup.read_text())
    event = next(o for o in data["objects"] if o["model"] == "policing.event")
    event["fields"]["date_start"] = "not a date"
    assert_refused(rewrite(backup, data), "did not load, so nothing was changed", yes=True)


@pytest.mark.parametrize(
    "damage",
    [
        lambda revision: revision.pop("fields"),
        lambda revision: revision.update(fields="not an object"),
        lambda revision: revision["fields"].update(user=[{"not": "a name"}]),
        lambda revision: revision["fields"].update(user=["x" * 200]),
    ],
)
def test_a_row_damaged_where_an_editor_is_named_changes_nothing(backup, damage):
    data = json.loads(backup.read_text())
    damage(next(o for o in data["objects"] if o["model"] == "reversion.revision"))
    assert_refused(rewrite(backup, data), "nothing was changed", yes=True)


def test_repeated_rows_that_load_as_fewer_are_refused(backup):
    data = json.loads(backup.read_text())
    event = next(o for o in data["objects"] if o["model"] == "policing.event")
    data["objects"].insert(data["objects"].index(event), dict(event))
    data["counts"]["policing.event"] += 1
    assert_refused(rewrite(backup, data), "repeated rows", yes=True)


def test_a_database_with_data_is_not_replaced_without_yes(backup, backup_dir):
    Event.objects.filter(slug=SLUG).update(title="Edited after the backup")
    assert_refused(backup, "--yes")
    assert not backup_dir.exists() or not any(backup_dir.iterdir())


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_only_typing_yes_replaces(backup):
    Event.objects.filter(slug=SLUG).update(title="Edited after the backup")
    assert_refused(backup, "Not confirmed", stdin=Terminal("y\n"))

    out = restore(backup, stdin=Terminal("yes\n"))
    assert "Type yes to replace" in out
    assert not Event.objects.filter(title="Edited after the backup").exists()


def test_what_would_be_replaced_is_shown(backup):
    Event.objects.update(date_relative_to=None)
    Event.objects.filter(slug=SLUG).delete()
    out = restore(backup, dry_run=True)
    now = Event.objects.count()
    assert re.search(rf"policing\.event\s+{now}\s+{now + 1}\b", out)
    assert not Event.objects.filter(slug=SLUG).exists()


def test_an_empty_database_is_restored_without_asking(backup, backup_dir):
    before = snapshot()
    Event.objects.update(date_relative_to=None)
    for model in [Version, Revision, Figure, Citation, EventRelation, EventActor, Participant]:
        model.objects.all().delete()
    for model in [CuratedConflict, CuratedBase, Event, Actor, Thread, Passage, Source, Country]:
        model.objects.all().delete()
    restore(backup)
    assert snapshot() == before
    assert not backup_dir.exists()


def test_the_data_a_restore_replaces_is_saved_and_restorable(backup):
    Event.objects.filter(slug=SLUG).update(title="Edited after the backup")
    edited = snapshot()

    out = restore(backup, yes=True)
    undo = Path(re.search(r"Saved the current data to (\S+);", out).group(1))
    assert undo.name.startswith("pre-restore-")
    assert not Event.objects.filter(title="Edited after the backup").exists()

    restore(undo, yes=True)
    assert snapshot() == edited


def test_backups_are_readable_by_their_owner_only(backup, tmp_path):
    previous = os.umask(0o022)
    try:
        output = tmp_path / "shared.json"
        output.write_text("")
        output.chmod(0o644)
        call_command("backup_data", output=output, stdout=io.StringIO())
        out = restore(output, yes=True)
    finally:
        os.umask(previous)
    undo = Path(re.search(r"Saved the current data to (\S+);", out).group(1))
    assert output.stat().st_mode & 0o777 == 0o600
    assert undo.stat().st_mode & 0o777 == 0o600


def test_an_old_plain_list_backup_needs_the_flag_and_still_has_its_core_tables(backup):
    data = json.loads(backup.read_text())
    rewrite(backup, data["objects"])
    assert_refused(backup, "--old-format", yes=True)

    Event.objects.update(date_relative_to=None)
    Event.objects.filter(slug=SLUG).delete()
    restore(backup, yes=True, old_format=True)
    assert Event.objects.filter(slug=SLUG).exists()

    subset = [o for o in data["objects"] if o["model"] in ("policing.country", "policing.source")]
    assert_refused(
        rewrite(backup, subset), "no rows for policing.passage", yes=True, old_format=True
    )


# --- the review queue -------------------------------------------------------------------------


@pytest.fixture
def queued(curated) -> Source:
    """A source whose candidates are in the review queue: one rejected with its reason, the
    others pending, as an editor leaves them."""
    source = Source.objects.get(slug="scmp-yahoo")
    assert proposals.queue(source) >= 2
    editor = User.objects.create_user("alice")
    review.reject(source.proposals.order_by("pk").first(), user=editor, reason="Background.")
    return source


def test_the_review_queue_and_its_rejections_are_restored(queued, tmp_path):
    path = tmp_path / "backup.json"
    call_command("backup_data", output=path, stdout=io.StringIO())
    before = snapshot()
    queued.proposals.all().delete()

    restore(path, yes=True)

    assert snapshot() == before
    rejected = queued.proposals.get(status=ProposalStatus.REJECTED)
    assert (rejected.reject_reason, rejected.decided_by.username) == ("Background.", "alice")
    assert queued.proposals.filter(status=ProposalStatus.PENDING).exists()
    # The rejection is remembered: proposing the source again offers nothing new.
    assert proposals.queue(queued) == 0
    assert snapshot() == before


def test_a_version_2_backup_restores_with_an_empty_queue_and_can_be_undone(backup, queued):
    # As version 2 wrote it, before proposals were backed up: no rows and no count for them.
    data = as_version(json.loads(backup.read_text()), 3)
    data["counts"].pop("policing.proposal", None)
    data["objects"] = [o for o in data["objects"] if o["model"] != "policing.proposal"]
    rewrite(backup, dict(data, version=2))
    with_queue = snapshot()
    assert with_queue["Proposal"]

    out = restore(backup, yes=True)
    assert re.search(rf"policing\.proposal\s+{len(with_queue['Proposal'])}\s+0\b", out)
    assert not Proposal.objects.exists()
    assert Event.objects.filter(slug=SLUG).exists()

    undo = Path(re.search(r"Saved the current data to (\S+);", out).group(1))
    restore(undo, yes=True)
    assert snapshot() == with_queue


def test_a_backup_cut_short_of_its_proposals_is_refused(queued, tmp_path):
    path = tmp_path / "backup.json"
    call_command("backup_data", output=path, stdout=io.StringIO())
    data = json.loads(path.read_text())
    rows = [i for i, o in enumerate(data["objects"]) if o["model"] == "policing.proposal"]
    assert rows, "the backup holds the review queue"
    del data["objects"][rows[-1]]
    assert_refused(rewrite(path, data), re.escape("policing.proposal: "), yes=True)


def test_a_version_2_backup_that_holds_proposals_is_refused(queued, tmp_path):
    path = tmp_path / "backup.json"
    call_command("backup_data", output=path, stdout=io.StringIO())
    data = dict(as_version(json.loads(path.read_text()), 3), version=2)
    assert_refused(rewrite(path, data), "counts tables a version 2 backup does not hold", yes=True)
    del data["counts"]["policing.proposal"]
    assert_refused(rewrite(path, data), "not a row of a table a version 2 backup holds", yes=True)


# --- editors' accounts ------------------------------------------------------------------------


def test_a_restore_on_a_site_without_the_editors_accounts_keeps_who_wrote_what(queued, tmp_path):
    """Accounts are not in a backup, so a new machine lacks them: the history and the review
    keep their editor, whose account is added inactive and without a password."""
    path = tmp_path / "backup.json"
    call_command("backup_data", output=path, stdout=io.StringIO())
    authors = {r.pk: r.user and r.user.username for r in Revision.objects.select_related("user")}
    assert "alice" in authors.values()
    counts = {model: model.objects.count() for model in (Revision, Version, Proposal, Event)}
    Revision.objects.all().delete()
    User.objects.filter(username="alice").delete()  # as on a new machine

    assert "alice" in restore(path, dry_run=True)
    assert not User.objects.filter(username="alice").exists()  # a dry run adds nobody
    output = restore(path, yes=True)

    assert "alice" in output and "changepassword" in output
    assert {model: model.objects.count() for model in counts} == counts
    restored = Revision.objects.select_related("user")
    assert {r.pk: r.user and r.user.username for r in restored} == authors
    alice = User.objects.get(username="alice")
    assert not alice.is_active and not alice.has_usable_password()
    rejected = queued.proposals.get(status=ProposalStatus.REJECTED)
    assert rejected.decided_by == alice


def test_an_account_a_restore_would_add_is_taken_back_when_the_restore_fails(queued, tmp_path):
    path = tmp_path / "backup.json"
    call_command("backup_data", output=path, stdout=io.StringIO())
    data = json.loads(path.read_text())
    event = next(o for o in data["objects"] if o["model"] == "policing.event")
    event["fields"]["activity"] = None  # a row the database refuses
    rewrite(path, data)
    User.objects.filter(username="alice").delete()

    with pytest.raises(CommandError, match="nothing was changed"):
        restore(path, yes=True)
    assert not User.objects.filter(username="alice").exists()


# --- Releases and corrections -------------------------------------------------------------------


@pytest.fixture
def releases_dir(settings, tmp_path) -> Path:
    settings.RELEASES_DIR = tmp_path / "releases"
    settings.SITE_URL = "http://testserver"
    return settings.RELEASES_DIR


def _forget_releases() -> None:
    """What a new machine has: no release rows and no files (outside the models, which refuse
    to delete a release)."""
    from django.db import connection

    from policing.models import Release, ReleaseEntry

    for release in Release.objects.all():
        release.path.unlink()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {ReleaseEntry._meta.db_table}")
        cursor.execute(f"DELETE FROM {Release._meta.db_table}")


def test_releases_and_corrections_survive_a_backup_and_a_restore(curated, releases_dir, tmp_path):
    from policing.models import Correction, Release
    from policing.models.corrections import recording

    event = Event.objects.get(slug=SLUG)
    with recording([event], reason="A clearer title."):
        event.title = "A clearer title"
        event.save()
    call_command("release", "2026.1", stdout=io.StringIO())
    release = Release.objects.get()
    checksum, entries = release.checksum, release.entries.count()
    path = tmp_path / "backup.json"
    call_command("backup_data", output=path, stdout=io.StringIO())

    _forget_releases()
    Correction.objects.all().delete()
    out = restore(path, yes=True)
    assert "Releases in the backup: 2026.1" in out
    restored = Release.objects.get()
    assert (restored.version, restored.checksum, restored.entries.count()) == (
        "2026.1",
        checksum,
        entries,
    )
    assert hashlib.sha256(restored.path.read_bytes()).hexdigest() == checksum
    assert Correction.objects.get().reason == "A clearer title."


def test_a_restore_keeps_the_releases_made_after_the_backup(backup, releases_dir):
    from policing.models import Release

    call_command("release", "2026.1", stdout=io.StringIO())
    restore(backup, yes=True)
    assert Release.objects.get().version == "2026.1"
    assert Release.objects.get().path.is_file()


def test_a_backup_whose_release_differs_from_the_sites_is_refused(curated, releases_dir, tmp_path):
    call_command("release", "2026.1", stdout=io.StringIO())
    path = tmp_path / "backup.json"
    call_command("backup_data", output=path, stdout=io.StringIO())
    data = json.loads(path.read_text())
    other = b"another history"
    data["releases"][0]["zip"] = base64.b64encode(other).decode()
    data["releases"][0]["checksum"] = hashlib.sha256(other).hexdigest()
    assert_refused(rewrite(path, data), "differ from this site's", yes=True)


def test_a_release_zip_damaged_in_the_backup_is_refused(curated, releases_dir, tmp_path):
    call_command("release", "2026.1", stdout=io.StringIO())
    path = tmp_path / "backup.json"
    call_command("backup_data", output=path, stdout=io.StringIO())
    data = json.loads(path.read_text())
    data["releases"][0]["zip"] = base64.b64encode(b"cut short").decode()
    assert_refused(rewrite(path, data), "not the one recorded", yes=True)
