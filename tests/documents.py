"""Reports as editors bring them, made by the tests: a news page with everything around the
report that a saved page carries, and PDFs written with pypdf (a text layer, a scan without
one, an encrypted one). Never fetched: the tests make what they read."""

from __future__ import annotations

import io
import textwrap

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

REPORT = [
    "Fiji and China review policing deal",
    "Fiji's government said on Thursday it would keep its policing agreement with China under "
    "review after a cabinet meeting in Suva.",
    "The memorandum, signed in 2011, allows Chinese police officers to train Fijian officers "
    "and to work in Fiji on short attachments.",
    "Home Affairs Minister Pio Tikoduadua said the cabinet had decided that the agreement "
    "would not be renewed in its current form.",
    "Australia has offered to expand its own police training programme in Fiji, officials "
    "said last month.",
]
NAVIGATION = ["Home", "World", "Pacific news"]
# A related story states a dated act: proposed from, were it taken for the report.
RELATED = [
    "Related stories",
    "Tonga signed a policing memorandum with China in March 2023.",
    "Vanuatu signs security pact with Australia",
]
NEWSLETTER = [
    "Get the Pacific briefing",
    "Sign up for our daily newsletter and never miss a story from the region.",
]
CAPTION = "Fiji police officers at a parade in Suva, 2023. Photo: File"
FOOTER = ["© 2025 Pacific Times. All rights reserved.", "Privacy policy · Terms of use"]

HEAD = """
<meta charset="utf-8">
<title>Fiji and China review policing deal | Pacific Times</title>
<meta property="og:site_name" content="Pacific Times">
<meta property="og:title" content="Fiji and China review policing deal">
<meta property="article:published_time" content="2025-02-20T08:30:00+12:00">
<link rel="canonical" href="https://pacifictimes.example/news/fiji-china-policing">
"""


def news_page(*, head: str = HEAD, encoding: str = "utf-8") -> bytes:
    """A saved news page: navigation, the report with a caption and a newsletter box inside
    it, a related-stories list and a footer; its metadata in `head`."""
    title, first, second, third, last = REPORT
    navigation = "".join(f'<li><a href="/">{item}</a></li>' for item in NAVIGATION)
    page = f"""<!doctype html>
<html lang="en">
<head>{head}
<script>var headline = "Nothing in a script is text";</script>
<style>.site-nav {{ color: red }}</style>
</head>
<body>
<header><nav class="site-nav"><ul>{navigation}</ul></nav></header>
<main>
<article>
<h1>{title}</h1>
<figure><img src="parade.jpg" alt=""><figcaption>{CAPTION}</figcaption></figure>
<p>{first}</p>
<p>{second}</p>
<div hidden>A hidden paragraph no reader sees.</div>
<p>{third}</p>
<aside class="newsletter-signup"><h3>{NEWSLETTER[0]}</h3><p>{NEWSLETTER[1]}</p>
<form><input type="email" placeholder="Email"><button>Subscribe</button></form></aside>
<p>{last}</p>
</article>
<section class="related-stories"><h2>{RELATED[0]}</h2><ul>
{"".join(f'<li><a href="/s">{story}</a></li>' for story in RELATED[1:])}
</ul></section>
</main>
<footer class="site-footer">{"".join(f"<p>{line}</p>" for line in FOOTER)}</footer>
</body>
</html>
"""
    return page.encode(encoding, errors="xmlcharrefreplace")


def pdf_file(
    pages: list[list[str]],
    *,
    metadata: dict[str, str] | None = None,
    password: str | None = None,
    width: int = 90,
) -> bytes:
    """A PDF whose pages hold these paragraphs as a text layer (Helvetica), each wrapped at
    `width` characters with a blank line after it; [] makes a page with no text, as a scan
    has. With `password`, encrypted with it (RC4, which pypdf reads without extra packages)."""
    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )
    for paragraphs in pages:
        page = writer.add_blank_page(612, 792)
        operators = ["BT", "/F1 10 Tf", "13 TL", "50 750 Td"]
        for paragraph in paragraphs:
            for line in textwrap.wrap(paragraph, width) or [""]:
                operators.append(f"({_escaped(line)}) Tj T*")
            operators.append("T*")  # the space between paragraphs
        operators.append("ET")
        stream = DecodedStreamObject()
        stream.set_data("\n".join(operators).encode("cp1252"))
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
    if metadata:
        writer.add_metadata(metadata)
    if password is not None:
        writer.encrypt(user_password=password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _escaped(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
