"""Derivation and independent corroboration: which report each citation's words come from, how
many independent reports support an event, and how cards, event pages, disputes, source pages
and exports say so. Uses the real corpus, where three documents retell one SCMP report."""

import csv
import io
import json
import re
from html import unescape

import jsonschema
import pytest
from django.conf import settings
from django.urls import reverse

from policing.models import Citation, Event, Passage, Source
from policing.text import derivation
from tests.markup import select

FIJI_2024 = "fiji-policing-agreement-amended-2024"  # SCMP, its rewrite, the digest's summary
ORGANIC_LAW = "state-council-organic-law-revision-2024"  # disputed: 2024 (SCMP) or 2023
AFP_HEARING = "afp-senate-hearing-chinese-police-2024"  # the digest's own second item
LIANYUNGANG = "lianyungang-forum-training-pledge-2024"  # four documents, three reports
SCHEMA = json.loads((settings.BASE_DIR / "docs" / "events.schema.json").read_text())


def exported(client, slug: str) -> dict:
    return json.loads(client.get(reverse("event-json", args=[slug])).content)


def page(client, slug: str) -> str:
    return client.get(reverse("event-detail", args=[slug])).content.decode()


def words(html: str) -> str:
    """The text a reader sees, whitespace collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", text_outside_sr_only(html))).split())


def text_outside_sr_only(html: str) -> str:
    """`html` without its screen-reader-only spans (their words repeat what is visible)."""
    return re.sub(r'<span class="sr-only">[^<]*</span>', "", html)


# --- the rule ----------------------------------------------------------------------------------


def test_origin_is_the_parts_then_the_documents_then_its_own():
    assert derivation.origin("scmp", "other", "digest") == "scmp"
    assert derivation.origin(None, "scmp", "rewrite") == "scmp"
    assert derivation.origin(None, None, "digest") == "digest"
    assert derivation.independent_count(["scmp", "scmp", "ipd"]) == 2


@pytest.mark.parametrize(
    ("citations", "reports", "phrase"),
    [
        (3, 1, "3 citations, 1 independent report"),
        (1, 1, "1 citation, 1 independent report"),
        (5, 3, "5 citations, 3 independent reports"),
    ],
)
def test_support_phrase(citations, reports, phrase):
    assert derivation.support_phrase(citations, reports) == phrase


# --- the corpus: per document and per section -----------------------------------------------


def test_the_digests_first_item_derives_from_the_scmp_and_its_second_does_not(curated):
    scmp = Source.objects.get(slug="scmp-yahoo")
    digest = Source.objects.get(slug="bangkok-post-digest")
    assert digest.rewrite_of is None and digest.derivation == ""
    item_one = digest.passages.filter(line__lte=8)
    item_two = digest.passages.filter(line__range=(9, 17))
    assert {(p.derivation, p.derived_from) for p in item_one} == {("summary", scmp)}
    assert {(p.derivation, p.derived_from) for p in item_two} == {("", None)}
    rewrite = Source.objects.get(slug="world-today-news-rewrite")
    assert (rewrite.derivation, rewrite.rewrite_of) == ("rewrite", scmp)
    assert not Passage.objects.filter(source=rewrite, derived_from__isnull=False).exists()


def test_citation_origins_per_document_and_per_section(curated):
    fiji = Event.objects.for_timeline().get(slug=FIJI_2024)
    origins = {
        (c.source.slug, c.origin.slug, c.derived, c.derivation) for c in fiji.citations.all()
    }
    assert origins == {
        ("scmp-yahoo", "scmp-yahoo", False, ""),
        ("world-today-news-rewrite", "scmp-yahoo", True, "rewrite"),
        ("bangkok-post-digest", "scmp-yahoo", True, "summary"),
    }
    assert fiji.independent_sources == 1
    # A citation of the digest's second item is the digest's own report.
    hearing = Event.objects.for_timeline().get(slug=AFP_HEARING)
    assert {c.origin.slug for c in hearing.citations.all()} == {"bangkok-post-digest"}
    assert not any(c.derived for c in hearing.citations.all())
    assert hearing.independent_sources == 1


def test_lianyungang_counts_three_independent_reports_among_four_documents(curated):
    event = Event.objects.for_timeline().get(slug=LIANYUNGANG)
    assert len({c.source_id for c in event.citations.all()}) == 4
    assert event.independent_sources == 3  # the digest's summary counts as the SCMP


def test_a_document_edited_to_derive_changes_the_count(curated):
    """The count follows the data: the FORUM article marked as a rewrite of the September
    2024 report leaves Lianyungang with two independent reports."""
    Source.objects.filter(slug="ipd-forum-2024").update(
        derivation="rewrite", rewrite_of=Source.objects.get(slug="train-thousands-2024")
    )
    assert Event.objects.for_timeline().get(slug=LIANYUNGANG).independent_sources == 2


# --- exports -------------------------------------------------------------------------------------


def test_export_gives_each_citation_its_origin_and_the_event_its_independent_sources(
    curated, client
):
    item = exported(client, FIJI_2024)
    assert item["independent_sources"] == 1
    by_source = {c["source"]: c for c in item["citations"]}
    assert {s: (c["origin"], c["derived"], c["derivation"]) for s, c in by_source.items()} == {
        "scmp-yahoo": ("scmp-yahoo", False, None),
        "world-today-news-rewrite": ("scmp-yahoo", True, "rewrite"),
        "bangkok-post-digest": ("scmp-yahoo", True, "summary"),
    }
    # `url` keeps its meaning, the site path to the words; the publication is in source_meta.
    for citation in item["citations"]:
        assert citation["url"].startswith(f"/sources/{citation['source']}/#")
    assert by_source["scmp-yahoo"]["source_meta"] == {
        "outlet": "South China Morning Post",
        "carried_by": "Yahoo",
        "published": "2025-02-23",
        "url": None,  # the seeds give no address, and none is invented
        "carrier_url": None,
    }
    assert by_source["world-today-news-rewrite"]["source_meta"]["published"] == "2025-02-23/.."
    assert (
        exported(client, "african-police-trained-in-china-2018-2021")["citations"][0][
            "source_meta"
        ]["published"]
        == "2024-09/.."
    )


def test_known_addresses_are_exported_as_the_original_and_the_carriers(curated, client):
    Source.objects.filter(slug="scmp-yahoo").update(
        url="https://news.example/yahoo-copy", original_url="https://scmp.example/original"
    )
    Source.objects.filter(slug="world-today-news-rewrite").update(url="https://wtn.example/a")
    metas = {c["source"]: c["source_meta"] for c in exported(client, FIJI_2024)["citations"]}
    assert metas["scmp-yahoo"]["url"] == "https://scmp.example/original"
    assert metas["scmp-yahoo"]["carrier_url"] == "https://news.example/yahoo-copy"
    assert metas["world-today-news-rewrite"]["url"] == "https://wtn.example/a"
    assert metas["world-today-news-rewrite"]["carrier_url"] is None
    document = json.loads(client.get("/events.json?per_page=1000").content)
    jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(document)


def test_the_schema_refuses_a_citation_without_a_valid_origin_shape(curated, client):
    event_schema = SCHEMA["$defs"]["event"] | {"$defs": SCHEMA["$defs"]}
    validator = jsonschema.Draft202012Validator(event_schema)
    item = exported(client, FIJI_2024)
    validator.validate(item)
    item["citations"][0]["derivation"] = "paraphrase"
    item["independent_sources"] = -1
    assert len(list(validator.iter_errors(item))) == 2


def test_csv_appends_independent_sources_and_each_citations_origin(curated, client):
    text = client.get("/events.csv?country=FJ").getvalue().decode("utf-8-sig")
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO(text))}
    fiji = rows[FIJI_2024]
    assert fiji["independent_sources"] == "1"
    assert fiji["citation_origins"].splitlines() == [
        "scmp-yahoo",
        "world-today-news-rewrite: rewrite of scmp-yahoo",
        "bangkok-post-digest: summary of scmp-yahoo",
    ]
    header = next(csv.reader(io.StringIO(text)))
    # Appended after the research model's columns, which keep their places.
    at = header.index("independent_sources")
    assert header[at - 1 : at + 2] == ["related", "independent_sources", "citation_origins"]


# --- pages ----------------------------------------------------------------------------------------


def test_the_timeline_card_says_how_many_independent_reports_support_it(curated, client):
    html = client.get("/?country=FJ&year=2024").content.decode()
    card = html[html.index('id="title-fiji-policing-agreement-amended-2024"') :]
    card = card[: card.index("</article>")]
    assert "3 citations, 1 independent report" in words(card)
    assert "South China Morning Post (via Yahoo), ¶" in words(card)


def test_the_event_page_says_it_and_marks_each_derived_citation(curated, client):
    text = words(page(client, FIJI_2024))
    assert "Sources 3 citations, 1 independent report" in text
    assert (
        "Rewrite of South China Morning Post (via Yahoo)’s report: not independent of it." in text
    )
    assert (
        "Summary of South China Morning Post (via Yahoo)’s report: not independent of it." in text
    )


def test_an_event_of_independent_reports_has_no_derivation_notes(curated, client):
    html = page(client, "china-solomon-islands-security-agreement-2022")
    assert "2 citations, 2 independent reports" in words(html)
    assert not select(html, "span", class_="citation-derived")
    assert "Copies, rewrites and summaries of a report count" not in html


def test_no_dispute_presents_a_derived_claim_as_independent(curated, client):
    html = page(client, ORGANIC_LAW)
    dispute = html[html.index('id="dispute"') : html.index('id="citations-title"')]
    assert "3 claims below; 1 comes from an independent report, the others from documents" in (
        words(dispute)
    )
    claims = dispute.split('<li class="claim')[1:]
    assert len(claims) == 3
    # The SCMP's own claim first; the rewrite (which repeats it) and the summary after it,
    # each marked as no independent claim.
    assert (
        "claim-derived" not in claims[0].split(">")[0] and "South China Morning Post" in claims[0]
    )
    assert all(claim.startswith(' claim-derived"') for claim in claims[1:])
    rewrite, summary = (words(claim) for claim in claims[1:])
    assert "World Today News" in rewrite
    assert (
        "Not an independent claim: these words are a rewrite of South China Morning Post" in rewrite
    )
    assert "March of the previous year" in rewrite
    assert "Not an independent claim: these words are a summary of" in summary
    assert "March 2023" in summary


def test_the_first_source_is_shown_as_the_scmps_report(curated, client):
    scmp = Source.objects.get(slug="scmp-yahoo")
    assert scmp.outlet_display == "South China Morning Post (via Yahoo)"
    listing = words(client.get(reverse("source-list")).content.decode())
    assert "South China Morning Post (via Yahoo) · 23 Feb 2025" in listing
    reader = words(client.get(scmp.get_absolute_url()).content.decode())
    assert "Published by South China Morning Post (via Yahoo)" in reader
    assert "Copied, rewritten or summarised by" in reader
    assert "World Today News: China expands Policing Diplomacy" in reader
    digest = words(client.get("/sources/bangkok-post-digest/").content.decode())
    assert "Summary of South China Morning Post (via Yahoo)’s report Item 1" in digest


def test_addresses_are_links_when_known_and_absent_when_not(curated, client):
    scmp = Source.objects.get(slug="scmp-yahoo")
    assert not select(
        client.get(scmp.get_absolute_url()).content.decode(), "a", rel="noopener noreferrer"
    )
    scmp.url, scmp.original_url = "https://news.example/yahoo-copy", "https://scmp.example/original"
    scmp.save()
    html = client.get(scmp.get_absolute_url()).content.decode()
    hrefs = {a["href"] for a in select(html, "a", rel="noopener noreferrer")}
    assert hrefs == {"https://news.example/yahoo-copy", "https://scmp.example/original"}
    assert "Copy on Yahoo" in words(html)


def test_published_edtf_follows_the_precision(curated):
    assert {s.slug: s.published_edtf for s in Source.objects.all()} == {
        "scmp-yahoo": "2025-02-23",
        "world-today-news-rewrite": "2025-02-23/..",
        "bangkok-post-digest": "2025-02-23/..",
        "train-thousands-2024": "2024-09",
        "ipd-forum-2024": "2024-09/..",
    }


def test_a_source_cannot_derive_without_saying_from_what_or_from_a_derived_report(curated):
    rewrite = Source.objects.get(slug="world-today-news-rewrite")
    digest = Source.objects.get(slug="bangkok-post-digest")
    cases = [
        ({"rewrite_of": None}, "rewrite_of", "Choose the report"),
        ({"derivation": ""}, "derivation", "Say how"),
        ({"rewrite_of": rewrite}, "rewrite_of", "cannot derive from itself"),
    ]
    for changes, field, message in cases:
        for name, value in changes.items():
            setattr(rewrite, name, value)
        assert message in derivation.source_errors(rewrite)[field]
        rewrite.refresh_from_db()
    digest.derivation, digest.rewrite_of = "summary", rewrite
    assert "choose that report, the origin" in derivation.source_errors(digest)["rewrite_of"]


def test_citation_without_a_passage_takes_its_documents_origin(curated):
    citation = Citation.objects.filter(source__slug="world-today-news-rewrite").first()
    Citation.objects.filter(pk=citation.pk).update(passage=None, start=None, end=None)
    citation.refresh_from_db()
    assert citation.origin.slug == "scmp-yahoo" and citation.derived
