"""Links the results region writes: `links.querystring` must give exactly what Django's
`{% querystring %}` tag gives, which it replaces for speed; the other query helpers keep the
order of the parameters they do not change."""

from urllib.parse import quote, urlencode

from django.http import QueryDict
from django.template.defaulttags import querystring as django_querystring
from hypothesis import given
from hypothesis import strategies as st

from policing import links

names = st.sampled_from(["country", "year", "page", "q", "é", "a b", "x&y"])
values = st.text(max_size=8)
queries = st.lists(st.tuples(names, values), max_size=6)
changes = st.dictionaries(
    st.sampled_from(["country", "page", "view", "q", "more"]),
    st.none() | values | st.integers(0, 99) | st.lists(values, max_size=3),
    max_size=3,
)


def _query(pairs) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in pairs:
        query.appendlist(name, value)
    return query


def _pairs(pairs) -> list[tuple[str, str]]:
    """The pairs in a QueryDict's order: by name, names in the order they first occur."""
    return [(n, v) for n, values in _query(pairs).lists() for v in values]


@given(pairs=queries, changed=changes)
def test_querystring_gives_what_the_django_tag_gives(pairs, changed):
    query = _query(pairs)
    assert links.querystring(query, **changed) == django_querystring(None, query, **changed)


@given(pairs=queries, dropped=st.lists(names, max_size=3))
def test_query_without_drops_only_the_named_and_leaves_the_original(pairs, dropped):
    query = _query(pairs)
    before = query.urlencode()
    copy = links.query_without(query, *dropped)
    expected = _query([(n, v) for n, v in pairs if n not in dropped])
    assert copy.urlencode() == expected.urlencode()
    copy.appendlist("country", "changed")
    assert query.urlencode() == before


settings_ = st.dictionaries(
    st.sampled_from(["country", "page", "view", "q", "more"]),
    st.none() | values | st.integers(0, 99),
    max_size=3,
)


@given(pairs=queries, dropped=st.lists(names, max_size=2), changed=settings_)
def test_with_params_drops_and_sets_after_the_rest(pairs, dropped, changed):
    query = _query(pairs)
    before = query.urlencode()
    kept = _pairs([(n, v) for n, v in pairs if n not in dropped and n not in changed])
    added = [(n, str(v)) for n, v in changed.items() if v is not None]
    assert links.with_params(query, *dropped, **changed) == urlencode(kept + added)
    assert query.urlencode() == before


@given(pairs=queries, name=names, value=values, dropped=st.lists(names, max_size=2))
def test_with_first_puts_the_one_value_first(pairs, name, value, dropped):
    query = _query(pairs)
    rest = _pairs([(n, v) for n, v in pairs if n != name and n not in dropped])
    assert links.with_first(query, name, value, *dropped) == "?" + urlencode([(name, value)] + rest)


def test_with_params_and_with_first_on_a_timeline_query():
    query = QueryDict("country=FJ&country=PG&page=3&view=axis")
    assert links.with_params(query, "page", view=None) == "country=FJ&country=PG"
    assert links.with_params(query, "page", view="map") == "country=FJ&country=PG&view=map"
    assert links.with_first(query, "country", "TO", "page") == "?country=TO&view=axis"
    assert links.with_first(QueryDict(), "region", "pacific") == "?region=pacific"


@given(text=st.text(max_size=40))
def test_a_text_fragment_is_percent_encoded_as_quote_encodes_it(text):
    # Every character but letters, digits and "_.-~" encoded, "," and "&" included.
    assert links._fragment_part(text) == quote(text, safe="")
