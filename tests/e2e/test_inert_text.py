"""Whatever an editor types shows as text: no page runs it and nothing opens a dialog."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from policing.corpus.seeds import import_text
from policing.models import Citation, Country, Event, Participant, Source

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"),
]
PAYLOADS = [
    "<script>window.__pwned=1;alert('script')</script>",
    '<img src=x onerror="window.__pwned=2;alert(`img`)">',
    '"><svg onload=alert(3)>',
    "</script><script>alert(4)</script>",
    "javascript:alert(5)",
]
HOSTILE = " ".join(PAYLOADS)


@pytest.fixture
def hostile_event(site):
    source = Source.objects.create(
        slug="hostile-source",
        title=f"Report {HOSTILE}",
        outlet=f"Outlet {PAYLOADS[1]}",
        syndication=f"Via {PAYLOADS[2]}",
        provenance=f"Provenance {HOSTILE}",
        published=dt.date(2025, 2, 1),
        text=f"Opening line.\nThe embassy wrote {HOSTILE} in its post.\n",
    )
    import_text(source)
    event = Event.objects.create(
        slug="hostile-event",
        title=f"Event {PAYLOADS[0]}",
        activity="training",
        summary=f"Summary {HOSTILE}",
        date_text="2025",
        date_start=dt.date(2025, 1, 1),
        date_precision="year",
        disputed=True,
        dispute_note=f"Note {HOSTILE}",
        no_country_note=f"No country {PAYLOADS[3]}",
        published=True,
    )
    Participant.objects.create(event=event, country=Country.objects.get(code="SB"))
    Citation(event=event, source=source, quote=f"wrote {HOSTILE}", claim=PAYLOADS[4]).save()
    return event


def test_editor_text_renders_as_text_everywhere(page, site, hostile_event):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    pages = [
        "/?year=2025",  # the hostile event's year: its card is on the first page
        "/?q=wrote",  # search reads titles, summaries and quotes; the quote has "wrote"
        "/events/hostile-event/",
        "/sources/",
        "/sources/hostile-source/",
        "/countries/sb/",
    ]
    for path in pages:
        page.goto(site + path)
        expect(page.get_by_text("<script>window.__pwned=1", exact=False).first).to_be_visible()
        assert page.evaluate("() => window.__pwned") is None, path
        assert page.locator("img[src=x], svg[onload]").count() == 0, path
    assert dialogs == []


def test_json_ld_cannot_be_closed_by_editor_text(page, site, hostile_event):
    page.goto(site + "/events/hostile-event/")
    blocks = page.locator("script[type='application/ld+json']")
    expect(blocks).to_have_count(1)
    data = page.evaluate(
        "() => JSON.parse(document.querySelector(\"script[type='application/ld+json']\").text)"
    )
    assert data["name"] == hostile_event.title
    assert page.evaluate("() => window.__pwned") is None
