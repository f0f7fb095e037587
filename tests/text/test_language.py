"""A report's language: English is told without the model; other languages by it."""

import pytest

from policing.text import language

ENGLISH = (
    "The ministry said on Monday that police from the two countries had signed an agreement "
    "to train officers, and that the first course was held in the capital in March, with "
    "more planned for the rest of the year. It was the third such accord of its kind."
) * 2


def test_plain_english_is_told_without_loading_the_model(monkeypatch):
    language._identifier.cache_clear()

    def no_model():
        raise AssertionError("the model was loaded for plain English")

    monkeypatch.setattr(language, "_identifier", no_model)
    assert language.detect(ENGLISH) == "en"
    assert language.proposals_note(ENGLISH) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Le ministre chinois de la Sécurité publique a rencontré son homologue à Paris "
            "lundi pour discuter de la coopération policière et de la lutte contre la fraude. "
            "Les deux pays ont signé un accord de formation des policiers.",
            "fr",
        ),
        (
            "El ministro chino de Seguridad Pública se reunió con su homólogo en Madrid el "
            "lunes para hablar de la cooperación policial y la lucha contra el fraude. Los dos "
            "países firmaron un acuerdo de formación de policías.",
            "es",
        ),
    ],
)
def test_other_languages_are_still_told_and_noted(text, code):
    assert language.detect(text * 2) == code
    assert language.NAMES[code] in language.proposals_note(text * 2)
