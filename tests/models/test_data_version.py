"""Every way public data can change moves the data version on, so no cached page, facet index
or 304 outlives the change (caching.py keys them all on it)."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from policing.models import (
    Actor,
    Citation,
    Country,
    DataVersion,
    Event,
    EventActor,
    EventRelation,
    Figure,
    IndexChange,
    Participant,
    Thread,
)
from tests.fixture_files import fixtures_with, read_fixture

SLUG = "myanmar-scam-centre-repatriation-2025"


def version() -> int:
    return DataVersion.current().counter


@pytest.fixture
def before(curated) -> int:
    return version()


def test_a_save_through_the_admin(client, before):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x" * 12))
    event = Event.objects.get(slug=SLUG)
    response = client.post(
        reverse("admin:policing_event_changelist"),
        {
            "action": "unpublish",
            "_selected_action": [event.pk],
            "withdraw_reason": "Its only report misdates it.",  # a withdrawal says why
        },
    )
    assert response.status_code == 302
    assert not Event.objects.get(pk=event.pk).published
    assert version() > before


@pytest.mark.parametrize(
    "change",
    [
        lambda: Event.objects.get(slug=SLUG).save(),
        lambda: Event.objects.get(slug=SLUG).countries.add(Country.objects.get(code="FJ")),
        lambda: Event.objects.get(slug=SLUG).countries.clear(),
        lambda: Figure.objects.filter(event__slug=SLUG).first().delete(),
        lambda: Citation.objects.filter(event__slug=SLUG).last().save(),
        lambda: Country.objects.get(code="FJ").save(),
        lambda: Participant.objects.filter(event__slug=SLUG).first().save(),
        lambda: Participant.objects.filter(event__slug=SLUG).first().delete(),
        lambda: EventActor.objects.filter(event__slug=SLUG).first().save(),
        lambda: EventRelation.objects.first().save(),
        lambda: Actor.objects.first().save(),
        lambda: Thread.objects.first().save(),
    ],
    ids=[
        "event save",
        "country added",
        "countries cleared",
        "figure deleted",
        "citation",
        "country",
        "participant saved",
        "participant deleted",
        "actor role",
        "relation",
        "actor",
        "thread",
    ],
)
def test_a_change_through_the_orm(before, change):
    change()
    assert version() > before


def test_load_curated_with_update_of_a_revised_fixture(before, tmp_path):
    entries = read_fixture("events.json")
    next(e for e in entries if e["slug"] == SLUG)["title"] = "Revised in the fixtures"
    fixtures = fixtures_with(tmp_path, entries)
    call_command("load_curated", fixtures=fixtures, update=True, verbosity=0)
    assert Event.objects.get(slug=SLUG).title == "Revised in the fixtures"
    assert version() > before


def test_import_sources_of_a_changed_document(before, seeds_copy, settings):
    settings.SEEDS_DIR = seeds_copy
    manifest = seeds_copy / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    # A changed title is a change to what the reader shows, with no document edited.
    assert 'title = "' in text
    manifest.write_text(text.replace('title = "', 'title = "Re-titled: ', 1), encoding="utf-8")
    call_command("import_sources", verbosity=0)
    assert version() > before


def test_restore_data(before, tmp_path, settings):
    settings.BACKUP_DIR = tmp_path / "backups"
    backup = tmp_path / "backup.json"
    call_command("backup_data", output=backup, stdout=io.StringIO())
    Event.objects.filter(slug=SLUG).update(title="Changed before the restore")
    changed = version()
    call_command("restore_data", backup, yes=True, stdout=io.StringIO())
    assert Event.objects.get(slug=SLUG).title != "Changed before the restore"
    assert version() > changed


def test_each_change_logs_the_events_it_changed_for_the_facet_index(before):
    event = Event.objects.get(slug=SLUG)
    event.save()
    Participant.objects.filter(event=event).first().save()
    # Whether an event cites anything decides whether it is public (querysets.public).
    Citation.objects.filter(event=event).first().save()
    Thread.objects.first().save()  # its slug is read through every event: anything
    logged = list(
        IndexChange.objects.filter(version__gt=before)
        .order_by("version")
        .values_list("event_id", flat=True)
    )
    assert logged == [event.pk, event.pk, event.pk, None]
