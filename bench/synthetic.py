"""Synthetic data for the benchmarks (and the facet index's property tests): many events over
30 years, 60 countries in every role, 40 actors, 20 threads and every activity and stage, each
citing real spans of synthetic source passages. Never used on the real database."""

from __future__ import annotations

import datetime as dt
import random
import string
from decimal import Decimal

from django.db import transaction

from policing.corpus.manifest import file_digest
from policing.corpus.seeds import split_passages
from policing.models import (
    Activity,
    Actor,
    ActorKind,
    ActorRole,
    Citation,
    Country,
    DataVersion,
    Event,
    EventActor,
    Figure,
    Participant,
    Passage,
    Precision,
    Region,
    Role,
    Source,
    Stage,
    Thread,
    kind_of,
)
from policing.text import dates, search

WORDS = [
    "police",
    "training",
    "agreement",
    "patrol",
    "embassy",
    "liaison",
    "officers",
    "ministry",
    "security",
    "cooperation",
    "repatriation",
    "scam",
    "centre",
    "border",
    "delegation",
    "forum",
    "minister",
    "hearing",
    "indictment",
    "report",
    "programme",
    "academy",
    "capital",
    "island",
    "council",
    "treaty",
    "memorandum",
    "cyber",
    "fraud",
    "investigation",
    "exchange",
    "equipment",
    "donation",
    "consultants",
    "counterparts",
    "sovereignty",
    "pledge",
    "surveillance",
    "diaspora",
    "station",
    "initiative",
    "summit",
    "parliament",
    "court",
    "charges",
    "research",
    "think-tank",
    "3,000",  # searched as "3000"
]
FIRST_YEAR, YEARS = 1996, 30
BATCH = 5000


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def country_codes() -> list[str]:
    codes = [f"X{letter}" for letter in string.ascii_uppercase]  # user-assigned ISO codes
    codes += [f"Q{letter}" for letter in "MNOPQRSTUVWXYZ"]
    codes += [f"Z{letter}" for letter in "ABCDEFGHIJKLMNOPQRST"]
    return codes[:60]


@transaction.atomic
def build(events: int, seed: int = 1) -> None:
    """Create `events` published-or-draft events with citations into synthetic sources."""
    rng = random.Random(seed)
    regions = list(Region.values)
    countries = [
        Country(code=code, name=f"Country {code}", region=regions[i % len(regions)])
        for i, code in enumerate(country_codes())
    ]
    Country.objects.bulk_create(countries, ignore_conflicts=True)

    actors = Actor.objects.bulk_create(
        Actor(slug=f"actor-{n}", name=f"Actor {n}", kind=ActorKind.PERSON, description="x")
        for n in range(40)
    )
    threads = Thread.objects.bulk_create(
        Thread(slug=f"thread-{n}", title=f"Thread {n}", summary="x") for n in range(20)
    )
    passages = _build_sources(rng, max(10, events // 100))
    activities, stages = list(Activity.values), ["", *Stage.values]
    roles, regions_only = list(Role.values), list(Region.values)
    rows, citations, memberships, figures, named = [], [], [], [], []
    for index in range(events):
        precision = rng.choice(Precision.values)
        start = dt.date(FIRST_YEAR + rng.randrange(YEARS), rng.randint(1, 12), rng.randint(1, 28))
        if precision != Precision.DAY:
            start = start.replace(day=1)
        if precision == Precision.YEAR:
            start = start.replace(month=1)
        span = rng.random() < 0.1
        cited = [_quote_span(rng, p) for p in rng.sample(passages, rng.randint(1, 3))]
        title = f"{_sentence(rng, 6)[:-1]} ({index})"
        summary = _sentence(rng, 30)
        activity, stage = activities[index % len(activities)], rng.choice(stages)
        rows.append(
            Event(
                slug=f"synthetic-{index}",
                title=title,
                activity=activity,
                stage=stage,
                kind=kind_of(activity, stage),
                thread=rng.choice(threads) if rng.random() < 0.2 else None,
                date_text=str(start.year),
                date_start=start,
                date_precision=precision,
                date_approximate=rng.random() < 0.05,
                date_end=start.replace(year=min(start.year + 3, FIRST_YEAR + YEARS))
                if span
                else None,
                date_end_precision=precision if span else "",
                summary=summary,
                disputed=rng.random() < 0.03,
                dispute_note="Sources give different figures.",
                published=rng.random() < 0.95,
                search_text=search.compose(title, summary, (p.text[a:b] for p, a, b in cited)),
            )
        )
        if index % 9 == 4:  # chosen by position: the random draws of every other event stay
            rows[-1].date_edtf = _one_day(start, precision, index // 9)
        # The EDTF value, bounds and years, as save() would (bulk_create does not).
        rows[-1].sync_dates()
        rows[-1].sync_years()
        citations.append(cited)
        # China's side and one to three others in any role; now and then a region alone.
        members = [(c, rng.choice(roles)) for c in rng.sample(countries, rng.randint(1, 3))]
        if rng.random() < 0.05:
            members.append((rng.choice(regions_only), Role.COUNTERPART))
        memberships.append(members)
        named.append(rng.sample(actors, rng.choice([0, 0, 1, 2])))
    created = []
    for offset in range(0, len(rows), BATCH):
        created += Event.objects.bulk_create(rows[offset : offset + BATCH])

    links, cites, roles_of_actors = [], [], []
    for event, cited, members, acting in zip(created, citations, memberships, named, strict=True):
        for member, role in members:
            if isinstance(member, Country):
                links.append(
                    Participant(event=event, country=member, region=member.region, role=role)
                )
            else:
                links.append(Participant(event=event, region=member, role=role))
        roles_of_actors += [
            EventActor(event=event, actor=actor, role=rng.choice(ActorRole.values))
            for actor in acting
        ]
        for order, (passage, start, end) in enumerate(cited):
            cites.append(
                Citation(
                    event_id=event.pk,
                    source_id=passage.source_id,
                    passage_id=passage.pk,
                    quote=passage.text[start:end],
                    start=start,
                    end=end,
                    order=order,
                )
            )
        if rng.random() < 0.2:
            figures.append(
                Figure(
                    event_id=event.pk,
                    label="officers trained",
                    value=Decimal(rng.randint(10, 5000)),
                    unit="officers",
                )
            )
    Participant.objects.bulk_create(links, batch_size=BATCH)
    EventActor.objects.bulk_create(roles_of_actors, batch_size=BATCH)
    Citation.objects.bulk_create(cites, batch_size=BATCH)
    Figure.objects.bulk_create(figures, batch_size=BATCH)
    DataVersion.bump()  # bulk_create sends no signals


def _one_day(start: dt.date, precision: str, n: int) -> str:
    """One day known only within bounds, as the sources often give it (the `n`-th such): a
    window of one to three years, one of two dates, or a window open at one end."""
    first = dates.iso_at(start, precision)
    later = start.replace(year=min(start.year + n % 3, FIRST_YEAR + YEARS - 1))
    last = dates.iso_at(later, precision)
    if n % 4 == 1 and last != first:
        return f"[{first},{last}]"
    return [f"[{first}..{last}]", f"[{first}..{last}]", f"[..{last}]", f"[{first}..]"][n % 4]


def _quote_span(rng: random.Random, passage: Passage) -> tuple[Passage, int, int]:
    """A passage and the span of some forty characters of it that a citation quotes."""
    start = rng.randrange(0, max(1, len(passage.text) - 80))
    start = passage.text.find(" ", start) + 1
    end = passage.text.find(" ", start + 40)
    return passage, start, end if end > 0 else len(passage.text)


def _build_sources(rng: random.Random, count: int) -> list[Passage]:
    sources = []
    for index in range(count):
        text = "\n".join(_sentence(rng, rng.randint(30, 70)) for _ in range(40)) + "\n"
        sources.append(
            Source(
                slug=f"synthetic-source-{index}",
                title=f"Synthetic report {index}",
                outlet="Synthetic Wire",
                published=dt.date(FIRST_YEAR + index % YEARS, 6, 1),
                # As Source.save() sets it (sync_published), which bulk_create does not call.
                published_edtf=f"{FIRST_YEAR + index % YEARS}-06-01",
                text=text,
                sha256=file_digest(text.encode()),
            )
        )
    Source.objects.bulk_create(sources, batch_size=BATCH)
    passages = [
        Passage(
            source=source,
            anchor=p.anchor,
            ordinal=p.ordinal,
            line=p.line,
            start=p.start,
            end=p.end,
            text=p.text,
        )
        for source in sources
        for p in split_passages(source.text)
    ]
    return Passage.objects.bulk_create(passages, batch_size=BATCH)
