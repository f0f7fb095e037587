"""The timeline's axis view: the filtered events in lanes on a time axis (timeline/axis.py
draws it), with its legend and the links that move the years shown."""

from __future__ import annotations

from policing.links import address, query_without, with_params
from policing.models import Activity, Event
from policing.timeline import axis
from policing.timeline.facets import EMPTY, FacetIndex
from policing.timeline.filters import DEFAULT_LANES, LANE_CHOICES


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
    (
        "after",
        "On or after a date (“Jul 2019 or later”, “from Jun 2019”)",
        "a solid edge at the date, fading to the right",
    ),
    (
        "by",
        "By a date (“by 20 Feb 2025”, “until May 2024”)",
        "fading in from the left to a solid edge",
    ),
    ("one-of", "One of several dates (“2 or 9 Sep 2024”)", "a tick at each, joined by dots"),
    ("each", "Each of several dates", "a tick at each, joined by a line"),
    ("approximate", "About or uncertain (“c. Jan 2025”, “2024?”)", "hatched"),
    (
        "continues",
        "Reaching beyond the years shown",
        "cut at the edge, with an arrowhead outside it",
    ),
    ("join", "Steps of one thread", "joined by an arrow, left to right"),
    (
        "numbered",
        "A number above a mark",
        "no room for its title there: its number in the list below the axis",
    ),
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
    """The filtered events on a time axis (timeline/axis.py) in lanes of `lanes`: every event
    drawn where there are at most `axis.MAX_MARKS` marks, else a count per lane and year.
    One query (the drawn events' fields); lanes and counts come from the facet index."""
    lane_bits = _lane_bitmaps(index, lanes, matching, countries=countries, threads=threads)
    marks = sum(len(bits) for _, _, bits in lane_bits)
    year_from, year_to = filters.year_from, filters.year_to

    zoom = _years_links(path, query)

    def lanes_value(value: str) -> str | None:
        return None if value == DEFAULT_LANES else value  # the default is left out

    context: dict = {
        "lanes": lanes,
        "lane_label": LANE_CHOICES[lanes].lower(),
        "lane_choices": [
            {
                "value": value,
                "label": label,
                "link": f"{path}?{with_params(query, 'page', lanes=lanes_value(value))}",
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
            newest_first=newest_first,
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
