"""The merge picker: the events a proposal's words may be cited in, best match first, each
with its date in words, its states and its stage; words typed filter them and keep that order,
on the grid and on a proposal's own page alike."""

from django.urls import reverse

from policing.editorial import picking
from policing.models import Event
from tests.markup import select
from tests.proposing import TRAINING, five_proposals, make_proposal

FIJI_2011 = "fiji-china-policing-agreement-2011"
FIJI_2024 = "fiji-policing-agreement-amended-2024"
PNG_2024 = "png-police-offer-on-hold-2024"


def slugs(choices) -> list[str]:
    return [c.event.slug for c in choices]


def test_a_proposals_matches_come_best_first_with_their_details(curated):
    proposal = make_proposal(
        matches=[
            {"slug": FIJI_2011, "score": 81, "relation": "disputed"},
            {"slug": TRAINING, "score": 100, "relation": "same"},
            {"slug": "gone-meanwhile", "score": 99, "relation": "same"},
        ]
    )
    choices = picking.suggested([proposal])[proposal.pk]
    assert slugs(choices) == [TRAINING, FIJI_2011]  # a match whose event is gone is left out
    fiji = choices[1]
    assert (fiji.date_words, fiji.countries, fiji.stage) == (
        "2011",
        ["China", "Fiji"],
        "Signed or agreed",
    )
    assert picking.same_in(choices).slug == TRAINING


def test_searching_fiji_lists_the_fiji_events_before_the_png_one(curated):
    """The admin's title search listed them in timeline order, the PNG event (whose quotes
    name Fiji) first."""
    fiji = five_proposals()[0]
    assert set(slugs(picking.found(fiji, "Fiji"))) == {FIJI_2011, FIJI_2024, PNG_2024}
    assert slugs(picking.found(fiji, "Fiji"))[-1] == PNG_2024
    # Of two events the words name in their titles, the one nearer the proposal's date first.
    assert slugs(picking.found(fiji, "Fiji"))[:2] == [FIJI_2024, FIJI_2011]


def test_a_search_keeps_the_proposals_own_matches_first(curated):
    proposal = make_proposal(matches=[{"slug": PNG_2024, "score": 85, "relation": "disputed"}])
    assert slugs(picking.found(proposal, "Fiji"))[0] == PNG_2024
    assert PNG_2024 not in slugs(picking.found(proposal, "Myanmar scam"))  # filtered out
    assert slugs(picking.found(proposal, "  ")) == [PNG_2024]


def test_the_grid_and_the_proposals_page_show_the_details(editor_client):
    proposal = make_proposal(matches=[{"slug": FIJI_2011, "score": 81, "relation": "disputed"}])
    event = Event.objects.get(slug=FIJI_2011)
    details = "2011 · China, Fiji · Signed or agreed"
    for address in (
        reverse("admin:policing_proposal_grid", args=[proposal.source_id]),
        reverse("admin:policing_proposal_change", args=[proposal.pk]),
    ):
        html = editor_client.get(address).content.decode()
        assert details in html, address
        radios = select(html, "input", type="radio", value=str(event.pk))
        assert len(radios) == 1 and "checked" in radios[0], address  # the best, chosen


def test_the_choices_answer_to_typed_words_in_the_same_order_and_details(editor_client):
    fiji = five_proposals()[0]
    response = editor_client.get(
        reverse("admin:policing_proposal_choices", args=[fiji.pk]),
        {f"p{fiji.pk}-find": "Fiji", "prefix": f"p{fiji.pk}"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    titles = [Event.objects.get(pk=r["value"]).slug for r in select(html, "input", type="radio")]
    assert titles == [FIJI_2024, FIJI_2011, PNG_2024]
    assert all(r["name"] == f"p{fiji.pk}-event" for r in select(html, "input", type="radio"))
    assert "Mar 2024 · China, Fiji · Amended" in html
    assert "Jan 2024 · Australia, China, Papua New Guinea · Suspended or put on hold" in html


def test_without_javascript_find_shows_the_page_with_what_it_found(editor_client):
    proposal = make_proposal()
    response = editor_client.post(
        reverse("admin:policing_proposal_merge", args=[proposal.pk]),
        {"merge-find": "Fiji", "_find": "1"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mar 2024 · China, Fiji · Amended" in html
    assert select(html, "input", name="merge-find", value="Fiji")
    assert response.context["proposal"].status == "pending"
