"""The map page: the counterpart countries of the filtered events, shaded by how many they
take part in, each a link to the timeline of its events."""

from __future__ import annotations

import math

from django.template.defaultfilters import pluralize

from policing.links import query_without, with_first
from policing.models import SUBJECT_COUNTRY, Country, Region
from policing.timeline.facets import FacetIndex
from policing.timeline.filters import FilterForm
from policing.timeline.worldmap import BASE_MAP

# The map: counterpart countries shaded in MAP_LEVELS steps of their share of the largest count.
MAP_LEVELS = 5
# Countries whose shapes are smaller than this (square units of the 1000-unit-wide map), or
# too small for the 1:110m set, are drawn as a marker of at least MARKER_RADIUS too.
MARKER_AREA = 60.0
MARKER_RADIUS = 7.0


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
                "link": timeline + with_first(query, "country", code, "page"),
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
            "link": timeline + with_first(query, "subject", SUBJECT_COUNTRY, "page"),
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
                    "link": timeline + with_first(query, "region", value, "page"),
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
