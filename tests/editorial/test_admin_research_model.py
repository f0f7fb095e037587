"""Editors in the admin: actors, roles, stages, threads and relations, with history and the
validation that keeps them honest (no event relates to itself or to a later one; a thread's
steps are listed by date)."""

from django.urls import reverse
from reversion.models import Version

from policing.models import Actor, Event, Thread
from tests.editorial.forms import change_form_data, inline_forms
from tests.markup import select

FIJI_2011 = "fiji-china-policing-agreement-2011"
FIJI_2024 = "fiji-policing-agreement-amended-2024"


def save_event(client, event, **changes):
    data = change_form_data(client, event)
    data.update(changes)
    return client.post(reverse("admin:policing_event_change", args=[event.pk]), data)


def test_an_editor_adds_an_actor_with_history(editor_client):
    response = editor_client.post(
        reverse("admin:policing_actor_add"),
        {
            "name": "Royal Solomon Islands Police Force",
            "slug": "royal-solomon-islands-police-force",
            "kind": "police-force",
            "country": "SB",
            "description": "The Solomon Islands' police, trained by Chinese liaison officers.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    actor = Actor.objects.get(slug="royal-solomon-islands-police-force")
    assert actor.country_id == "SB"
    assert Version.objects.get_for_object(actor).count() == 1


def test_actors_are_chosen_by_autocomplete(editor_client):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "policing",
            "model_name": "eventactor",
            "field_name": "actor",
            "term": "Wang",
        },
    )
    assert response.status_code == 200
    names = {row["text"] for row in response.json()["results"]}
    assert {"Wang Xiaohong", "Wang Yi"} <= names


def test_an_editor_sets_stage_thread_actor_and_relation_and_history_keeps_them(editor_client):
    event = Event.objects.get(slug=FIJI_2024)
    earlier = Event.objects.get(slug=FIJI_2011)
    event.relations.all().delete()
    wang = Actor.objects.get(slug="wang-xiaohong")
    thread = Thread.objects.get(slug="global-security-initiative")
    response = save_event(
        editor_client,
        event,
        stage="suspended",
        thread=str(thread.pk),
        **inline_forms("actor_roles", [{"actor": str(wang.pk), "role": "met"}]),
        **inline_forms("relations", [{"other": str(earlier.pk), "relation": "ends"}]),
    )
    assert response.status_code == 302, errors_in(response)
    event.refresh_from_db()
    assert (event.stage, event.thread_id, event.kind) == (
        "suspended",
        thread.pk,
        "agreement-changed",
    )
    assert list(event.actor_roles.values_list("actor__slug", "role")) == [("wang-xiaohong", "met")]
    assert list(event.relations.values_list("other__slug", "relation")) == [(FIJI_2011, "ends")]
    latest = Version.objects.get_for_object(event).first()
    models = {v.content_type.model for v in latest.revision.version_set.all()}
    assert {"event", "eventactor", "eventrelation", "participant"} <= models


def errors_in(response) -> str:
    return " | ".join(
        str(error)
        for formset in response.context.get("inline_admin_formsets", [])
        for error in formset.formset.errors + formset.formset.non_form_errors()
        if error
    ) + str(response.context["adminform"].form.errors)


def test_an_event_cannot_relate_to_itself(editor_client):
    event = Event.objects.get(slug=FIJI_2024)
    before = list(event.relations.values_list("other_id", "relation"))
    response = save_event(
        editor_client,
        event,
        **inline_forms("relations", [{"other": str(event.pk), "relation": "amends"}]),
    )
    assert response.status_code == 200
    assert "An event cannot relate to itself." in response.content.decode()
    assert list(event.relations.values_list("other_id", "relation")) == before


def test_an_event_cannot_amend_a_later_one(editor_client):
    earlier = Event.objects.get(slug=FIJI_2011)
    later = Event.objects.get(slug=FIJI_2024)
    response = save_event(
        editor_client,
        earlier,
        **inline_forms("relations", [{"other": str(later.pk), "relation": "amends"}]),
    )
    assert response.status_code == 200
    assert "is dated after this event" in response.content.decode()
    assert not earlier.relations.exists()


def test_a_threads_steps_are_listed_by_date_with_their_stages(editor_client):
    thread = Thread.objects.get(slug="jibc-chinese-police-programme")
    html = editor_client.get(
        reverse("admin:policing_thread_change", args=[thread.pk])
    ).content.decode()
    steps = thread.events.order_by("date_start", "date_end", "title")
    links = [
        a["href"] for a in select(html.split('class="thread-steps"')[1].split("</ol>")[0], "a")
    ]
    assert links == [reverse("admin:policing_event_change", args=[e.pk]) for e in steps]
    for event in steps:
        assert event.get_stage_display() in html


def test_an_editor_creates_a_thread_with_history(editor_client):
    response = editor_client.post(
        reverse("admin:policing_thread_add"),
        {
            "title": "Papua New Guinea police offer",
            "slug": "png-police-offer",
            "summary": "China's offer of police assistance to Papua New Guinea.",
        },
    )
    assert response.status_code == 302
    thread = Thread.objects.get(slug="png-police-offer")
    assert Version.objects.get_for_object(thread).count() == 1
    html = editor_client.get(
        reverse("admin:policing_thread_change", args=[thread.pk])
    ).content.decode()
    assert "No events yet" in html
