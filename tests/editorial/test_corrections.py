"""A change to a published event asks for a reason, and keeps what was typed when it is
missing; withdrawing one asks too; each is logged as a correction with the fields it changed."""

import pytest
from django.urls import reverse

from policing.models import Correction, CorrectionKind, Event
from policing.models.corrections import differences, record_of
from tests.editorial.forms import change_form_data
from tests.exports.readers import ITALY, MYANMAR

FIJI = "fiji-policing-agreement-amended-2024"  # nothing else refers to it: it can be deleted
CHANGELIST = reverse("admin:policing_event_changelist")


def change_url(event) -> str:
    return reverse("admin:policing_event_change", args=[event.pk])


def test_a_change_to_a_published_event_without_a_reason_is_refused_keeping_the_input(
    editor_client,
):
    event = Event.objects.get(slug=MYANMAR)
    data = change_form_data(editor_client, event)
    del data["change_reason"]
    data["title"] = "A corrected title the editor typed"
    data["summary"] = "A corrected summary the editor typed."
    response = editor_client.post(change_url(event), data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "change_reason" in form.errors
    page = response.content.decode()
    assert "A corrected title the editor typed" in page
    assert "A corrected summary the editor typed." in page
    assert Event.objects.get(pk=event.pk).title == event.title
    assert not Correction.objects.exists()


def test_with_a_reason_the_change_is_saved_and_logged(editor_client, editor):
    event = Event.objects.get(slug=MYANMAR)
    data = change_form_data(editor_client, event)
    data["title"] = "A corrected title"
    data["change_reason"] = "The headline overstated the report."
    assert editor_client.post(change_url(event), data).status_code == 302
    correction = Correction.objects.get()
    assert (correction.kind, correction.editor, correction.slug) == ("changed", editor, MYANMAR)
    assert correction.reason == "The headline overstated the report."
    assert correction.changes == [
        {"field": "title", "label": "title", "old": event.title, "new": "A corrected title"}
    ]
    assert correction.fields_in_words == "title"


def test_a_change_to_an_inline_alone_asks_for_a_reason_too(editor_client):
    event = Event.objects.get(slug=MYANMAR)
    data = change_form_data(editor_client, event)
    del data["change_reason"]
    data["citations-0-claim"] = "A reading the editor added"
    response = editor_client.post(change_url(event), data)
    assert response.status_code == 200
    assert "change_reason" in response.context["adminform"].form.errors
    data["change_reason"] = "Recorded what the report says on the point."
    assert editor_client.post(change_url(event), data).status_code == 302
    assert Correction.objects.get().fields_in_words == "citations"


def test_an_unchanged_save_or_a_draft_asks_nothing(editor_client):
    event = Event.objects.get(slug=MYANMAR)
    unchanged = change_form_data(editor_client, event)
    del unchanged["change_reason"]
    assert editor_client.post(change_url(event), unchanged).status_code == 302
    Event.objects.filter(pk=event.pk).update(published=False)
    data = change_form_data(editor_client, event)
    data["title"] = "Changed while a draft"
    data["published"] = None
    data = {k: v for k, v in data.items() if v is not None}
    assert editor_client.post(change_url(event), data).status_code == 302
    assert not Correction.objects.exists()


def test_the_form_asks_why_only_for_a_published_event(editor_client):
    event = Event.objects.get(slug=MYANMAR)
    assert "Why this change" in editor_client.get(change_url(event)).content.decode()
    Event.objects.filter(pk=event.pk).update(published=False)
    assert "Why this change" not in editor_client.get(change_url(event)).content.decode()


def test_unticking_published_is_a_withdrawal_and_asks_why(editor_client):
    event = Event.objects.get(slug=ITALY)
    data = change_form_data(editor_client, event)
    del data["published"], data["change_reason"]
    response = editor_client.post(change_url(event), data)
    assert "Say why you withdraw" in response.content.decode()
    data["change_reason"] = "Not supported by its source."
    assert editor_client.post(change_url(event), data).status_code == 302
    correction = Correction.objects.get()
    assert correction.kind == CorrectionKind.WITHDRAWN
    assert correction.changes[-1] == {
        "field": "published",
        "label": "published",
        "old": "yes",
        "new": "no",
    }


def test_the_unpublish_action_asks_why_and_keeps_what_was_typed(editor_client):
    event = Event.objects.get(slug=ITALY)
    asked = editor_client.post(
        CHANGELIST, {"action": "unpublish", "_selected_action": [str(event.pk)]}
    )
    assert asked.status_code == 200
    assert "Why withdraw" in asked.content.decode()
    assert Event.objects.get(pk=event.pk).published
    blank = editor_client.post(
        CHANGELIST,
        {"action": "unpublish", "_selected_action": [str(event.pk)], "withdraw_reason": "  "},
    )
    assert "Say why you withdraw" in blank.content.decode()
    assert Event.objects.get(pk=event.pk).published
    done = editor_client.post(
        CHANGELIST,
        {
            "action": "unpublish",
            "_selected_action": [str(event.pk)],
            "withdraw_reason": "A duplicate of another event.",
        },
    )
    assert done.status_code == 302
    assert not Event.objects.get(pk=event.pk).published
    correction = Correction.objects.get()
    assert (correction.kind, correction.reason) == ("withdrawn", "A duplicate of another event.")


def test_deleting_a_published_event_is_logged_as_withdrawn(editor_client):
    event = Event.objects.get(slug=FIJI)
    url = reverse("admin:policing_event_delete", args=[event.pk])
    assert editor_client.post(url, {"post": "yes"}).status_code == 302
    correction = Correction.objects.get()
    assert (correction.kind, correction.event, correction.slug) == ("withdrawn", None, FIJI)


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ({"citations": ["a", "b"]}, {"citations": ["b", "c"]}, (["a"], ["c"])),
        ({"citations": ["a", "b"]}, {"citations": ["b", "a"]}, (["a", "b"], ["b", "a"])),
        ({"title": "x"}, {"title": "y"}, ("x", "y")),
    ],
)
def test_differences_in_lists_name_what_was_removed_and_added(before, after, expected):
    [change] = differences(before, after)
    assert (change["old"], change["new"]) == expected


def test_a_record_names_every_part_in_words(curated):
    record = record_of(Event.objects.get(slug=MYANMAR))
    assert record["participants"] and record["citations"]
    assert all(isinstance(value, str | list) for value in record.values())
