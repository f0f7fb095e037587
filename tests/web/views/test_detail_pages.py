"""The event page, the source reader and list, and the country page."""

import datetime as dt
import re
from html import unescape

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from lxml import html as lxml_html

from policing.models import (
    Citation,
    Correction,
    Country,
    Event,
    Release,
    ReleaseEntry,
    Source,
)
from policing.templatetags.policing_tags import iso_date
from tests.factories import make_event, make_source
from tests.markup import assert_contains_html, select

# --- event page ------------------------------------------------------------------------


def test_event_page_shows_each_quote_marked_inside_its_paragraph(client, world):
    response = client.get(reverse("event-detail", args=["cambodia-repatriation-2025"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="event-title">Cambodia returns people to China</h1>' in html
    assert (
        "<p><mark>Cambodia returned 50 people from a scam compound</mark>"
        " to China in 2025.</p>" in html
    )
    citation = world["scam"].citations.get()
    assert f'href="{citation.reader_address()}"' in html
    assert citation.get_absolute_url().startswith(
        f"/sources/test-report/#{citation.passage.anchor}"
    )
    assert citation.reader_address().startswith(
        f"/sources/test-report/?event={world['scam'].slug}#{citation.passage.anchor}"
    )
    assert ":~:text=Cambodia%20returned%2050%20people" in citation.get_absolute_url()
    assert "Test Outlet · 23 Feb 2025 · paragraph 4" in html
    assert '<time datetime="2025-02-20">20 Feb 2025</time>' in html


def test_disputed_event_shows_what_each_source_says_side_by_side(client, world):
    other = make_source(
        "other-report", text="Cambodia returned 50 people from a scam compound in 2024.\n"
    )
    event = world["scam"]
    event.disputed, event.dispute_note = True, "The sources give different years."
    event.save()
    Citation.objects.filter(event=event).update(claim="2025")
    Citation(event=event, source=other, quote="in 2024", claim="2024", order=5).save()
    html = client.get(event.get_absolute_url()).content.decode()
    assert len(select(html, "section", class_="section dispute", id="dispute")) == 1
    assert "The sources give different years." in html
    claims = html.split('<ul class="claims">')[1].split("</ul>")[0]
    assert len(select(claims, "li", class_="claim")) == 2
    assert_contains_html(claims, '<p class="claim-text">2025</p>', count=1)
    assert_contains_html(claims, '<p class="claim-text">2024</p>', count=1)
    assert "/sources/other-report/" in claims and "/sources/test-report/" in claims


def test_event_page_links_other_events_of_the_same_countries(client, world):
    html = client.get(world["fiji"].get_absolute_url()).content.decode()
    aside = html.split('<aside class="event-aside"')[1]
    # China is in nearly every event, so the links look past it to Fiji.
    assert '<a href="/countries/fj/">Fiji</a>' in aside
    assert "/events/fiji-agreement-2024/" in aside
    assert "/events/italy-patrols-2022/" not in aside
    assert "draft-fiji-2024" not in aside


def bibtex_of(html: str) -> str:
    return unescape(re.search(r"<pre[^>]*><code>(.*?)</code></pre>", html, re.S)[1])


def test_event_page_gives_a_reference_naming_its_permalink_and_the_reports_it_cites(client, world):
    event = world["scam"]
    html = client.get(event.get_absolute_url()).content.decode()
    text = unescape(re.search(r'<p class="reference-text"[^>]*>(.*?)</p>', html, re.S)[1])
    permalink = f"http://testserver{event.get_absolute_url()}"
    assert text == (
        "Policing Diplomacy Timeline, “Cambodia returns people to China” (event dated "
        f"20 Feb 2025), citing Test Outlet, 23 Feb 2025. {permalink}"
    )
    bibtex = bibtex_of(html)
    assert bibtex.startswith(f"@misc{{{event.slug},\n")
    assert f"  url = {{{permalink}}}," in bibtex
    assert bibtex.rstrip().endswith("}")


def test_a_references_bibtex_escapes_what_bibtex_reads_and_its_html_is_escaped(client, world):
    event = world["scam"]
    Event.objects.filter(pk=event.pk).update(title="50% & more_{x} <b>now</b>")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "<b>now</b>" not in html
    bibtex = bibtex_of(html)
    assert r"title = {{50\% \& more\_\{x\} <b>now</b>}}," in bibtex


def test_unpublished_or_unknown_event_is_not_found(client, world):
    assert client.get(reverse("event-detail", args=["draft-fiji-2024"])).status_code == 404
    assert client.get(reverse("event-detail", args=["no-such-event"])).status_code == 404


def test_event_page_query_count_is_fixed(client, world, source, django_assert_num_queries):
    # The data version; the event with its date source, relative event and thread, and its
    # corrections and the releases that hold it (read with it, as JSON: with_history); its
    # participants (whose countries are its countries), actors, relations both ways in one
    # query, figures (with their sources) and citations (with sources and passages); then the
    # related events of its countries: 8, whatever it has of each. (SQLite's JSON support is
    # asked once a connection, by the first query that builds JSON: not a query of the page.)
    assert connection.features.has_json_object_function
    url = world["fiji"].get_absolute_url()
    with django_assert_num_queries(8):
        client.get(url)
    for n in range(6):
        make_event(f"more-fiji-{n}", countries=["FJ"], quotes=["ran a course"], source=source)
    Citation(event=world["fiji"], source=source, quote="in 2011").save()
    for reason in ["A first reason.", "A second reason."]:
        Correction.objects.create(
            event=world["fiji"],
            slug=world["fiji"].slug,
            title="Fiji",
            kind="changed",
            reason=reason,
            changes=[{"field": "title", "label": "title", "old": "a", "new": "b"}],
        )
    previous = None
    for version, change in [("2026.1", "added"), ("2026.2", "changed")]:
        previous = Release.objects.create(
            version=version, previous=previous, base_url="", file="", size=0, checksum=""
        )
        ReleaseEntry.objects.create(release=previous, slug=world["fiji"].slug, change=change)
    with django_assert_num_queries(8):
        html = client.get(url).content.decode()
    assert "A second reason." in html and "release 2026.2" in html


# --- source reader ---------------------------------------------------------------------


def test_reader_numbers_and_anchors_every_paragraph(client, world, source):
    html = client.get(source.get_absolute_url()).content.decode()
    for passage in source.passages.all():
        assert select(html, "li", class_="passage", id=passage.anchor, value=str(passage.ordinal))
        assert_contains_html(
            html,
            f'<a class="pnum" href="#{passage.anchor}" title="Link to paragraph {passage.ordinal}">'
            f'<span class="sr-only">Paragraph </span>{passage.ordinal}</a>',
            count=1,
        )


def test_reader_marks_cited_words_and_lists_the_events_citing_them(client, world, source):
    html = client.get(source.get_absolute_url()).content.decode()
    passage = source.passages.get(ordinal=4)
    assert_contains_html(
        html, '<mark class="cited">Cambodia returned 50 people from a scam compound</mark>'
    )
    cited_by = html.split(f'id="{passage.anchor}"')[1].split("</li>\n")[0]
    assert (
        '<ol class="cited-by" aria-label="Events citing paragraph 4"><li>cited by '
        '<a href="/events/cambodia-repatriation-2025/">'
    ) in cited_by


def test_reader_merges_overlapping_citations(client, world, source):
    make_event(
        "overlapping",
        title="Overlapping quote",
        quotes=["50 people from a scam compound to China"],
        source=source,
    )
    html = client.get(source.get_absolute_url()).content.decode()
    passage = source.passages.get(ordinal=4)
    assert (
        '<mark class="cited">Cambodia returned '
        '<span class="overlap">50 people from a scam compound</span> to China</mark>'
    ) in html
    cited_by = html.split(f'id="{passage.anchor}"')[1].split("</li>\n")[0]
    assert "/events/cambodia-repatriation-2025/" in cited_by
    assert "/events/overlapping/" in cited_by


def test_reader_marks_the_followed_events_words_apart(client, world, source):
    make_event(
        "overlapping",
        title="Overlapping quote",
        quotes=["50 people from a scam compound to China"],
        source=source,
    )
    address = source.get_absolute_url()
    html = client.get(address, {"event": "overlapping"}).content.decode()
    # Its words in bold with one outline, after a label where they start; the other event's
    # words only marked.
    assert (
        '<mark class="cited is-followed">Cambodia returned '
        '<span class="followed-tag">quoted by this event:</span> <strong class="followed">'
        '<span class="overlap">50 people from a scam compound</span> to China</strong></mark>'
    ) in html
    assert 'class="reader-followed"' in html and "Overlapping quote</a>, the event you came" in html
    # Without the parameter, or with a slug that cites nothing here, nothing is set apart.
    for query in ({}, {"event": "no-such-event"}, {"event": "<script>"}):
        html = client.get(address, query).content.decode()
        assert "followed" not in html


@pytest.mark.parametrize(
    "followed",
    # In the SCMP report's paragraph 30 the amendment's quote holds the 2011 agreement's.
    ["fiji-policing-agreement-amended-2024", "fiji-china-policing-agreement-2011"],
)
def test_overlapping_quotes_read_as_one_outlined_stretch_labelled_where_it_starts(
    curated, client, followed
):
    citation = Citation.objects.get(
        event__slug=followed, source__slug="scmp-yahoo", passage__text__contains="Two months later"
    )
    passage = citation.passage
    response = client.get(citation.reader_address().split("#")[0])
    [paragraph] = lxml_html.fromstring(response.content).xpath(
        f'//li[@id="{passage.anchor}"]//div[@class="ptext"]/p'
    )
    # The event's words are one outlined box, not one per overlap with a gap between.
    outlined = paragraph.xpath('.//strong[@class="followed"]')
    assert [words(o.text_content()) for o in outlined] == [words(citation.quoted_text)]
    # Nothing marked or outlined that shows no words.
    assert all(element.text_content().strip() for element in paragraph.iterdescendants())
    # One label, just before the words it labels, where they start.
    [label] = paragraph.xpath('.//*[@class="followed-tag"]')
    assert label.getnext() is outlined[0]
    before = paragraph.text_content().split(label.text_content())[0]
    assert words(before) == words(passage.text[: citation.start])


def words(text: str) -> str:
    return " ".join(text.split())


def test_reader_ignores_citations_of_unpublished_events(client, world, source):
    make_event("draft-quote", quotes=["federal police"], source=source, published=False)
    html = client.get(source.get_absolute_url()).content.decode()
    assert "draft-quote" not in html


def test_reader_collapses_unrelated_material_with_a_label(client, world, source):
    html = client.get(source.get_absolute_url()).content.decode()
    assert len(select(html, "details", class_="block block-unrelated")) == 2
    assert_contains_html(html, '<span class="block-tag">Not part of the report</span>', count=2)
    assert_contains_html(html, '<span class="block-label">Advertisement</span>', count=1)
    assert_contains_html(html, '<span class="block-label">Page navigation</span>', count=1)


def test_reader_shows_metadata_and_provenance(client, world, source):
    rewrite = make_source(
        "rewrite",
        text="Cambodia sent back 50 people.\n",
        outlet="Rewriter",
        derivation="rewrite",
        rewrite_of=source,
        provenance="A rewrite of the test report.",
        published_inferred=True,
        published_precision="month",
        published_note="Undated; read as February 2025.",
    )
    html = client.get(rewrite.get_absolute_url()).content.decode()
    assert "<dt>Rewrite of</dt>" in html
    assert f'<a href="{source.get_absolute_url()}">Police diplomacy report</a>' in html
    assert "A rewrite of the test report." in html
    assert '<time datetime="2025-02">Feb 2025 (inferred)</time>' in html
    assert "Undated; read as February 2025." in html
    original = client.get(source.get_absolute_url()).content.decode()
    assert "<dt>Copied, rewritten or summarised by</dt>" in original
    assert "/sources/rewrite/" in original and "(rewrite)" in original


def test_reader_query_count_is_fixed(client, world, source, django_assert_num_queries):
    # The data version, the source with what it derives from, its passages (with what each
    # derives from), their citations with events, the documents that derive from it.
    with django_assert_num_queries(5):
        client.get(source.get_absolute_url())
    for n in range(5):
        make_event(f"more-{n}", quotes=["Italy ended its joint police patrols"], source=source)
    with django_assert_num_queries(5):
        client.get(source.get_absolute_url())


def test_unknown_source_is_not_found(client, db):
    assert client.get(reverse("source-detail", args=["nope"])).status_code == 404


def test_source_list_counts_paragraphs_and_citing_events(
    client, world, source, django_assert_num_queries
):
    make_source("empty-source", text="Nothing cited here.\n")
    with django_assert_num_queries(2):  # the data version, the sources with their counts
        response = client.get(reverse("source-list"))
    html = response.content.decode()
    assert "7 paragraphs · cited by 6 events" in html  # the draft cites nothing
    assert "1 paragraph · cited by 0 events" in html
    assert f'href="{source.get_absolute_url()}"' in html


# --- country page ----------------------------------------------------------------------


def test_country_page_is_the_timeline_prefiltered_with_counts_by_activity(client, world):
    response = client.get(reverse("country-detail", args=["fj"]))
    assert response.status_code == 200
    events = [e.slug for _, group in response.context["groups"] for e in group]
    assert events == ["fiji-training-2011", "fiji-agreement-2024"]
    html = response.content.decode()
    assert "<h1>Fiji</h1>" in html
    assert '<a href="/?region=pacific">Pacific</a>' in html
    assert [(a.value, n) for a, n in response.context["activity_totals"]] == [
        ("training", 1),
        ("agreement", 1),
    ]
    assert 'href="/countries/fj/?activity=training"' in html
    # Fiji takes part as a counterpart in both: China's side is not said to be in Fiji's events.
    assert response.context["country_roles"] == [("Counterpart (partner, host, recipient)", 2)]
    assert "and China" not in html
    # The country is fixed: no country or region facets, no chip to remove it.
    assert 'name="country"' not in html and 'name="region"' not in html
    assert response.context["chips"] == []


def test_country_page_filters_further_and_answers_htmx(client, world, hx):
    url = reverse("country-detail", args=["fj"])
    response = client.get(url, {"kind": "agreement-signed"}, **hx)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert response["HX-Push-Url"] == "/countries/fj/?kind=agreement-signed"
    assert [e.slug for _, g in response.context["groups"] for e in g] == ["fiji-agreement-2024"]
    response = client.get(url, {"country": "IT"})
    assert response.context["notes"] == ["Ignored the country filter: this page shows Fiji only."]


def test_unknown_country_is_not_found(client, world):
    assert client.get(reverse("country-detail", args=["zz"])).status_code == 404
    assert client.get("/countries/fiji/").status_code == 404


@pytest.mark.parametrize(
    "path", ["/countries/%C5%BFb/", "/countries/%C5%BFB/", "/countries/%C4%B1t/"]
)
def test_a_code_with_letters_that_upper_case_to_ascii_is_not_found(client, world, path):
    # 'ſ'.upper() == 'S' and 'ı'.upper() == 'I': neither may reach Solomon Islands or Italy.
    Country.objects.create(code="SB", name="Solomon Islands", region="pacific")
    response = client.get(path)
    assert response.status_code == 404
    assert "HX-Push-Url" not in response.headers


def test_an_upper_case_code_redirects_to_the_one_address_with_its_filters(client, world, hx):
    response = client.get("/countries/FJ/?kind=training&order=desc")
    assert response.status_code == 301
    assert response["Location"] == "/countries/fj/?kind=training&order=desc"
    assert client.get("/countries/Fj/")["Location"] == "/countries/fj/"
    assert client.get("/countries/FJ/", **hx).status_code == 301


def test_country_page_query_count(client, world, django_assert_num_queries):
    # The timeline's queries (the counts by activity come from its facet index, at no query)
    # and the country's roles.
    with django_assert_num_queries(12):
        client.get(reverse("country-detail", args=["fj"]))


# --- helpers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("precision", "expected"), [("day", "2025-02-20"), ("month", "2025-02"), ("year", "2025")]
)
def test_iso_date_at_its_precision(precision, expected):
    assert iso_date(dt.date(2025, 2, 20), precision) == expected


def test_all_sources_and_events_of_the_real_corpus_render(client, curated):
    for source in Source.objects.all():
        assert client.get(source.get_absolute_url()).status_code == 200
    for event in Event.objects.published():
        assert client.get(event.get_absolute_url()).status_code == 200
    assert client.get("/").status_code == 200


def test_reader_aside_lists_the_earliest_citing_events_and_says_where_the_rest_are(
    client, world, source, monkeypatch
):
    monkeypatch.setattr("policing.timeline.presenters.source_detail.CITED_IN_ASIDE", 2)
    html = client.get(source.get_absolute_url()).content.decode()
    document, aside = html.split('<aside class="reader-aside"')
    citing = Event.objects.published().filter(citations__source=source).distinct()
    earliest = citing.order_by("date_start", "title")
    assert citing.count() > 2
    assert f"{citing.count()} events quote it." in aside
    shown = {e for e in citing if e.get_absolute_url() in aside}
    assert shown == set(earliest[:2])
    assert f"The {citing.count() - 2} later events are listed under the paragraphs" in aside
    for event in citing:  # each one still under the paragraph it quotes
        assert f'<a href="{event.get_absolute_url()}">' in document


# --- a long source (issue #24) ----------------------------------------------------------


def long_source(paragraphs: int):
    lines = [f"Paragraph {n} of a long report." for n in range(1, paragraphs + 1)]
    lines[24] = "Paragraph 25: Fiji and China signed a policing agreement."
    return make_source("long", text="\n".join(lines))


def test_a_source_over_the_paragraph_limit_is_read_a_limits_worth_at_a_time(
    client, db, settings, django_assert_max_num_queries
):
    """The reader of a 50,000-line source was 10.7 MB and took 16 s."""
    settings.REPORT_MAX_PARAGRAPHS = 10
    source = long_source(35)
    with django_assert_max_num_queries(8):
        html = client.get(source.get_absolute_url()).content.decode()
    assert len(select(html, "li", class_="passage")) == 10
    assert "Paragraphs 1–10 of 35" in html and '<a href="?page=4">4</a>' in html
    html = client.get(source.get_absolute_url(), {"page": "4"}).content.decode()
    assert [int(li["value"]) for li in select(html, "li", class_="passage")] == [31, 32, 33, 34, 35]
    # A source within the limit is one page, as before.
    settings.REPORT_MAX_PARAGRAPHS = 35
    cache.clear()  # pages are kept per data version, not per setting
    html = client.get(source.get_absolute_url()).content.decode()
    assert len(select(html, "li", class_="passage")) == 35 and "reader-pages" not in html


def test_a_citation_link_opens_the_page_holding_its_words(client, db, settings):
    settings.REPORT_MAX_PARAGRAPHS = 10
    source = long_source(35)
    event = make_event("pact", quotes=["Fiji and China signed a policing agreement"], source=source)
    html = client.get(event.citations.get().reader_address()).content.decode()
    assert [int(li["value"]) for li in select(html, "li", class_="passage")][0] == 21
    assert "is-followed" in html
    assert '<a href="?event=pact&amp;page=1">1</a>' in html
    # The aside lists every citing event, whichever page is read.
    html = client.get(source.get_absolute_url()).content.decode()
    assert "/events/pact/" in html


def test_an_event_that_cites_nothing_here_is_the_plain_page_from_one_cache_entry(
    client, world, source, monkeypatch
):
    """?event=<any new value> skipped the page cache: anyone could keep the CPU busy."""
    from policing.timeline import presenters

    rendered = []
    real = presenters.reader

    def reader(*args, **kwargs):
        rendered.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(presenters, "reader", reader)
    address = source.get_absolute_url()
    plain = client.get(address).content
    for query in ({"event": "random1"}, {"event": "random2"}, {"utm_source": "x"}, {"page": "9"}):
        assert client.get(address, query).content == plain
    assert len(rendered) == 1
    make_event("citing", quotes=["Italy ended its joint police patrols"], source=source)
    client.get(address, {"event": "citing"})
    client.get(address, {"event": "citing", "x": "1"})
    assert len(rendered) == 2  # the followed page, once, whatever else the query holds
