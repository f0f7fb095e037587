"""Editors in the admin: fuzzy dates, validated citations, drafts, history, conflicts, sources."""

import datetime as dt
import io
import json

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from reversion.models import Version

from policing.editorial.editors import EDITORS
from policing.models import Citation, Event, Figure, Source
from policing.text import dates
from tests.editorial.forms import (
    ADD_URL,
    PASSWORD,
    change_form_data,
    errors_of,
    event_form,
)

MYANMAR = "myanmar-scam-centre-repatriation-2025"


# --- accounts and permissions -----------------------------------------------------------------


def test_create_editor_makes_a_staff_member_of_the_editors_group(editor):
    assert editor.is_staff and not editor.is_superuser
    assert editor.groups.filter(name=EDITORS).exists()
    assert editor.check_password(PASSWORD)


def test_create_editor_refuses_a_weak_password(db, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "123")
    with pytest.raises(CommandError, match="too short"):
        call_command("create_editor", "bob")
    assert not User.objects.filter(username="bob").exists()


def test_anonymous_visitors_are_sent_to_login(client, db):
    response = client.get(reverse("admin:policing_event_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_editor_cannot_manage_users_or_groups(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_editor_sees_the_event_list_with_dates_in_words(editor_client):
    response = editor_client.get(reverse("admin:policing_event_changelist"))
    assert response.status_code == 200
    html = errors_of(response)
    assert "20 Feb 2025" in html and "2014–2020" in html
    assert "between Jul 2019 and Dec 2024" in html and "by 20 Feb 2025" in html
    assert "2 or 9 Sep 2024" in html


FIXTURE_EVENTS = json.loads((settings.FIXTURES_DIR / "events.json").read_text(encoding="utf-8"))
REGIONS = {
    c["code"]: c["region"]
    for c in json.loads((settings.FIXTURES_DIR / "countries.json").read_text(encoding="utf-8"))
}


def fixture_slugs(keep) -> set[str]:
    """The curated events, read from fixtures/ rather than the database, that `keep` keeps."""
    return {e["slug"] for e in FIXTURE_EVENTS if keep(e)}


def placed_in(value: str, year: int) -> bool:
    """From the year of the earliest known bound to that of the latest (docs/corpus.md)."""
    known = [day.year for day in dates.bounds(value) if day is not None]
    return min(known) <= year <= max(known)


def listed(response) -> set[str]:
    assert response.status_code == 200
    changelist = response.context["cl"]
    slugs = {event.slug for event in changelist.result_list}
    assert changelist.result_count == len(slugs)
    return slugs


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "activity__exact=repatriation",
            {
                "australian-resident-escorted-to-china-2019",
                "melbourne-bus-driver-incident-2014",
                "myanmar-scam-centre-repatriation-2025",
            },
        ),
        (
            "participants__region=pacific",
            fixture_slugs(
                lambda e: any(
                    (p.get("region") or REGIONS[p["country"]]) == "pacific"
                    for p in e["participants"] + e["regions"]
                )
            ),
        ),
        (
            "countries__code__exact=FJ",
            {"fiji-china-policing-agreement-2011", "fiji-policing-agreement-amended-2024"},
        ),
        # An event matches the years it is placed in: "by Dec 2022" matches 2022, not 2021.
        ("year=2024", fixture_slugs(lambda e: placed_in(e["date"]["edtf"], 2024))),
        ("year=2019", fixture_slugs(lambda e: placed_in(e["date"]["edtf"], 2019))),
        (
            "disputed__exact=1",
            {
                "fiji-policing-agreement-amended-2024",
                "italy-ends-joint-patrols-2022",
                "png-police-offer-on-hold-2024",
                "lianyungang-forum-training-pledge-2024",
                "state-council-organic-law-revision-2024",
                "wang-xiaohong-counterpart-meetings-2024",
            },
        ),
        ("q=Honiara", {"solomon-islands-police-tactical-training-2025"}),
        ("activity__exact=repatriation&countries__code__exact=MM", {MYANMAR}),
    ],
)
def test_event_list_filters_and_search_list_exactly_their_events(editor_client, query, expected):
    url = reverse("admin:policing_event_changelist") + "?" + query
    assert listed(editor_client.get(url)) == expected


def test_event_list_filters_drafts_from_published_events(editor_client):
    Event.objects.filter(slug=MYANMAR).update(published=False)
    url = reverse("admin:policing_event_changelist")
    assert listed(editor_client.get(url + "?published__exact=0")) == {MYANMAR}
    published = listed(editor_client.get(url + "?published__exact=1"))
    assert published == fixture_slugs(lambda e: e["slug"] != MYANMAR)


# --- adding events ------------------------------------------------------------------------------


def test_editor_adds_an_event_with_a_fuzzy_date_and_a_citation(editor_client):
    response = editor_client.post(ADD_URL, event_form())
    assert response.status_code == 302, errors_of(response)
    event = Event.objects.get(slug="editor-added-training")
    # Read against the first cited source, the SCMP report of 23 February 2025.
    assert event.date_source.slug == "scmp-yahoo"
    # "earlier this month": from the 1st up to the report.
    assert event.date_edtf == "[2025-02-01..2025-02-22]"
    citation = event.citations.get()
    assert citation.passage.line == 9
    assert citation.quoted_text == "wrapping up police tactical training for local officers"
    assert Version.objects.get_for_object(event).get().revision.user.username == "alice"


def test_a_title_with_line_breaks_is_saved_on_one_line(editor_client):
    title = "Chinese liaison officers\r\ntrain\x0b Solomon Islands police"
    response = editor_client.post(ADD_URL, event_form(title=title))
    assert response.status_code == 302, errors_of(response)
    event = Event.objects.get(slug="editor-added-training")
    assert event.title == "Chinese liaison officers train Solomon Islands police"
    assert Client().get(f"/events/{event.slug}.ics").status_code == 200


def test_a_quote_not_in_the_source_is_a_field_error_and_nothing_is_saved(editor_client):
    response = editor_client.post(
        ADD_URL, event_form(**{"citations-0-quote": "training for officers in Vanuatu"})
    )
    assert response.status_code == 200
    html = errors_of(response)
    assert "These words do not occur in" in html and "scmp-yahoo" in html
    assert "Closest passage" in html
    assert not Event.objects.filter(slug="editor-added-training").exists()
    # Nothing the editor typed is lost: the form comes back with their input.
    assert "training for officers in Vanuatu" in html


def test_an_unparseable_date_is_a_field_error_and_nothing_is_saved(editor_client):
    response = editor_client.post(ADD_URL, event_form(date_text="sometime around the harvest"))
    assert response.status_code == 200
    assert "Cannot read" in errors_of(response)
    assert not Event.objects.filter(slug="editor-added-training").exists()


def test_a_later_phrase_counts_from_the_chosen_event(editor_client):
    png = Event.objects.get(slug="png-police-offer-on-hold-2024")
    response = editor_client.post(
        ADD_URL, event_form(date_text="Two months later", date_relative_to=str(png.pk))
    )
    assert response.status_code == 302, errors_of(response)
    event = Event.objects.get(slug="editor-added-training")
    assert (event.date_start, event.date_precision) == (dt.date(2024, 3, 1), "month")


def test_a_date_set_directly_overrides_the_phrase(editor_client):
    response = editor_client.post(
        ADD_URL,
        event_form(
            date_text="",
            date_manual="on",
            date_edtf="2019-06/..",
            date_reading="The hearing was told it ended after June 2019.",
        ),
    )
    assert response.status_code == 302, errors_of(response)
    event = Event.objects.get(slug="editor-added-training")
    assert event.date_manual and event.date_start == dt.date(2019, 6, 1)
    assert (event.date_earliest, event.date_latest) == (dt.date(2019, 6, 1), None)
    assert event.date_display == "from Jun 2019"


@pytest.mark.parametrize(
    "typed, message",
    [
        ("2019-13", "not a valid EDTF date"),
        ("2025/2019", "ends before it starts"),
        ("../..", "no date at either end"),
        ("2025-01-XX", "not an EDTF form this timeline shows"),
        ("", "Give the date as EDTF or a phrase"),
    ],
)
def test_a_bad_edtf_date_is_a_field_error_saying_what_is_wrong(editor_client, typed, message):
    response = editor_client.post(
        ADD_URL,
        event_form(date_manual="on", date_edtf=typed, date_reading="Read by hand."),
    )
    assert response.status_code == 200
    assert message in errors_of(response)
    assert not Event.objects.filter(slug="editor-added-training").exists()


def test_editors_may_type_a_phrase_where_they_set_the_date(editor_client):
    response = editor_client.post(
        ADD_URL,
        event_form(
            date_manual="on", date_edtf="early September 2024", date_reading="As the FORUM has it."
        ),
    )
    assert response.status_code == 302, errors_of(response)
    event = Event.objects.get(slug="editor-added-training")
    assert event.date_edtf == "[2024-09-01..2024-09-10]"  # one day in those ten: a window
    assert event.date_display == "between 1 and 10 Sep 2024"


def test_a_date_set_directly_must_say_how_it_was_read(editor_client):
    response = editor_client.post(ADD_URL, event_form(date_manual="on", date_edtf="2024"))
    assert response.status_code == 200
    assert "Say how the source’s words were read" in errors_of(response)


def test_date_preview_shows_the_resolved_date(editor_client):
    source = Source.objects.get(slug="train-thousands-2024")
    url = reverse("admin:policing_event_date_preview")
    # The report is dated only to its month: a weekday in it cannot be read.
    response = editor_client.post(url, {"date_text": "on Monday", "date_source": source.pk})
    assert response.status_code == 200
    assert "needs a publication date known to the day" in errors_of(response)
    response = editor_client.post(url, {"date_text": "after June 2019", "date_source": source.pk})
    html = errors_of(response)
    # One act after June: July or later, a window open at its end.
    assert "Jul 2019 or later" in html and "[2019-07..]" in html
    response = editor_client.post(url, {"date_text": "blue moon", "date_source": source.pk})
    assert "Cannot read" in errors_of(response)


def test_date_preview_reads_an_edtf_value_the_editors_set(editor_client):
    url = reverse("admin:policing_event_date_preview")
    response = editor_client.post(
        url, {"date_manual": "on", "date_edtf": "[2024-09-02,2024-09-09]"}
    )
    assert "2 or 9 Sep 2024" in errors_of(response)
    response = editor_client.post(url, {"date_manual": "on", "date_edtf": "[2025-03-10..2025-12]"})
    assert "between 10 Mar 2025 and Dec 2025" in errors_of(response)
    response = editor_client.post(url, {"date_manual": "on", "date_edtf": "2024-02-30"})
    assert response.status_code == 200
    assert "not a valid EDTF date" in errors_of(response)


def test_date_preview_uses_the_first_cited_source_when_none_is_chosen(editor_client):
    response = editor_client.post(
        reverse("admin:policing_event_date_preview"),
        {"date_text": "On Thursday", **{k: v for k, v in event_form().items() if "citations" in k}},
    )
    assert response.status_code == 200
    assert "20 Feb 2025" in errors_of(response)


def test_date_preview_is_for_editors_only(client, curated):
    response = client.post(reverse("admin:policing_event_date_preview"), {"date_text": "2020"})
    assert response.status_code == 302


def test_editor_text_is_escaped_in_the_preview(editor_client):
    # With a source chosen, so that the preview reads the phrase and names it.
    source = Source.objects.get(slug="train-thousands-2024")
    response = editor_client.post(
        reverse("admin:policing_event_date_preview"),
        {"date_text": "<script>alert(1)</script>", "date_source": source.pk},
    )
    assert response.status_code == 200
    assert "<script>alert(1)" not in errors_of(response)
    assert "&lt;script&gt;alert(1)" in errors_of(response)


# --- drafts -------------------------------------------------------------------------------------


def test_a_draft_is_not_public_until_published(editor_client):
    response = editor_client.post(ADD_URL, event_form(published=None))
    assert response.status_code == 302, errors_of(response)
    event = Event.objects.get(slug="editor-added-training")
    assert not event.published
    visitor = Client()
    assert visitor.get(event.get_absolute_url()).status_code == 404
    assert event.title not in visitor.get("/").content.decode()
    out = io.StringIO()
    call_command("export_events", stdout=out)
    assert "editor-added-training" not in out.getvalue()

    response = editor_client.post(
        reverse("admin:policing_event_changelist"),
        {"action": "publish", "_selected_action": [event.pk]},
    )
    assert response.status_code == 302
    assert Event.objects.get(pk=event.pk).published


def without_citations(**overrides):
    """The event form with its one citation form left blank (and the date read in the SCMP)."""
    blank = {"citations-0-source": "", "citations-0-quote": ""}
    scmp = str(Source.objects.get(slug="scmp-yahoo").pk)
    return event_form(**{"date_source": scmp, **blank, **overrides})


def test_publishing_without_a_citation_is_refused_and_nothing_typed_is_lost(editor_client):
    response = editor_client.post(ADD_URL, without_citations())
    assert response.status_code == 200
    html = errors_of(response)
    assert "A published event must cite at least one source" in html
    assert not Event.objects.filter(slug="editor-added-training").exists()
    assert "Chinese liaison officers train Solomon Islands police" in html
    assert "Thirty officers completed a tactical course." in html

    # As a draft it may wait for its citations.
    response = editor_client.post(ADD_URL, without_citations(published=None))
    assert response.status_code == 302, errors_of(response)


def test_removing_the_last_citation_of_a_published_event_is_refused(editor_client):
    # An event without figures: a figure's citation is kept for it (see below).
    event = Event.objects.get(slug="liu-zhongyi-thailand-myanmar-visits-2025")
    assert not event.figures.exists()
    data = change_form_data(editor_client, event)
    for index in range(int(data["citations-TOTAL_FORMS"])):
        data[f"citations-{index}-DELETE"] = "on"
    response = editor_client.post(reverse("admin:policing_event_change", args=[event.pk]), data)
    assert response.status_code == 200
    assert "A published event must cite at least one source" in errors_of(response)
    assert event.citations.count() == int(data["citations-TOTAL_FORMS"])


def test_a_citation_a_figure_cites_cannot_be_removed_without_the_figure(editor_client):
    event = Event.objects.get(slug="myanmar-scam-centre-repatriation-2025")
    cited = event.figures.get().citation
    data = change_form_data(editor_client, event)
    index = next(
        i
        for i in range(int(data["citations-TOTAL_FORMS"]))
        if data[f"citations-{i}-id"] == str(cited.pk)
    )
    data[f"citations-{index}-DELETE"] = "on"
    response = editor_client.post(reverse("admin:policing_event_change", args=[event.pk]), data)
    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in errors_of(response)
    assert Citation.objects.filter(pk=cited.pk).exists()


def test_a_figure_whose_citation_does_not_state_it_is_refused_in_the_admin(editor_client):
    event = Event.objects.get(slug="myanmar-scam-centre-repatriation-2025")
    data = change_form_data(editor_client, event)
    data["figures-0-value"] = "300"
    response = editor_client.post(reverse("admin:policing_event_change", args=[event.pk]), data)
    assert response.status_code == 200
    assert "The cited words do not state 300" in errors_of(response)
    assert event.figures.get().value == 200


def test_the_figure_inline_offers_only_the_events_own_citations(editor_client):
    event = Event.objects.get(slug="myanmar-scam-centre-repatriation-2025")
    response = editor_client.get(reverse("admin:policing_event_change", args=[event.pk]))
    formset = next(f for f in response.context["inline_admin_formsets"] if f.opts.model is Figure)
    offered = formset.formset.forms[0].fields["citation"].queryset
    assert set(offered) == set(event.citations.all())
    assert "period in words" in response.content.decode().lower()


def test_the_publish_action_refuses_events_without_a_citation_and_names_them(editor_client):
    editor_client.post(ADD_URL, event_form(published=None))
    editor_client.post(
        ADD_URL, without_citations(published=None, slug="uncited-draft", title="Uncited draft")
    )
    cited, uncited = (
        Event.objects.get(slug="editor-added-training"),
        Event.objects.get(slug="uncited-draft"),
    )
    response = editor_client.post(
        reverse("admin:policing_event_changelist"),
        {"action": "publish", "_selected_action": [cited.pk, uncited.pk]},
        follow=True,
    )
    shown = [str(m) for m in response.context["messages"]]
    assert "Not published “Uncited draft”: it cites no source" in shown
    assert "Published 1 event(s)." in shown
    assert Event.objects.get(pk=cited.pk).published
    assert not Event.objects.get(pk=uncited.pk).published


@pytest.mark.parametrize("action", ["publish", "unpublish"])
def test_one_who_may_only_view_events_cannot_publish_or_unpublish_them(client, curated, action):
    viewer = User.objects.create_user("viewer", password=PASSWORD, is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_event"))
    client.force_login(viewer)
    event = Event.objects.get(slug=MYANMAR)
    Event.objects.filter(pk=event.pk).update(published=action == "unpublish")
    client.post(
        reverse("admin:policing_event_changelist"),
        {"action": action, "_selected_action": [event.pk], "index": "0"},
    )
    assert Event.objects.get(pk=event.pk).published == (action == "unpublish")


def test_a_date_phrase_the_source_does_not_contain_is_refused(editor_client):
    # "20/02/2025" reads as a date, but the SCMP report never writes it.
    response = editor_client.post(ADD_URL, event_form(date_text="20/02/2025"))
    assert response.status_code == 200
    html = errors_of(response)
    assert "“20/02/2025” does not occur in the report" in html and "scmp-yahoo" in html
    assert "20/02/2025" in html
    assert not Event.objects.filter(slug="editor-added-training").exists()


def test_a_date_set_by_the_editors_is_shown_so_not_as_the_sources_words(editor_client):
    response = editor_client.post(
        ADD_URL,
        event_form(
            date_text="20/02/2025",
            date_manual="on",
            date_edtf="2025-02-20",
            date_reading="Typed by an editor.",
        ),
    )
    assert response.status_code == 302, errors_of(response)
    event = Event.objects.get(slug="editor-added-training")
    page = Client().get(event.get_absolute_url()).content.decode()
    assert "Date set by the editors" in page
    assert "The source writes" not in page
    item = Client().get(f"/events/{event.slug}.json").json()
    assert item["date_set_by_editor"] is True


# --- conflicting saves and history --------------------------------------------------------------


def test_a_save_based_on_an_old_copy_is_refused(editor_client):
    event = Event.objects.get(slug="myanmar-scam-centre-repatriation-2025")
    stale = change_form_data(editor_client, event)
    fresh = change_form_data(editor_client, event)

    fresh["title"] = "First editor's title"
    assert (
        editor_client.post(
            reverse("admin:policing_event_change", args=[event.pk]), fresh
        ).status_code
        == 302
    )

    stale["title"] = "Second editor's title"
    response = editor_client.post(reverse("admin:policing_event_change", args=[event.pk]), stale)
    assert response.status_code == 200
    assert "Someone else saved this event" in errors_of(response)
    assert "Second editor&#x27;s title" in errors_of(response)  # their input is kept
    assert Event.objects.get(pk=event.pk).title == "First editor's title"


def test_history_restores_an_earlier_version_with_its_citations(editor_client):
    event = Event.objects.get(slug="myanmar-scam-centre-repatriation-2025")
    original_title = event.title
    data = change_form_data(editor_client, event)
    data["title"] = "A wrong title"
    data["citations-1-DELETE"] = "on"
    assert (
        editor_client.post(
            reverse("admin:policing_event_change", args=[event.pk]), data
        ).status_code
        == 302
    )
    assert Event.objects.get(pk=event.pk).citations.count() == 1

    versions = Version.objects.get_for_object(event)
    assert versions.count() == 2
    first = versions.last()  # newest first
    history = editor_client.get(reverse("admin:policing_event_history", args=[event.pk]))
    assert history.status_code == 200
    assert "Loaded from fixtures" in errors_of(history)

    revert_url = reverse("admin:policing_event_revision", args=[event.pk, first.pk])
    form = editor_client.get(revert_url)
    assert form.status_code == 200 and original_title in errors_of(form)
    data = change_form_data_from_response(form)
    assert editor_client.post(revert_url, data).status_code == 302
    restored = Event.objects.get(pk=event.pk)
    assert restored.title == original_title
    assert restored.citations.count() == 2


def test_a_deleted_event_can_be_recovered_with_its_citations(editor_client):
    event = Event.objects.get(slug="fiji-policing-agreement-amended-2024")
    citation_count = event.citations.count()
    delete_url = reverse("admin:policing_event_delete", args=[event.pk])
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Event.objects.filter(slug=event.slug).exists()

    recover_list = editor_client.get(reverse("admin:policing_event_recoverlist"))
    assert recover_list.status_code == 200
    assert event.title in errors_of(recover_list)
    version = Version.objects.get_deleted(Event).get(object_id=str(event.pk))
    recover_url = reverse("admin:policing_event_recover", args=[version.pk])
    data = change_form_data_from_response(editor_client.get(recover_url))
    assert editor_client.post(recover_url, data).status_code == 302
    recovered = Event.objects.get(slug=event.slug)
    assert recovered.citations.count() == citation_count
    assert all(c.passage_id for c in Citation.objects.filter(event=recovered))


def change_form_data_from_response(response):
    """Rebuild the POST data of an admin change form from the bound/unbound forms it shows."""
    data = {}
    admin_form = response.context["adminform"].form
    for name in admin_form.fields:
        value = admin_form[name].value()
        if isinstance(value, list):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = str(value)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = str(value)
        for form in formset.forms:
            for name in form.fields:
                value = form[name].value()
                key = f"{form.prefix}-{name}"
                if isinstance(value, bool):
                    if value:
                        data[key] = "on"
                elif value is not None:
                    data[key] = str(value.pk if hasattr(value, "pk") else value)
    data["citations-TOTAL_FORMS"] = str(
        sum(1 for k in data if k.startswith("citations-") and k.endswith("-quote"))
    )
    return data


# --- sources ------------------------------------------------------------------------------------


def source_form(**overrides):
    data = {
        "title": "Pacific police cooperation notes",
        "slug": "pacific-notes",
        "outlet": "Example Herald",
        "syndication": "",
        "author": "",
        "url": "",
        "published_edtf": "2025-03-04",
        "published_note": "",
        "carried_by": "",
        "original_url": "",
        "derivation": "",
        "rewrite_of": "",
        "provenance": "Pasted by an editor.",
        "text": "First paragraph about Fiji.\n\nVanuatu signed a policing memorandum on Monday.\n",
        "passages-TOTAL_FORMS": "0",
        "passages-INITIAL_FORMS": "0",
        "passages-MIN_NUM_FORMS": "0",
        "passages-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_a_pasted_source_is_imported_into_passages_and_can_be_cited(editor_client):
    response = editor_client.post(reverse("admin:policing_source_add"), source_form())
    assert response.status_code == 302, errors_of(response)
    source = Source.objects.get(slug="pacific-notes")
    assert [p.line for p in source.passages.all()] == [1, 3]
    event = Event.objects.first()
    citation = Citation(event=event, source=source, quote="signed a policing memorandum")
    citation.save()
    assert citation.passage.line == 3


def test_an_uploaded_source_file_is_imported(editor_client):
    upload = SimpleUploadedFile("notes.txt", b"One line.\nTwo lines.\n")
    response = editor_client.post(
        reverse("admin:policing_source_add"), source_form(text="", upload=upload)
    )
    assert response.status_code == 302, errors_of(response)
    assert Source.objects.get(slug="pacific-notes").passages.count() == 2


def test_a_non_utf8_upload_is_refused(editor_client):
    upload = SimpleUploadedFile("notes.txt", "caf\xe9".encode("latin-1"))
    response = editor_client.post(
        reverse("admin:policing_source_add"), source_form(text="", upload=upload)
    )
    assert response.status_code == 200
    assert "not UTF-8" in errors_of(response)
    assert not Source.objects.filter(slug="pacific-notes").exists()


def test_a_publication_date_in_words_is_refused_as_typed_with_what_to_type(editor_client):
    """The error quoted "July17,2022" (the value without its spaces) and no form like it."""
    form = source_form(published_edtf="July 17, 2022")
    response = editor_client.post(reverse("admin:policing_source_add"), form)
    assert response.status_code == 200
    errors = errors_of(response)
    assert escape("“July 17, 2022” is not a valid EDTF date") in errors
    assert escape("Written as EDTF: “2022-07-17”") in errors
    assert "2022-07-17" not in response.context["adminform"].form["published_edtf"].value()
    assert not Source.objects.filter(slug="pacific-notes").exists()


def test_an_editor_records_a_carried_copy_and_its_addresses(editor_client):
    scmp = Source.objects.get(slug="scmp-yahoo")
    form = source_form(
        outlet="Pacific Times",
        carried_by="Example Aggregator",
        url="https://aggregator.example/copy",
        original_url="https://pacifictimes.example/report",
        derivation="rewrite",
        rewrite_of=str(scmp.pk),
    )
    response = editor_client.post(reverse("admin:policing_source_add"), form)
    assert response.status_code == 302, errors_of(response)
    source = Source.objects.get(slug="pacific-notes")
    assert source.outlet_display == "Pacific Times (via Example Aggregator)"
    assert source.original_address == "https://pacifictimes.example/report"
    assert (source.derivation, source.rewrite_of) == ("rewrite", scmp)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"derivation": "summary"}, "Choose the report this document derives from."),
        ({"rewrite_of": "scmp-yahoo"}, "Say how this document derives from that report."),
        (
            {"derivation": "summary", "rewrite_of": "world-today-news-rewrite"},
            "itself derives from",
        ),
    ],
)
def test_a_derivation_needs_its_kind_and_an_origin(editor_client, changes, message):
    if "rewrite_of" in changes:
        changes["rewrite_of"] = str(Source.objects.get(slug=changes["rewrite_of"]).pk)
    response = editor_client.post(reverse("admin:policing_source_add"), source_form(**changes))
    assert response.status_code == 200
    assert escape(message) in errors_of(response)
    assert not Source.objects.filter(slug="pacific-notes").exists()


def test_seed_documents_cannot_be_edited_in_the_admin(editor_client):
    source = Source.objects.get(slug="scmp-yahoo")
    response = editor_client.get(reverse("admin:policing_source_change", args=[source.pk]))
    assert response.status_code == 200
    assert "text" not in response.context["adminform"].form.fields


# --- large reports (issue #24) ------------------------------------------------------------------


@pytest.fixture
def small_limits(settings):
    """Limits small enough to cross in a test; Django's request limit as settings.py sets it."""
    settings.REPORT_MAX_BYTES = 2_000
    settings.REPORT_MAX_PARAGRAPHS = 20
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 2_000 + 64 * 1024
    return settings


def test_a_report_over_the_size_limit_is_refused_and_everything_typed_is_kept(
    editor_client, small_limits
):
    text = ("Fiji and China signed a policing agreement. " * 60).strip()  # 2,639 bytes
    form = source_form(text=text, title="A long report", outlet="Typed outlet")
    response = editor_client.post(reverse("admin:policing_source_add"), form)
    assert response.status_code == 200
    errors = errors_of(response)
    said = "The text is 2.6 KB (2,639 bytes); a report may be at most 2.0 KB (2,000 bytes)"
    assert said in errors
    bound = response.context["adminform"].form
    assert bound["title"].value() == "A long report"
    assert bound["outlet"].value() == "Typed outlet"
    assert bound["published_edtf"].value() == "2025-03-04"
    assert bound["text"].value() == text
    page = response.content.decode()
    assert 'value="A long report"' in page and "Typed outlet" in page
    assert not Source.objects.filter(slug="pacific-notes").exists()


def test_a_report_of_too_many_paragraphs_is_refused_before_anything_is_written(
    editor_client, small_limits
):
    text = "\n".join(f"L{i}" for i in range(21))
    response = editor_client.post(reverse("admin:policing_source_add"), source_form(text=text))
    assert response.status_code == 200
    assert "The text has 21 paragraphs (non-empty lines); a report may have at most 20" in (
        errors_of(response)
    )
    assert not Source.objects.filter(slug="pacific-notes").exists()


def test_an_uploaded_file_over_the_limit_is_refused_unread(editor_client, small_limits):
    upload = SimpleUploadedFile("long.txt", b"x" * 5_000)
    response = editor_client.post(
        reverse("admin:policing_source_add"), source_form(text="", upload=upload)
    )
    assert response.status_code == 200
    assert "The file is 5.0 KB (5,000 bytes); a report may be at most 2.0 KB" in errors_of(response)
    assert response.context["adminform"].form["title"].value() == source_form()["title"]


def test_a_body_over_djangos_limit_gets_a_page_saying_the_limit(editor_client, small_limits):
    """Not Django's bare 400: the body is refused unread, so the page says what to do."""
    form = source_form(text="x" * 80_000)
    response = editor_client.post(reverse("admin:policing_source_add"), form)
    assert response.status_code == 413
    page = response.content.decode()
    assert "A report may be at most 2 KB of text and 20 paragraphs" in page
    assert "uploaded as a file" in page
    assert not Source.objects.filter(slug="pacific-notes").exists()


def long_source(paragraphs: int = 3_000) -> Source:
    """A source over the limits, as only the ORM (or an old import) can store one."""
    from policing.corpus.seeds import import_text

    lines = [f"Line {i}: Fiji and China discussed policing." for i in range(1, paragraphs + 1)]
    source = Source.objects.create(
        slug="long-report", title="Long report", outlet="O", published="2025-01-01",
        text="\n".join(lines),
    )  # fmt: skip
    import_text(source)
    return source


def test_a_long_sources_page_shows_one_page_of_paragraphs_without_a_form_each(
    editor_client, django_assert_max_num_queries
):
    """An inline form per passage took the dev server to 24 GB for 12,095 passages."""
    source = long_source()
    url = reverse("admin:policing_source_change", args=[source.pk])
    with django_assert_max_num_queries(40):
        response = editor_client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<input") + page.count("<textarea") + page.count("<select") < 60
    assert page.count('<tr id="p-') == 50
    row = '<td class="passage-text">Line {}:'
    assert row.format(50) in page and row.format(51) not in page
    assert "Paragraphs 1–50 of 3000" in page
    later = editor_client.get(url + "?passages=60").content.decode()
    assert row.format(2951) in later and row.format(2950) not in later


def test_an_editor_marks_paragraphs_as_unrelated_and_it_is_in_the_history(editor_client):
    from django.contrib.admin.models import LogEntry

    from policing import proposals

    source = long_source(120)
    url = reverse("admin:policing_source_passages", args=[source.pk])
    page = editor_client.get(url + "?page=2")
    assert page.status_code == 200 and "Line 51:" in page.content.decode()
    ticked = source.passages.get(ordinal=3).pk
    response = editor_client.post(
        url + "?page=1",
        {"passages": [ticked], "first": "10", "last": "12", "section": "unrelated",
         "label": "Related links"},
        follow=True,
    )  # fmt: skip
    said = messages_of(response)
    assert any("Marked ¶3, ¶10–12 as “Not part of the report” (Related links)." in m for m in said)
    marked = set(source.passages.exclude(section="report").values_list("ordinal", flat=True))
    assert marked == {3, 10, 11, 12}
    assert not source.passages.get(ordinal=10).citable
    entry = LogEntry.objects.filter(object_id=str(source.pk)).latest("action_time")
    assert "Marked ¶3, ¶10–12" in entry.get_change_message()
    # Not proposed from, and not cited.
    source.passages.filter(ordinal=11).update(
        text="On 3 March 2025, Fiji and China signed a policing agreement in Suva."
    )
    assert not [c for c in proposals.propose_source(source) if c.passage.ordinal == 11]
    event = Event.objects.filter(published=True).first()
    citation = Citation(event=event, source=source, quote="Fiji and China signed a policing")
    with pytest.raises(Exception, match="not part of the report"):
        citation.full_clean()


def test_a_cited_paragraph_cannot_be_marked_and_the_page_says_which(editor_client):
    source = long_source(20)
    event = Event.objects.filter(published=True).first()
    Citation.objects.create(event=event, source=source, quote="Line 7: Fiji and China")
    url = reverse("admin:policing_source_passages", args=[source.pk])
    response = editor_client.post(url, {"first": "5", "last": "8", "section": "unrelated"})
    assert response.status_code == 200
    assert escape(f"¶7 by “{event.title}” (published)") in response.content.decode()
    assert not source.passages.exclude(section="report").exists()


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_cite_page_of_a_source_over_the_limit_shows_a_limits_worth_at_a_time(
    editor_client, settings
):
    settings.REPORT_MAX_PARAGRAPHS = 100
    source = long_source(250)
    url = reverse("admin:policing_source_cite", args=[source.pk])
    page = editor_client.get(url).content.decode()
    assert page.count('<li id="p-') == 100
    assert "Paragraphs 1–100 of 250" in page
    last = editor_client.get(url + "?page=3").content.decode()
    assert last.count('<li id="p-') == 50
