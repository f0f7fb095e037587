"""Pages and exports carry an ETag and Last-Modified from the data; unchanged, they answer 304."""

import datetime as dt

import pytest
from django.test import Client
from django.utils.http import http_date

from policing.models import DataVersion, Event

URLS = [
    "/",
    "/?country=FJ&kind=agreement-changed",
    "/events/fiji-policing-agreement-amended-2024/",
    "/sources/",
    "/sources/scmp-yahoo/",
    "/countries/fj/",
    "/events.json",
    "/events.csv",
    "/events.csv?bom=0&country=SB",
    "/events.ndjson",
    "/events.ics",
    "/events.timelinejs.json",
    "/feed.atom",
    "/events/fiji-policing-agreement-amended-2024.json",
    "/citations.csv?role=objector",
    "/citations.ndjson",
]


@pytest.mark.parametrize("url", URLS)
def test_an_unchanged_page_answers_304_and_a_change_shows_at_once(curated, url):
    client = Client()
    first = client.get(url)
    assert first.status_code == 200
    assert first.headers["ETag"] and first.headers["Last-Modified"]

    again = client.get(url, HTTP_IF_NONE_MATCH=first.headers["ETag"])
    assert again.status_code == 304 and not again.content
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first.headers["Last-Modified"])
    assert since.status_code == 304

    event = Event.objects.get(slug="fiji-policing-agreement-amended-2024")
    event.summary += " (corrected)"
    event.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=first.headers["ETag"])
    assert changed.status_code == 200
    assert changed.headers["ETag"] != first.headers["ETag"]


def test_the_htmx_partial_and_the_full_page_have_different_etags(curated):
    client = Client()
    page = client.get("/?kind=training")
    partial = client.get("/?kind=training", HTTP_HX_REQUEST="true")
    assert page.headers["ETag"] != partial.headers["ETag"]
    assert "HX-Request" in partial.headers["Vary"]


@pytest.mark.parametrize(
    "url", ["/", "/events/fiji-policing-agreement-amended-2024/", "/feed.atom"]
)
def test_head_requests_are_answered(curated, url):
    response = Client().head(url)
    assert response.status_code == 200 and not response.content


def _canonical(response) -> str:
    html = response.content.decode()
    start = html.index('<link rel="canonical" href="') + len('<link rel="canonical" href="')
    return html[start : html.index('"', start)]


@pytest.mark.parametrize("url", ["/", "/?kind=training", "/countries/fj/", "/sources/"])
def test_a_cached_page_keeps_each_visitors_host_and_scheme(curated, url, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client = Client()
    first = client.get(url, HTTP_HOST="localhost:8811")
    assert _canonical(first).startswith("http://localhost:8811/")
    local = client.get(url, HTTP_HOST="127.0.0.1")
    assert _canonical(local).startswith("http://127.0.0.1/")
    secure = client.get(url, HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    assert _canonical(secure).startswith("https://127.0.0.1/")
    # And each is still served from the cache: the same bytes again.
    assert client.get(url, HTTP_HOST="127.0.0.1").content == local.content


def test_the_feed_is_dated_by_the_data_version_not_its_newest_entry(curated):
    # The syndication view sets Last-Modified from the newest entry, which may be seconds
    # older than the data version that If-Modified-Since is checked against: a client that
    # sent it back then got the whole feed again.
    DataVersion.objects.filter(pk=1).update(
        changed=DataVersion.current().changed + dt.timedelta(minutes=5)
    )
    response = Client().get("/feed.atom")
    changed = DataVersion.current().changed
    assert response.headers["Last-Modified"] == http_date(changed.timestamp())
    since = Client().get("/feed.atom", HTTP_IF_MODIFIED_SINCE=response.headers["Last-Modified"])
    assert since.status_code == 304
