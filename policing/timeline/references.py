"""How to cite an event of the timeline: a reference in words and a BibTeX entry.

Both name the event's permalink and the reports it cites, so that a reader's footnote leads
back to the event and, from it, to the highlighted words of each report.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

# BibTeX gives these a meaning of their own in a field; each is written as LaTeX spells it.
_BIBTEX = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)


@dataclass(frozen=True)
class Reference:
    text: str
    bibtex: str


def cited_reports(citations) -> list[str]:
    """Each cited source once, in the order first cited: “Outlet, 23 Feb 2025”."""
    seen: dict[int, str] = {}
    for citation in citations:
        source = citation.source
        seen.setdefault(source.pk, f"{source.outlet_display}, {source.published_display}")
    return list(seen.values())


def reference(event, citations, *, permalink: str) -> Reference:
    site = settings.SITE_NAME
    reports = "; ".join(cited_reports(citations))
    citing = f", citing {reports}" if reports else ""
    text = f"{site}, “{event.title}” (event dated {event.date_display}){citing}. {permalink}"
    note = f"Event dated {event.date_display}{citing}"
    fields = [
        ("title", "{" + event.title.translate(_BIBTEX) + "}"),  # kept as written, capitals too
        ("author", "{" + site.translate(_BIBTEX) + "}"),  # an institution, not a person
        ("howpublished", rf"\url{{{permalink}}}"),
        ("url", permalink),
        ("note", note.translate(_BIBTEX)),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return Reference(text=text, bibtex=f"@misc{{{event.slug},\n{body}\n}}")


def release_reference(version: str, released, *, url: str, events: int) -> Reference:
    """How to cite a release of the data (`released`, a date): in words and as BibTeX, an
    institution's dataset at the address of the release's page."""
    site = settings.SITE_NAME
    day = f"{released:%-d %b %Y}"
    text = (
        f"{site}, release {version} ({day}): {events} published events, each citing its "
        f"sources’ exact words. {url}"
    )
    key = "policing-diplomacy-timeline-" + "".join(c if c.isalnum() else "-" for c in version)
    fields = [
        ("title", "{" + f"{site}: published data, release {version}".translate(_BIBTEX) + "}"),
        ("author", "{" + site.translate(_BIBTEX) + "}"),
        ("year", f"{released:%Y}"),
        ("month", f"{released:%b}".lower()),
        ("version", version.translate(_BIBTEX)),
        ("howpublished", rf"\url{{{url}}}"),
        ("url", url),
        ("note", f"Frictionless Data Package, {events} events".translate(_BIBTEX)),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return Reference(text=text, bibtex=f"@misc{{{key},\n{body}\n}}")
