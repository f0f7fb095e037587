"""What the export tests share: the curated events they name, and each format read back into
the slugs it holds by a real consumer (json, csv, icalendar, feedparser)."""

import csv
import io
import json
import re
from urllib.parse import urlsplit

import feedparser
import icalendar
from django.conf import settings
from django.core.management import call_command

from policing.models import Event
from policing.timeline.filters import Filters

SCHEMA = json.loads((settings.BASE_DIR / "docs" / "events.schema.json").read_text())
BOM = "\ufeff".encode()
BASE = "http://testserver"
MYANMAR = "myanmar-scam-centre-repatriation-2025"  # day precision, CN and MM
ITALY = "italy-ends-joint-patrols-2022"  # December 2022, month precision
SOLOMONS = "china-solomon-islands-security-agreement-2022"  # 2022, year precision
JIBC = "jibc-chinese-police-academies-programme-2014-2020"  # a span of years
AFRICA_PLEDGE = "africa-police-training-pledge-2024"  # some day between 26 Aug and 8 Sep 2024
THAILAND = "liu-zhongyi-thailand-myanmar-visits-2025"  # by 20 Feb 2025
LIU_VISITS = THAILAND
LIANYUNGANG = "lianyungang-forum-training-pledge-2024"  # 2 or 9 Sep 2024
AFP_POLICY_END = "afp-ends-chinese-police-operations-policy-2019"  # Jul 2019 – Dec 2024
AFP_HEARING = "afp-senate-hearing-chinese-police-2024"
WANG_MEETINGS = "wang-xiaohong-counterpart-meetings-2024"

EXPORTS = [
    "events-json",
    "events-ndjson",
    "events-csv",
    "events-ics",
    "event-feed",
    "events-timelinejs",
]


# --- reading each format back into the slugs it holds ----------------------------------------


def read_json(response) -> dict:
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def read_ndjson(response) -> list[dict]:
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text == "" or text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def read_csv(response) -> list[dict]:
    """As Python reads a file from Excel: `utf-8-sig` drops the byte-order mark."""
    assert response["Content-Type"].startswith("text/csv")
    body = response.getvalue()  # a streamed response is read once
    assert body.startswith(BOM)
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def read_ics(response) -> list[icalendar.Event]:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def read_feed(response):
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def slug_of(url: str) -> str:
    return re.fullmatch(r"/events/([-\w]+)/", urlsplit(url).path)[1]


SLUGS = {
    "events-json": lambda r: [e["slug"] for e in read_json(r)["events"]],
    "events-ndjson": lambda r: [e["slug"] for e in read_ndjson(r)],
    "events-csv": lambda r: [row["slug"] for row in read_csv(r)],
    "events-ics": lambda r: [str(e["UID"]).split("@")[0] for e in read_ics(r)],
    "event-feed": lambda r: [slug_of(entry.link) for entry in read_feed(r).entries],
    "events-timelinejs": lambda r: [e["unique_id"] for e in read_json(r)["events"]],
}


def published_slugs(**filters) -> set[str]:
    return set(
        Event.objects.published().filtered(Filters.of(**filters)).values_list("slug", flat=True)
    )


def export_events(*args: str) -> list[dict]:
    out = io.StringIO()
    call_command("export_events", *(args or ["--base-url", BASE]), stdout=out)
    return json.loads(out.getvalue())


def ics_events(client, query="") -> dict[str, icalendar.Event]:
    return {str(e["UID"]).split("@")[0]: e for e in read_ics(client.get(f"/events.ics{query}"))}


def json_ld(html: str) -> dict:
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)


def page_labels(client) -> dict[str, list[str]]:
    """For each published event, the activity and stage its page names (its "Activity" fact,
    each a link to the timeline filtered by it), in the words the timeline's filters label
    them with."""
    facets = client.get("/").context["facets"]
    labels = {
        f["param"]: {o["value"]: o["label"] for o in f["options"] + f["more"]} for f in facets
    }
    found = {}
    for slug in Event.objects.published().values_list("slug", flat=True):
        page = client.get(f"/events/{slug}/").content.decode()
        [fact] = re.findall(r"<dt>Activity</dt>\s*<dd>(.*?)</dd>", page, re.S)
        links = re.findall(r'<a href="/\?(activity|stage)=([^"]+)">(.*?)</a>', fact)
        assert [param for param, _, _ in links] in (["activity"], ["activity", "stage"]), slug
        found[slug] = []
        for param, value, text in links:
            label = labels[param][value]
            assert text.lower() == label.lower(), (slug, text)  # the stage in lower case
            found[slug].append(label)
    return found
