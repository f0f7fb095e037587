"""A web page as a report: every paragraph of visible text kept, in the page's order, those
trafilatura does not take for the page's main text suggested as not the report (and named:
navigation, related stories, a newsletter box, a caption, the footer); its title, outlet,
author and address from its metadata, and its publication date read by htmldate.

Nothing is dropped, so nothing is lost if trafilatura is wrong: the editor sees each
suggestion before saving and can change it.
"""

from __future__ import annotations

import email
import email.policy
import json
import re
from collections import Counter

import htmldate
import trafilatura
from htmldate.core import DATE_ATTRIBUTES
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import decode_file, load_html

from policing.intake.document import (
    UNRELATED,
    Document,
    DocumentError,
    Found,
    Paragraph,
    one_line,
    split_site_name,
)


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split(" "))


# Elements that start and end a paragraph of their own; text in any other element (a link, an
# emphasis, a span) runs on within the paragraph around it.
BLOCKS = _names(
    "address article aside blockquote body caption center dd details dialog div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu "
    "nav ol p pre section summary table tbody td tfoot th thead tr ul legend button label"
)
# Elements whose text a reader never sees.
HIDDEN = _names(
    "head script style noscript template svg math iframe object embed canvas select textarea "
    "input video audio map datalist"
)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
NONE = frozenset()

# What a paragraph outside the main text is, from the nearest element that says: its tag, its
# ARIA role, or a word of its class or id. The first rule an element matches names it.
_RULES: tuple[tuple[str, frozenset, frozenset, frozenset], ...] = (
    # (label, tags, roles, words of class or id)
    (
        "Newsletter sign-up",
        NONE,
        NONE,
        _names("newsletter newsletters subscribe subscription signup optin"),
    ),
    (
        "Related stories",
        NONE,
        NONE,
        _names(
            "related recommended recommendations recirculation trending popular mostread "
            "morestories readmore outbrain taboola"
        ),
    ),
    (
        "Advertisement",
        NONE,
        NONE,
        _names("ad ads advert adverts advertisement sponsor sponsored promo dfp"),
    ),
    ("Caption", _names("figcaption caption"), NONE, _names("caption")),
    ("Byline", NONE, NONE, _names("byline author authors dateline")),
    ("Sharing links", NONE, NONE, _names("share sharing social")),
    ("Comments", NONE, NONE, _names("comment comments disqus")),
    ("Cookie notice", NONE, NONE, _names("cookie cookies consent gdpr")),
    (
        "Navigation",
        _names("nav menu"),
        _names("navigation menu menubar"),
        _names("nav navbar navigation menu breadcrumb breadcrumbs skiplink"),
    ),
    ("Footer", _names("footer"), _names("contentinfo"), _names("footer")),
    ("Page header", _names("header"), _names("banner"), _names("masthead")),
    ("Sidebar", _names("aside"), _names("complementary"), _names("sidebar")),
)
# A form's text, when nothing around it says more (a newsletter box is a form too).
_FORM = frozenset({"form", "button", "label", "fieldset"})
_WORDS = re.compile(r"[a-z]+")
OTHER = "Not the page’s main text"


def read_html(data: bytes | str, *, url: str = "", max_chars: int | None = None) -> Document:
    """The report in an HTML page (bytes in the encoding it declares, or else the one that
    fits); raises DocumentError when it has no text to read. A page whose text passes
    `max_chars` is given as its paragraphs alone, unmarked and without its metadata: it is too
    long to be one report, and telling its main text apart took seconds a megabyte."""
    html = decode_file(data) if isinstance(data, bytes) else data
    tree = load_html(html)
    if tree is None:
        raise DocumentError("The file could not be read as a web page (HTML).")
    blocks = list(_blocks(tree))
    if not blocks:
        raise DocumentError(
            "No text was found in the page: it may be empty, or show its text only with "
            "JavaScript. Copy the report's text from the browser and paste it instead."
        )
    if max_chars is not None and sum(len(text) for text, _ in blocks) > max_chars:
        return Document(kind="html", paragraphs=tuple(Paragraph(text) for text, _ in blocks))
    main = _main_text(html, url)
    notes = []
    if main:
        paragraphs = _suggest(blocks, main)
    else:
        paragraphs = [Paragraph(text) for text, _ in blocks]
        notes.append(
            "The report could not be told apart from the rest of the page, so no paragraph is "
            "marked: untick what is not the report (links, other stories, the footer)."
        )
    meta = _Metadata(tree, html, url)
    return Document(
        kind="html",
        paragraphs=tuple(paragraphs),
        title=meta.title(),
        outlet=meta.outlet(),
        published=meta.published(),
        author=meta.author(),
        url=meta.address(),
        notes=tuple(notes),
    )


def read_mhtml(data: bytes, *, max_chars: int | None = None) -> Document:
    """A page a browser saved as one file (MHTML): its HTML part, read as a page."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            body = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            if charset:
                try:
                    return read_html(body.decode(charset, errors="replace"), max_chars=max_chars)
                except LookupError:
                    pass  # an unknown charset: let the page's own declaration decide
            return read_html(body, max_chars=max_chars)
    raise DocumentError("The saved page (MHTML) holds no HTML page to read.")


def _blocks(tree: HtmlElement):
    """(text, element) for each paragraph of visible text, in the page's order; `element` is
    the block it is the text of. A line break (<br>) ends a paragraph too."""
    body = tree.find("body")
    root = body if body is not None else tree
    pending: list[str] = []
    owners: list[HtmlElement] = [root]

    def flush():
        text = one_line("".join(pending))
        pending.clear()
        return (text, owners[-1]) if text else None

    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else None
        if event == "start":
            if tag is None:  # a comment or processing instruction: its text is never shown
                continue
            if _hidden(element, tag):
                walker.skip_subtree()
                continue
            if (tag in BLOCKS or tag == "br") and (block := flush()):
                yield block
            if tag in BLOCKS:
                owners.append(element)
            if element.text and tag != "br":
                pending.append(element.text)
        else:
            if tag is not None and tag in BLOCKS and not _hidden(element, tag):
                if block := flush():
                    yield block
                owners.pop()
            if element.tail and element is not root:
                pending.append(element.tail)
    if block := flush():
        yield block


def _hidden(element: HtmlElement, tag: str) -> bool:
    return (
        tag in HIDDEN
        or element.get("hidden") is not None
        or bool(_DISPLAY_NONE.search(element.get("style") or ""))
    )


def _main_text(html: str, url: str) -> list[str]:
    """The lines trafilatura takes for the page's main text (the report), or [] if none."""
    text = trafilatura.extract(
        html,
        url=url or None,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    return [line for line in (one_line(x) for x in (text or "").splitlines()) if line]


def _key(text: str) -> str:
    return text.casefold()


def _suggest(blocks: list[tuple[str, HtmlElement]], main: list[str]) -> list[Paragraph]:
    """Each block as the report when trafilatura's main text has it (the same line, or a
    longer part of one of its lines or holding one), else as not the report, named."""
    lines = Counter(_key(line) for line in main)
    joined = "\n".join(_key(line) for line in main)
    paragraphs = []
    for text, element in blocks:
        key = _key(text)
        if lines[key] > 0:
            lines[key] -= 1
            is_report = True
        else:
            # trafilatura joins or splits a few paragraphs differently (line breaks, inline
            # blocks): a long enough run of words still tells.
            is_report = len(key) >= 40 and (
                key in joined or any(len(line) >= 40 and line in key for line in lines)
            )
        if is_report:
            paragraphs.append(Paragraph(text))
        else:
            paragraphs.append(Paragraph(text, UNRELATED, _label(element)))
    return paragraphs


def _label(element: HtmlElement) -> str:
    """What the material is, from the nearest element (itself, then its ancestors) a rule
    names."""
    chain = [element, *element.iterancestors()]
    for node in chain:
        tag = node.tag if isinstance(node.tag, str) else ""
        role = (node.get("role") or "").lower()
        words = set(_WORDS.findall(f"{node.get('class') or ''} {node.get('id') or ''}".lower()))
        for label, tags, roles, named in _RULES:
            if tag in tags or role in roles or words & named:
                return label
    if any(node.tag in _FORM for node in chain):
        return "Form"
    return OTHER


class _Metadata:
    """What the page says of itself, each value with where it was read from."""

    def __init__(self, tree: HtmlElement, html: str, url: str):
        self.tree, self.html, self.url = tree, html, url
        self.meta: dict[str, str] = {}
        for node in tree.iter("meta"):
            key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
            content = one_line(node.get("content") or "")
            if key and content and key not in self.meta:
                self.meta[key] = content
        self._trafilatura = None

    @property
    def extracted(self):
        if self._trafilatura is None:
            self._trafilatura = trafilatura.extract_metadata(self.html, default_url=None)
        return self._trafilatura

    def _named(self, *keys: str) -> Found | None:
        for key in keys:
            if value := self.meta.get(key):
                return Found(value, f"the page’s {key}")
        return None

    def title(self) -> Found | None:
        if found := self._named("og:title", "twitter:title"):
            return found
        if text := self._title_tag():
            if split := split_site_name(text):
                return Found(split[0], "the page’s <title>, without the site’s name after it")
            return Found(text, "the page’s <title>")
        heading = self.tree.find(".//h1")
        if heading is not None and (text := one_line(heading.text_content())):
            return Found(text, "the page’s first heading")
        return None

    def outlet(self) -> Found | None:
        if found := self._named("og:site_name", "application-name", "publisher"):
            return found
        for data in self._json_ld():
            publisher = data.get("publisher")
            if isinstance(publisher, list) and publisher:
                publisher = publisher[0]
            name = publisher.get("name") if isinstance(publisher, dict) else None
            if isinstance(name, str) and (name := one_line(name)):
                return Found(name, "the publisher in the page’s structured data (JSON-LD)")
        if (text := self._title_tag()) and (split := split_site_name(text)):
            return Found(split[1], f"the end of the page’s <title>, “{text}”", guessed=True)
        return None

    def _title_tag(self) -> str:
        node = self.tree.find(".//title")
        return one_line(node.text_content()) if node is not None else ""

    def author(self) -> Found | None:
        found = self._named("author", "article:author", "byl", "parsely-author")
        if found and not found.value.startswith("http"):  # a profile's address is no name
            return found
        author = self.extracted.author if self.extracted else None
        return Found(author, "the page’s byline, as trafilatura read it") if author else None

    def address(self) -> Found | None:
        for node in self.tree.iter("link"):
            href = (node.get("href") or "").strip()
            canonical = "canonical" in (node.get("rel") or "").lower().split()
            if canonical and href.startswith(("http://", "https://")):
                return Found(href, "the page’s canonical link")
        if (found := self._named("og:url")) and found.value.startswith(("http://", "https://")):
            return found
        return None

    def published(self) -> Found | None:
        """The date the page was first published, by htmldate: from the page's metadata if it
        has it (the tag named), else from its text or markup (to be checked)."""
        date = htmldate.find_date(self.html, original_date=True, url=self.url or None)
        if not date:
            return None
        if origin := self._date_origin(date):
            return Found(date, origin)
        return Found(
            date,
            "a date htmldate found in the page’s text or markup, not in a publication-date tag",
            guessed=True,
        )

    def _date_origin(self, date: str) -> str | None:
        for key, value in self.meta.items():
            if (key in DATE_ATTRIBUTES or key == "datepublished") and value.startswith(date):
                return f"the page’s {key}"
        for data in self._json_ld():
            value = data.get("datePublished")
            if isinstance(value, str) and value.startswith(date):
                return "datePublished in the page’s structured data (JSON-LD)"
        for node in self.tree.iter("time"):
            if (node.get("datetime") or "").startswith(date):
                return "the page’s <time> element"
        return None

    def _json_ld(self) -> list[dict]:
        found = []
        for node in self.tree.iter("script"):
            if (node.get("type") or "").lower() != "application/ld+json":
                continue
            try:
                data = json.loads(node.text or "")
            except ValueError:
                continue
            items = data if isinstance(data, list) else [data]
            for item in items:
                if isinstance(item, dict):
                    found.extend(g for g in item.get("@graph", []) if isinstance(g, dict))
                    found.append(item)
        return found
