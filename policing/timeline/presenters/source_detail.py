"""A source's page, the reader: its paragraphs by section with the events citing each, read a
page at a time past the paragraph limit; and which of its parameters change the page."""

from __future__ import annotations

import math
from itertools import groupby

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q

from policing.models import Citation, Event, Source
from policing.models.querysets import timeline_key

# The reader's aside lists the earliest events citing a document; the rest are under their
# paragraphs. (A long report cited by 150 events would otherwise list each of them twice.)
CITED_IN_ASIDE = 30


def reader_query(source: Source, params) -> dict[str, str]:
    """What of the reader's query string changes the page, checked: `event`, the slug of a
    published event citing the source (its words are set apart), and `page`, a page the
    source has (a source longer than the paragraph limit is read a limit's worth at a time;
    `event` alone opens the page of its first citation). Anything else, or a value naming
    nothing, reads as the plain page, and is served from its cache entry (caching.py)."""
    query: dict[str, str] = {}
    per_page = settings.REPORT_MAX_PARAGRAPHS
    event_page = 1
    slug = params.get("event", "")
    if slug:
        cites = list(
            Citation.objects.filter(source=source, event__slug=slug, event__published=True)
            .order_by("passage__ordinal")
            .values_list("passage__ordinal", flat=True)[:1]
        )
        if cites:
            query["event"] = slug
            event_page = (cites[0] - 1) // per_page + 1 if cites[0] else 1
    asked = params.get("page", "")
    if asked.isascii() and asked.isdigit() and 0 < len(asked) < 7:
        pages = max(math.ceil(source.passages.count() / per_page), 1)
        if 1 <= int(asked) <= pages and (int(asked) > 1 or "event" in query):
            query["page"] = str(int(asked))
            return query
    if event_page > 1:
        query["page"] = str(event_page)
    return query


def reader(source: Source, followed: str = "", page: int = 1) -> dict:
    """A source's paragraphs in blocks of the same section, each with the published events
    that cite it, and the citing events in timeline order; `followed`, the slug of the event
    whose citation the reader followed (?event=), if it cites this source. A source within
    the paragraph limit is one page; a longer one (stored before the limit, or by a script)
    is read a limit's worth of paragraphs at a time, `page` of them."""
    per_page = settings.REPORT_MAX_PARAGRAPHS
    first = (page - 1) * per_page + 1
    # One paragraph more than a page, to tell a longer source without counting it.
    passages = list(
        source.passages.filter(ordinal__gte=first, ordinal__lte=first + per_page)
        .select_related("derived_from")
        .prefetch_related(
            Prefetch(
                "citations",
                queryset=Citation.objects.filter(event__published=True)
                .select_related("event")
                .order_by("start", "pk"),
            )
        )
    )
    longer = len(passages) > per_page
    passages = passages[:per_page]
    blocks = []
    sections = groupby(passages, key=lambda p: (p.section, p.section_label, p.derived_from_id))
    for (section, label, _), group in sections:
        group = list(group)
        blocks.append(
            {
                "section": section,
                "label": label,
                "derivation": group[0].get_derivation_display(),
                "derived_from": group[0].derived_from,
                "passages": group,
                "first": group[0].ordinal,
                "last": group[-1].ordinal,
            }
        )
    pages = None
    if longer or page > 1:
        count = source.passages.count()
        pages = Paginator(range(count), per_page).get_page(page)
        cited = {
            e.pk: e
            for e in Event.objects.filter(published=True, citations__source=source).distinct()
        }
    else:
        count = len(passages)
        cited = {c.event.pk: c.event for p in passages for c in p.citations.all()}
    events = sorted(cited.values(), key=timeline_key)
    return {
        "source": source,
        # An unknown or unrelated slug is ignored: the document reads as without it.
        "followed_event": next((e for e in events if e.slug == followed), None),
        "blocks": blocks,
        "pages": pages,
        "paragraph_count": count,
        "cited_count": len(events),
        # Every citing event is also listed under the paragraph it quotes.
        "cited_events": events[:CITED_IN_ASIDE],
        "cited_later": max(len(events) - CITED_IN_ASIDE, 0),
        # Documents that copy, rewrite or summarise this one, whole or in part.
        "derivatives": [
            {"source": other, "whole": other.rewrite_of_id == source.pk}
            for other in Source.objects.filter(
                Q(rewrite_of=source) | Q(passages__derived_from=source)
            ).distinct()
        ],
    }
