"""The timeline page and a country's page (the timeline with the country fixed): the valid
filters applied, notes for the rest, a page of events or the time axis, and the controls."""

from __future__ import annotations

import dataclasses
from itertools import groupby

from django.core.paginator import Paginator

from policing.links import query_without, with_params
from policing.models import Activity, Country, Event, Region
from policing.text import dates, search
from policing.timeline.facets import EMPTY, FacetIndex
from policing.timeline.filters import FACET_BY_PARAM, ORDER_CHOICES, VIEW_CHOICES, FilterForm
from policing.timeline.presenters.controls import facet_fieldset, year_bars
from policing.timeline.presenters.timeline_axis import time_axis

PAGE_SIZE = 25
# The facets the timeline offers as checkboxes, in this order (kind stays a parameter for old
# addresses; China's side and "taking part" are asked for in the address).
SHOWN_FACETS = ("activity", "stage", "region", "country", "role", "actor", "thread", "disputed")
COUNTRY_FACETS = {"region", "country"}  # fixed on a country's page


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
    if not on_axis:
        _attach_year_notes(page, filters)

    # A year bar's link: these filters in that one year, from the first page.
    others = query_without(query, "year", "year_from", "year_to", "page").urlencode()
    link_prefix = f"{path}?{others}&year=" if others else f"{path}?year="
    # Each year's events: all of them, those matching, and of those the ones that only may
    # fall in it (the bar's hatched part).
    year_axis = {
        year: (total, counts["year"].get(year, 0), counts["year_uncertain"].get(year, 0))
        for year, total in index.year_totals().items()
    }
    bars = year_bars(
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
                "link": f"{path}?{with_params(query, 'page', view=_view_param(value))}",
                "current": value == form.view_mode,
            }
            for value, label in VIEW_CHOICES.items()
        ],
        "facets": [
            facet_fieldset(facet, form, filters, counts, index, path=path, canonical=canonical)
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


def _attach_excerpts(events, q: str) -> None:
    """Each card's `excerpt`: why the search found it, its matched words marked (one query)."""
    found = Event.objects.excerpts([event.pk for event in events], q)
    for event in events:
        words = [event.title, event.summary, *(c.quote for c in event.card_citations)]
        excerpt = found.get(event.pk)
        event.excerpt = search.excerpt_html(excerpt, " ".join(words)) if excerpt else ""


def _attach_year_notes(events, filters) -> None:
    """Each card's `year_note`: under a year filter, what an event only may fall in the chosen
    years says of its date (“May fall in 2021: some day between Jul 2019 and Dec 2024”), ""
    for one certainly there (`dates.may_fall_in_words`)."""
    for event in events:
        event.year_note = dates.may_fall_in_words(
            event.date_edtf, filters.year_from, filters.year_to
        )


def _in_choice_order(counts: dict, choices) -> list[tuple[str, int]]:
    return [(value, counts[value]) for value in choices.values if counts.get(value)]


def _view_param(view: str) -> str | None:
    """The `view` parameter of a link to `view`: none for the list, the default."""
    return None if view == "list" else view
