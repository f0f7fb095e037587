"""Small factories for the page tests: a few countries, one source, events that cite it."""

import datetime as dt

from policing.corpus import seeds as corpus
from policing.corpus.manifest import Section
from policing.models import KIND_AS_ACTIVITY, Citation, Event, Participant, Role, Source

SOURCE_TEXT = """Site navigation and a logo
In Fiji, Chinese police trainers ran a course for local officers in 2011.
Australian senators questioned federal police about Chinese police operating in Australia.
Cambodia returned 50 people from a scam compound to China in 2025.
Italy ended its joint police patrols with China in December 2022.
Buy our app today, the best news app anywhere.
The report closes with a list of its sources.
"""
# What an event cites when a test gives it no words: a published event is public only if it
# cites a source (querysets.public).
CLOSING_WORDS = "closes with a list of its sources"

COUNTRIES = [
    ("CN", "China", "east-asia"),
    ("FJ", "Fiji", "pacific"),
    ("AU", "Australia", "pacific"),
    ("KH", "Cambodia", "southeast-asia"),
    ("IT", "Italy", "europe"),
]


def make_source(slug="test-report", text=SOURCE_TEXT, **fields):
    """A source whose passages are built the way editors' documents are."""
    values = {
        "title": "Police diplomacy report",
        "outlet": "Test Outlet",
        "published": dt.date(2025, 2, 23),
        "provenance": "A test report with a navigation line and an advertisement.",
    }
    values.update(fields)
    source = Source.objects.create(slug=slug, text=text, **values)
    sections = (
        Section(1, 1, "unrelated", "Page navigation"),
        Section(6, 6, "unrelated", "Advertisement"),
    )
    corpus.import_text(source, sections if text == SOURCE_TEXT else ())
    return source


def make_event(
    slug,
    *,
    kind="training",  # the activity and stage this kind stood for, unless they are given
    date=(2024, 1, 1),
    precision="year",
    countries=(),
    title=None,
    summary="A neutral summary.",
    quotes=(),
    source=None,
    **fields,
):
    activity, stage = KIND_AS_ACTIVITY[kind]
    event = Event.objects.create(
        slug=slug,
        title=title or slug.replace("-", " ").capitalize(),
        activity=fields.pop("activity", activity),
        stage=fields.pop("stage", stage),
        summary=summary,
        date_start=dt.date(*date),
        date_precision=precision,
        published=fields.pop("published", True),
        **fields,
    )
    for code in countries:  # China on China's side, the others its counterparts
        role = Role.SUBJECT if code == "CN" else Role.COUNTERPART
        Participant.objects.create(event=event, country_id=code, role=role)
    if event.published and not quotes:
        source = source or Source.objects.filter(slug="test-report").first() or make_source()
        quotes = [CLOSING_WORDS]
    for order, quote in enumerate(quotes):
        Citation(event=event, source=source, quote=quote, order=order).save()
    return event


def many_events(count, start=0):
    """`count` published events over 2000–2019, a month each, in two kinds and two sets of
    countries: enough to page through, or to crowd an axis."""
    for n in range(start, start + count):
        make_event(
            f"event-{n:03d}",
            date=(2000 + n % 20, 1 + n % 12, 1),
            precision="month",
            countries=["CN", "FJ"] if n % 2 else ["AU"],
            kind="training" if n % 3 else "scrutiny",
        )
