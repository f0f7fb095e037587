"""How reports name an actor, and the sentence of a quote that names one."""

from policing.text.names import name_pattern, naming_sentence, short_forms


def test_an_organisation_goes_by_its_initials_and_a_force_without_its_place():
    assert short_forms("Australian Federal Police", "police-force", "AU", []) == {
        "Australian Federal Police",
        "AFP",
    }
    forms = short_forms("Chinese liaison officers in Solomon Islands", "police-force", "CN", [])
    assert "Chinese liaison officers" in forms


def test_a_person_goes_by_family_name_only_where_no_other_person_shares_it():
    assert "Wang" in short_forms("Wang Xiaohong", "person", "CN", ["Xi Jinping"])
    assert "Wang" not in short_forms("Wang Xiaohong", "person", "CN", ["Wang Yi"])
    assert "Albanese" in short_forms("Anthony Albanese", "person", "AU", [])


def test_the_pattern_matches_whole_words_only():
    pattern = name_pattern(short_forms("Australian Federal Police", "police-force", "AU", []))
    assert pattern.search("the AFP said")
    assert not pattern.search("the AFPs said") and not pattern.search("pre-AFP")


def test_the_sentence_naming_the_actor_and_where_the_name_is():
    pattern = name_pattern(short_forms("Wang Xiaohong", "person", "CN", []))
    quote = "The forum met on Tuesday. Wang said China had trained 2,700 officers. It ended."
    found = naming_sentence(pattern, quote)
    assert quote[found.start : found.end] == "Wang said China had trained 2,700 officers."
    assert quote[found.name_start : found.name_end] == "Wang"
    assert naming_sentence(pattern, "China trained 2,700 officers") is None


def test_a_name_with_a_curly_apostrophe_is_found_as_with_a_straight_one():
    pattern = name_pattern({"Xi Jinping's Global Security Initiative"})
    found = naming_sentence(pattern, "Under Xi Jinping’s Global Security Initiative, it grew")
    assert found is not None and found.name_start == len("Under ")
