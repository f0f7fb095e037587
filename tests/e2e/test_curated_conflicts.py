"""A curated conflict in a real browser: the notice on the event's page passes the
accessibility audit, and taking the curated version from it updates the event."""

import io

import pytest
import reversion
from django.core.management import call_command
from playwright.sync_api import expect

from policing.models import Event
from tests.fixture_files import fixtures_with, read_fixture

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]
PASSWORD = "a-long-editor-passphrase"
MYANMAR = "myanmar-scam-centre-repatriation-2025"


@pytest.fixture
def editor(site, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)
    call_command("create_editor", "edith", verbosity=0)
    return "edith"


def test_an_editor_takes_the_curated_version_from_the_events_page(
    page, site, editor, tmp_path, axe
):
    with reversion.create_revision():
        event = Event.objects.get(slug=MYANMAR)
        event.title = "Editors' title"
        event.save()
    entries = read_fixture("events.json")
    next(e for e in entries if e["slug"] == MYANMAR)["title"] = "Curated title"
    fixtures = fixtures_with(tmp_path, entries)
    call_command("load_curated", fixtures=fixtures, update=True, stdout=io.StringIO())

    page.goto(f"{site}/admin/login/?next=/admin/policing/event/{event.pk}/change/")
    page.fill("#id_username", editor)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    notice = page.locator(".curated-conflicts")
    expect(notice).to_contain_text("1 part to decide")
    expect(notice.locator("tbody tr")).to_contain_text("Editors' title")
    expect(notice.locator("tbody tr")).to_contain_text("Curated title")
    # The notice only: the rest of the admin's page (its select2 widgets) is not ours to audit.
    axe(page)  # loads axe-core
    audit = "async () => await axe.run('.curated-conflicts', {resultTypes: ['violations']})"
    violations = page.evaluate(audit)["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []

    notice.get_by_role("button", name="Take the curated version").click()
    expect(page.locator(".messagelist")).to_contain_text("Kept the curated title")
    expect(page.locator(".curated-conflicts")).to_have_count(0)
    assert Event.objects.get(pk=event.pk).title == "Curated title"
