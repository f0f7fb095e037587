"""The review grid: every proposal of a report a row, each decided from its row (accept with
the row's edits, merge, reject with a reason) or accepted with other selected rows, with and
without JavaScript; each decision one revision by its editor, as on a proposal's own page."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from reversion.models import Version

from policing.models import Event, Proposal
from tests.markup import form_fields, select
from tests.proposing import (
    FIJI,
    TIMOR,
    TRAINING,
    five_proposals,
    make_proposal,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


def grid_url(proposal_or_source) -> str:
    source_id = getattr(proposal_or_source, "source_id", None) or proposal_or_source.pk
    return reverse("admin:policing_proposal_grid", args=[source_id])


def page_data(client, source_of) -> dict:
    """What the grid's form posts as it comes, before any button is pressed."""
    response = client.get(grid_url(source_of))
    assert response.status_code == 200
    return form_fields(response.content.decode(), "grid-form")


def press(client, proposal, data: dict, button: str, **headers):
    """Post the grid's form with `button` ("accept 12", "accept-selected") pressed."""
    return client.post(grid_url(proposal), {**data, "decide": button}, **headers)


def field(proposal: Proposal, name: str) -> str:
    return f"p{proposal.pk}-{name}"


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def fresh(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_related("event").get(pk=proposal.pk)


@pytest.fixture
def five(editor_client) -> list[Proposal]:
    return five_proposals()


# --- the page ------------------------------------------------------------------------------


def test_every_proposal_of_the_report_is_a_row_in_the_reports_order(editor_client, five):
    five[3].status = "rejected"
    five[3].reject_reason = "A sports outing."
    five[3].save()
    other = make_proposal()  # another report's: not on this page
    response = editor_client.get(grid_url(five[0]))
    assert [row.pk for row in response.context["rows"]] == [p.pk for p in five]
    html = response.content.decode()
    assert f'id="row-{other.pk}"' not in html
    headings = [h["id"] for h in select(html, "h2", class_="grid-row-heading")]
    assert headings == [f"row-{p.pk}-heading" for p in five]
    # The decided row says so and has no fields; the pending rows have theirs, as suggested.
    assert "A sports outing." in html
    assert not select(html, "input", name=field(five[3], "title"))
    data = form_fields(html, "grid-form")
    assert data[field(five[0], "title")] == ["Agreement (signed or agreed): Fiji, 3 Mar 2025"]
    assert data[field(five[0], "date")] == ["On 3 March 2025"]
    # The states in the order the words name them, China on its side.
    assert data[field(five[0], "country_0")] == ["Fiji"]
    assert data[field(five[0], "role_0")] == ["counterpart"]
    assert data[field(five[0], "country_1")] == ["China"]
    assert data[field(five[0], "role_1")] == ["subject"]
    assert data[field(five[0], "country_2")] == [""]  # one more to add a state
    # The words marked in their paragraph, the date in words beside its field.
    assert f"<mark>{FIJI}</mark>" in html
    assert "Reads as <strong>3 Mar 2025</strong>" in html


def test_the_source_page_and_the_queue_link_the_grid(editor_client, five):
    source_page = editor_client.get(
        reverse("admin:policing_source_change", args=[five[0].source_id])
    )
    assert grid_url(five[0]) in source_page.content.decode()
    queue = editor_client.get(
        reverse("admin:policing_proposal_changelist") + f"?source__id__exact={five[0].source_id}"
    )
    assert "Review this report’s proposals in a grid" in queue.content.decode()
    assert grid_url(five[0]) in queue.content.decode()


def test_every_input_of_a_row_has_a_label(editor_client, five):
    html = editor_client.get(grid_url(five[0])).content.decode()
    labelled = {label["for"] for label in select(html, "label") if "for" in label}
    inputs = [
        e
        for tag in ("input", "select", "textarea")
        for e in select(html, tag)
        if e.get("type") not in ("hidden", "submit") and e.get("name")
    ]
    unlabelled = [
        e["name"]
        for e in inputs
        if e.get("id") not in labelled and e.get("type") not in ("checkbox", "radio")
    ]
    assert not unlabelled
    # Check boxes and radio buttons sit inside their label or have one.
    for box in select(html, "input", type="radio"):
        assert box["id"] in labelled


def test_the_page_reads_in_the_same_number_of_queries_for_more_rows(
    editor_client, five, django_assert_max_num_queries
):
    address = grid_url(five[0])
    editor_client.get(address)  # sessions, content types: read once
    with django_assert_max_num_queries(16):
        editor_client.get(address)
    for quote in [
        "Pacific policing ties deepen",
    ]:
        make_proposal(
            "pacific-ties", quote, countries=[], matches=[{"slug": TRAINING, "score": 90}]
        )
    with django_assert_max_num_queries(16):
        assert len(editor_client.get(address).context["rows"]) == 6


# --- deciding from a row -----------------------------------------------------------------


def test_accept_with_the_rows_edits_makes_a_draft_in_the_editors_history(editor_client, five):
    timor = five[2]
    data = page_data(editor_client, timor)
    data[field(timor, "title")] = ["Timor-Leste and China announce joint police patrols"]
    data[field(timor, "stage")] = ["signed"]
    data[field(timor, "date")] = ["2025-03"]
    data[field(timor, "date_reading")] = ["Only the month: the report is vague."]
    data[field(timor, "country_2")] = ["Australia"]
    data[field(timor, "role_2")] = ["objector"]
    response = press(editor_client, timor, data, f"accept {timor.pk}")
    assert response.status_code == 302
    assert response.url.endswith(f"#row-{five[3].pk}")  # on to the next pending row
    proposal = fresh(timor)
    event = proposal.event
    assert (proposal.status, proposal.decided_by.username) == ("accepted", "alice")
    assert event.title == "Timor-Leste and China announce joint police patrols"
    assert (event.activity, event.stage) == ("joint-patrol", "signed")
    assert (event.date_edtf, event.date_manual, event.date_text) == ("2025-03", True, "")
    assert event.date_reading == "Only the month: the report is vague."
    roles = {(p.country_id, p.role) for p in event.participants.all()}
    assert roles == {("TL", "counterpart"), ("CN", "subject"), ("AU", "objector")}
    assert event.citations.get().quoted_text == TIMOR
    assert not event.published
    version = Version.objects.get_for_object(event).get()
    assert version.revision.user.username == "alice"
    held = {(v.content_type.model, v.object_id) for v in version.revision.version_set.all()}
    assert ("proposal", str(timor.pk)) in held
    # The others were not touched.
    assert Proposal.objects.filter(source=timor.source, status="pending").count() == 4


def test_an_unchanged_row_is_accepted_as_its_own_page_accepts_it(editor_client, five):
    fiji = five[0]
    response = press(editor_client, fiji, page_data(editor_client, fiji), f"accept {fiji.pk}")
    assert response.status_code == 302
    event = fresh(fiji).event
    assert event.title == "Agreement (signed or agreed): Fiji, 3 Mar 2025"
    assert (event.date_text, event.date_edtf, event.date_manual) == (
        "On 3 March 2025",
        "2025-03-03",
        False,
    )
    assert {(p.country_id, p.role) for p in event.participants.all()} == {
        ("CN", "subject"),
        ("FJ", "counterpart"),
    }
    shown = messages_of(editor_client.get(response.url))
    assert any("Accepted" in m and "is a draft" in m for m in shown)


def test_a_date_typed_as_words_is_read_against_the_reports_publication(editor_client, five):
    png, timor = five[1], five[2]
    data = page_data(editor_client, png)
    data[field(png, "date")] = ["last week"]
    data[field(timor, "date")] = ["On 14 March 2025"]  # words the report has
    press(editor_client, png, data, f"accept {png.pk}")
    press(editor_client, timor, data, f"accept {timor.pk}")
    event = fresh(png).event
    # Published Thursday 20 Mar 2025: "last week" is the week of 10 March. The report does
    # not say it, so the date is one the editors set, from those words.
    assert event.date_edtf == "[2025-03-10..2025-03-16]"
    assert (event.date_text, event.date_manual) == ("", True)
    # Not the reader's words about the date it read: what the new reading is.
    assert event.date_reading == "Read from “last week” in pacific-ties."
    event = fresh(timor).event
    assert (event.date_text, event.date_edtf, event.date_manual) == (
        "On 14 March 2025",
        "2025-03-14",
        False,
    )


def test_a_refused_accept_keeps_the_rows_input_and_says_why(editor_client, five):
    png = five[1]
    data = page_data(editor_client, png)
    data[field(png, "title")] = ["Edited, then refused"]
    data[field(png, "date")] = ["2025-13-45"]
    data[field(png, "country_2")] = ["Atlantis"]
    data[field(five[4], "title")] = ["Typed in another row"]
    response = press(editor_client, png, data, f"accept {png.pk}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Not accepted: correct the fields marked below." in html
    assert "No state “Atlantis” in the country list." in html
    assert select(html, "input", name=field(png, "title"), value="Edited, then refused")
    assert select(html, "input", name=field(five[4], "title"), value="Typed in another row")
    assert select(html, "input", name=field(png, "date"), **{"aria-invalid": "true"})
    assert "“2025-13-45” is not a valid EDTF date." in html  # beside the date, as typed
    # Only the refused row says what is wrong: the other rows show what was typed.
    assert len(select(html, "p", class_="grid-row-error")) == 1
    assert fresh(png).status == "pending"


def test_a_decision_with_edits_left_in_other_rows_shows_the_page_again(editor_client, five):
    """No JavaScript: a redirect would lose what was typed in the other rows."""
    fiji, course = five[0], five[4]
    data = page_data(editor_client, fiji)
    data[field(course, "title")] = ["Not decided yet"]
    response = press(editor_client, fiji, data, f"accept {fiji.pk}")
    assert response.status_code == 200
    html = response.content.decode()
    assert select(html, "input", name=field(course, "title"), value="Not decided yet")
    assert any("Accepted" in m for m in messages_of(response))
    assert fresh(fiji).status == "accepted"
    assert not select(html, "input", name=field(fiji, "title"))  # decided: no fields


def test_reject_keeps_the_reason_and_needs_one(editor_client, five):
    rugby = five[3]
    data = page_data(editor_client, rugby)
    refused = press(editor_client, rugby, data, f"reject {rugby.pk}")
    assert refused.status_code == 200
    assert "Say why the proposal is rejected." in refused.content.decode()
    assert fresh(rugby).status == "pending"
    data[field(rugby, "reason")] = ["A sports outing, not policing diplomacy."]
    response = press(editor_client, rugby, data, f"reject {rugby.pk}")
    assert response.status_code == 302
    proposal = fresh(rugby)
    assert (proposal.status, proposal.reject_reason) == (
        "rejected",
        "A sports outing, not policing diplomacy.",
    )
    assert Version.objects.get_for_object(proposal).get().revision.user.username == "alice"


def test_merge_cites_the_words_in_the_chosen_event(editor_client, five):
    course = Proposal.objects.get(pk=five[4].pk)
    course.matches = [{"slug": TRAINING, "score": 88, "relation": "disputed"}]
    course.save()
    event = Event.objects.get(slug=TRAINING)
    before = event.citations.count()
    data = page_data(editor_client, course)
    assert data[field(course, "event")] == [str(event.pk)]  # the best match, chosen
    response = press(editor_client, course, data, f"merge {course.pk}")
    assert response.status_code == 302
    proposal = fresh(course)
    assert (proposal.status, proposal.event_id) == ("merged", event.pk)
    assert event.citations.count() == before + 1
    latest = Version.objects.get_for_object(event).first()
    assert latest.revision.user.username == "alice"


def test_merging_with_no_event_chosen_is_refused_in_the_row(editor_client, five):
    fiji = five[0]
    data = page_data(editor_client, fiji)
    assert field(fiji, "event") not in data  # no match, nothing chosen
    response = press(editor_client, fiji, data, f"merge {fiji.pk}")
    assert "Choose the event to cite these words in." in response.content.decode()
    assert fresh(fiji).status == "pending"


def test_accept_cites_words_that_state_an_existing_event_there(editor_client, five):
    course = Proposal.objects.get(pk=five[4].pk)
    course.matches = [{"slug": TRAINING, "score": 100, "relation": "same"}]
    course.save()
    html = editor_client.get(grid_url(course)).content.decode()
    assert "Accept: cite there" in html
    press(editor_client, course, form_fields(html, "grid-form"), f"accept {course.pk}")
    assert (fresh(course).status, fresh(course).event.slug) == ("merged", TRAINING)
    # "Accept as a new event" makes one all the same.
    other = make_proposal(matches=[{"slug": TRAINING, "score": 100, "relation": "same"}])
    press(editor_client, other, page_data(editor_client, other), f"new {other.pk}")
    assert fresh(other).status == "accepted" and fresh(other).event.slug != TRAINING


def test_a_double_submit_decides_once_and_says_so(editor_client, five):
    fiji = five[0]
    data = page_data(editor_client, fiji)
    press(editor_client, fiji, data, f"accept {fiji.pk}")
    again = press(editor_client, fiji, data, f"accept {fiji.pk}")
    assert again.status_code == 200
    assert "This proposal was already decided." in again.content.decode()
    assert Event.objects.filter(proposals__source=fiji.source).count() == 1


# --- with htmx: the row alone ---------------------------------------------------------------


def test_an_htmx_decision_answers_with_its_row_alone(editor_client, five):
    fiji = five[0]
    response = press(
        editor_client, fiji, page_data(editor_client, fiji), f"accept {fiji.pk}", **HTMX
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == f"#row-{fiji.pk}"
    assert response["HX-Reswap"] == "outerHTML"
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li class="grid-row is-decided" id="row-{fiji.pk}"')
    assert "is a draft" in html
    assert select(html, "p", id="grid-summary", **{"hx-swap-oob": "true"})
    assert "1 accepted" in html
    # The decision said where the editor looks after the rows move on: the toolbar.
    assert select(html, "p", id="grid-last", role="status", **{"hx-swap-oob": "true"})
    assert "Proposal 1: Accepted:" in html
    # No message is left for the next page: the row said it.
    assert not messages_of(editor_client.get(grid_url(fiji)))


def test_an_htmx_refusal_answers_with_the_row_and_its_errors(editor_client, five):
    png = five[1]
    data = page_data(editor_client, png)
    data[field(png, "activity")] = [""]
    response = press(editor_client, png, data, f"accept {png.pk}", **HTMX)
    html = response.content.decode()
    assert "Choose what the event is an instance of." in html
    assert 'class="grid-row is-pending"' in html
    assert fresh(png).status == "pending"


# --- selected rows --------------------------------------------------------------------------


def test_selected_rows_are_accepted_each_as_its_own_decision(editor_client, five):
    fiji, png, timor = five[:3]
    Proposal.objects.filter(pk=png.pk).update(activity="")  # refused: no activity
    data = page_data(editor_client, fiji)
    data["selected"] = [str(fiji.pk), str(png.pk), str(timor.pk)]
    response = press(editor_client, fiji, data, "accept-selected")
    assert response.status_code == 200  # a row was refused: the page again, with it
    html = response.content.decode()
    assert [fresh(p).status for p in (fiji, png, timor)] == ["accepted", "pending", "accepted"]
    assert "Accepted 2 of 3; not accepted: proposal 2" in " ".join(messages_of(response))
    assert "Choose what the event is an instance of." in html
    for proposal in (fiji, timor):
        event = fresh(proposal).event
        revisions = {v.revision_id for v in Version.objects.get_for_object(event)}
        assert len(revisions) == 1
    assert (
        len(
            {
                v.revision_id
                for p in (fiji, timor)
                for v in Version.objects.get_for_object(fresh(p).event)
            }
        )
        == 2
    )


def test_accepting_no_selected_row_says_to_select_some(editor_client, five):
    response = press(editor_client, five[0], page_data(editor_client, five[0]), "accept-selected")
    assert any("Select the rows" in m for m in messages_of(response))
    assert not Proposal.objects.exclude(status="pending").exists()


# --- publish on accept ----------------------------------------------------------------------


def test_publish_on_accept_publishes_each_accepted_event(editor_client, five):
    fiji, png = five[:2]
    data = page_data(editor_client, fiji)
    data["publish"] = ["1"]
    data["selected"] = [str(fiji.pk), str(png.pk)]
    response = press(editor_client, fiji, data, "accept-selected")
    assert response.status_code == 302 and "publish=1" in response.url
    for proposal in (fiji, png):
        event = fresh(proposal).event
        assert event.published
        assert editor_client.get(event.get_absolute_url()).status_code == 200
        version = Version.objects.get_for_object(event).get()  # one revision, published in it
        assert version.field_dict["published"] is True
        assert "Accepted and published" in version.revision.comment


@pytest.fixture
def drafting_client(client, editor):
    """An editor who may add events but not change them, so not publish them."""
    editor.groups.clear()
    editor.user_permissions.set(
        Permission.objects.filter(
            codename__in=[
                "add_event",
                "add_citation",
                "change_proposal",
                "view_proposal",
                "view_event",
            ]
        )
    )
    client.force_login(User.objects.get(pk=editor.pk))
    return client


def test_publish_on_accept_is_only_for_editors_who_may_publish(drafting_client, five):
    fiji = five[0]
    html = drafting_client.get(grid_url(fiji)).content.decode()
    assert not select(html, "input", name="publish")
    assert "Merge into the chosen event" not in html  # merging changes an event
    data = form_fields(html, "grid-form")
    refused = press(drafting_client, fiji, {**data, "publish": "1"}, f"accept {fiji.pk}")
    assert refused.status_code == 403
    assert fresh(fiji).status == "pending"
    accepted = press(drafting_client, fiji, data, f"accept {fiji.pk}")
    assert accepted.status_code == 302
    assert not fresh(fiji).event.published


def test_selected_rows_go_on_past_one_its_editor_may_not_accept(drafting_client, five):
    """Words that state an existing event are cited there, which changes that event."""
    fiji, course = five[0], Proposal.objects.get(pk=five[4].pk)
    course.matches = [{"slug": TRAINING, "score": 100, "relation": "same"}]
    course.save()
    data = page_data(drafting_client, fiji)
    data["selected"] = [str(course.pk), str(fiji.pk)]
    response = press(drafting_client, fiji, data, "accept-selected")
    assert response.status_code == 200
    assert "which you may not change" in response.content.decode()
    assert (fresh(course).status, fresh(fiji).status) == ("pending", "accepted")


def test_a_reader_sees_the_grid_but_cannot_decide(client, five):
    reader = User.objects.create_user("reader", password="x", is_staff=True)
    reader.user_permissions.set(Permission.objects.filter(codename="view_proposal"))
    client.force_login(reader)
    html = client.get(grid_url(five[0])).content.decode()
    assert "may read proposals but not decide" in html
    data = form_fields(html, "grid-form")
    for button in (f"accept {five[0].pk}", f"reject {five[0].pk}", "accept-selected"):
        response = press(client, five[0], {**data, "selected": [str(five[0].pk)]}, button)
        assert response.status_code == 403, button
    assert fresh(five[0]).status == "pending"


# --- the date beside its field --------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("On 3 March 2025", "3 Mar 2025</strong> (EDTF <code>2025-03-03</code>), as the proposal"),
        # One day in the first ten of the most recent March: a window.
        (
            "early March",
            "(EDTF <code>[2025-03-01..2025-03-10]</code>), read against the report’s publication",
        ),
        ("[2025-03-01..2025-03-10]", "say how the words give it"),
        ("2025-13", "errornote"),
    ],
)
def test_the_date_reads_as_it_is_typed(editor_client, five, typed, expected):
    fiji = five[0]
    response = editor_client.get(
        reverse("admin:policing_proposal_date_preview", args=[fiji.pk]),
        {field(fiji, "date"): typed},
        **HTMX,
    )
    assert expected in response.content.decode()


def test_a_row_starts_from_the_roles_the_words_gave(editor_client):
    """The reader's roles (policing/proposals/roles.py) come to the row: the editor confirms an
    objector rather than choosing it."""
    proposal = make_proposal(
        countries=["PG", "CN", "AU"], roles={"PG": "objector", "AU": "objector"}
    )
    data = page_data(editor_client, proposal)
    roles = {
        data[field(proposal, f"country_{i}")][0]: data[field(proposal, f"role_{i}")][0]
        for i in range(3)
    }
    assert roles == {"Papua New Guinea": "objector", "China": "subject", "Australia": "objector"}
