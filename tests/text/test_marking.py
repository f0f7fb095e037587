"""Marking cited words in a paragraph: every character kept, overlaps deeper, and the followed
event's words one outlined stretch, labelled where they start, however its quotes overlap."""

from hypothesis import given, settings
from hypothesis import strategies as st

from policing.text.marking import Highlight, Piece, mark_spans


def flat(items) -> str:
    return "".join(
        item.text if isinstance(item, Piece) else "".join(p.text for p in item.pieces)
        for item in items
    )


def test_overlapping_quotes_merge_and_every_character_is_kept():
    text = "abcdefghij"
    items = mark_spans(text, [(2, 5, "x"), (4, 7, "y"), (8, 9, "z"), (3, 30, "bad")])
    assert flat(items) == text
    first, second = (item for item in items if isinstance(item, Highlight))
    assert [(p.text, p.depth) for p in first.pieces] == [("cd", 1), ("e", 2), ("fg", 1)]
    assert first.citations == ["x", "y"] and second.citations == ["z"]


def test_a_nested_quote_is_deeper_inside_the_outer_one():
    [highlight] = mark_spans("abcdef", [(0, 6, "outer"), (2, 3, "inner")])
    assert [(p.text, p.depth) for p in highlight.pieces] == [("ab", 1), ("c", 2), ("def", 1)]


# Paragraph 30 of the SCMP report: the amendment's quote holds the 2011 agreement's.
FIJI = (
    "Two months later, Fiji, another Pacific nation, said it had amended a 2011 policing "
    "agreement and removed Chinese officers embedded in its police force."
)
AMENDED = (0, len(FIJI) - 1, "amended")
SIGNED = (FIJI.index("Fiji"), len(FIJI) - 1, "signed")


def runs(highlight):
    return [
        ("".join(p.text for p in run.pieces), run.followed, run.starts) for run in highlight.runs
    ]


def test_the_followed_outer_quote_is_one_run_labelled_at_its_first_word():
    [highlight, _] = mark_spans(FIJI, [AMENDED, SIGNED], lambda c: c == "amended")
    # One stretch, not one box per overlap: nothing to outline between "later," and "Fiji".
    assert runs(highlight) == [(FIJI[:-1], True, True)]
    assert [p.depth for p in highlight.pieces] == [1, 2]


def test_the_followed_inner_quote_is_labelled_where_its_words_start():
    [highlight, _] = mark_spans(FIJI, [AMENDED, SIGNED], lambda c: c == "signed")
    assert runs(highlight) == [
        ("Two months later, ", False, False),
        (FIJI[FIJI.index("Fiji") : -1], True, True),
    ]


def test_quotes_of_the_followed_event_that_touch_are_labelled_once():
    items = mark_spans("abcdef", [(0, 3, "a"), (3, 6, "b")], lambda c: True)
    first, second = items
    assert runs(first) == [("abc", True, True)] and runs(second) == [("def", True, False)]


# --- the same, for any paragraph and quotes -------------------------------------------------

texts = st.text(alphabet="ab ", max_size=24)


@st.composite
def paragraphs(draw):
    text = draw(texts)
    bound = len(text) + 2  # some spans run past the text, or are empty: they are left out
    spans = draw(
        st.lists(
            st.tuples(st.integers(-1, bound), st.integers(-1, bound), st.integers(0, 4)),
            max_size=6,
        )
    )
    spans = [(start, end, (n, event)) for n, (start, end, event) in enumerate(spans)]
    followed = draw(st.sets(st.integers(0, 4), max_size=3))
    return text, spans, followed


@settings(max_examples=400, deadline=None)
@given(paragraphs())
def test_marking_keeps_the_text_and_tells_each_character_what_covers_it(case):
    text, spans, followed_events = case
    is_followed = lambda citation: citation[1] in followed_events  # noqa: E731
    items = mark_spans(text, spans, is_followed)
    assert flat(items) == text
    valid = [s for s in spans if 0 <= s[0] < s[1] <= len(text)]

    def covering(i):
        return [c for s, e, c in valid if s <= i < e]

    # Each character: in a highlight exactly where a quote covers it, as deep as the quotes
    # covering it, and followed where a quote of the followed event does.
    position, starts = 0, set()
    for item in items:
        pieces = [item] if isinstance(item, Piece) else item.pieces
        for piece in pieces:
            assert piece.text, "an empty piece is an empty box on the page"
            for i in range(position, position + len(piece.text)):
                assert isinstance(item, Highlight) == bool(covering(i))
                assert piece.depth == (len(covering(i)) if isinstance(item, Highlight) else 0)
                assert piece.followed == any(is_followed(c) for c in covering(i))
            position += len(piece.text)
        if isinstance(item, Highlight):
            inside = {c for s, e, c in valid if position - len(flat([item])) <= s < position}
            assert set(item.citations) == inside
            # Runs alternate: the followed words of a highlight are never cut in two.
            flags = [run.followed for run in item.runs]
            assert all(a != b for a, b in zip(flags, flags[1:], strict=False))
            offset = position - len(flat([item]))
            for run in item.runs:
                assert run.pieces and all(p.followed == run.followed for p in run.pieces)
                if run.starts:
                    starts.add(offset)
                assert not run.starts or run.followed
                offset += sum(len(p.text) for p in run.pieces)

    # One label at the start of each stretch of the followed event's words, and no other.
    mine = [any(is_followed(c) for c in covering(i)) for i in range(len(text))]
    stretches = {i for i, m in enumerate(mine) if m and (i == 0 or not mine[i - 1])}
    assert starts == stretches
