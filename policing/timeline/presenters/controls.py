"""The timeline's controls, built from the facet index: each facet's options with their
counts (folded where a list is long), the year bars, and links that change a parameter."""

from __future__ import annotations

import math

from django.template.defaultfilters import pluralize

from policing.links import with_params
from policing.timeline.facets import FacetIndex

# A long facet shows this many options, those with the most events in all, and folds the rest
# under "show all": the list is read without a scroll box of its own.
SHORT_LIST = 10
COLUMN_FACETS = {"region", "country", "stage"}  # short labels, set in columns where there is room
BAR_LEVELS = 20


def facet_fieldset(
    facet, form, filters, counts: dict, index: FacetIndex, *, path, canonical
) -> dict:
    """One facet's fieldset: its legend, its options (`facet_options`) and, when some are not
    sent, the link that asks for them all."""
    found = {
        "param": facet.param,
        "legend": facet.label,
        "columns": facet.param in COLUMN_FACETS,
        **facet_options(
            facet.param,
            form.options[facet.param].items(),
            counts[facet.param],
            getattr(filters, facet.name),
            index.option_totals(facet),
            unfolded=form.unfolded == facet.param,
        ),
    }
    if found["unsent"]:
        query = with_params(canonical, "page", more=facet.param, page=canonical.get("page"))
        found["unfold"] = f"{path}?{query}#more-{facet.param}"
    return found


def facet_options(
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


def _bar_description(placed: int, may_fall: int, total: int) -> str:
    """What a bar says to a screen reader, after its year: its events, split into those
    placed in the year for certain and those that only may fall in it, as the bar's solid
    and hatched parts show them."""
    matching = placed + may_fall
    if not matching:
        return "no events"
    if not may_fall:
        shown = f"{matching} event{pluralize(matching)}"
        return shown if matching == total else f"{shown} of {total}"
    shown = f"{placed} placed, {may_fall} may fall in this year"
    return shown if matching == total else f"{shown} ({matching} of {total} events)"


def _levels(placed: int, may_fall: int, tallest: int) -> tuple[int, int]:
    """The heights, in BAR_LEVELS steps, of a bar's events and of its solid part (those placed
    in the year for certain); the hatched part is the difference, never rounded away."""
    level = math.ceil((placed + may_fall) / tallest * BAR_LEVELS)
    solid = math.ceil(placed / tallest * BAR_LEVELS)
    if may_fall and solid >= level:
        solid = level - 1
    return level, solid


def year_bars(counts: dict[int, tuple[int, int, int]], year_from, year_to, link) -> list[dict]:
    """One bar per year from the first to the last event, from (all events, matching events,
    matching events that only may fall in the year) per year; heights in BAR_LEVELS steps."""
    if not counts:
        return []
    tallest = max(total for total, _, _ in counts.values()) or 1
    bars = []
    for year in range(min(counts), max(counts) + 1):
        total, matching, may_fall = counts.get(year, (0, 0, 0))
        level, solid = _levels(matching - may_fall, may_fall, tallest)
        bars.append(
            {
                "year": year,
                "total": total,
                "matching": matching,
                "may_fall": may_fall,
                "total_level": math.ceil(total / tallest * BAR_LEVELS),
                "level": level,
                "placed_level": solid,
                "in_range": (year_from is None or year >= year_from)
                and (year_to is None or year <= year_to)
                and (year_from is not None or year_to is not None),
                "labelled": year % 5 == 0 or year == min(counts) or year == max(counts),
                "link": link(year) if matching else "",
                "description": _bar_description(matching - may_fall, may_fall, total),
            }
        )
    return bars
