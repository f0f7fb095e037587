"""The curated events: every citation anchors in the report, every date agrees with its
phrase, every event has a place, and loading twice adds nothing."""

import json

import edtf
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from policing.corpus.curation import check_event_dates, expected_date, read_events, stated_date
from policing.models import Activity, Citation, Event, SectionKind, Source, kind_of
from policing.text import anchoring, dates
from tests.fixture_files import fixtures_with

ENTRIES = read_events(settings.FIXTURES_DIR)


def test_the_curation_covers_the_reports_broadly():
    assert len(ENTRIES) > 30
    assert len({e["slug"] for e in ENTRIES}) == len(ENTRIES)
    # Every kind of the first model still occurs, now as an activity and stage.
    kinds = {kind_of(e["activity"], e["stage"]) for e in ENTRIES}
    assert {"repatriation", "training", "agreement-signed", "agreement-changed"} <= kinds
    assert {"joint-patrol", "deployment", "announcement", "scrutiny"} <= kinds
    assert {e["activity"] for e in ENTRIES} == set(Activity.values)
    assert {"pledged", "signed", "completed", "suspended", "amended", "ended", "rejected"} <= {
        e["stage"] for e in ENTRIES
    }


def test_every_citation_anchors_in_the_report_text_of_its_source(curated):
    assert Event.objects.count() == len(ENTRIES)
    assert Citation.objects.count() == sum(len(e["citations"]) for e in ENTRIES)
    for citation in Citation.objects.select_related("passage", "source"):
        assert citation.passage.source == citation.source
        assert citation.passage.section == SectionKind.REPORT, citation
        stored = citation.passage.text[citation.start : citation.end]
        assert anchoring.normalise(stored) == anchoring.normalise(citation.quote)


def test_every_source_is_cited(curated):
    assert not Source.objects.filter(citations__isnull=True).exists()


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["slug"] for e in ENTRIES])
def test_event_names_a_party_beyond_chinas_side_or_says_why_not(entry):
    assert entry["participants"], "every event has at least one participant"
    others = [p for p in entry["participants"] if p["role"] != "subject"] + entry["regions"]
    assert others or entry["no_country_note"].strip()


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["slug"] for e in ENTRIES])
def test_date_phrase_is_quoted_from_its_source(entry):
    date = entry["date"]
    quotes = [c["quote"] for c in entry["citations"] if c["source"] == date["source"]]
    assert any(date["text"] in quote for quote in quotes), date["text"]


def test_every_date_agrees_with_its_phrase(corpus):
    assert check_event_dates(ENTRIES) == []


@pytest.mark.parametrize(
    "entry", [e for e in ENTRIES if e["date"].get("manual")], ids=lambda e: e["slug"]
)
def test_a_date_is_set_by_hand_only_where_its_phrase_does_not_state_it(corpus, entry):
    """docs/corpus.md: a date is set by hand only where no phrase states it, and the editors
    then say how they read the words."""
    by_slug = {e["slug"]: e for e in ENTRIES}
    try:
        resolved = expected_date(entry, by_slug)
    except dates.DateResolutionError:
        resolved = None
    assert resolved != stated_date(entry), "the phrase states this date: read it, do not set it"
    assert entry["date"].get("reading", "").strip(), "say how the words were read"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["slug"])
def test_every_date_and_period_parses_with_the_edtf_package_whole(entry):
    """The export's `date_edtf` is read by others with the standard's reader: the whole value,
    not only its ends, must parse (a window's ends of one precision)."""
    edtf.parse_edtf(entry["date"]["edtf"])
    for figure in entry["figures"]:
        if figure["period"]:
            edtf.parse_edtf(figure["period"])


def test_the_dates_set_by_hand_are_the_ones_docs_corpus_md_names():
    manual = {e["slug"] for e in ENTRIES if e["date"].get("manual")}
    assert manual == {
        "overseas-police-service-stations-allegations-2022",
        "afp-ends-chinese-police-operations-policy-2019",
        "pacific-regional-security-deal-rejected-2022",
        "solomon-islands-police-tactical-training-2025",
        "joint-patrols-with-five-southeast-asian-countries",
        "rights-groups-concerns-african-police-training-2024",
        "thailand-cancels-joint-patrol-plan",
        "lianyungang-forum-training-pledge-2024",
        "china-central-asia-public-security-forum-2024",
        "africa-police-training-pledge-2024",
    }


@pytest.mark.parametrize(
    "figure",
    [(e, f) for e in ENTRIES for f in e["figures"] if f["status"] == "reported"],
    ids=lambda pair: f"{pair[0]['slug']}:{pair[1]['words'][:30]}",
)
def test_a_reported_figure_takes_its_acts_date_unless_its_words_give_a_period(figure):
    """docs/corpus.md, Figures: a figure of a dated act takes that act's date; only words of
    the figure's own ("in 2023", "Between 2018 and 2021") give it another period."""
    entry, raw = figure
    if raw["period"] == entry["date"]["edtf"]:
        return
    assert raw["period"], "a reported figure is of its act: give it the act's date"
    first_year = raw["period"].lstrip("[.")[:4]
    assert first_year in raw["words"], "its own period must be in its words"


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e["disputed"]], ids=lambda e: e["slug"])
def test_disputed_events_keep_each_claim_with_its_citation(entry):
    assert entry["dispute_note"].strip()
    claims = [c for c in entry["citations"] if c["claim"].strip()]
    assert len({c["source"] for c in claims}) >= 2


def test_the_disputed_organic_law_date_keeps_both_claims(curated):
    event = Event.objects.get(slug="state-council-organic-law-revision-2024")
    assert event.disputed
    claims = {c.source.slug: c.claim for c in event.citations.all()}
    assert "2024" in claims["scmp-yahoo"] and "2023" in claims["bangkok-post-digest"]


def test_loading_twice_adds_nothing_and_keeps_editors_changes(curated):
    event = Event.objects.get(slug="myanmar-scam-centre-repatriation-2025")
    event.title = "Corrected by an editor"
    event.save()
    call_command("load_curated", verbosity=0)
    assert Event.objects.count() == len(ENTRIES)
    assert Event.objects.get(pk=event.pk).title == "Corrected by an editor"


def test_a_fixture_quote_that_does_not_anchor_refuses_the_whole_load(corpus, tmp_path):
    broken = json.loads(json.dumps(ENTRIES))
    broken[0]["citations"][0]["quote"] = "words that appear in no report at all"
    fixtures_with(tmp_path, broken)
    with pytest.raises(CommandError, match="do not occur in"):
        call_command("load_curated", fixtures=tmp_path, verbosity=0)
    assert not Event.objects.exists()


def test_a_published_fixture_event_without_a_citation_refuses_the_whole_load(corpus, tmp_path):
    broken = json.loads(json.dumps(ENTRIES))
    broken[0]["citations"] = []
    fixtures_with(tmp_path, broken)
    with pytest.raises(CommandError, match=f"{broken[0]['slug']}: .*must cite at least one source"):
        call_command("load_curated", fixtures=tmp_path, verbosity=0)
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "entry", [e for e in ENTRIES if e["date"].get("manual")], ids=lambda e: e["slug"]
)
def test_the_date_the_editors_set_is_shown_as_theirs(curated, client, entry):
    page = client.get(f"/events/{entry['slug']}/").content.decode()
    assert "Date set by the editors" in page
    assert "The source writes" not in page


def test_unrelated_stories_yield_no_events(curated):
    unrelated = Citation.objects.filter(passage__section=SectionKind.UNRELATED)
    assert not unrelated.exists()
    assert not Event.objects.filter(title__icontains="Russian bomber").exists()
