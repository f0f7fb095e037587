"""Single-line fields hold one line and no field holds control characters, however it is saved."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from policing.models import Country, Event, Figure, Source
from policing.text.errors import one_line
from policing.text.tidy import multi_line, single_line


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Police\r\ntrain  officers", "Police train  officers"),
        ("Police \n\n train", "Police train"),
        ("Police\ttrain\x0bofficers\u2028abroad", "Police train officers abroad"),
        ("Po\x00lice\x1b\x7f\x9b train\r", "Police train"),
        ("Polícia “treina” 中文", "Polícia “treina” 中文"),
    ],
)
def test_a_single_line_value_keeps_its_words_on_one_line(typed, stored):
    assert single_line(typed) == stored


def test_a_multi_line_value_keeps_its_line_breaks_and_tabs_only():
    assert multi_line("One.\r\nTwo.\rThree\x00.\x0b\tFour.") == "One.\nTwo.\nThree.\tFour."


def test_saving_tidies_every_text_field_but_a_sources_verbatim_text(db):
    country = Country.objects.create(code="FJ", name="Fi\r\nji\x00", region="pacific")
    source = Source.objects.create(
        slug="report",
        title="A\r\nreport",
        outlet="Out\x0blet",
        syndication="Origin\nvia carrier",
        published=dt.date(2025, 1, 1),
        provenance="Line one.\r\nLine two.\x00",
        text="Verbatim\x0b text\r\n",
    )
    event = Event.objects.create(
        slug="e",
        title="Chinese police\r\ntrain officers\x0b",
        activity="training",
        date_text="last\nSeptember",
        summary="First.\r\nSecond.\x00",
        no_country_note="Africa-\twide",
        date_start=dt.date(2024, 1, 1),
        date_precision="year",
    )
    figure = Figure.objects.create(
        event=event, label="officers\ntrained", value=3, unit="peo\x00ple"
    )

    country.refresh_from_db(), source.refresh_from_db(), event.refresh_from_db()
    figure.refresh_from_db()
    assert country.name == "Fi ji"
    assert (source.title, source.outlet, source.syndication) == (
        "A report",
        "Out let",
        "Origin via carrier",
    )
    assert source.provenance == "Line one.\nLine two."
    assert source.text == "Verbatim\x0b text\r\n"
    assert (event.title, event.date_text) == ("Chinese police train officers", "last September")
    assert (event.summary, event.no_country_note) == ("First.\nSecond.", "Africa- wide")
    assert (figure.label, figure.unit) == ("officers trained", "people")


def test_a_validation_error_is_one_line_with_or_without_its_field_names():
    by_field = ValidationError({"slug": ["Too long.", "Not a slug."], "date_edtf": ["Not EDTF."]})
    assert one_line(by_field) == "Too long. Not a slug. Not EDTF."
    assert one_line(by_field, fields=True) == "slug: Too long. Not a slug.; date_edtf: Not EDTF."
    plain = ValidationError(["This password is too short.", "It is too common."])
    assert one_line(plain) == one_line(plain, fields=True)
    assert one_line(plain) == "This password is too short. It is too common."
    assert (
        one_line(ValidationError("%(n)s is not a year.", params={"n": 20})) == "20 is not a year."
    )
