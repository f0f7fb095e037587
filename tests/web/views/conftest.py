"""Fixtures for the page tests: a small world of countries, one source and seven events."""

import datetime as dt

import pytest

from policing.models import Country
from tests.factories import COUNTRIES, make_event, make_source


@pytest.fixture
def countries(db):
    return {
        code: Country.objects.create(code=code, name=name, region=region)
        for code, name, region in COUNTRIES
    }


@pytest.fixture
def source(db):
    return make_source()


@pytest.fixture
def world(countries, source):
    """Six published events across kinds, countries, regions and years, and one draft."""
    return {
        "fiji": make_event(
            "fiji-training-2011",
            date=(2011, 1, 1),
            countries=["CN", "FJ"],
            title="Chinese police train Fijian officers",
            quotes=["Chinese police trainers ran a course for local officers"],
            source=source,
        ),
        "hearing": make_event(
            "australia-hearing-2024",
            kind="scrutiny",
            date=(2024, 3, 1),
            precision="month",
            countries=["AU", "CN"],
            title="Senators question police",
            quotes=["questioned federal police about Chinese police"],
            source=source,
        ),
        "scam": make_event(
            "cambodia-repatriation-2025",
            kind="repatriation",
            date=(2025, 2, 20),
            precision="day",
            countries=["CN", "KH"],
            title="Cambodia returns people to China",
            summary="People held in fraud compounds were returned.",
            quotes=["Cambodia returned 50 people from a scam compound"],
            source=source,
        ),
        "patrols": make_event(
            "italy-patrols-2022",
            kind="joint-patrol",
            date=(2022, 12, 1),
            precision="month",
            countries=["CN", "IT"],
            title="Italy ends joint patrols",
            quotes=["Italy ended its joint police patrols with China"],
            source=source,
        ),
        "agreement": make_event(
            "fiji-agreement-2024",
            kind="agreement-signed",
            date=(2024, 6, 1),
            precision="month",  # June 2024 (a year-precision date starts on 1 January)
            countries=["FJ"],
            title="Fiji policing agreement",
        ),
        "programme": make_event(
            "australia-programme-2014-2020",
            date=(2014, 1, 1),
            date_end=dt.date(2020, 1, 1),
            date_end_precision="year",
            countries=["AU"],
            title="Australian police exchange programme",
        ),
        "draft": make_event(
            "draft-fiji-2024",
            date=(2024, 5, 1),
            countries=["FJ"],
            title="Unpublished draft about Fiji",
            published=False,
        ),
    }


@pytest.fixture
def hx():
    """Headers of a request htmx sends when a filter changes."""
    return {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "http://testserver/"}
