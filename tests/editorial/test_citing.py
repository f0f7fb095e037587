"""Citing selected words: the reader's links pre-fill the citation of a new event, an event
cites the same words once, and the cite page anchors pasted words or refuses them, saying why."""

from urllib.parse import urlencode

import pytest
from django.db import IntegrityError
from django.urls import reverse
from reversion.models import Version

from policing.corpus import seeds
from policing.editorial import citing
from policing.models import Citation, Event, Source
from tests.editorial.forms import ADD_URL, change_form_data, event_form, inline_forms
from tests.markup import select
from tests.proposing import make_proposal

QUOTE = "wrapping up police tactical training for local officers"
TRAINING = "solomon-islands-police-tactical-training-2025"


def scmp() -> Source:
    return Source.objects.get(slug="scmp-yahoo")


def citation_fields(response, index: int = 0) -> dict:
    """The source and quote the citation form at `index` shows."""
    form = response.context["inline_admin_formsets"][0].formset.forms[index]
    return {"source": form["source"].value(), "quote": form["quote"].value()}


def test_the_add_form_fills_its_citation_from_the_link(editor_client):
    query = urlencode({"source": scmp().pk, "passage": "p-nope", "quote": QUOTE})
    response = editor_client.get(f"{ADD_URL}?{query}")
    assert response.status_code == 200
    assert citation_fields(response) == {"source": scmp().pk, "quote": QUOTE}
    assert f">\n{QUOTE}</textarea>" in response.content.decode()


def prefilled(response) -> dict:
    """The event fields and the participants the add form starts with."""
    form = response.context["adminform"].form
    names = ["activity", "stage", "date_text", "date_source", "date_manual", "date_edtf"]
    participants = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "participants"
    )
    return {
        **{name: form[name].value() for name in [*names, "date_reading"]},
        "participants": [(f["country"].value(), f["role"].value()) for f in participants.forms],
    }


def test_the_add_form_reads_the_selected_words_as_a_proposal_would(editor_client):
    """Activity, stage, date and states, read from the words' sentence in their paragraph."""
    query = urlencode({"source": scmp().pk, "quote": QUOTE})
    shown = prefilled(editor_client.get(f"{ADD_URL}?{query}"))
    assert shown == {
        "activity": "training",
        "stage": "completed",
        "date_text": "earlier this month",  # read against the source, as the form reads it
        "date_source": scmp().pk,
        "date_manual": False,
        "date_edtf": None,
        "date_reading": None,
        "participants": [("CN", "subject"), ("SB", "counterpart"), (None, "counterpart")],
    }


def test_the_words_of_a_proposal_are_read_as_the_proposal_reads_them(editor_client):
    """A proposal read the words with the report before them: its date is set directly, with
    how it was read, where the phrase alone would read otherwise."""
    make_proposal(
        quote=QUOTE,
        activity="training",
        stage="started",
        date_text="earlier this month",
        date_edtf="2025-02~",
        date_reading="Read with the paragraph before it: about February.",
        countries=["SB", "AU", "CN"],
    )
    query = urlencode({"source": scmp().pk, "quote": "police tactical training"})
    shown = prefilled(editor_client.get(f"{ADD_URL}?{query}"))
    assert (shown["activity"], shown["stage"]) == ("training", "started")
    assert (shown["date_manual"], shown["date_edtf"], shown["date_source"]) == (
        True,
        "2025-02~",
        scmp().pk,
    )
    assert shown["date_reading"] == "Read with the paragraph before it: about February."
    assert shown["participants"][:3] == [
        ("SB", "counterpart"),
        ("AU", "counterpart"),
        ("CN", "subject"),
    ]


def test_a_prefilled_event_saves_as_it_came_with_a_title(editor_client):
    query = urlencode({"source": scmp().pk, "quote": QUOTE})
    response = editor_client.get(f"{ADD_URL}?{query}")
    data = event_form(published=None, date_text="earlier this month", date_source=str(scmp().pk))
    data.update(
        inline_forms(
            "participants",
            [
                {"country": c or "", "region": "", "role": r}
                for c, r in prefilled(response)["participants"]
            ],
        )
    )
    assert editor_client.post(ADD_URL, data).status_code == 302
    event = Event.objects.get(slug="editor-added-training")
    assert {(p.country_id, p.role) for p in event.participants.all()} == {
        ("CN", "subject"),
        ("SB", "counterpart"),
    }
    assert event.date_edtf == "[2025-02-01..2025-02-22]"


def test_words_that_state_no_act_are_read_for_what_they_name(curated):
    source = Source.objects.create(
        slug="friends",
        title="Old friends",
        outlet="Example",
        published_edtf="2025-03-20",
        text="Fiji and China have long been friends, officials said.\n",
    )
    seeds.import_text(source)
    reading = citing.read(citing.Selection(source, "Fiji and China have long been friends"))
    assert (reading.activity, reading.date_edtf) == ("", "")
    assert reading.participants == (("FJ", "counterpart"), ("CN", "subject"))
    assert citing.read(citing.Selection(source, "words it does not have")) == citing.Reading()


def test_a_prefilled_citation_is_saved_although_the_editor_left_it_as_it_came(editor_client):
    # The form posts back the words it was given: an unchanged extra form is still a citation.
    response = editor_client.post(ADD_URL, event_form(published=None))
    assert response.status_code == 302
    event = Event.objects.get(slug="editor-added-training")
    assert event.citations.get().quoted_text == QUOTE


def test_an_unknown_source_in_the_link_leaves_the_citation_empty(editor_client):
    for query in ("source=999999&quote=x", "source=abc&quote=x", "quote=x"):
        response = editor_client.get(f"{ADD_URL}?{query}")
        assert response.status_code == 200
        assert citation_fields(response) == {"source": None, "quote": None}


def test_an_existing_events_change_form_leaves_its_new_citation_empty(editor_client):
    # Words in the address are for a new event ("in a new event"): an existing event's form,
    # which "Save and continue editing" reaches with the same address, does not take them.
    event = Event.objects.get(slug=TRAINING)
    cited = event.citations.count()
    url = reverse("admin:policing_event_change", args=[event.pk])
    response = editor_client.get(f"{url}?{urlencode({'source': scmp().pk, 'quote': QUOTE})}")
    assert citation_fields(response, cited) == {"source": None, "quote": None}


def posted_as_shown(client, event, address: str) -> dict:
    """What the change form at `address` posts back when saved as it is shown."""
    data = change_form_data(client, event)
    forms = client.get(address).context["inline_admin_formsets"][0].formset.forms
    for index, form in enumerate(forms):
        if form.instance.pk is None and form["quote"].value():
            data[f"citations-{index}-source"] = str(form["source"].value())
            data[f"citations-{index}-quote"] = form["quote"].value()
            data[f"citations-{index}-order"] = "0"
            data["citations-TOTAL_FORMS"] = str(index + 1)
    return data


def test_saving_a_cited_new_event_again_cites_its_words_once(editor_client):
    # The source's cite page, "in a new event", "Save and continue editing", then "Save".
    add = editor_client.post(cite_url(scmp()), {"quote": QUOTE, "_new": "1"}).url
    saved = editor_client.post(add, event_form(published=None, _continue="1"))
    assert saved.status_code == 302
    event = Event.objects.get(slug="editor-added-training")
    again = editor_client.post(saved.url, posted_as_shown(editor_client, event, saved.url))
    assert again.status_code == 302
    assert [c.quoted_text for c in event.citations.all()] == [QUOTE]


def test_citing_the_same_words_twice_in_one_form_is_a_field_error(editor_client):
    data = event_form(published=None)
    data.update(
        {
            "citations-TOTAL_FORMS": "2",
            "citations-1-source": data["citations-0-source"],
            "citations-1-quote": f"  {QUOTE} ",  # the same words, spaced differently
            "citations-1-claim": "",
            "citations-1-order": "1",
        }
    )
    response = editor_client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "This event already cites these words" in response.content.decode()
    assert not Event.objects.filter(slug="editor-added-training").exists()


def test_an_event_cites_a_span_of_a_paragraph_once_however_it_is_saved(editor_client):
    event = Event.objects.get(slug=TRAINING)
    cited = event.citations.first()
    with pytest.raises(IntegrityError):
        Citation.objects.create(event=event, source=cited.source, quote=cited.quote, order=9)


def cite_url(source: Source) -> str:
    return reverse("admin:policing_source_cite", args=[source.pk])


def test_the_cite_page_lists_the_paragraphs_for_the_script(editor_client):
    response = editor_client.get(cite_url(scmp()) + "?" + urlencode({"quote": QUOTE}))
    assert response.status_code == 200
    html = response.content.decode()
    [listing] = select(html, "ol", **{"class": "cite-passages"})
    assert listing["data-source"] == str(scmp().pk)
    assert listing["data-add-url"] == ADD_URL
    assert select(html, "li", data_passage=scmp().passages.filter(section="report").first().anchor)
    [script] = [s for s in select(html, "script") if s.get("src", "").endswith("js/cite.js")]
    assert script["nonce"]  # the page's CSP nonce, so the header allows it
    assert response.context["form"]["quote"].value() == QUOTE


def test_pasted_words_start_a_new_event_with_them(editor_client):
    response = editor_client.post(cite_url(scmp()), {"quote": f"  {QUOTE} ", "_new": "1"})
    assert response.status_code == 302
    assert response.url == f"{ADD_URL}?{urlencode({'source': scmp().pk, 'quote': QUOTE})}"


def test_pasted_words_are_added_to_a_chosen_event_in_its_history(editor_client):
    event = Event.objects.get(slug="fiji-china-policing-agreement-2011")
    before = event.citations.count()
    response = editor_client.post(
        cite_url(scmp()), {"quote": QUOTE, "event": str(event.pk), "_add": "1"}
    )
    assert response.status_code == 302
    assert response.url == reverse("admin:policing_event_change", args=[event.pk])
    citation = event.citations.order_by("-pk").first()
    assert (event.citations.count(), citation.quoted_text) == (before + 1, QUOTE)
    latest = Version.objects.get_for_object(event).first()
    assert latest.revision.user.username == "alice"
    assert citation.pk in {
        int(v.object_id) for v in latest.revision.version_set.filter(object_id=str(citation.pk))
    }

    # The same words again are refused with the reason, nothing added.
    response = editor_client.post(
        cite_url(scmp()), {"quote": QUOTE, "event": str(event.pk), "_add": "1"}
    )
    assert response.status_code == 200
    assert "already cites these words" in response.content.decode()
    assert event.citations.count() == before + 1


def test_words_not_in_the_source_are_refused_with_the_closest_paragraph(editor_client):
    event = Event.objects.get(slug=TRAINING)
    response = editor_client.post(
        cite_url(scmp()),
        {"quote": "training for officers in <script>alert(1)</script>", "event": event.pk},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "These words do not occur in" in html and "Closest passage" in html
    assert "<script>alert(1)" not in html


def test_choosing_no_event_is_a_field_error(editor_client):
    response = editor_client.post(cite_url(scmp()), {"quote": QUOTE, "_add": "1"})
    assert response.status_code == 200
    assert "Choose the event to add these words to." in response.content.decode()


def test_an_unknown_source_redirects_with_a_message(editor_client):
    response = editor_client.get(reverse("admin:policing_source_cite", args=[999999]))
    assert response.status_code == 302
