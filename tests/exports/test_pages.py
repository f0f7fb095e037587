"""What the pages say of the exports: links with the current filters, schema.org JSON-LD,
canonical links and Open Graph tags."""

import re

import pytest

from policing.models import Event
from tests.exports.readers import (
    BASE,
    ITALY,
    JIBC,
    MYANMAR,
    json_ld,
    read_json,
)

# --- pages: export links, JSON-LD, canonical and Open Graph ------------------------------------


def export_links(html: str) -> dict[str, str]:
    return dict(
        (kind, href.replace("&amp;", "&"))
        for href, kind in re.findall(r'<a href="([^"]+)"[^>]*data-export="([^"]+)"', html)
    )


def test_the_timeline_links_to_each_export_with_its_current_filters(curated, client):
    # Invalid values are dropped from the links as they are from the page.
    html = client.get("/?kind=training&country=cn&year=abc&page=1").content.decode()
    assert export_links(html) == {
        "csv": "/events.csv?country=CN&kind=training",
        "csv-no-bom": "/events.csv?country=CN&kind=training&bom=0",
        "json": "/events.json?country=CN&kind=training",
        "ndjson": "/events.ndjson?country=CN&kind=training",
        "ics": "/events.ics?country=CN&kind=training",
        "atom": "/feed.atom?country=CN&kind=training",
        "timelinejs": "/events.timelinejs.json?country=CN&kind=training",
        "citations-csv": "/citations.csv?country=CN&kind=training",
        "citations-ndjson": "/citations.ndjson?country=CN&kind=training",
    }
    for href in export_links(html).values():
        assert client.get(href).status_code == 200

    partial = client.get("/?region=pacific", headers={"HX-Request": "true"}).content.decode()
    assert export_links(partial)["json"] == "/events.json?region=pacific"
    assert export_links(client.get("/").content.decode())["csv"] == "/events.csv"


def test_a_country_page_exports_that_country(curated, client):
    links = export_links(client.get("/countries/fj/?kind=training").content.decode())
    assert links["json"] == "/events.json?kind=training&country=FJ"


def test_an_event_page_embeds_schema_org_event_json_ld(curated, client):
    event = Event.objects.get(slug=MYANMAR)
    data = json_ld(client.get(f"/events/{MYANMAR}/").content.decode())
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == event.title and data["description"] == event.summary
    assert data["url"] == f"{BASE}/events/{MYANMAR}/"
    assert data["startDate"] == "2025-02-20"
    assert {place["name"] for place in data["location"]} == {"China", "Myanmar"}
    assert {work["publisher"]["name"] for work in data["subjectOf"]} == {
        c.source.outlet for c in event.citations.all()
    }
    assert json_ld(client.get(f"/events/{ITALY}/").content.decode())["startDate"] == "2022-12"
    span = json_ld(client.get(f"/events/{JIBC}/").content.decode())
    assert (span["startDate"], span["endDate"]) == ("2014", "2020")


def test_json_ld_cannot_be_closed_by_editor_text(curated, client):
    hostile = "</script><script>alert(1)</script><!-- & </SCRIPT >"
    Event.objects.filter(slug=MYANMAR).update(title=hostile, summary=hostile)
    html = client.get(f"/events/{MYANMAR}/").content.decode()
    data = json_ld(html)
    assert data["name"] == data["description"] == hostile
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    assert "<" not in block and ">" not in block and "&" not in block
    # Still no inline executable script: every script loads a file or is this data block.
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or tag == '<script type="application/ld+json">'


PAGES = [
    "/",
    f"/events/{MYANMAR}/",
    "/sources/",
    "/sources/scmp-yahoo/",
    "/countries/fj/",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_canonical_link_and_open_graph_tags(curated, client, path):
    html = client.get(f"{path}?utm_source=x").content.decode()
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html)[1]
    assert canonical == f"{BASE}{path}"
    og = dict(re.findall(r'<meta property="og:(\w+)" content="([^"]*)">', html))
    assert og["url"] == canonical
    assert og["title"] and og["description"] and og["type"] in {"website", "article"}
    assert og["site_name"] == "Policing Diplomacy Timeline"


def test_the_canonical_link_of_a_filtered_timeline_keeps_its_valid_filters(curated, client):
    html = client.get("/?kind=training&country=zz&q=").content.decode()
    assert '<link rel="canonical" href="http://testserver/?kind=training">' in html
    event_page = client.get(f"/events/{MYANMAR}/").content.decode()
    assert '<meta property="og:type" content="article">' in event_page


def test_a_refused_parameter_is_not_echoed_at_length(curated, client):
    body = read_json(client.get(f"/events.json?{'x' * 5000}=1"))
    assert body["parameter"].startswith("xxx") and len(body["parameter"]) <= 40
    assert len(body["message"]) < 300
