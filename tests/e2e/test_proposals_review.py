"""From a new report to cited events, in a real browser: an editor pastes a report as a new
source, reviews the events proposed from it (accepts two, edits one before accepting it,
rejects one with a reason), publishes the drafts, and finds them on the public timeline with
their quoted words highlighted in the source. Also: citing words selected in the reader, which
fills in what the words state."""

import pytest
from playwright.sync_api import expect

from policing.models import Event, Proposal, Source

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]
FIJI = "On 3 March 2025, Fiji and China signed a policing agreement in Suva"
PNG = (
    "On 10 March 2025, Chinese police began training 40 officers from Papua New Guinea in "
    "Port Moresby"
)
TIMOR = "On 12 March 2025, Timor-Leste and China announced a joint patrol programme"
RUGBY = "On 14 March 2025, Chinese police officers visited a rugby match in Honiara"
REPORT = f"""Pacific policing ties deepen

{FIJI}.
{PNG}.
{TIMOR}.
{RUGBY}.
"""
TIMOR_TITLE = "Timor-Leste and China announce joint police patrols"


def review_page_of(page, quote: str):
    expect(page.locator(".review-paragraph mark")).to_have_text(quote)


def test_a_pasted_report_becomes_reviewed_published_events(signed_in, site):
    page = signed_in
    page.goto(site + "/admin/policing/source/add/")
    page.locator("#id_title").press_sequentially("Pacific policing ties deepen")
    expect(page.locator("#id_slug")).not_to_have_value("")
    page.fill("#id_outlet", "Example Pacific News")
    page.fill("#id_published_edtf", "2025-03-20")
    page.fill("#id_text", REPORT)
    page.click("input[name=_continue]")
    messages = page.locator(".messagelist")
    expect(messages).to_contain_text("4 new event(s) proposed")

    # One proposal at a time, from the list (the grid has them all on one page).
    page.get_by_role("link", name="4 to review").click()
    page.get_by_role("link", name="As a list").click()
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(4)
    rows.first.locator("th a").click()

    # Two accepted as proposed, each leading to the next proposal of the report.
    review_page_of(page, FIJI)
    expect(page.locator(".review-facts")).to_contain_text("3 Mar 2025")
    expect(page.locator(".review-facts")).to_contain_text("Fiji (counterpart)")
    page.get_by_role("button", name="Accept as a draft event").click()
    expect(messages).to_contain_text("is a draft")
    review_page_of(page, PNG)
    page.get_by_role("button", name="Accept as a draft event").click()
    expect(messages).to_contain_text("is a draft")

    # One edited first: a title and summary in the editors' words, shorter quoted words.
    review_page_of(page, TIMOR)
    page.get_by_role("link", name="Edit, then accept").click()
    expect(page.locator("#id_quote")).to_have_value(TIMOR)
    page.fill("#id_title", TIMOR_TITLE)
    page.fill("#id_summary", "Timor-Leste and China said they would patrol together.")
    page.fill("#id_quote", "Timor-Leste and China announced a joint patrol programme")
    page.locator("#proposal-edit-form input[type=submit]").click()
    expect(messages).to_contain_text("is a draft")

    # One rejected with the reason, which is kept.
    review_page_of(page, RUGBY)
    page.get_by_label("Why reject it").fill("A sports outing, not policing diplomacy.")
    page.get_by_role("button", name="Reject with this reason").click()
    expect(messages).to_contain_text("Rejected")
    expect(page.locator("#result_list")).to_have_count(0)  # nothing left to review

    source = Source.objects.get(slug="pacific-policing-ties-deepen")
    decided = dict(source.proposals.values_list("quote", "status"))
    assert decided == {FIJI: "accepted", PNG: "accepted", TIMOR: "accepted", RUGBY: "rejected"}
    assert source.proposals.get(quote=RUGBY).reject_reason.startswith("A sports outing")
    events = Event.objects.filter(proposals__source=source)
    assert events.count() == 3 and not events.filter(published=True).exists()

    # Published by the editor, in the event list.
    page.goto(site + "/admin/policing/event/?published__exact=0")
    for event in events:
        page.locator("#result_list tr", has_text=event.title).locator("input.action-select").check()
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    expect(messages).to_contain_text("Published 3 event(s)")

    # On the public timeline, each with its words highlighted in the source.
    for query, quote in [("Suva", FIJI), ("Moresby", PNG), ("patrol Timor", TIMOR)]:
        page.goto(f"{site}/?q={query}")
        event = Event.objects.get(proposals__quote=quote)
        card = page.locator("article", has_text=event.title)
        expect(card).to_have_count(1)
        card.locator("a.cite-link").first.click()
        expected = quote if quote != TIMOR else "Timor-Leste and China announced a joint patrol"
        expect(page.locator("mark.cited", has_text=expected).first).to_be_visible()
    assert Event.objects.get(proposals__quote=TIMOR).title == TIMOR_TITLE
    assert not Proposal.objects.filter(quote=RUGBY, event__isnull=False).exists()


def test_words_selected_in_the_reader_start_a_new_event(signed_in, site):
    page = signed_in
    source = Source.objects.get(slug="scmp-yahoo")
    page.goto(f"{site}/admin/policing/source/{source.pk}/cite/")
    words = "wrapping up police tactical training for local officers"
    paragraph = page.locator("[data-passage] > p", has_text=words)
    # Select the words as a reader would, then release the mouse where the selection ends.
    paragraph.evaluate(
        """(element, words) => {
            const text = element.firstChild;
            const start = text.data.indexOf(words);
            const range = document.createRange();
            range.setStart(text, start);
            range.setEnd(text, start + words.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            element.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
        }""",
        words,
    )
    control = page.get_by_role("group", name="Cite the selected words")
    expect(control).to_be_visible()
    control.get_by_role("link", name="in a new event").click()
    expect(page.locator("h1")).to_have_text("Add event")
    expect(page.locator("#id_citations-0-quote")).to_have_value(words)
    expect(page.locator("#id_citations-0-source")).to_have_value(str(source.pk))
    # What the words state, read as a proposal of them would be: filled in, and the date read.
    expect(page.locator("#id_activity")).to_have_value("training")
    expect(page.locator("#id_stage")).to_have_value("completed")
    expect(page.locator("#id_date_text")).to_have_value("earlier this month")
    expect(page.locator("#date-preview")).to_contain_text("between 1 and 22 Feb 2025")
    expect(page.locator("#id_participants-0-country")).to_have_value("CN")
    expect(page.locator("#id_participants-0-role")).to_have_value("subject")
    expect(page.locator("#id_participants-1-country")).to_have_value("SB")
    expect(page.locator("#id_participants-1-role")).to_have_value("counterpart")
