"""Quotes match their source whatever the whitespace and quote style, and map back exactly."""

from dataclasses import dataclass

from policing.text.anchoring import closest_passage, contains_phrase, find_quote

TEXT = "The embassy said “with skills and tactics” and officers’ training ended."


@dataclass
class P:
    text: str
    line: int = 1


def test_exact_quote_maps_to_its_span():
    match = find_quote("officers’ training ended", [P(TEXT)])
    assert TEXT[match.start : match.end] == "officers’ training ended"


def test_straight_quotes_match_curly_ones_and_the_span_keeps_the_source_spelling():
    match = find_quote('said "with skills and tactics"', [P(TEXT)])
    assert TEXT[match.start : match.end] == "said “with skills and tactics”"


def test_whitespace_differences_are_ignored():
    match = find_quote("The  embassy\nsaid", [P(TEXT)])
    assert TEXT[match.start : match.end] == "The embassy said"


def test_missing_quote_is_none_and_the_closest_passage_is_the_one_sharing_most():
    passages = [P("Nothing here about training.", 1), P(TEXT, 2)]
    assert find_quote("officers were trained in Honiara", passages) is None
    assert closest_passage("officers training ended early", passages).line == 2


def test_first_passage_containing_the_quote_wins():
    passages = [P("alpha beta", 1), P("gamma alpha beta", 2)]
    assert find_quote("alpha beta", passages).passage.line == 1


def test_a_quote_does_not_match_across_word_boundaries():
    # With whitespace ignored, "nope" is in "no people"; it must not count as a quote.
    assert find_quote("nope", [P("There were no people.")]) is None
    assert find_quote("people", [P("There were no people.")]) is not None


def test_a_date_phrase_matches_in_any_case_and_quote_style_but_only_whole_words():
    passages = [P("Police met on Thursday, in the “early months” of May's visit.")]
    assert contains_phrase("On Thursday", passages)
    assert contains_phrase('"Early months"', passages)
    assert not contains_phrase("On Friday", passages)
    assert not contains_phrase("Ma", passages)
