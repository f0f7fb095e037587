"""An editor's whole path in a real browser: sign in, add an event with a fuzzy date and a
citation, see the date resolved before saving, publish, and find it on the public timeline
with its highlighted passage."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from policing.models import Event, Source

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]
PASSWORD = "a-long-editor-passphrase"
TITLE = "Liaison officers wrap up a tactical course in Honiara"
QUOTE = "wrapping up police tactical training for local officers"


@pytest.fixture
def editor(site, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)
    call_command("create_editor", "edith", verbosity=0)
    return "edith"


def test_editor_adds_publishes_and_finds_an_event(page, site, editor):
    page.goto(site + "/admin/login/?next=/admin/policing/event/add/")
    page.fill("#id_username", editor)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("h1")).to_have_text("Add event")
    # Typed once the page's scripts have run, so that none moves the focus mid-word (on a
    # loaded machine the saved title once lacked what was typed).
    page.wait_for_load_state("load")
    title = page.locator("#id_title")
    title.click()
    title.press_sequentially(TITLE)  # typed, so the slug follows
    expect(title).to_have_value(TITLE)
    expect(page.locator("#id_slug")).not_to_have_value("")  # prepopulated from the title
    page.select_option("#id_activity", "training")
    page.fill("#id_summary", "Thirty Solomon Islands officers completed a tactical course.")
    scmp = Source.objects.get(slug="scmp-yahoo")
    page.select_option("#id_citations-0-source", value=str(scmp.pk))
    page.fill("#id_citations-0-quote", QUOTE)
    page.fill("#id_date_text", "earlier this month")
    # Read against the first cited source (23 Feb 2025), shown before anything is saved.
    expect(page.locator("#date-preview")).to_contain_text("Feb 2025")

    page.locator("#participants-0 .field-country .select2-selection").click()
    page.keyboard.type("Solomon")
    page.locator(".select2-results__option", has_text="Solomon Islands").click()

    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    event = Event.objects.get(title=TITLE)
    assert not event.published  # a draft until published
    assert [(p.country_id, p.role) for p in event.participants.all()] == [("SB", "counterpart")]
    assert page.locator(".field-anchored_in a").first.inner_text().startswith("scmp-yahoo ¶")

    page.goto(site + "/?q=Honiara")
    expect(page.get_by_text(TITLE)).to_have_count(0)

    page.goto(site + f"/admin/policing/event/{event.pk}/change/")
    page.check("#id_published")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(site + "/?q=Honiara")
    card = page.locator("article", has_text=TITLE)
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Feb 2025")
    card.locator("a[href*='/sources/scmp-yahoo/']").first.click()
    highlight = page.locator("mark", has_text="wrapping up police tactical training")
    expect(highlight.first).to_be_in_viewport()
