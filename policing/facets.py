"""The timeline's facet index: which published events match a combination of filters, how many
each filter option would give, and which events fill a page, without a grouped query.

Why: counting every option of every facet for any combination of filters with GROUP BY
queries took 25–35 ms at 100,000 events on SQLite, and a new combination cannot come from a
cache. Here each option (a country, a region, a kind, a year) is a Roaring bitmap (pyroaring)
of the published events' positions in timeline order. A filter is an AND across facets of the
OR of the chosen options; an option's count is the size of its bitmap AND the other facets'
filter; a page is the n-th to m-th set bits. Any combination takes well under a millisecond at
100,000 events, on SQLite and PostgreSQL alike.

The index is rebuilt from one query when the data version changes, once per process, and
then serves every request of that version. Text search still runs in the database; its
matches become one more bitmap. Both the index and `EventQuerySet.filtered()` (for exports and
the admin) read the conditions of filters.py, and tests/test_facets.py checks that the two
always agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from pyroaring import FrozenBitMap

from .caching import kept
from .filters import FACETS, YEAR_FIELDS, Condition, Filters
from .models import OPEN_END_YEAR, OPEN_START_YEAR, Event

FACET_NAMES = [facet.name for facet in FACETS]

MAX_SEARCHES = 256

# Roaring bitmaps, not Python ints: an int of 100,000 bits is copied whole by every AND, and
# counting an option's events among the filtered ones (some 350 counts a page) allocated one
# each time; `intersection_cardinality` counts without building the intersection, and sparse
# options take the room of their events, not of the whole timeline.
EMPTY = FrozenBitMap()


def bitmap(positions: Iterable[int]) -> FrozenBitMap:
    """The bitmap with these positions set."""
    return FrozenBitMap(positions)


@dataclass(frozen=True)
class FacetIndex:
    """Bitmaps of the published events, bit i being the i-th event in timeline order.

    `bitmaps` holds, for every facet (filters.FACETS) and for the start and end years, a
    bitmap per value; a filter's conditions are read off them (`passing`), so the index
    selects what `EventQuerySet.filtered()` does by construction. `years` is for counting: a
    span sets its bit in every year it covers.
    """

    ids: list[int]  # event ids in timeline order (oldest first)
    positions: dict[int, int]  # event id -> bit
    bitmaps: dict[str, dict]  # facet name (or year field) -> value -> bitmap
    years: dict[int, FrozenBitMap]
    using: str = "default"
    # Text searches already asked of the database for this version, by their words.
    searches: dict[str, FrozenBitMap] = field(default_factory=dict, compare=False, repr=False)
    # Each facet's option totals (`option_totals`), counted once per index.
    totals: dict[str, dict] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, using: str = "default") -> FacetIndex:
        """One query for the published events in timeline order with the columns of the
        event-level facets, and one per related table (participants, actors) for the rest."""
        published = Event.objects.using(using).published()
        own = [facet for facet in FACETS if not facet.relation]
        rows = (
            published.chronological()
            .values_list("id", *YEAR_FIELDS, *(facet.column for facet in own))
            .iterator(chunk_size=10_000)  # rows are read once: keep none of them
        )
        ids: list[int] = []
        groups = {name: defaultdict(list) for name in [*YEAR_FIELDS, *FACET_NAMES]}
        years = defaultdict(list)
        open_ended, first, last = [], None, None
        for bit, (event_id, start, end, *values) in enumerate(rows):
            ids.append(event_id)
            groups["start_year"][start].append(bit)
            groups["end_year"][end].append(bit)
            if start == OPEN_START_YEAR or end == OPEN_END_YEAR:
                open_ended.append((bit, start, end))
            else:
                first = start if first is None else min(first, start)
                last = end if last is None else max(last, end)
                for year in range(start, max(start, end) + 1):
                    years[year].append(bit)
            for facet, value in zip(own, values, strict=True):
                if value is not None:
                    groups[facet.name][value].append(bit)
        # An open end may fall in any year beyond its bound: it is counted in the years the
        # other dates span (and in its own bound's year), not in every year back to 0.
        for bit, start, end in open_ended:
            low = start if start != OPEN_START_YEAR else min(first or end, end)
            high = end if end != OPEN_END_YEAR else max(last or start, start)
            for year in range(low, max(low, high) + 1):
                years[year].append(bit)
        positions = {event_id: bit for bit, event_id in enumerate(ids)}

        for relation in {facet.relation for facet in FACETS if facet.relation}:
            related = [facet for facet in FACETS if facet.relation == relation]
            columns = sorted({c for f in related for c in (f.column, "role" if f.roles else "")})
            columns = [column for column in columns if column]
            table = Event._meta.get_field(relation).related_model
            for event_id, *values in (
                table.objects.using(using)
                .filter(event__published=True)
                .values_list("event_id", *columns)
                .iterator(chunk_size=10_000)
            ):
                row = dict(zip(columns, values, strict=True))
                bit = positions[event_id]
                for facet in related:
                    value = row[facet.column]
                    if value not in (None, "") and (not facet.roles or row["role"] in facet.roles):
                        groups[facet.name][value].append(bit)

        return cls(
            ids=ids,
            positions=positions,
            bitmaps={
                name: {value: bitmap(bits) for value, bits in values.items()}
                for name, values in groups.items()
            },
            years={year: bitmap(bits) for year, bits in years.items()},
            using=using,
        )

    @cached_property
    def everything(self) -> FrozenBitMap:
        return FrozenBitMap(range(len(self.ids)))

    def of_ids(self, event_ids: Iterable[int]) -> FrozenBitMap:
        """The bitmap of these events (those not published are left out)."""
        positions = self.positions
        return bitmap(positions[i] for i in event_ids if i in positions)

    def options(self, facet: str) -> dict:
        """A facet's bitmaps by option (`facet` as in filters.FACETS: "countries", ...)."""
        return self.bitmaps[facet]

    def passing(self, condition: Condition) -> FrozenBitMap:
        """The events passing one condition: the OR of the bitmaps of the values it admits."""
        values = self.bitmaps[condition.key]
        if condition.lookup == "in":  # the same test as `holds`, without reading every value
            admitted = [values[key] for key in condition.value if key in values]
        else:
            admitted = [bits for key, bits in values.items() if condition.holds(key)]
        return EMPTY.union(*admitted)

    def masks(self, filters: Filters | None = None, **given) -> dict[str, FrozenBitMap]:
        """Each active filter as a bitmap, from the conditions filters.py defines (a
        `Filters`, or its fields as keywords, as `EventQuerySet.filtered()` takes them).

        Text search asks the database (one query) which published events match.
        """
        if filters is None:
            filters = Filters.of(**given)
        masks = {}
        for name, conditions in filters.groups().items():
            mask = self.everything
            for condition in conditions:
                mask &= self.passing(condition)
            masks[name] = mask
        if filters.q.split():
            masks["q"] = self.matching(filters.q)
        return masks

    def matching(self, q: str) -> FrozenBitMap:
        """The events a text search finds (one query, remembered for this data version)."""
        key = " ".join(q.split())
        if key not in self.searches:
            if len(self.searches) >= MAX_SEARCHES:
                self.searches.clear()
            found = Event.objects.using(self.using).published().search(q)
            self.searches[key] = self.of_ids(found.values_list("pk", flat=True))
        return self.searches[key]

    def combine(self, masks: dict[str, FrozenBitMap], *, leave_out: str = "") -> FrozenBitMap:
        """Events passing every filter but `leave_out` (AND across facets)."""
        combined = self.everything
        for name, mask in masks.items():
            if name != leave_out:
                combined &= mask
        return combined

    def facet_counts(self, masks: dict[str, FrozenBitMap], *, within=None) -> dict:
        """For each facet (by its parameter), the counts its options would give with the other
        filters applied; "year" the same per year, and "within" the events of `within` by
        activity (a country page's totals).

        A span counts in every year it covers, an event counts once in a region whatever its
        countries there.
        """

        def counts(bitmaps: dict, among: FrozenBitMap) -> dict:
            if len(among) == len(self.ids):  # no other filter: an option's own total
                found = {key: len(bits) for key, bits in bitmaps.items()}
            else:
                found = {key: bits.intersection_cardinality(among) for key, bits in bitmaps.items()}
            return {key: n for key, n in found.items() if n}

        result = {}
        for facet in FACETS:
            found = counts(self.options(facet.name), self.combine(masks, leave_out=facet.name))
            if facet.stored:  # counted by stored value, shown by the value in the URL
                found = {v: found[s] for v, s in facet.stored.items() if s in found}
            result[facet.param] = found
        result["year"] = counts(self.years, self.combine(masks, leave_out="years"))
        result["within"] = counts(self.options("activities"), within) if within else {}
        return result

    def option_totals(self, facet) -> dict:
        """How many published events each option of a facet (filters.FACETS) has in all, by
        the value in the URL: the options worth offering whatever the other filters."""
        if facet.name not in self.totals:
            self.totals[facet.name] = self._option_totals(facet)
        return self.totals[facet.name]

    def _option_totals(self, facet) -> dict:
        found = {key: n for key, bits in self.options(facet.name).items() if (n := len(bits))}
        if facet.stored:
            found = {v: found[s] for v, s in facet.stored.items() if s in found}
        return found

    def year_totals(self) -> dict[int, int]:
        return {year: n for year, bits in self.years.items() if (n := len(bits))}

    def select(self, mask: FrozenBitMap, *, newest_first: bool = False) -> Selection:
        return Selection(self, mask, newest_first)

    def slice_ids(self, mask, start: int, stop: int, *, newest_first: bool) -> list[int]:
        """Ids of the start-th to stop-th matching events (a bitmap finds its n-th position
        without walking the ones before)."""
        size = len(mask)
        start, stop = min(start, size), min(stop, size)
        if newest_first:
            positions = [mask[size - 1 - n] for n in range(start, stop)]
        else:
            positions = mask[start:stop]
        ids = self.ids
        return [ids[position] for position in positions]


class Selection(Sequence):
    """The events a filter selects, in timeline order, for a Paginator: its length is a
    popcount and a slice fetches just the events on it."""

    def __init__(self, index: FacetIndex, mask: FrozenBitMap, newest_first: bool):
        self.index, self.mask, self.newest_first = index, mask, newest_first
        self._length = len(mask)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, item):
        if not isinstance(item, slice):
            found = self[item : item + 1]
            if not found:
                raise IndexError(item)
            return found[0]
        start, stop, _ = item.indices(self._length)
        # An event deleted since the index was built is simply missing from its page.
        return Event.objects.using(self.index.using).cards(self.ids(start, stop))

    def ids(self, start: int, stop: int) -> list[int]:
        """The ids of the start-th to stop-th selected events, in order."""
        return self.index.slice_ids(self.mask, start, stop, newest_first=self.newest_first)


def current(version, using: str = "default") -> FacetIndex:
    """The index for this data version, built on first use in each process."""
    return kept(version, f"facet-index:{using}", lambda: FacetIndex.build(using), using)
