"""A PDF read as a report: its text layer in paragraphs, running heads, feet and page numbers
suggested as not the report, its title and publication date with where they were read; a PDF
with no text layer or a password refused with what to do."""

import pytest

from policing import intake
from tests.documents import REPORT, pdf_file

LONG = (
    "The agreement, first signed in 2011, lets Chinese officers train Fijian police in Suva "
    "and lets Fijian officers study at police academies in China, a ministry spokesperson "
    "said, adding that a review of every security arrangement the country has would be "
    "finished before the end of the year and put to the cabinet."
)


def report_pdf(**kwargs) -> bytes:
    head = "Pacific Policy Brief No. 12"
    pages = [
        [head, "Published 20 February 2025", *REPORT[:3], "1"],
        [head, LONG, *REPORT[3:], "2"],
    ]
    return pdf_file(pages, **kwargs)


def test_the_text_layer_in_paragraphs_with_wrapped_lines_joined():
    document = intake.read_document(report_pdf(), name="brief.pdf")
    report = [p.text for p in document.paragraphs if p.section == "report"]
    assert report == ["Published 20 February 2025", *REPORT[:3], LONG, *REPORT[3:]]


def test_running_heads_and_page_numbers_are_suggested_as_not_the_report():
    document = intake.read_document(report_pdf(), name="brief.pdf")
    other = [(p.text, p.label) for p in document.paragraphs if p.section == "unrelated"]
    assert other == [
        ("Pacific Policy Brief No. 12", "Page header or footer"),
        ("1", "Page header or footer"),
        ("Pacific Policy Brief No. 12", "Page header or footer"),
        ("2", "Page header or footer"),
    ]


def test_a_paragraph_running_on_to_the_next_page_is_one_paragraph():
    first, rest = LONG[:150].rsplit(" ", 1)[0], LONG[len(LONG[:150].rsplit(" ", 1)[0]) + 1 :]
    data = pdf_file([["Header", first, "1"], ["Header", rest, "2"]], width=200)
    document = intake.read_document(data, name="brief.pdf")
    assert LONG in [p.text for p in document.paragraphs]


def test_the_date_is_read_from_a_dateline_on_the_first_page_before_the_files_date():
    data = report_pdf(metadata={"/Title": "Fiji keeps policing deal under review",
                                "/CreationDate": "D:20250301120000Z"})  # fmt: skip
    document = intake.read_document(data, name="brief.pdf")
    assert document.published.value == "2025-02-20"
    assert (
        document.published.origin == "a date near the top of the PDF: “Published 20 February 2025”"
    )
    assert document.title == intake.Found(
        "Fiji keeps policing deal under review", "the PDF’s metadata (Title)"
    )


def test_without_a_dateline_the_files_creation_date_is_offered_to_check():
    data = pdf_file(
        [REPORT], metadata={"/Title": "brief.docx", "/CreationDate": "D:20250301120000Z"}
    )
    document = intake.read_document(data, name="brief.pdf")
    assert document.published.value == "2025-03-01"
    assert document.published.guessed
    assert "creation date" in document.published.origin
    # A file name is no title: the first line of the text is.
    assert document.title == intake.Found(REPORT[0], "the first line of the PDF’s text")


def test_a_title_printed_from_a_browser_gives_the_headline_and_a_guess_at_the_outlet():
    data = pdf_file([REPORT], metadata={"/Title": "Fiji reviews policing deal | Pacific Times"})
    document = intake.read_document(data, name="printed.pdf")
    assert document.title.value == "Fiji reviews policing deal"
    assert document.outlet.value == "Pacific Times"
    assert document.outlet.guessed and not document.title.guessed


def test_a_pdf_locked_only_against_editing_is_read():
    data = pdf_file([REPORT], password="")
    assert intake.read_document(data, name="brief.pdf").paragraphs[0].text == REPORT[0]


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (pdf_file([[], []]), "no text to read: its pages are probably scanned images"),
        (
            pdf_file([REPORT], password="secret"),
            "encrypted and cannot be read without its password",
        ),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF", "could not be read as a PDF"),
        (pdf_file([REPORT])[:400], "could not be read as a PDF"),
        (b"<html><body><p>A page</p></body></html>", "it looks like a web page"),
    ],
)
def test_a_pdf_that_cannot_be_read_is_refused_with_what_to_do(data, said):
    with pytest.raises(intake.DocumentError, match=said):
        intake.read_document(data, name="brief.pdf")


def test_reading_stops_once_the_text_passes_the_limit():
    data = pdf_file([[f"{word} {LONG}" for word in "abcdef"] for _ in range(5)])
    document = intake.read_document(data, name="long.pdf", max_chars=2_000)
    assert not document.complete
    assert document.pages == (2, 5)
