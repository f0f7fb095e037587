"""A saved web page read as a report: every visible paragraph kept, in order, what is around
the report suggested as not part of it and named; its metadata read, each value with where."""

import pytest

from policing import intake
from policing.intake import webpage
from tests.documents import (
    CAPTION,
    FOOTER,
    NAVIGATION,
    NEWSLETTER,
    RELATED,
    REPORT,
    news_page,
)


@pytest.fixture(scope="module")
def page():
    return intake.read_document(news_page(), name="fiji.html")


def sections(document) -> dict[str, tuple[str, str]]:
    return {p.text: (p.section, p.label) for p in document.paragraphs}


def test_every_visible_paragraph_is_kept_in_the_pages_order(page):
    texts = [p.text for p in page.paragraphs]
    expected = [
        *NAVIGATION,
        REPORT[0],
        CAPTION,
        REPORT[1],
        REPORT[2],
        REPORT[3],
        *NEWSLETTER,
        "Subscribe",
        REPORT[4],
        *RELATED,
        *FOOTER,
    ]
    assert texts == expected
    assert "Nothing in a script is text" not in page.text
    assert "hidden paragraph" not in page.text
    assert page.text == "\n\n".join(expected) + "\n"


def test_the_report_is_the_report_and_the_rest_is_named(page):
    found = sections(page)
    for paragraph in REPORT:
        assert found[paragraph] == ("report", "")
    assert {found[n] for n in NAVIGATION} == {("unrelated", "Navigation")}
    assert {found[r] for r in RELATED} == {("unrelated", "Related stories")}
    assert {found[n] for n in [*NEWSLETTER, "Subscribe"]} == {("unrelated", "Newsletter sign-up")}
    assert found[CAPTION] == ("unrelated", "Caption")
    assert {found[f] for f in FOOTER} == {("unrelated", "Footer")}


def test_title_outlet_date_and_address_come_from_the_metadata_and_say_where(page):
    assert page.title == intake.Found("Fiji and China review policing deal", "the page’s og:title")
    assert page.outlet == intake.Found("Pacific Times", "the page’s og:site_name")
    assert page.published == intake.Found("2025-02-20", "the page’s article:published_time")
    assert page.url.value == "https://pacifictimes.example/news/fiji-china-policing"
    assert page.url.origin == "the page’s canonical link"


def test_without_open_graph_the_title_and_the_publisher_in_structured_data():
    head = """<meta charset="utf-8"><title>Fiji reviews deal</title>
    <script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
    "datePublished": "2024-11-03T10:00:00Z", "publisher": {"@type": "Organization",
    "name": "Island Daily"}}</script>"""
    document = intake.read_document(news_page(head=head), name="fiji.htm")
    assert document.title == intake.Found("Fiji reviews deal", "the page’s <title>")
    assert document.outlet.value == "Island Daily"
    assert "JSON-LD" in document.outlet.origin
    assert not document.outlet.guessed and not document.published.guessed
    assert document.published.value == "2024-11-03"
    assert "datePublished" in document.published.origin


def test_a_date_only_in_the_text_is_found_and_flagged_for_checking():
    head = "<title>Fiji reviews deal</title>"
    page = news_page(head=head).replace(b"<h1>", b"<p class='date'>Published 14 March 2024</p><h1>")
    document = intake.read_document(page, name="fiji.html")
    assert document.published.value == "2024-03-14"
    assert document.published.guessed
    assert document.outlet is None


def test_a_site_name_after_the_title_is_the_headline_and_a_guess_at_the_outlet():
    head = "<title>Fiji and China review policing deal – Island Daily</title>"
    document = intake.read_document(news_page(head=head), name="fiji.html")
    assert document.title == intake.Found(
        "Fiji and China review policing deal",
        "the page’s <title>, without the site’s name after it",
    )
    assert document.outlet.value == "Island Daily" and document.outlet.guessed


def test_a_page_in_another_encoding_is_read_as_it_declares():
    head = '<meta charset="windows-1252"><title>Café police</title>'
    document = intake.read_document(news_page(head=head, encoding="cp1252"), name="x.html")
    assert document.title.value == "Café police"
    assert "©" in document.paragraphs[-2].text


def test_a_page_trafilatura_cannot_split_keeps_everything_as_the_report_and_says_so(
    monkeypatch,
):
    monkeypatch.setattr("trafilatura.extract", lambda *args, **kwargs: None)
    document = intake.read_document(news_page(), name="fiji.html")
    assert {p.section for p in document.paragraphs} == {"report"}
    assert len(document.paragraphs) == 17
    assert "could not be told apart" in document.notes[0]


def test_a_page_a_browser_saved_as_one_file_is_read_as_its_html():
    html = news_page().decode()
    mhtml = (
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://pacifictimes.example/x\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="----B"\r\n\r\n'
        "------B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: https://pacifictimes.example/x\r\n\r\n"
        + html.replace("=", "=3D")
        + "\r\n------B--\r\n"
    ).encode()
    document = intake.read_document(mhtml, name="fiji.mhtml")
    assert document.outlet.value == "Pacific Times"
    assert sections(document)[REPORT[1]] == ("report", "")
    assert sections(document)[RELATED[1]] == ("unrelated", "Related stories")


@pytest.mark.parametrize(
    ("data", "name", "said"),
    [
        (b"", "empty.html", "not a web page"),
        (b"<html><body><script>render()</script></body></html>", "app.html", "No text was found"),
        (b"%PDF-1.4 not really", "page.html", "it looks like a PDF"),
        (b"\x89PNG\r\n\x1a\n....", "photo.html", "is not a web page"),
        (b"<p>x</p>", "report.docx", "A .docx file cannot be read"),
    ],
)
def test_what_is_not_a_readable_page_is_refused_with_the_reason(data, name, said):
    with pytest.raises(intake.DocumentError, match=said):
        intake.read_document(data, name=name)


def test_malformed_html_is_still_read_for_its_text():
    page = b"<html><body><p>Fiji police <b>signed</p><p>an accord<div>in Suva"
    document = intake.read_document(page, name="broken.html")
    assert "an accord" in document.text and "in Suva" in document.text


def test_a_page_too_long_to_be_one_report_is_not_searched_for_its_main_text(monkeypatch):
    """Telling a page's main text apart takes seconds a megabyte: a page whose text passes the
    report limit is given as its paragraphs, for the size check to refuse, without it."""

    def not_read(*args, **kwargs):
        raise AssertionError("the main text of an oversized page was looked for")

    monkeypatch.setattr(webpage, "_main_text", not_read)
    page = "<html><body>" + "<p>Police patrols were held in the port.</p>" * 200 + "</body></html>"
    document = webpage.read_html(page, max_chars=1_000)
    assert len(document.paragraphs) == 200 and not document.unrelated
    assert len(document.text) > 1_000
