"""Curated conflicts in the admin: a part both the editors and the fixtures changed is shown on
the event's page with both versions, listed by a filter, and decided either way, in the History
(docs/editors.md, "Updating from the curated fixtures")."""

import io

import pytest
import reversion
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from policing.models import Actor, Citation, CuratedConflict, Event, Resolution
from tests.editorial.forms import change_form_data
from tests.fixture_files import fixtures_with, read_fixture

MYANMAR = "myanmar-scam-centre-repatriation-2025"
EDITORS_TITLE = "Myanmar hands 200 scam-centre captives back to China (editors' wording)"


def update(tmp_path, revise=lambda entries: None, **files) -> str:
    """`load_curated --update` with a copy of fixtures/ whose events `revise` changed."""
    entries = {entry["slug"]: entry for entry in read_fixture("events.json")}
    revise(entries)
    out = io.StringIO()
    fixtures = fixtures_with(tmp_path, list(entries.values()), **files)
    call_command("load_curated", fixtures=fixtures, update=True, stdout=out)
    return out.getvalue()


def change_url(event) -> str:
    return reverse("admin:policing_event_change", args=[event.pk])


def decide_url(conflict) -> str:
    args = [conflict.base.object_id, conflict.pk]
    return reverse(f"admin:policing_{conflict.base.kind}_curated_conflict", args=args)


@pytest.fixture
def conflict(editor_client, tmp_path):
    """An editor retitles an event in the admin; the fixtures retitle it too, and summarise it
    anew."""
    event = Event.objects.get(slug=MYANMAR)
    data = change_form_data(editor_client, event)
    data["title"] = EDITORS_TITLE
    assert editor_client.post(change_url(event), data).status_code == 302

    def revise(entries):
        entries[MYANMAR]["title"] = "Curated title"
        entries[MYANMAR]["summary"] = "A revised summary."

    update(tmp_path / "first", revise)
    return CuratedConflict.objects.get(resolved__isnull=True)


def test_the_events_page_shows_each_conflict_with_both_versions(editor_client, conflict):
    event = Event.objects.get(slug=MYANMAR)
    assert (event.title, event.summary) == (EDITORS_TITLE, "A revised summary.")
    response = editor_client.get(change_url(event))
    [shown] = response.context["curated_conflicts"]
    assert (shown["shown"].editors, shown["shown"].curated) == (EDITORS_TITLE, "Curated title")
    html = response.content.decode()
    section = html[html.index('class="module curated-conflicts"') : html.index("</section>")]
    assert "1 part to decide" in section
    assert "(editors&#x27; wording)" in section and "Curated title" in section
    assert f'action="{decide_url(conflict)}"' in section
    assert 'value="curated"' in section and 'value="editors"' in section
    # Outside the change form: a form inside a form would post the event instead.
    assert html.index("</section>") < html.index('id="event_form"')


def test_an_event_without_conflicts_shows_none(editor_client, conflict):
    other = Event.objects.exclude(slug=MYANMAR).first()
    response = editor_client.get(change_url(other))
    assert response.context["curated_conflicts"] == []
    assert "curated-conflicts" not in response.content.decode()


def test_the_event_list_filters_the_events_with_conflicts_to_decide(editor_client, conflict):
    url = reverse("admin:policing_event_changelist")
    response = editor_client.get(url, {"curated_conflicts": "open"})
    assert [e.slug for e in response.context["cl"].result_list] == [MYANMAR]
    assert not notes(response)  # the list is already filtered
    [note] = notes(editor_client.get(url))
    assert note.startswith("1 event changed both here and in the curated fixtures")
    assert 'href="?curated_conflicts=open"' in note


def notes(response) -> list[str]:
    """The list's note on conflicts to decide, if it has one."""
    return [str(m) for m in response.context["messages"] if "curated fixtures" in str(m)]


def test_taking_the_curated_version_is_saved_in_the_history(
    editor, editor_client, conflict, tmp_path
):
    response = editor_client.post(decide_url(conflict), {"choice": "curated"})
    assert response.status_code == 302
    assert response.url == reverse("admin:policing_event_change", args=[conflict.base.object_id])
    event = Event.objects.get(slug=MYANMAR)
    assert event.title == "Curated title"
    conflict.refresh_from_db()
    assert (conflict.resolution, conflict.resolved_by) == (Resolution.CURATED, editor)
    latest = Version.objects.get_for_object(event).first()
    assert latest.revision.comment.startswith("Took the curated title")
    assert latest.revision.user == editor
    # The title is the loaded one again: the fixtures' next change of it is taken.
    output = update_title(tmp_path, "Curated again")
    assert Event.objects.get(slug=MYANMAR).title == "Curated again"
    assert "CONFLICT" not in output


def test_keeping_the_editors_version_is_saved_in_the_history(
    editor, editor_client, conflict, tmp_path
):
    response = editor_client.post(decide_url(conflict), {"choice": "editors"})
    assert response.status_code == 302
    event = Event.objects.get(slug=MYANMAR)
    assert event.title == EDITORS_TITLE
    conflict.refresh_from_db()
    assert (conflict.resolution, conflict.resolved_by) == (Resolution.EDITORS, editor)
    latest = Version.objects.get_for_object(event).first()
    assert latest.revision.comment.startswith("Kept the editors' title")
    history = editor_client.get(reverse("admin:policing_event_history", args=[event.pk]))
    assert "Kept the editors&#x27; title" in history.content.decode()
    # The same fixtures again ask nothing; a new change of the title in them asks again.
    assert "CONFLICT" not in update_title(tmp_path, "Curated title")
    assert not CuratedConflict.objects.filter(resolved__isnull=True).exists()
    assert "CONFLICT in title" in update_title(tmp_path, "Curated again")
    assert Event.objects.get(slug=MYANMAR).title == EDITORS_TITLE


def update_title(tmp_path, title: str) -> str:
    """The update again, with the fixtures' title `title`, in a folder of its own."""
    folder = tmp_path / title.lower().replace(" ", "-")
    return update(folder, lambda entries: entries[MYANMAR].update(title=title))


def test_a_decided_conflict_is_not_decided_again(editor_client, conflict):
    editor_client.post(decide_url(conflict), {"choice": "editors"})
    response = editor_client.post(decide_url(conflict), {"choice": "curated"}, follow=True)
    assert "This conflict was already decided." in response.content.decode()
    assert Event.objects.get(slug=MYANMAR).title == EDITORS_TITLE


def test_deciding_takes_a_post_and_a_choice(editor_client, conflict):
    assert editor_client.get(decide_url(conflict)).status_code == 405
    response = editor_client.post(decide_url(conflict), {"choice": "both"}, follow=True)
    assert "Choose which version to keep." in response.content.decode()
    assert CuratedConflict.objects.get(pk=conflict.pk).resolved is None


def test_a_curated_version_that_cannot_be_taken_says_why_and_changes_nothing(
    editor_client, tmp_path
):
    # The editors drop the rewrite's citation; the fixtures add a figure quoting its words.
    with reversion.create_revision():
        Citation.objects.get(event__slug=MYANMAR, source__slug="world-today-news-rewrite").delete()
        Event.objects.get(slug=MYANMAR).save()

    def revise(entries):
        figure = entries[MYANMAR]["figures"][0]
        entries[MYANMAR]["figures"].append(
            {**figure, "source": "world-today-news-rewrite", "words": "repatriated 200 Chinese"}
        )

    update(tmp_path, revise)
    conflict = CuratedConflict.objects.get(part="figures")
    page = editor_client.get(change_url(Event.objects.get(slug=MYANMAR))).content.decode()
    assert "Not taken alongside the editors' changes: figure" in page
    response = editor_client.post(decide_url(conflict), {"choice": "curated"}, follow=True)
    assert "The curated figures cannot be taken as it is" in response.content.decode()
    assert Event.objects.get(slug=MYANMAR).figures.count() == 1
    assert CuratedConflict.objects.get(pk=conflict.pk).resolved is None


def test_an_actors_conflict_is_shown_and_decided_on_its_page(editor_client, tmp_path):
    actor = Actor.objects.get(slug="liu-zhongyi")
    with reversion.create_revision():
        actor.description = "Editors' description."
        actor.save()
    actors = read_fixture("actors.json")
    next(a for a in actors if a["slug"] == actor.slug)["description"] = "Curated description."
    update(tmp_path, actors=actors)
    conflict = CuratedConflict.objects.get()
    page = editor_client.get(reverse("admin:policing_actor_change", args=[actor.pk]))
    assert "Curated description." in page.content.decode()
    listed = editor_client.get(
        reverse("admin:policing_actor_changelist"), {"curated_conflicts": "open"}
    )
    assert [a.slug for a in listed.context["cl"].result_list] == [actor.slug]
    editor_client.post(decide_url(conflict), {"choice": "curated"})
    assert Actor.objects.get(pk=actor.pk).description == "Curated description."
