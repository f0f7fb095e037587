"""Adding a report as a saved web page, a PDF or its address, end to end through the admin:
the form comes back as a preview (text, fields filled from the metadata with where each was
read, paragraphs ticked as not the report), and saving marks what is not the report so that
nothing is proposed from it. Bad files are refused with the reason and nothing typed is lost."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from policing import intake, proposals
from policing.models import Proposal, SectionKind, Source
from tests.documents import CAPTION, RELATED, REPORT, news_page, pdf_file

ADD = reverse("admin:policing_source_add")


def empty_form(**overrides):
    """The add form as an editor posts it with only a file chosen."""
    data = {
        "title": "",
        "slug": "",
        "outlet": "",
        "carried_by": "",
        "syndication": "",
        "author": "",
        "url": "",
        "original_url": "",
        "published_edtf": "",
        "published_note": "",
        "derivation": "",
        "rewrite_of": "",
        "provenance": "",
        "text": "",
        "address": "",
    }
    data.update(overrides)
    return data


def html_upload(name="fiji.html", data=None):
    return SimpleUploadedFile(name, news_page() if data is None else data, "text/html")


def saved_from(preview, *, untick=(), tick=()):
    """What the editor posts back from the preview, having changed some ticks."""
    data = {k: v for k, v in preview.data.items() if v is not None}
    ticked = [a for a in data["not_report"] if a not in untick] + list(tick)
    data["not_report"] = ticked
    return data


def anchor_of(preview, text):
    return next(row.anchor for row in preview.rows if row.text == text)


def test_a_saved_page_is_previewed_with_its_metadata_and_its_suggested_sections(editor_client):
    response = editor_client.post(ADD, empty_form(upload=html_upload()))
    assert response.status_code == 200
    assert not Source.objects.filter(title=REPORT[0]).exists()  # nothing saved yet
    preview = response.context["preview"]
    form = response.context["adminform"].form
    assert not form.is_bound  # shown as a form to check, with no error
    assert response.context["errors"] == []
    assert form["title"].value() == REPORT[0]
    assert form["outlet"].value() == "Pacific Times"
    assert form["published_edtf"].value() == "2025-02-20"
    assert form["url"].value() == "https://pacifictimes.example/news/fiji-china-policing"
    assert form["slug"].value() == "fiji-and-china-review-policing-deal"
    assert form["text"].value().startswith("Home\n\nWorld\n\nPacific news\n\n" + REPORT[0])
    assert ("Outlet", "Pacific Times", "the page’s og:site_name", False) in preview.filled
    assert ("Publication date", "20 Feb 2025", "the page’s article:published_time", False) in (
        preview.filled
    )
    assert not form["published_inferred"].value()
    assert preview.missing == []
    suggested = {row.text: row.label for row in preview.rows if row.suggested}
    assert suggested[RELATED[1]] == "Related stories"
    assert suggested[CAPTION] == "Caption"
    assert not any(text in suggested for text in REPORT)
    page = response.content.decode()
    assert escape("Check what was read from fiji.html, then save") in page
    assert "Please correct" not in page
    assert page.count('name="not_report"') == len(preview.rows)
    ticked = re.findall(r'name="not_report" value="([^"]+)" id="[^"]+" checked', page)
    assert ticked == [row.anchor for row in preview.rows if row.suggested]
    assert f'value="{anchor_of(preview, RELATED[1])}" id=' in page


def test_saving_the_preview_marks_what_is_not_the_report_and_proposes_from_the_report_only(
    editor_client,
):
    preview = editor_client.post(ADD, empty_form(upload=html_upload())).context["preview"]
    # The editor decides the caption is part of the report after all.
    data = saved_from(preview, untick=[anchor_of(preview, CAPTION)])
    response = editor_client.post(ADD, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    source = Source.objects.get(slug="fiji-and-china-review-policing-deal")
    assert (source.outlet, source.published_edtf) == ("Pacific Times", "2025-02-20")
    sections = {p.text: (p.section, p.section_label) for p in source.passages.all()}
    assert sections[RELATED[1]] == (SectionKind.UNRELATED, "Related stories")
    assert sections["Home"] == (SectionKind.UNRELATED, "Navigation")
    assert sections[CAPTION] == (SectionKind.REPORT, "")
    assert all(sections[text] == (SectionKind.REPORT, "") for text in REPORT)
    # Proposals are read from the report only: the related story's dated act, which would be
    # proposed were it the report, is not.
    proposed = Proposal.objects.filter(source=source)
    assert proposed.exists()
    assert not proposed.exclude(passage__section=SectionKind.REPORT).exists()
    assert proposals.propose_text(RELATED[1], "2025-02-20", known=proposals.Known())
    assert "Tonga" not in " ".join(proposed.values_list("quote", flat=True))
    said = " ".join(str(m) for m in response.wsgi_request._messages)
    assert "(navigation, caption, byline" not in said  # the caption was unticked
    assert "(navigation, newsletter sign-up, related stories, footer) marked as not part" in said


def test_what_the_editor_typed_wins_over_the_metadata_and_is_said(editor_client):
    form = empty_form(upload=html_upload(), title="Fiji to review China deal", outlet="RNZ")
    response = editor_client.post(ADD, form)
    preview = response.context["preview"]
    shown = response.context["adminform"].form
    assert shown["title"].value() == "Fiji to review China deal"
    assert shown["outlet"].value() == "RNZ"
    assert shown["slug"].value() == "fiji-to-review-china-deal"
    assert ("Outlet", "RNZ", "Pacific Times") in preview.kept
    assert escape("the document says “Pacific Times”") in response.content.decode()


def test_a_pdf_is_previewed_and_what_it_lacks_is_asked_for(editor_client):
    data = pdf_file(
        [["Pacific Policy Brief", "Published 20 February 2025", *REPORT, "1"],
         ["Pacific Policy Brief", "A second page of the brief.", "2"]],
        metadata={"/Title": "Fiji keeps policing deal under review"},
    )  # fmt: skip
    upload = SimpleUploadedFile("brief.pdf", data, "application/pdf")
    response = editor_client.post(ADD, empty_form(upload=upload))
    preview = response.context["preview"]
    shown = response.context["adminform"].form
    assert shown["title"].value() == "Fiji keeps policing deal under review"
    assert shown["published_edtf"].value() == "2025-02-20"
    assert preview.missing == ["Outlet"]
    assert "Not found in the document: outlet." in response.content.decode()
    assert [row.label for row in preview.rows if row.suggested] == ["Page header or footer"] * 4
    # Saved without an outlet: refused, with the text and the ticks kept.
    response = editor_client.post(ADD, saved_from(preview))
    assert response.status_code == 200
    bound = response.context["adminform"].form
    assert "outlet" in bound.errors
    assert bound["text"].value() == preview.data["text"]
    assert bound["not_report"].value() == preview.data["not_report"]
    response = editor_client.post(ADD, {**saved_from(preview), "outlet": "Pacific Policy"})
    assert response.status_code == 302
    source = Source.objects.get(slug="fiji-keeps-policing-deal-under-review")
    assert source.passages.filter(section=SectionKind.UNRELATED).count() == 4


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("brief.pdf", pdf_file([REPORT], password="secret"), "encrypted and cannot be read"),
        ("scan.pdf", pdf_file([[]]), "no text to read"),
        ("brief.pdf", news_page(), "named .pdf but is not a PDF: it looks like a web page"),
        ("page.html", b"", "The submitted file is empty"),
        ("page.html", b"\x89PNG\r\n\x1a\n\x00\x00", "named .html but is not a web page"),
        ("page.html", b"<html><body><script>app()</script></body></html>", "No text was found"),
        ("notes.txt", pdf_file([REPORT]), "is a PDF: give it the ending"),
        ("report.docx", b"PK\x03\x04\x14\x00\x06\x00", "A .docx file cannot be read as a report"),
        ("notes.txt", "caf\xe9".encode("latin-1"), "not UTF-8 plain text. Upload a text file"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_the_reason_and_what_was_typed_kept(
    editor_client, name, data, said
):
    form = empty_form(upload=SimpleUploadedFile(name, data), title="Typed title", outlet="RNZ")
    response = editor_client.post(ADD, form)
    assert response.status_code == 200
    bound = response.context["adminform"].form
    assert said in " ".join(bound.errors["upload"])
    assert (bound["title"].value(), bound["outlet"].value()) == ("Typed title", "RNZ")
    assert "preview" not in response.context
    if not name.endswith(".txt") and data:
        # The fields the file would have filled are not blamed for being empty.
        assert not bound.errors.keys() - {"upload"}
    assert not Source.objects.filter(title="Typed title").exists()


def test_a_guessed_publication_date_is_saved_as_inferred_with_where_it_came_from(editor_client):
    data = pdf_file([REPORT], metadata={"/Title": "Fiji reviews deal | Pacific Times",
                                         "/CreationDate": "D:20250301120000Z"})  # fmt: skip
    upload = SimpleUploadedFile("printed.pdf", data, "application/pdf")
    response = editor_client.post(ADD, empty_form(upload=upload))
    shown = response.context["adminform"].form
    assert shown["published_edtf"].value() == "2025-03-01"
    assert shown["published_inferred"].value() is True
    assert "creation date" in shown["published_note"].value()
    assert shown["outlet"].value() == "Pacific Times"
    assert response.content.decode().count("A guess: check it against the report.") == 2
    response = editor_client.post(ADD, saved_from(response.context["preview"]))
    assert response.status_code == 302
    source = Source.objects.get(slug="fiji-reviews-deal")
    assert source.published_inferred and source.published_display == "1 Mar 2025 (inferred)"


def test_a_page_file_over_its_limit_is_refused_unread(editor_client, settings):
    settings.REPORT_MAX_FILE_BYTES = 1_000
    response = editor_client.post(ADD, empty_form(upload=html_upload()))
    said = "a web page or PDF may be at most 1.0 KB (1,000 bytes)"
    assert said in " ".join(response.context["adminform"].form.errors["upload"])


def test_the_text_read_from_a_page_is_held_to_the_report_limits(editor_client, settings):
    settings.REPORT_MAX_BYTES = 600
    size = len(intake.read_document(news_page(), name="fiji.html").text.encode())
    response = editor_client.post(ADD, empty_form(upload=html_upload()))
    errors = " ".join(response.context["adminform"].form.errors["upload"])
    assert f"The text read from fiji.html is {size / 1000:.1f} KB ({size:,} bytes)" in errors
    assert "a report may be at most 0.6 KB (600 bytes)" in errors
    settings.REPORT_MAX_BYTES, settings.REPORT_MAX_PARAGRAPHS = 500_000, 10
    response = editor_client.post(ADD, empty_form(upload=html_upload()))
    errors = " ".join(response.context["adminform"].form.errors["upload"])
    paragraphs = len(intake.read_document(news_page(), name="fiji.html").paragraphs)
    assert f"The text read from fiji.html has {paragraphs} paragraphs" in errors


def test_an_address_is_refused_when_fetching_is_off_saying_how_to_upload_the_page(
    editor_client, settings, monkeypatch
):
    assert settings.REPORT_FETCH_URLS is False  # the default

    def never(*args, **kwargs):
        raise AssertionError("fetched with fetching off")

    monkeypatch.setattr(intake, "fetch", never)
    url = "https://pacifictimes.example/news/fiji-china-policing"
    response = editor_client.post(ADD, empty_form(address=url, title="Typed title"))
    assert response.status_code == 200
    bound = response.context["adminform"].form
    message = " ".join(bound.errors["address"])
    assert f"Pages are not fetched from their address on this site, so {url} was not read" in (
        message
    )
    assert "save the page" in message and "upload that file" in message
    assert bound["title"].value() == "Typed title"
    assert "Off on this site" in response.content.decode()  # the field says so before too


def test_with_fetching_on_the_page_at_the_address_is_previewed(
    editor_client, settings, monkeypatch
):
    settings.REPORT_FETCH_URLS = True
    asked = []

    def fetch(url, *, timeout, max_bytes, opener=None):
        asked.append((url, timeout, max_bytes))
        return intake.Fetched("https://pacifictimes.example/final", "text/html", news_page())

    monkeypatch.setattr(intake, "fetch", fetch)
    url = "https://pacifictimes.example/news/x"
    response = editor_client.post(ADD, empty_form(address=url))
    assert asked == [(url, settings.REPORT_FETCH_TIMEOUT, settings.REPORT_MAX_FILE_BYTES)]
    preview = response.context["preview"]
    assert preview.origin == "the page at https://pacifictimes.example/final"
    shown = response.context["adminform"].form
    assert shown["url"].value() == "https://pacifictimes.example/final"
    assert shown["address"].value() == ""  # not fetched again on saving
    fetched_from = ("URL", "https://pacifictimes.example/final", "the address it was fetched from")
    assert (*fetched_from, False) in preview.filled


def test_a_refused_fetch_is_a_message_on_the_address(editor_client, settings):
    settings.REPORT_FETCH_URLS = True
    response = editor_client.post(ADD, empty_form(address="http://127.0.0.1:8000/admin/"))
    assert "127.0.0.1 is not a public address" in " ".join(
        response.context["adminform"].form.errors["address"]
    )


def test_a_file_and_pasted_text_together_are_refused(editor_client):
    response = editor_client.post(ADD, empty_form(upload=html_upload(), text="Pasted words."))
    assert "Upload a file, give the page's address or paste the text: one of them." in (
        response.content.decode().replace("&#x27;", "'")
    )
