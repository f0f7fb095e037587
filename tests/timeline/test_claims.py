"""The same figure as several sources state it (timeline/claims.py): one claim with its sources,
"sources differ" where their numbers do; never two units, statuses, scopes or periods apart."""

from decimal import Decimal

import pytest

from policing.models import Counted, Figure
from policing.models.querysets import public
from policing.timeline.claims import claims

PLEDGE = "lianyungang-forum-training-pledge-2024"


def curated_claims():
    figures = Figure.objects.filter(public("event")).select_related("event", "citation__source")
    return claims(list(figures.order_by("pk")))


def test_the_3000_pledge_is_one_claim_listing_its_three_sources(curated):
    (pledge,) = [
        claim
        for claim in curated_claims()
        if claim.event.slug == PLEDGE and claim.primary.counts == Counted.FOREIGN_POLICE_TRAINED
    ]
    assert pledge.sourced == 3
    assert [f.citation.source.slug for f in pledge.figures] == [
        "scmp-yahoo",  # "in 2025": the most precise period places the claim
        "bangkok-post-digest",  # "by 2025"
        "ipd-forum-2024",  # no period
    ]
    assert pledge.primary.period_edtf == "2025"
    assert pledge.display_value == "3,000 officers"
    assert not pledge.disputed  # the same number, worded three ways
    assert pledge.periods_differ
    # The 2,700 trained in 2023 is another event's, and reported: not part of it.
    assert {int(f.value) for f in pledge.figures} == {3000}


def test_sources_that_hedge_a_number_differently_are_one_claim_that_says_so(curated):
    (states,) = [c for c in curated_claims() if c.primary.counts == Counted.REGIONAL_DEAL_STATES]
    assert states.sourced == 2
    assert states.disputed
    assert states.display_value == "more than 12 states or at least 12 states"


def test_one_sources_number_in_two_units_or_of_two_things_is_two_claims(curated):
    found = curated_claims()
    package = [c for c in found if c.event.slug == "australia-solomon-islands-police-package-2025"]
    assert sorted(c.primary.unit for c in package) == ["AUD", "USD"]
    jibc = [c for c in found if c.event.slug == "jibc-chinese-police-academies-programme-2014-2020"]
    assert len(jibc) == 2


def test_every_curated_figure_is_in_one_claim(curated):
    found = curated_claims()
    members = [f.pk for claim in found for f in claim.figures]
    assert sorted(members) == sorted(
        Figure.objects.filter(public("event")).values_list("pk", flat=True)
    )
    # 21 figures: the 3,000 stated three times and the Pacific states twice.
    assert len(found) == len(members) - 3


def figure(pk, period="", **fields):
    values = {
        "event_id": 1,
        "counts": Counted.FOREIGN_POLICE_TRAINED,
        "value": Decimal(100),
        "unit": "officers",
        "status": "reported",
        "scope": "worldwide",
        "period_edtf": period,
    }
    return Figure(pk=pk, **(values | fields))


def grouped(*figures):
    return [[f.pk for f in claim.figures] for claim in claims(list(figures))]


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        # Periods that overlap, one figure to the next, are one claim; the most precise first.
        ([figure(1, "2018/2021"), figure(2, "2019")], [[2, 1]]),
        ([figure(1, "../2025"), figure(2, "2025"), figure(3)], [[2, 1, 3]]),
        ([figure(1, "2018/2019"), figure(2, "2021"), figure(3, "2019/2021")], [[2, 1, 3]]),
        # Periods apart are two figures: 100 trained in 2019, and another 100 in 2020.
        ([figure(1, "2019"), figure(2, "2020")], [[1], [2]]),
        # Beside two of them, a figure without a period could be either: it stands alone.
        ([figure(1, "2019"), figure(2, "2020"), figure(3)], [[1], [2], [3]]),
        # Another event, thing counted, unit, status or scope is another figure.
        ([figure(1), figure(2, event_id=2)], [[1], [2]]),
        ([figure(1), figure(2, counts=Counted.PEOPLE_REPATRIATED)], [[1], [2]]),
        ([figure(1), figure(2, unit="people")], [[1], [2]]),
        ([figure(1), figure(2, status="pledged")], [[1], [2]]),
        ([figure(1), figure(2, scope="region", scope_region="africa")], [[1], [2]]),
        (
            [
                figure(1, scope="region", scope_region="pacific"),
                figure(2, scope="region", scope_region="africa"),
            ],
            [[1], [2]],
        ),
        ([figure(1, scope="single", scope_country_id="SB"), figure(2, scope="single")], [[1], [2]]),
        # The same thing, given as different numbers, is one claim whose sources differ.
        ([figure(1, value=Decimal(100)), figure(2, value=Decimal(120))], [[1, 2]]),
    ],
)  # fmt: skip
def test_the_same_figure_is_the_same_thing_status_and_scope_over_overlapping_periods(
    figures, expected
):
    assert grouped(*figures) == expected


def test_claims_keep_the_order_of_their_first_figure():
    found = grouped(figure(1, "2020"), figure(2, unit="people"), figure(3, "2020"))
    assert found == [[1, 3], [2]]
    differ = claims([figure(1, value=Decimal(100)), figure(2, value=Decimal(120))])[0]
    assert differ.disputed and differ.values == [Decimal(100), Decimal(120)]
