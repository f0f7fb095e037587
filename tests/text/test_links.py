"""Links the results region writes: `links.querystring` must give exactly what Django's
`{% querystring %}` tag gives, which it replaces for speed."""

from urllib.parse import quote

from django.http import QueryDict
from django.template.defaulttags import querystring as django_querystring
from hypothesis import given
from hypothesis import strategies as st

from policing import links
from policing.timeline.filters import query_without

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


@given(pairs=queries, changed=changes)
def test_querystring_gives_what_the_django_tag_gives(pairs, changed):
    query = _query(pairs)
    assert links.querystring(query, **changed) == django_querystring(None, query, **changed)


@given(pairs=queries, dropped=st.lists(names, max_size=3))
def test_query_without_drops_only_the_named_and_leaves_the_original(pairs, dropped):
    query = _query(pairs)
    before = query.urlencode()
    copy = query_without(query, *dropped)
    expected = _query([(n, v) for n, v in pairs if n not in dropped])
    assert copy.urlencode() == expected.urlencode()
    copy.appendlist("country", "changed")
    assert query.urlencode() == before


@given(text=st.text(max_size=40))
def test_a_text_fragment_is_percent_encoded_as_quote_encodes_it(text):
    # Every character but letters, digits and "_.-~" encoded, "," and "&" included.
    assert links._fragment_part(text) == quote(text, safe="")
