"""Reviewing proposed events in the admin: accept as a draft, edit then accept, merge into an
event, reject with a reason; each in the editor's history, none published, bad input answered
with a message rather than an error page."""

import html as html_lib
import io
import re
import threading
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from policing.corpus import seeds as corpus
from policing.editorial import review
from policing.models import Event, Proposal, ProposalStatus, Source
from policing.text import dates
from tests.editorial.forms import PASSWORD
from tests.proposing import SENTENCE, TRAINING, make_proposal


def url(name: str, proposal: Proposal) -> str:
    return reverse(f"admin:policing_proposal_{name}", args=[proposal.pk])


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def follow(client, response):
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response.url)


# --- the queue and the review page ---------------------------------------------------------


def test_the_source_page_links_its_pending_proposals(editor_client):
    proposal = make_proposal()
    make_proposal(quote="wrapping up police tactical training", status="rejected")
    response = editor_client.get(reverse("admin:policing_source_change", args=[proposal.source_id]))
    html = response.content.decode()
    assert "Proposals (1 pending)" in html
    queue = editor_client.get(
        reverse("admin:policing_proposal_changelist")
        + f"?source__id__exact={proposal.source_id}&status__exact=pending"
    )
    assert [p.pk for p in queue.context["cl"].result_list] == [proposal.pk]


def test_the_queue_lists_the_words_date_suggestion_and_source_in_a_row(editor_client):
    proposal = make_proposal()
    html = editor_client.get(reverse("admin:policing_proposal_changelist")).content.decode()
    row = re.search(r"<tbody>\s*<tr>(.*?)</tr>", html, re.S)[1]
    cells = [
        html_lib.unescape(re.sub(r"<[^>]+>", "", c)).strip()
        for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
    ]
    assert cells[0] == proposal.quote[:120] + "…"  # long words are cut, with a mark
    assert cells[1] == dates.in_words(proposal.date_edtf) == "between 1 and 22 Feb 2025"
    assert "Training, Delivered or completed" in cells
    assert proposal.source.title[:40] in cells[-1]


def test_the_review_page_marks_the_words_and_shows_the_suggestions(editor_client):
    match = Event.objects.get(slug=TRAINING)
    proposal = make_proposal(
        actors=["Wang Xiaohong", "Nobody Known"],
        matches=[{"slug": TRAINING, "score": 0.9, "relation": "disputed"}],
    )
    response = editor_client.get(url("change", proposal))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>wrapping up" not in html  # the whole sentence is the quote
    assert f"<mark>{SENTENCE}</mark>" in html
    assert "Feb 2025" in html and "The source writes “earlier this month”" in html
    assert "Solomon Islands (counterpart)" in html and "China (China’s side)" in html
    assert "Nobody Known (not in the actor list)" in html
    assert reverse("admin:policing_event_change", args=[match.pk]) in html
    assert "the sources disagree" in html
    assert "Accept as a draft event" in html  # a disputed match is not accepted into


def test_a_quote_is_escaped_in_its_paragraph(editor_client):
    source = Source.objects.create(
        slug="hostile",
        title="A <b>report</b>",
        outlet="Example",
        published_edtf="2025-03-04",
        text="On 3 March 2025, Fiji and China signed <script>alert(1)</script> a deal.\n",
    )
    corpus.import_text(source)
    proposal = make_proposal("hostile", quote="signed <script>alert(1)</script> a deal")
    html = editor_client.get(url("change", proposal)).content.decode()
    assert "<script>alert(1)" not in html
    assert "<mark>signed &lt;script&gt;alert(1)&lt;/script&gt; a deal</mark>" in html
    assert "A &lt;b&gt;report&lt;/b&gt;" in html


# --- accept -------------------------------------------------------------------------------------


def test_accept_makes_a_draft_event_citing_the_words_in_the_editors_history(editor_client):
    proposal = make_proposal()
    response = editor_client.post(url("accept", proposal))
    assert response.status_code == 302
    proposal.refresh_from_db()
    event = proposal.event
    assert (proposal.status, proposal.decided_by.username) == ("accepted", "alice")
    assert not event.published
    assert (event.activity, event.stage, event.date_edtf) == (
        "training",
        "completed",
        "[2025-02-01..2025-02-22]",
    )
    assert (event.date_text, event.date_source.slug, event.date_manual) == (
        "earlier this month",
        "scmp-yahoo",
        False,
    )
    citation = event.citations.get()
    assert (citation.passage_id, citation.start, citation.end) == (
        proposal.passage_id,
        proposal.start,
        proposal.end,
    )
    assert citation.quoted_text == SENTENCE
    roles = {(p.country_id, p.role) for p in event.participants.all()}
    assert roles == {("CN", "subject"), ("SB", "counterpart")}
    version = Version.objects.get_for_object(event).get()
    assert version.revision.user.username == "alice"
    held = {(v.content_type.model, v.object_id) for v in version.revision.version_set.all()}
    assert ("citation", str(citation.pk)) in held and ("proposal", str(proposal.pk)) in held
    # Nothing public: a draft is on no public page.
    assert editor_client.get(event.get_absolute_url()).status_code == 404


def test_accept_matches_known_actors_by_name_and_keeps_figures_the_words_state(editor_client):
    proposal = make_proposal(
        actors=["Wang Xiaohong", "Nobody Known"],
        figures=[
            {"label": "distance", "value": "4970", "unit": "miles"},
            {"label": "officers", "value": "30", "unit": "people"},
        ],
    )
    response = editor_client.post(url("accept", proposal))
    event = Proposal.objects.get(pk=proposal.pk).event
    assert [(a.actor.name, a.role) for a in event.actor_roles.all()] == [
        ("Wang Xiaohong", "trained")
    ]
    assert [(f.label, int(f.value)) for f in event.figures.all()] == [("distance", 4970)]
    shown = messages_of(follow(editor_client, response))
    assert any("Nobody Known" in m for m in shown)
    assert any("officers" in m and "Figures left out" in m for m in shown)


def test_accept_cites_the_words_in_the_event_they_state(editor_client):
    event = Event.objects.get(slug=TRAINING)
    before = event.citations.count()
    proposal = make_proposal(matches=[{"slug": TRAINING, "score": 0.95, "relation": "same"}])
    editor_client.post(url("accept", proposal))
    proposal.refresh_from_db()
    assert (proposal.status, proposal.event_id) == ("merged", event.pk)
    assert event.citations.count() == before + 1
    assert Event.objects.get(pk=event.pk).published  # as it was: nothing else changed


def test_edit_then_accept_uses_the_editors_words_within_the_paragraph(editor_client):
    proposal = make_proposal()
    form = editor_client.get(url("edit", proposal))
    assert form.status_code == 200
    assert form.context["form"]["quote"].value() == SENTENCE
    data = {
        "title": "Chinese liaison officers train Solomon Islands police",
        "summary": "Chinese officers finished a tactical course for local police.",
        "activity": "training",
        "stage": "completed",
        "quote": "wrapping up police tactical training for local officers",
        "date_text": "earlier this month",
        "date_edtf": "",
        "date_reading": "",
        "countries": ["SB"],
    }
    response = editor_client.post(url("edit", proposal), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Proposal.objects.get(pk=proposal.pk).event
    assert event.title == data["title"] and event.summary == data["summary"]
    assert event.date_edtf == "[2025-02-01..2025-02-22]"  # "earlier this month", before 23 Feb
    assert event.citations.get().quoted_text == data["quote"]
    assert [p.country_id for p in event.participants.all()] == ["SB"]
    assert not event.published

    # Words from elsewhere in the source are refused, even though the source has them.
    other = make_proposal(quote="wrapping up police tactical training for local officers")
    other_paragraph = next(
        p for p in other.source.passages.all() if p.citable and p.pk != other.passage_id
    )
    refused = editor_client.post(url("edit", other), {**data, "quote": other_paragraph.text})
    assert refused.status_code == 200
    assert "not in the paragraph the proposal quotes" in refused.content.decode()
    assert Proposal.objects.get(pk=other.pk).status == "pending"


# --- merge and reject ---------------------------------------------------------------------------


def test_merge_cites_the_words_in_the_chosen_event(editor_client):
    event = Event.objects.get(slug="fiji-china-policing-agreement-2011")
    before = event.citations.count()
    proposal = make_proposal()
    response = editor_client.post(url("merge", proposal), {"merge-event": str(event.pk)})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.event_id) == ("merged", event.pk)
    assert event.citations.count() == before + 1
    latest = Version.objects.get_for_object(event).first()
    assert latest.revision.user.username == "alice"
    assert "Merged proposal" in latest.revision.comment


def test_reject_keeps_the_reason(editor_client):
    proposal = make_proposal()
    response = editor_client.post(url("reject", proposal), {"reject-reason": "Not policing."})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reject_reason) == ("rejected", "Not policing.")
    assert Version.objects.get_for_object(proposal).get().revision.user.username == "alice"


# --- bad input ----------------------------------------------------------------------------------


def test_a_rejection_without_a_reason_is_refused_with_a_message(editor_client):
    proposal = make_proposal()
    response = editor_client.post(url("reject", proposal), {"reject-reason": "  "})
    assert response.status_code == 200
    assert "Say why the proposal is rejected." in messages_of(response)
    assert Proposal.objects.get(pk=proposal.pk).status == "pending"


@pytest.mark.parametrize("event", ["", "abc", "999999"])
def test_merging_into_no_event_or_an_unknown_one_is_refused_with_a_message(editor_client, event):
    proposal = make_proposal()
    response = editor_client.post(url("merge", proposal), {"merge-event": event})
    assert response.status_code == 200
    assert messages_of(response)
    assert Proposal.objects.get(pk=proposal.pk).status == "pending"


def test_a_decided_proposal_cannot_be_decided_again(editor_client):
    proposal = make_proposal()
    editor_client.post(url("reject", proposal), {"reject-reason": "Duplicate."})
    for name, data in [("accept", {}), ("merge", {"merge-event": "1"}), ("reject", {})]:
        response = follow(editor_client, editor_client.post(url(name, proposal), data))
        if name != "reject":
            assert any("already decided" in m for m in messages_of(response)), name
    assert Proposal.objects.get(pk=proposal.pk).reject_reason == "Duplicate."
    assert not Event.objects.filter(proposals=proposal).exists()


def test_a_proposal_without_activity_or_date_is_refused_with_a_message(editor_client):
    for fields, expected in [({"activity": ""}, "activity"), ({"date_edtf": ""}, "no date")]:
        Proposal.objects.all().delete()
        proposal = make_proposal(**fields)
        response = follow(editor_client, editor_client.post(url("accept", proposal)))
        assert any(expected in m for m in messages_of(response))
        assert Proposal.objects.get(pk=proposal.pk).status == "pending"


def test_unknown_proposals_and_get_requests_answer_without_an_error_page(editor_client):
    proposal = make_proposal()
    for name in ("change", "accept", "edit", "merge", "reject"):
        response = editor_client.get(reverse(f"admin:policing_proposal_{name}", args=["999999"]))
        assert response.status_code == 302, name
        response = editor_client.get(reverse(f"admin:policing_proposal_{name}", args=["x'<"]))
        assert response.status_code == 302, name
    assert editor_client.get(url("accept", proposal)).status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).status == "pending"


# --- decisions made at the same moment -----------------------------------------------------------


def at_once(monkeypatch, *posts) -> list:
    """POST each (client, address, data) in a thread of its own, with its own database
    connection, as editors deciding at the same moment: every request gets as far as starting
    to write (review.py's `transaction.atomic()`, after any check the code makes before it)
    before any of them writes. The responses, in order."""
    barrier = threading.Barrier(len(posts), timeout=30)
    # The SQLite test database is in memory, where a writer meeting another's transaction
    # fails at once instead of waiting for it as the site's file database makes it (BEGIN
    # IMMEDIATE, busy timeout): there the requests take turns from that point, as the site's
    # writers do. On PostgreSQL they run on together.
    turn = threading.Lock() if connection.vendor == "sqlite" else None
    holding = threading.local()
    atomic = review.transaction.atomic

    def starting_to_write(*args, **kwargs):
        barrier.wait()
        if turn is not None and not getattr(holding, "turn", False):
            turn.acquire()
            holding.turn = True
        return atomic(*args, **kwargs)

    monkeypatch.setattr(review, "transaction", SimpleNamespace(atomic=starting_to_write))
    responses, errors = [None] * len(posts), []

    def post(at: int, client, address: str, data: dict) -> None:
        try:
            responses[at] = client.post(address, data)
        except BaseException as error:  # the test reports it, with its traceback
            errors.append(error)
            barrier.abort()
        finally:
            if getattr(holding, "turn", False):
                turn.release()
            connection.close()

    threads = [threading.Thread(target=post, args=(at, *p)) for at, p in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    if errors:
        raise errors[0]
    return responses


@pytest.fixture
def two_editors(editor, curated) -> tuple[Client, Client]:
    """Alice and Bob, each signed in in a browser of their own."""
    call_command("create_editor", "bob", stdout=io.StringIO())
    clients = Client(), Client()
    for client, name in zip(clients, ["alice", "bob"], strict=True):
        client.force_login(User.objects.get(username=name))
    return clients


def said(client, response) -> str:
    """The messages the page after a decision shows."""
    return " ".join(messages_of(follow(client, response)))


@pytest.mark.django_db(transaction=True)
def test_accepting_one_proposal_twice_at_once_makes_one_draft(two_editors, monkeypatch):
    proposal = make_proposal()
    before = set(Event.objects.values_list("pk", flat=True))
    decision = (url("accept", proposal), {})
    responses = at_once(monkeypatch, *((client, *decision) for client in two_editors))
    told = sorted(said(c, r) for c, r in zip(two_editors, responses, strict=True))
    assert told[0].startswith("Accepted: ") and "already decided (accepted" in told[1], told
    [made] = Event.objects.exclude(pk__in=before)  # no orphan draft beside the one accepted
    proposal.refresh_from_db()
    assert (proposal.status, proposal.event) == ("accepted", made)
    assert made.citations.count() == 1 and made.participants.count() == 2


@pytest.mark.django_db(transaction=True)
def test_merging_and_rejecting_at_once_is_one_decision_or_the_other(two_editors, monkeypatch):
    event = Event.objects.get(slug="fiji-china-policing-agreement-2011")
    cited = event.citations.count()
    proposal = make_proposal()
    merging, rejecting = two_editors
    responses = at_once(
        monkeypatch,
        (merging, url("merge", proposal), {"merge-event": str(event.pk)}),
        (rejecting, url("reject", proposal), {"reject-reason": "Not policing."}),
    )
    told = [said(c, r) for c, r in zip(two_editors, responses, strict=True)]
    assert sum("already decided" in t for t in told) == 1, told
    proposal.refresh_from_db()
    if proposal.status == "merged":
        assert (proposal.event, event.citations.count()) == (event, cited + 1)
    else:  # rejected: its words are cited nowhere
        assert (proposal.status, proposal.event, event.citations.count()) == (
            "rejected",
            None,
            cited,
        )
    assert Version.objects.get_for_object(proposal).count() == 1  # one decision in its history


def test_accepting_while_the_source_is_deleted_answers_with_a_message(editor_client, monkeypatch):
    source = Source.objects.create(
        slug="short-lived",
        title="A report deleted while it is reviewed",
        outlet="Example",
        published_edtf="2025-03-04",
        text="On 3 March 2025, Fiji and China signed a policing agreement in Suva.\n",
    )
    corpus.import_text(source)
    proposal = make_proposal(
        "short-lived",
        quote="Fiji and China signed a policing agreement",
        date_text="On 3 March 2025",
        date_edtf="2025-03-03",
        countries=["CN", "FJ"],
        activity="agreement",
        stage="signed",
    )
    atomic = review.transaction.atomic

    def deleted_meanwhile(*args, **kwargs):
        Source.objects.filter(pk=source.pk).delete()  # a superuser, as the editor decides
        return atomic(*args, **kwargs)

    monkeypatch.setattr(review, "transaction", SimpleNamespace(atomic=deleted_meanwhile))
    before = Event.objects.count()
    response = editor_client.post(url("accept", proposal))
    assert response.status_code == 302
    monkeypatch.undo()
    assert "no longer exists" in " ".join(messages_of(follow(editor_client, response)))
    assert Event.objects.count() == before


# --- permissions --------------------------------------------------------------------------------


@pytest.fixture
def reader_client(client, curated, monkeypatch):
    """A staff member who may read and decide on proposals but not add events."""
    user = User.objects.create_user("rita", password=PASSWORD, is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_proposal", "change_proposal"])
    )
    client.force_login(user)
    return client


def test_only_those_who_may_add_events_may_accept(reader_client):
    proposal = make_proposal()
    page = reader_client.get(url("change", proposal)).content.decode()
    assert "Accept as a draft event" not in page and "Reject with this reason" in page
    assert reader_client.post(url("accept", proposal)).status_code == 403
    assert reader_client.post(url("edit", proposal), {}).status_code == 403
    assert reader_client.post(url("merge", proposal), {"merge-event": "1"}).status_code == 403
    assert Proposal.objects.get(pk=proposal.pk).status == "pending"


def test_the_editors_group_may_decide_but_not_add_proposals(editor):
    assert editor.has_perms(["policing.view_proposal", "policing.change_proposal"])
    assert not editor.has_perm("policing.add_proposal")


# --- the decisions without HTTP ------------------------------------------------------------------


def test_review_functions_refuse_with_review_errors(curated):
    user = User.objects.create_user("zed")
    proposal = make_proposal()
    with pytest.raises(review.ReviewError, match="Say why"):
        review.reject(proposal, user=user, reason="")
    outcome = review.accept(proposal, user=user)
    assert outcome.created and not outcome.event.published
    with pytest.raises(review.ReviewError, match="already decided"):
        review.merge(proposal, outcome.event, user=user)
    assert ProposalStatus(Proposal.objects.get(pk=proposal.pk).status) == "accepted"


# --- proposing from the admin -------------------------------------------------------------------

REPORT = (
    "Pacific policing ties deepen\n\n"
    "On 3 March 2025, Fiji and China signed a policing agreement in Suva.\n"
    "On 14 March 2025, Chinese police officers visited a rugby match in Honiara.\n"
)


def test_a_pasted_source_is_proposed_from_and_a_rejection_is_not_offered_again(editor_client):
    response = editor_client.post(
        reverse("admin:policing_source_add"),
        {
            "title": "Pacific policing ties deepen",
            "slug": "pacific-ties",
            "outlet": "Example Pacific News",
            "published_edtf": "2025-03-20",
            "text": REPORT,
            "passages-TOTAL_FORMS": "0",
            "passages-INITIAL_FORMS": "0",
            "passages-MIN_NUM_FORMS": "0",
            "passages-MAX_NUM_FORMS": "1000",
        },
        follow=True,
    )
    assert any("2 new event(s) proposed" in m for m in messages_of(response))
    source = Source.objects.get(slug="pacific-ties")
    rugby = source.proposals.get(quote__contains="rugby")
    assert source.proposals.filter(status="pending").count() == 2
    editor_client.post(url("reject", rugby), {"reject-reason": "Not policing."})

    propose = reverse("admin:policing_source_propose", args=[source.pk])
    response = editor_client.post(propose, follow=True)
    assert any("0 new event(s) proposed" in m for m in messages_of(response))
    assert source.proposals.count() == 2
    assert source.proposals.get(pk=rugby.pk).status == "rejected"
    assert editor_client.get(propose).status_code == 302  # proposing is a POST


def test_a_failing_extraction_leaves_the_source_saved_with_a_warning(editor_client, monkeypatch):
    from policing import proposals

    def broken(source):
        raise RuntimeError("extraction failed")

    monkeypatch.setattr(proposals, "queue", broken)
    source = Source.objects.get(slug="scmp-yahoo")
    response = editor_client.post(
        reverse("admin:policing_source_propose", args=[source.pk]), follow=True
    )
    assert response.status_code == 200
    assert any("Proposing events from this source failed" in m for m in messages_of(response))


def test_events_are_proposed_after_the_save_has_committed(editor_client, monkeypatch):
    """The save's transaction (SQLite's write lock) covers the source and its passages, not
    the reading of its text for events: a second editor's save waited 20 s and failed."""
    from django.db import connection

    from policing import proposals

    opened = len(connection.atomic_blocks)  # the test's own
    seen = []
    real = proposals.queue

    def queue(source):
        seen.append((len(connection.atomic_blocks), source.passages.count()))
        return real(source)

    monkeypatch.setattr(proposals, "queue", queue)
    response = editor_client.post(
        reverse("admin:policing_source_add"),
        {
            "title": "Pacific policing ties deepen",
            "slug": "pacific-ties",
            "outlet": "Example Pacific News",
            "published_edtf": "2025-03-20",
            "text": REPORT,
        },
        follow=True,
    )
    assert seen == [(opened, 3)]  # no transaction of the save left open; its passages saved
    assert any("2 new event(s) proposed" in m for m in messages_of(response))


def test_a_report_in_another_language_is_saved_with_a_note_that_proposals_read_english(
    editor_client,
):
    text = (
        "2025年3月3日，中国公安部与斐济警察部队在苏瓦签署了警务合作协议。\n"
        "根据协议，中方将为斐济警察提供培训和装备。\n"
    )
    response = editor_client.post(
        reverse("admin:policing_source_add"),
        {
            "title": "中斐警务合作",
            "slug": "fiji-zh",
            "outlet": "Example News",
            "published_edtf": "2025-03-04",
            "text": text,
        },
        follow=True,
    )
    said = messages_of(response)
    assert any("0 new event(s) proposed" in m for m in said)
    assert any("reads as Chinese: events are proposed from English text only" in m for m in said)
    assert Source.objects.get(slug="fiji-zh").passages.count() == 2


def test_an_english_report_gets_no_language_note(editor_client):
    response = editor_client.post(
        reverse("admin:policing_source_add"),
        {
            "title": "Pacific policing ties deepen",
            "slug": "pacific-ties",
            "outlet": "Example Pacific News",
            "published_edtf": "2025-03-20",
            "text": REPORT,
        },
        follow=True,
    )
    assert not any("English text only" in m for m in messages_of(response))


def test_a_proposals_history_does_not_list_every_paragraph(editor_client):
    """The version of a proposal is shown in its model form: its paragraph (and source and
    event) are raw ids there, not a select of every paragraph of every source."""
    proposal = make_proposal()
    editor_client.post(url("reject", proposal), {"reject-reason": "Not policing."})
    version = Version.objects.get_for_object(proposal).first()
    response = editor_client.get(
        reverse("admin:policing_proposal_revision", args=[proposal.pk, version.pk])
    )
    assert response.status_code == 200
    assert response.content.decode().count("<option") < 50
