"""A report reviewed in its grid, in a real browser: an editor pastes a report of five acts,
accepts two selected rows with the keys, edits one row and accepts it, merges one into an
existing event chosen in the picker (which shows each event's date), rejects one with a reason,
all published on accepting; the public timeline then shows the accepted events, each with its
quoted words highlighted in the report."""

import pytest
from playwright.sync_api import expect

from policing.models import Event, Proposal, Source
from tests.pasted_report import COURSE, FIJI, PNG, REPORT, RUGBY, TIMOR
from tests.proposing import five_proposals

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]
TIMOR_TITLE = "Timor-Leste and China announce joint police patrols"
TRAINING = "solomon-islands-police-tactical-training-2025"


def row_of(page, quote: str):
    return page.locator(".grid-row", has=page.locator("mark", has_text=quote))


def test_a_report_is_reviewed_in_its_grid_and_published(signed_in, site, axe):
    page = signed_in
    page.goto(site + "/admin/policing/source/add/")
    page.locator("#id_title").press_sequentially("Pacific policing ties deepen")
    page.fill("#id_outlet", "Example Pacific News")
    page.fill("#id_published_edtf", "2025-03-20")
    page.fill("#id_text", REPORT)
    page.click("input[name=_continue]")
    messages = page.locator(".messagelist")
    expect(messages).to_contain_text("5 new event(s) proposed")
    page.get_by_role("link", name="5 to review").click()

    expect(page.locator(".grid-row.is-pending")).to_have_count(5)
    expect(page.locator("#grid-keys")).to_be_visible()  # the keys, once the script runs
    assert axe(page) == []
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: one column
    assert axe(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Publish on accept").check()

    # Two accepted together: selected with the keys, then "Accept selected rows" (A).
    page.locator("body").press("j")
    expect(row_of(page, FIJI)).to_be_focused()
    page.keyboard.press("x")
    page.keyboard.press("j")
    expect(row_of(page, PNG)).to_be_focused()
    page.keyboard.press("x")
    page.keyboard.press("Shift+A")
    expect(messages).to_contain_text("Accepted and published")
    expect(row_of(page, FIJI)).to_have_class("grid-row is-decided")
    expect(row_of(page, PNG)).to_have_class("grid-row is-decided")
    expect(page.get_by_label("Publish on accept")).to_be_checked()  # kept for the next ones

    # One edited, then accepted from its row: only that row changes.
    timor = row_of(page, TIMOR)
    timor.get_by_label("Title").fill(TIMOR_TITLE)
    timor.get_by_role("button", name="Accept", exact=True).click()
    expect(timor.locator(".grid-outcome")).to_contain_text("Accepted and published")
    expect(timor.locator(".grid-outcome")).to_contain_text(TIMOR_TITLE)

    # One rejected with a reason: r, the reason, Enter. (The focus moved on to it.)
    rugby = row_of(page, RUGBY)
    expect(rugby).to_be_focused()
    page.keyboard.press("r")
    expect(rugby.get_by_label("Why reject it")).to_be_focused()
    page.keyboard.type("A sports outing, not policing diplomacy.")
    page.keyboard.press("Enter")
    expect(rugby.locator(".grid-outcome")).to_contain_text("Rejected")

    # One merged into the curated training event, found by words; the picker shows dates.
    course = row_of(page, COURSE)
    expect(course).to_be_focused()
    course.get_by_label("Find another event").fill("Solomon training")
    training = Event.objects.get(slug=TRAINING)
    choice = course.locator(".picker-choice", has_text=training.title)
    expect(choice).to_contain_text("between 1 and 11 Feb 2025")
    expect(choice).to_contain_text("Solomon Islands")
    expect(choice.locator("input[type=radio]")).to_be_checked()  # its own best match, first
    page.keyboard.press("Escape")  # out of the search box
    page.keyboard.press("m")
    expect(choice.locator("input[type=radio]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(course.locator(".grid-outcome")).to_contain_text("The words are cited in")
    expect(page.locator("#grid-summary")).to_contain_text(
        "0 pending, 3 accepted, 1 merged, 1 rejected"
    )

    source = Source.objects.get(slug="pacific-policing-ties-deepen")
    decided = dict(source.proposals.values_list("quote", "status"))
    assert decided == {
        FIJI: "accepted",
        PNG: "accepted",
        TIMOR: "accepted",
        RUGBY: "rejected",
        COURSE: "merged",
    }
    assert source.proposals.get(quote=RUGBY).reject_reason.startswith("A sports outing")
    assert source.proposals.get(quote=COURSE).event == training
    accepted = Event.objects.filter(proposals__source=source, proposals__status="accepted")
    assert accepted.count() == 3 and all(e.published for e in accepted)
    assert Event.objects.get(proposals__quote=TIMOR).title == TIMOR_TITLE

    # On the public timeline, each with its words highlighted in the report.
    for query, quote in [("Suva", FIJI), ("Moresby", PNG), ("patrol Timor", TIMOR)]:
        page.goto(f"{site}/?q={query}")
        event = Event.objects.get(proposals__quote=quote)
        card = page.locator("article", has_text=event.title)
        expect(card).to_have_count(1)
        card.locator("a.cite-link").first.click()
        expect(page.locator("mark.cited", has_text=quote).first).to_be_visible()
    assert not Proposal.objects.filter(quote=RUGBY, event__isnull=False).exists()


def test_the_grid_works_without_javascript(no_script_page, site, signed_in):
    """One row accepted and one rejected with the browser's own form posts."""
    page = no_script_page
    page.context.add_cookies(signed_in.context.cookies())
    five = five_proposals()
    page.goto(f"{site}/admin/policing/proposal/source/{five[0].source_id}/review/")
    expect(page.locator("#grid-keys")).to_be_hidden()
    fiji = page.locator(f"#row-{five[0].pk}")
    fiji.get_by_label("Title").fill("Fiji and China sign a policing agreement")
    fiji.get_by_role("button", name="Accept", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("is a draft")
    rugby = page.locator(f"#row-{five[3].pk}")
    rugby.get_by_label("Why reject it").fill("Not policing.")
    rugby.get_by_label("Why reject it").press("Enter")  # no script: Enter checks the rows
    expect(page.locator(".grid-toolbar")).to_be_visible()
    assert Proposal.objects.get(pk=five[3].pk).status == "pending"
    rugby = page.locator(f"#row-{five[3].pk}")
    expect(rugby.get_by_label("Why reject it")).to_have_value("Not policing.")
    rugby.get_by_role("button", name="Reject").click()
    expect(page.locator(".messagelist")).to_contain_text("Rejected: Not policing.")
    assert Event.objects.get(proposals=five[0]).title == "Fiji and China sign a policing agreement"
