"""Responses are sent gzipped to clients that accept it, and read back the same."""

import gzip

import pytest
from django.test import Client


@pytest.mark.parametrize("url", ["/", "/?country=FJ", "/sources/", "/sources/scmp-yahoo/"])
def test_a_page_is_gzipped_for_a_client_that_accepts_it_and_reads_the_same(curated, url):
    plain = Client().get(url)
    assert "Content-Encoding" not in plain.headers
    zipped = Client().get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"]
    assert int(zipped.headers["Content-Length"]) == len(zipped.content) < len(plain.content)
    assert gzip.decompress(zipped.content) == plain.content
    # A compressed response's ETag is weak, and a conditional request still matches it.
    assert zipped.headers["ETag"].startswith('W/"')
    again = Client().get(
        url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped.headers["ETag"]
    )
    assert again.status_code == 304


def test_the_htmx_partial_is_gzipped_too(curated):
    plain = Client().get("/?country=FJ", HTTP_HX_REQUEST="true")
    zipped = Client().get("/?country=FJ", HTTP_HX_REQUEST="true", HTTP_ACCEPT_ENCODING="gzip")
    assert gzip.decompress(zipped.content) == plain.content


def test_a_streamed_export_is_gzipped_as_it_streams(curated):
    plain = Client().get("/events.ndjson")
    zipped = Client().get("/events.ndjson", HTTP_ACCEPT_ENCODING="gzip")
    assert zipped.streaming and zipped.headers["Content-Encoding"] == "gzip"
    body = b"".join(zipped.streaming_content)
    assert gzip.decompress(body) == b"".join(plain.streaming_content)
