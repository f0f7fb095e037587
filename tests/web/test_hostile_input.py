"""Whatever the query string, each public URL answers what it must (a page 200, an export 200
or a 400 naming the parameter), and nothing typed comes back as markup.

Hypothesis sends random and hostile query strings (unicode, control characters, huge and
negative numbers, repeated and empty parameters, SQL and HTML fragments, 10 KB values) to every
public endpoint. Set HYPOTHESIS_EXAMPLES to send more; `--hypothesis-show-statistics` prints
how many were sent (docs/reliability.md records a run).
"""

import json
import os
import re
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# What each endpoint answers for any query string on its fixed path: the pages ignore what
# they cannot use (with a note), so they always answer 200; the exports answer 200, or 400
# with a JSON body naming the parameter they refuse.
PAGES = [
    "/",
    "/sources/",
    "/sources/scmp-yahoo/",
    "/events/myanmar-scam-centre-repatriation-2025/",
    "/countries/sb/",
]
EXPORTS = [
    "/events.json",
    "/events.ndjson",
    "/events.csv",
    "/events.ics",
    "/events.timelinejs.json",
    "/feed.atom",
]
ENDPOINTS = PAGES + EXPORTS
PROBE = "<x-probe onmouseover=alert(1)>"
PARAMETERS = [
    "country",
    "region",
    "year",
    "year_from",
    "year_to",
    "kind",
    "q",
    "page",
    "order",
    "bom",
]
HOSTILE = [
    PROBE,
    "'; DROP TABLE policing_event; --",
    "1 OR 1=1",
    "\x00\x01\x1b[31m",
    "‮evil‬",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ 中文",
    "9" * 400,
    "-99999999999999999999",
    "1e309",
    "NaN",
    "",
    " ",
    "%00",
    "../../etc/passwd",
    "a" * 10_000,
]
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "150"))

values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=60),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=12),
)
names = st.one_of(st.sampled_from(PARAMETERS), st.text(max_size=12))
queries = st.lists(st.tuples(names, values), max_size=8)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=queries, htmx=st.booleans())
def test_hostile_query_strings_never_break_a_public_endpoint(
    client, curated, endpoint, query, htmx
):
    url = endpoint + "?" + urlencode(query)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.get(url, **headers)
    content_type = response.headers.get("Content-Type", "")
    body = b"".join(response) if response.streaming else response.content
    text = body.decode("utf-8", errors="replace")
    if endpoint in PAGES:
        assert response.status_code == 200, (url[:300], response.status_code)
        assert content_type == "text/html; charset=utf-8"
        assert PROBE not in text
        assert "<x-probe" not in text
    elif response.status_code == 400:
        assert content_type == "application/json", (url[:300], content_type)
        error = json.loads(text)
        assert set(error) == {"error", "parameter", "message"}, error
        assert error["error"] == "invalid filter" and error["message"], error
    else:
        assert response.status_code == 200, (url[:300], response.status_code)
        assert "html" not in content_type
        if content_type.startswith("application/x-ndjson"):
            for line in text.splitlines():
                json.loads(line)
        elif "json" in content_type:
            json.loads(text)
        # A file name made from any filter is a plain quoted token (contract.download_name).
        disposition = response.headers.get("Content-Disposition")
        if disposition is not None:
            assert re.fullmatch(
                r'(inline|attachment); filename="[A-Za-z0-9_-]+\.[a-z.]+"', disposition
            )
