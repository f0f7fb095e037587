"""The fixes a close review of the curated events asked for, each pinned to what the cited
words say, so a later re-curation cannot quietly undo one."""

import json

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from policing.models import Citation, Event, Passage, SectionKind, Source

FIXTURES = settings.BASE_DIR / "fixtures" / "events.json"
ENTRIES = {entry["slug"]: entry for entry in json.loads(FIXTURES.read_text())}


def entry(slug: str) -> dict:
    return ENTRIES[slug]


def quotes(slug: str) -> str:
    return " ".join(c["quote"] for c in entry(slug)["citations"])


def test_the_central_asia_forum_is_an_announcement_of_agreed_intentions_not_a_signing():
    forum = entry("china-central-asia-public-security-forum-2024")
    assert (forum["activity"], forum["stage"]) == ("agreement", "announced")
    assert "agreed to improve" in quotes(forum["slug"])
    assert "signed" not in quotes(forum["slug"]).lower()


def test_the_liu_zhongyi_visits_are_completed_visits_before_the_repatriation():
    visits = entry("liu-zhongyi-thailand-myanmar-visits-2025")
    assert (visits["activity"], visits["stage"]) == ("visit", "completed")
    # Dated only as before the repatriation they preceded.
    assert visits["date"]["relative_to"] == "myanmar-scam-centre-repatriation-2025"
    assert "came after a flurry of visits" in quotes(visits["slug"])


def test_the_wang_xiaohong_meetings_are_a_period_not_one_date(curated):
    meetings = Event.objects.get(slug="wang-xiaohong-counterpart-meetings-2024")
    assert meetings.date_end is not None and meetings.date_end > meetings.date_start
    assert "Since then" in quotes(meetings.slug)


def test_the_service_stations_allegation_concerns_china_not_italy(curated):
    allegation = Event.objects.get(slug="overseas-police-service-stations-allegations-2022")
    parties = dict(allegation.participants.values_list("country", "role"))
    assert parties == {"CN": "subject"}
    assert "Beijing was using 102 Chinese" in quotes(allegation.slug)


def test_the_fiji_2011_summary_claims_no_link_to_the_embedded_officers():
    summary = entry("fiji-china-policing-agreement-2011")["summary"]
    assert "embedded" not in summary and "officers" not in summary


@pytest.mark.parametrize(
    ("slug", "wording"),
    [
        ("iiss-police-training-paper-2024", "China could enhance"),
        ("cap-china-police-reach-report-2022", "the CCP uses"),
    ],
)
def test_a_summary_keeps_the_sources_own_hedge_and_attribution(slug, wording):
    # The source's "could" and "the CCP uses" are its words and the summary keeps them.
    assert wording.lower() in quotes(slug).lower()
    assert wording in entry(slug)["summary"]


@pytest.mark.parametrize("words", ["Shanghai Cooperation Organisation", "The Spectator"])
def test_background_the_report_only_mentions_is_not_an_event(curated, words):
    # docs/corpus.md "What is an event": the SCO's founding and The Spectator's article are
    # context, so no event rests on the sentences that name them.
    cited = Citation.objects.filter(passage__text__contains=words)
    assert not cited.exists(), [c.event.slug for c in cited]
    assert not Event.objects.filter(title__icontains=words.split()[-1]).exists()


def test_a_quote_from_material_the_republisher_added_is_refused(curated):
    rewrite = Source.objects.get(slug="world-today-news-rewrite")
    added = rewrite.passages.filter(section=SectionKind.ADDED).first()
    assert isinstance(added, Passage) and "Anya Sharma" in "".join(
        rewrite.passages.filter(section=SectionKind.ADDED).values_list("text", flat=True)
    )
    citation = Citation(
        event=Event.objects.get(slug="myanmar-scam-centre-repatriation-2025"),
        source=rewrite,
        quote=added.text[:80].rsplit(" ", 1)[0],
    )
    with pytest.raises(ValidationError, match="not part of the report"):
        citation.full_clean()


def test_an_upper_bound_reads_as_one_on_the_event_page(curated, client):
    html = client.get("/events/liu-zhongyi-thailand-myanmar-visits-2025/").content.decode()
    assert "by 20 Feb 2025" in html
    assert "No earliest day given; latest 20 Feb 2025" in html
