"""What each public page shows, worked out from the filters, the facet index and the QuerySets.

Each function returns a template's context, so a view only reads the request, calls one of
these and renders.
"""

from __future__ import annotations

import dataclasses
import math
from itertools import groupby

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Prefetch, Q
from django.template.defaultfilters import pluralize

from . import axis, charts, derivation, references, search
from .exports import jsonld
from .facets import EMPTY, FacetIndex
from .figures import parse_period
from .filters import (
    DEFAULT_LANES,
    FACET_BY_PARAM,
    LANE_CHOICES,
    ORDER_CHOICES,
    VIEW_CHOICES,
    FilterForm,
    query_without,
)
from .links import address
from .models import (
    OTHER_PARTIES,
    SUBJECT_COUNTRY,
    Activity,
    Citation,
    Counted,
    Country,
    Event,
    Figure,
    Region,
    Source,
)
from .querysets import public, timeline_key, timeline_ordering
from .worldmap import BASE_MAP

PAGE_SIZE = 25
# The facets the timeline offers as checkboxes, in this order (kind stays a parameter for old
# addresses; China's side and "taking part" are asked for in the address).
SHOWN_FACETS = ("activity", "stage", "region", "country", "actor", "thread", "disputed")
COUNTRY_FACETS = {"region", "country"}  # fixed on a country's page
# A long facet shows this many options, those with the most events in all, and folds the rest
# under "show all": the list is read without a scroll box of its own.
SHORT_LIST = 10
COLUMN_FACETS = {"region", "country", "stage"}  # short labels, set in columns where there is room
BAR_LEVELS = 20
# "Other events of the same countries" looks past China's side, which nearly every event has.
RELATED_PER_COUNTRY = 8
# The reader's aside lists the earliest events citing a document; the rest are under their
# paragraphs. (A long report cited by 150 events would otherwise list each of them twice.)
CITED_IN_ASIDE = 30


def timeline(
    form: FilterForm,
    index: FacetIndex,
    *,
    path: str,
    countries: list[Country],
    country: Country | None = None,
) -> dict:
    """The timeline (or one country's): the valid filters applied, notes for the rest, a page
    of events, each facet's options with their counts, and the year bars."""
    filters, query, notes = form.filters, form.query, form.notes()
    context: dict = {}
    if country is not None:
        # A country's page: its events in any role; the country facets do not apply.
        if set(filters.countries + filters.parties) - {country.code}:
            notes.append(f"Ignored the country filter: this page shows {country.name} only.")
        filters = dataclasses.replace(filters, countries=(), parties=(country.code,))
        query.pop("country", None)
        query.pop("party", None)

    masks = index.masks(filters)
    of_country = index.options("parties").get(country.code, EMPTY) if country else None
    counts = index.facet_counts(masks, within=of_country)
    if country is not None:
        totals = counts["within"]
        context["country"] = country
        context["country_region"] = Region(country.region).label
        context["activity_totals"] = [
            (Activity(a), n) for a, n in _in_choice_order(totals, Activity)
        ]
        context["country_total"] = sum(totals.values())
        context["country_roles"] = country.roles_in_published_events()

    matching = index.combine(masks)
    selection = index.select(matching, newest_first=form.newest_first)
    on_axis = form.view_mode == "axis"
    if on_axis:
        # The axis draws every matching event itself: its "page" is only their count.
        paginator = Paginator(range(len(selection)), max(len(selection), 1))
        number = 1
    else:
        paginator = Paginator(selection, PAGE_SIZE)
        number = form.page_number
    if number > paginator.num_pages:
        pages = "one page" if paginator.num_pages == 1 else f"{paginator.num_pages} pages"
        notes.append(f"Ignored page {number}: these results fill {pages}.")
        number = 1
    page = paginator.page(number)
    if filters.q.split() and not on_axis:
        _attach_excerpts(page, filters.q)

    # A year bar's link: these filters in that one year, from the first page.
    others = query_without(query, "year", "year_from", "year_to", "page").urlencode()
    link_prefix = f"{path}?{others}&year=" if others else f"{path}?year="
    year_axis = {
        year: (total, counts["year"].get(year, 0)) for year, total in index.year_totals().items()
    }
    bars = _year_bars(
        year_axis, filters.year_from, filters.year_to, lambda year: f"{link_prefix}{year}"
    )
    # The canonical address: invalid values dropped, empty fields left out, the page if past 1.
    # base.html writes it as the canonical link and og:url; an HTMX swap pushes it instead.
    canonical = query.copy()
    if number > 1:
        canonical["page"] = str(number)

    if on_axis:
        context["axis"] = time_axis(
            index,
            matching,
            filters,
            lanes=form.lane_mode,
            newest_first=form.newest_first,
            countries=countries,
            threads=form.options["thread"],
            query=query,
            path=path,
            known_years=[bar["year"] for bar in bars],
        )
    return {
        **context,
        "form": form,
        "filters": filters,
        "query": query,
        "notes": notes,
        "chips": form.chips(fixed={"country"} if country else ()),
        "fixed_country": country,
        "page_obj": page,
        "page_range": paginator.get_elided_page_range(number, on_each_side=2, on_ends=1),
        "groups": []
        if on_axis
        else [(y, list(g)) for y, g in groupby(page, key=lambda e: e.date_start.year)],
        "view": form.view_mode,
        "views": [
            {
                "value": value,
                "label": label,
                "link": f"{path}?{_with(query, view=None if value == 'list' else value)}",
                "current": value == form.view_mode,
            }
            for value, label in VIEW_CHOICES.items()
        ],
        "facets": [
            _facet(facet, form, filters, counts, index, path=path, canonical=canonical)
            for facet in (FACET_BY_PARAM[p] for p in SHOWN_FACETS)
            if not (country and facet.param in COUNTRY_FACETS)
        ],
        "bars": bars,
        "year_options": sorted(
            {bar["year"] for bar in bars}
            | {y for y in (filters.year_from, filters.year_to) if y is not None}
        ),
        "orders": ORDER_CHOICES,
        "order": form.ordering,
        "canonical_query": f"?{canonical.urlencode()}" if canonical else "",
    }


def _facet(facet, form, filters, counts: dict, index: FacetIndex, *, path, canonical) -> dict:
    """One facet's fieldset: its legend, its options (`_options`) and, when some are not
    sent, the link that asks for them all."""
    found = {
        "param": facet.param,
        "legend": facet.label,
        "columns": facet.param in COLUMN_FACETS,
        **_options(
            facet.param,
            form.options[facet.param].items(),
            counts[facet.param],
            getattr(filters, facet.name),
            index.option_totals(facet),
            unfolded=form.unfolded == facet.param,
        ),
    }
    if found["unsent"]:
        query = _with(canonical, more=facet.param, page=canonical.get("page"))
        found["unfold"] = f"{path}?{query}#more-{facet.param}"
    return found


def _options(
    name: str, choices, counts: dict, selected, totals: dict, *, unfolded: bool = False
) -> dict:
    """A facet's checkboxes: each option's value, label, count and state, split into the
    options shown first and the rest (`more`). Of the rest the page sends (`more_sent`) all
    when the whole list was asked for (`unfolded`, ?more=), else only the chosen ones, with a
    link that asks for the others (`unsent`; filters.FOLDING_FACETS says why).

    One rule for every facet: an option no published event has is not offered (unless it is
    chosen, so it can be unticked); one the other filters leave at 0 stays, visibly empty, so
    the list does not shift under the reader's pointer as filters change. Which options come
    first depends on the totals only, for the same reason.
    """
    options = []
    for value, label in choices:
        count, chosen = counts.get(value, 0), value in selected
        if not totals.get(value) and not chosen:
            continue
        options.append(
            {
                "name": name,
                "id": f"{name}-{value.lower()}",
                "value": value,
                "label": label,
                "count": count,
                "selected": chosen,
                "empty": not count and not chosen,
            }
        )
    if len(options) <= SHORT_LIST + 2:  # folding away one or two would only add a click
        return {"options": options, "more": [], "more_sent": [], "unsent": 0, "total": len(options)}
    ranked = sorted(options, key=lambda o: -totals.get(o["value"], 0))
    first = {o["value"] for o in ranked[:SHORT_LIST]}
    more = [o for o in options if o["value"] not in first]
    sent = more if unfolded else [o for o in more if o["selected"]]
    return {
        "options": [o for o in options if o["value"] in first],
        "more": more,
        "more_sent": sent,
        "unsent": len(more) - len(sent),
        "total": len(options),
    }


def _attach_excerpts(events, q: str) -> None:
    """Each card's `excerpt`: why the search found it, its matched words marked (one query)."""
    found = Event.objects.excerpts([event.pk for event in events], q)
    for event in events:
        words = [event.title, event.summary, *(c.quote for c in event.card_citations)]
        excerpt = found.get(event.pk)
        event.excerpt = search.excerpt_html(excerpt, " ".join(words)) if excerpt else ""


def _in_choice_order(counts: dict, choices) -> list[tuple[str, int]]:
    return [(value, counts[value]) for value in choices.values if counts.get(value)]


def _bar_description(matching: int, total: int) -> str:
    """What a bar says to a screen reader, after its year."""
    if not matching:
        return "no events"
    shown = f"{matching} event{pluralize(matching)}"
    return shown if matching == total else f"{shown} of {total}"


def _year_bars(counts: dict[int, tuple[int, int]], year_from, year_to, link) -> list[dict]:
    """One bar per year from the first to the last event; heights in BAR_LEVELS steps."""
    if not counts:
        return []
    tallest = max(total for total, _ in counts.values()) or 1
    bars = []
    for year in range(min(counts), max(counts) + 1):
        total, matching = counts.get(year, (0, 0))
        bars.append(
            {
                "year": year,
                "total": total,
                "matching": matching,
                "total_level": math.ceil(total / tallest * BAR_LEVELS),
                "level": math.ceil(matching / tallest * BAR_LEVELS),
                "in_range": (year_from is None or year >= year_from)
                and (year_to is None or year <= year_to)
                and (year_from is not None or year_to is not None),
                "labelled": year % 5 == 0 or year == min(counts) or year == max(counts),
                "link": link(year) if matching else "",
                "description": _bar_description(matching, total),
            }
        )
    return bars


def _with(query, **values) -> str:
    """`query` with these parameters set (None: removed), urlencoded, without `page`."""
    query = query_without(query, "page", *values)
    for name, value in values.items():
        if value is not None:
            query[name] = str(value)
    return query.urlencode()


def _years_links(path: str, query):
    """A function giving the same page on the years `first` to `last` (None: no bound); the
    rest of the query is encoded once, as the axis asks for hundreds of these."""
    rest = query_without(query, "year", "year_from", "year_to", "page").urlencode()

    def link(first: int | None, last: int | None) -> str:
        if first is not None and first == last:
            years = f"year={first}"
        else:
            years = "&".join(
                f"{name}={value}"
                for name, value in (("year_from", first), ("year_to", last))
                if value is not None
            )
        encoded = "&".join(part for part in (rest, years) if part)
        return f"{path}?{encoded}" if encoded else path

    return link


def _lane_bitmaps(index: FacetIndex, lanes: str, matching, *, countries, threads):
    """The axis's lanes, in the order drawn, each as (key, label, its matching events'
    bitmap); a last lane holds the events in none of the others."""
    if lanes == "activity":
        found = index.options("activities")
        drawn = [(a.value, a.label, found.get(a.value, EMPTY) & matching) for a in Activity]
        rest_label = "No activity"
    elif lanes == "country":
        names = {c.code: c.name for c in countries}
        found = index.options("countries")
        drawn = sorted(
            ((code, names.get(code, code), bits & matching) for code, bits in found.items()),
            key=lambda lane: lane[1],
        )
        rest_label = "No other country named"
    else:
        found = index.options("threads")
        drawn = [(slug, threads.get(slug, slug), bits & matching) for slug, bits in found.items()]
        # Bits are in timeline order: a thread whose first step comes first is drawn first.
        drawn.sort(key=lambda lane: lane[2].min() if lane[2] else -1)
        rest_label = "Not part of a thread"
    anywhere = EMPTY.union(*(bits for _, _, bits in drawn))
    drawn = [lane for lane in drawn if lane[2]]
    if rest := matching - anywhere:
        drawn.append(("", rest_label, rest))
    return drawn


# What each mark means, in the order the legend gives them (docs/axis.md says the same).
AXIS_LEGEND = [
    ("day", "A day", "a diamond"),
    ("period", "Known only to the month or year", "an outlined bar over that month or year"),
    ("span", "A span (a programme, a period)", "a solid bar from its start to its end"),
    (
        "between",
        "Sometime between two dates (“between 1 and 23 Feb 2025”)",
        "a hatched band over the window",
    ),
    ("after", "After a date (“after Jun 2019”)", "a solid edge at the date, fading to the right"),
    ("by", "By a date (“by 20 Feb 2025”)", "fading in from the left to a solid edge"),
    ("one-of", "One of several dates (“2 or 9 Sep 2024”)", "a tick at each, joined by dots"),
    ("each", "Each of several dates", "a tick at each, joined by a line"),
    ("approximate", "About or uncertain (“c. Jan 2025”, “2024?”)", "hatched"),
    ("continues", "Reaching beyond the years shown", "an arrowhead at the edge"),
    ("join", "Steps of one thread", "joined by an arrow, left to right"),
]


def time_axis(
    index: FacetIndex,
    matching,
    filters,
    *,
    lanes: str,
    newest_first: bool,
    countries,
    threads: dict[str, str],
    query,
    path: str,
    known_years: list[int],
) -> dict:
    """The filtered events on a time axis (policing/axis.py) in lanes of `lanes`: every event
    drawn where there are at most `axis.MAX_MARKS` marks, else a count per lane and year.
    One query (the drawn events' fields); lanes and counts come from the facet index."""
    lane_bits = _lane_bitmaps(index, lanes, matching, countries=countries, threads=threads)
    marks = sum(len(bits) for _, _, bits in lane_bits)
    year_from, year_to = filters.year_from, filters.year_to

    zoom = _years_links(path, query)

    context: dict = {
        "lanes": lanes,
        "lane_label": LANE_CHOICES[lanes].lower(),
        "lane_choices": [
            {
                "value": value,
                "label": label,
                "link": f"{path}?{_with(query, lanes=None if value == DEFAULT_LANES else value)}",
                "current": value == lanes,
            }
            for value, label in LANE_CHOICES.items()
        ],
        "count": len(matching),
        "max_marks": axis.MAX_MARKS,
    }
    if marks > axis.MAX_MARKS:
        counts, totals = {}, {}
        years = [
            y
            for y in sorted(index.years)
            if (year_from is None or y >= year_from) and (year_to is None or y <= year_to)
        ]
        for key, _, bits in lane_bits:
            totals[key] = len(bits)
            counts[key] = {
                year: n for year in years if (n := bits.intersection_cardinality(index.years[year]))
            }
        drawing = axis.density(
            counts,
            [(key, label) for key, label, _ in lane_bits],
            totals,
            total=len(matching),
            year_from=year_from,
            year_to=year_to,
            link=zoom,
        )
        context.update(dense=True, drawing=drawing, marks=marks)
    else:
        ids = index.slice_ids(matching, 0, len(matching), newest_first=False)
        rows = Event.objects.using(index.using).axis_rows(ids)
        member: dict[int, list[str]] = {}
        for key, _, bits in lane_bits:
            for event_id in index.slice_ids(bits, 0, len(bits), newest_first=False):
                member.setdefault(event_id, []).append(key)
        items = [
            axis.Item(
                key=row["id"],
                url=address("event-detail", row["slug"]),
                title=row["title"],
                edtf=row["date_edtf"],
                activity=row["activity"],
                lanes=tuple(member.get(row["id"], ())),
                stage=row["stage"],
                thread=row["thread__slug"] or "",
                start_year=row["start_year"],
                end_year=row["end_year"],
            )
            for row in rows
        ]
        drawing = axis.layout(
            items,
            [(key, label) for key, label, _ in lane_bits],
            lane_kind=lanes,
            year_from=year_from,
            year_to=year_to,
            link=zoom,
        )
        labels = {key: label for key, label, _ in lane_bits}
        context.update(
            dense=False,
            drawing=drawing,
            marks=drawing.marks,
            listed=[
                {"item": item, "lanes": [labels[k] for k in item.lanes]}
                for item in (reversed(items) if newest_first else items)
            ],
            legend=[entry for entry in AXIS_LEGEND if entry[0] in _legend_kinds(drawing)],
            clusters=drawing.clusters,
            clustered=sum(c.count for c in drawing.clusters),
        )
    context["zoom"] = _zoom_links(
        drawing.scale.first_year, drawing.scale.last_year, known_years, year_from, year_to, zoom
    )
    context["all_years"] = zoom(None, None) if (year_from or year_to) else ""
    return context


def _legend_kinds(drawing) -> set[str]:
    kinds = drawing.kinds
    if any(lane.joins for lane in drawing.lanes):
        kinds.add("join")
    return kinds


def _zoom_links(first, last, known_years, year_from, year_to, zoom) -> dict:
    """Links that move the years shown: wider (twice as many years), earlier and later (by
    as many years as are shown), within the years that have events."""
    if not known_years:
        return {}
    low, high = min(known_years), max(known_years)
    span = last - first + 1
    links = {}
    if year_from is not None or year_to is not None:
        wider_first, wider_last = max(first - span // 2 - 1, low), min(last + span // 2 + 1, high)
        if (wider_first, wider_last) == (low, high):
            links["out"] = zoom(None, None)  # every year
        elif (wider_first, wider_last) != (first, last):
            links["out"] = zoom(wider_first, wider_last)
        if first > low:
            links["earlier"] = zoom(max(first - span, low), first - 1)
        if last < high:
            links["later"] = zoom(last + 1, min(last + span, high))
    return links


def _by_name(countries) -> list:
    """Each country once, by name, as `event.countries.all()` lists them."""
    return sorted({c.code: c for c in countries}.values(), key=lambda c: c.name)


def event_page(event: Event, *, base_url: str) -> dict:
    """An event with its citations grouped by source, and the latest events of its countries
    (China left out where others are named)."""
    citations = list(event.citations.all())
    participants = list(event.participants.all())
    countries = [p.country for p in participants if p.country]
    relations_out, relations_in = event.relations_both_ways()
    others = [p.country for p in participants if p.country and p.role in OTHER_PARTIES]
    neighbours = others or countries
    latest = Event.objects.latest_per_country(
        [c.code for c in neighbours], RELATED_PER_COUNTRY, exclude=event
    )
    related = [
        {
            "country": country,
            "events": latest[country.code][0],
            "more": max(latest[country.code][1] - RELATED_PER_COUNTRY, 0),
        }
        for country in neighbours
    ]
    claims = _claims(citations)
    return {
        "event": event,
        "citations": citations,
        "countries": countries,
        "participants": participants,
        "actor_roles": list(event.actor_roles.all()),
        "relations_out": relations_out,
        "relations_in": relations_in,
        "claims": claims,
        "independent_claims": sum(1 for claim in claims if claim["derived_from"] is None),
        "independent_sources": derivation.independent_count(c.origin.pk for c in citations),
        "related": related,
        "reference": references.reference(
            event, citations, permalink=base_url + event.get_absolute_url()
        ),
        "json_ld": jsonld.json_ld_script(
            jsonld.event_json_ld(event, base_url=base_url, countries=_by_name(countries))
        ),
    }


def _claims(citations: list) -> list[dict]:
    """What each source says on a disputed point, one entry per source and origin: the
    independent reports first, then those that only repeat, rewrite or summarise one (marked,
    so that no dispute counts a derived claim as another report's)."""
    cited = {c.source_id for c in citations}
    entries: dict[tuple[int, int], dict] = {}
    for citation in citations:
        origin = citation.origin
        key = (citation.source_id, origin.pk)
        entry = entries.setdefault(
            key,
            {
                "source": citation.source,
                "items": [],
                "derived_from": origin if citation.derived else None,
                "derivation": citation.get_derivation_display(),
                "origin_cited": origin.pk in cited,
            },
        )
        entry["items"].append(citation)
    return sorted(entries.values(), key=lambda entry: entry["derived_from"] is not None)


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


def thread_page(thread) -> dict:
    """A thread's published events in timeline order, each with its stage and citations."""
    events = list(thread.events.published().for_timeline().chronological())
    return {"thread": thread, "events": events}


def actor_page(actor) -> dict:
    """An actor's published events in timeline order, with what the actor did in each."""
    roles = (
        actor.event_roles.filter(public("event"))
        .select_related("event")
        .order_by(*timeline_ordering(connection.vendor, prefix="event__"), "pk")
    )
    steps: dict[int, dict] = {}
    for role in roles:
        step = steps.setdefault(role.event_id, {"event": role.event, "roles": []})
        step["roles"].append(role.get_role_display())
    return {"actor": actor, "steps": list(steps.values())}


# The chart shows the group of China's police-training figures over time.
CHARTED = Counted.FOREIGN_POLICE_TRAINED


def _figure_order(figure) -> tuple:
    """Within a group: by the period's start (figures without one last), then the event."""
    period = parse_period(figure.period_edtf) if figure.period_edtf else None
    start = (period.earliest or period.latest) if period else None
    return (start is None, start or figure.event.date_start, figure.event.date_start, figure.pk)


def figures_page() -> dict:
    """Every figure of the published events, grouped by what it counts (in the order of
    `Counted`, unclassified last), and the chart of China's police-training figures."""
    figures = list(
        Figure.objects.filter(public("event")).select_related(
            "event", "citation__source", "citation__passage", "citation__event"
        )
    )
    groups = []
    for key, label in [*Counted.choices, ("", "Not yet classified")]:
        members = sorted((f for f in figures if f.counts == key), key=_figure_order)
        if members:
            groups.append({"key": key or "unclassified", "label": label, "figures": members})
    charted = next((g for g in groups if g["key"] == CHARTED), None)
    return {
        "groups": groups,
        "figure_count": len(figures),
        "chart": charts.timeline_chart(charted["figures"]) if charted else None,
        "charted": charted,
    }


# The map: counterpart countries shaded in MAP_LEVELS steps of their share of the largest count.
MAP_LEVELS = 5
# Countries whose shapes are smaller than this (square units of the 1000-unit-wide map), or
# too small for the 1:110m set, are drawn as a marker of at least MARKER_RADIUS too.
MARKER_AREA = 60.0
MARKER_RADIUS = 7.0


def _query_with(query, name: str, value: str) -> str:
    """A timeline address for these filters with `name` set to `value` alone, first."""
    rest = query_without(query, name, "page")
    first = rest.copy()
    first.clear()
    first[name] = value
    return "?" + "&".join(part for part in (first.urlencode(), rest.urlencode()) if part)


def _events(count: int) -> str:
    return f"{count} event{pluralize(count)}"


def _level_ranges(largest: int) -> list[dict]:
    """The legend: which counts fall in each shade (only shades some count can take)."""
    levels: dict[int, list[int]] = {}
    for count in range(1, largest + 1):
        levels.setdefault(_map_level(count, largest), []).append(count)
    return [
        {
            "level": level,
            "label": _events(counts[0]) if len(counts) == 1 else f"{counts[0]}–{counts[-1]} events",
        }
        for level, counts in sorted(levels.items())
    ]


def _map_level(count: int, largest: int) -> int:
    return max(1, math.ceil(count / largest * MAP_LEVELS)) if count else 0


def map_page(
    form: FilterForm,
    index: FacetIndex,
    *,
    countries: list[Country],
    geometry: dict,
    region_only: dict[str, list[int]],
    timeline: str,
) -> dict:
    """The map of the filtered events: each counterpart country with the number of matching
    events it takes part in as another party (the timeline's country facet counts, so a
    country's count is the length of the timeline its link opens), China's side marked apart,
    and the regions that some events name instead of a country.

    `region_only` holds, per region, the events naming that region and no country of it
    (`EventQuerySet.naming_only_regions`); `timeline` is the timeline's path.
    """
    filters, query, notes = form.filters, form.query, form.notes()
    query = query_without(query, "page", "order", "view", "lanes")
    masks = index.masks(filters)
    counts = index.facet_counts(masks)
    matching = index.combine(masks)
    by_code = {c.code: c for c in countries}
    shapes = geometry["countries"]

    found = {code: n for code, n in counts["country"].items() if code != SUBJECT_COUNTRY}
    largest = max(found.values(), default=0)
    places = []
    for code, count in found.items():
        country, shape = by_code[code], shapes.get(code, {})
        small = not shape.get("d") or shape.get("area", 0) < MARKER_AREA
        places.append(
            {
                "code": code,
                "name": country.name,
                "region": Region(country.region).label if country.region else "",
                "count": count,
                "label": f"{country.name}: {_events(count)}",
                "level": _map_level(count, largest),
                "link": timeline + _query_with(query, "country", code),
                "d": shape.get("d", ""),
                "x": shape.get("x"),
                "y": shape.get("y"),
                "marker": bool(shape) and small,
                "on_map": bool(shape),
            }
        )
    places.sort(key=lambda p: (-p["count"], p["name"]))

    subject_count = counts["subject"].get(SUBJECT_COUNTRY, 0)
    subject = by_code.get(SUBJECT_COUNTRY)
    china = None
    if subject is not None and SUBJECT_COUNTRY in shapes:
        china = {
            "name": subject.name,
            "d": shapes[SUBJECT_COUNTRY]["d"],
            "count": subject_count,
            "label": f"{subject.name}, the subject: on China’s side of {_events(subject_count)}",
            "link": timeline + _query_with(query, "subject", SUBJECT_COUNTRY),
        }

    regions = []
    for value, label in Region.choices:
        count = index.of_ids(region_only.get(value, ())).intersection_cardinality(matching)
        if count:
            regions.append(
                {
                    "value": value,
                    "name": label,
                    "count": count,
                    "link": timeline + _query_with(query, "region", value),
                }
            )
    others = query.urlencode()
    return {
        "form": form,
        "filters": filters,
        "query": query,
        "notes": notes,
        "chips": form.chips(),
        "matching": len(matching),
        "places": places,
        # Drawn in this order: the rings of small states last, over any neighbour's shape.
        "drawn": sorted(places, key=lambda p: p["marker"]),
        "marker_radius": MARKER_RADIUS,
        "unmapped": [p for p in places if not p["on_map"]],
        "china": china,
        "regions": regions,
        "legend": _level_ranges(largest),
        "base_map": BASE_MAP,
        "projection": geometry["projection"],
        "width": geometry["width"],
        "height": geometry["height"],
        "timeline_link": f"{timeline}?{others}" if others else timeline,
        "canonical_query": f"?{others}" if others else "",
    }
