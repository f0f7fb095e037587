"""The timeline's facet index: which published events match a combination of filters, how many
each filter option would give, and which events fill a page, without a grouped query.

Why: counting every option of every facet for any combination of filters with GROUP BY
queries took 25–35 ms at 100,000 events on SQLite, and a new combination cannot come from a
cache. Here each option (a country, a region, a kind, a year) is a Roaring bitmap (pyroaring)
of the published events' positions in timeline order. A filter is an AND across facets of the
OR of the chosen options; an option's count is the size of its bitmap AND the other facets'
filter; a page is the n-th to m-th set bits. Any combination takes well under a millisecond at
100,000 events, on SQLite and PostgreSQL alike. Text search still runs in the database; its
matches become one more bitmap. Both the index and `EventQuerySet.filtered()` (for exports and
the admin) read the conditions of filters.py, and tests/timeline/test_facets.py checks that the two
always agree.

How it keeps up with edits (docs/performance.md has the figures):

- **Built once per data version across instances.** A full build reads ~190,000 rows at
  100,000 events (about 3 s). Its result is pickled into the shared cache (Redis when
  REDIS_URL is set) under the code's RELEASE, the database and the version, so other
  processes load it instead; the builder holds a lock (`cache.add`) that the others wait on,
  building themselves only if it dies.
- **Updated, not rebuilt, after an edit.** Every bump of the data version logs the events it
  changed (`IndexChange`; signals.py). At a new version a process takes the newest index it
  has (its own, else the newest one published; an updated one is published every
  `PUBLISH_EVERY` versions), reads the log since that index's version,
  removes each changed event and reads it again (one query per table for the batch), and puts
  it back at its place in timeline order, found by bisecting the index's own sort keys
  (`querysets.row_key`, the key `timeline_ordering` makes every database order by). Positions
  stay dense: an event put in or taken out shifts the positions after it by one in every
  bitmap (two Roaring operations on each bitmap with bits there), so an updated index is
  identical to a fresh build, and tests/timeline/test_facets.py checks exactly that over
  random edits.
  (Positions with gaps between them, to insert without shifting, made every count ten to
  thirty times slower: a Roaring container holds 65,536 positions, and gaps spread the same
  events over hundreds of containers.) The log says "anything" (a country's region, an actor's
  or thread's slug, a change written without signals), more than `MAX_CHANGES` events
  changed, or the log was pruned past the index: then the index is built again in full, as
  above.
- **Never changed in place.** An update is a new index: the arrays are copied, and only the
  bitmaps it touches are new objects, so requests still reading the previous index are safe.
"""

from __future__ import annotations

import bisect
import itertools
import logging
from array import array
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from functools import cached_property

from pyroaring import FrozenBitMap

from policing.models import DataVersion, Event, IndexChange
from policing.models.querysets import day_number, public, row_key
from policing.timeline.filters import FACETS, YEAR_FIELDS, Condition, Filters

logger = logging.getLogger(__name__)

FACET_NAMES = [facet.name for facet in FACETS]
# The facets whose rows are also kept by (value, role), for a role chosen with them.
IN_ROLE = [facet for facet in FACETS if facet.in_chosen_role]
BITMAP_NAMES = FACET_NAMES + [facet.role_key for facet in IN_ROLE]
OWN_FACETS = [facet for facet in FACETS if not facet.relation]
RELATIONS = sorted({facet.relation for facet in FACETS if facet.relation})

# The events that only may fall in the years they are placed in (`Event.year_certain` false):
# one bitmap, kept with the facets' (so updates shift it as they do the others), against which
# any year's events are split into those placed there and those that only may fall there.
UNCERTAIN = "year_certain"

MAX_SEARCHES = 256
# Beyond this many events changed since an index's version, building it again is quicker than
# shifting every bitmap once per event (a few milliseconds each at 100,000 events).
MAX_CHANGES = 200

# Roaring bitmaps, not Python ints: an int of 100,000 bits is copied whole by every AND, and
# counting an option's events among the filtered ones (some 350 counts a page) allocated one
# each time; `intersection_cardinality` counts without building the intersection, and sparse
# options take the room of their events, not of the whole timeline.
EMPTY = FrozenBitMap()


def bitmap(positions: Iterable[int]) -> FrozenBitMap:
    """The bitmap with these positions set."""
    return FrozenBitMap(positions)


def _years(start: int, end: int) -> range:
    """The years an event is counted in: those it is placed in (`Event.years_covered`, stored
    as its start and end year), the same years the year filter matches it in. An open end
    adds none beyond its known bound."""
    return range(start, max(start, end) + 1)


def _event_rows(events):
    """The published events' rows, in timeline order: what the index keeps of each."""
    columns = ["date_start", "date_end", "title", *YEAR_FIELDS, UNCERTAIN]
    columns += [f.column for f in OWN_FACETS]
    return events.published().chronological().values_list("id", *columns)


def _relation_rows(relation: str, using: str, event_ids=None):
    """(event id, {column: value}) for the rows of a relation the facets read."""
    related = [facet for facet in FACETS if facet.relation == relation]
    roles = {"role" for f in related if f.roles or f.in_chosen_role}
    columns = sorted({f.column for f in related} | roles)
    table = Event._meta.get_field(relation).related_model
    rows = table.objects.using(using)
    if event_ids is None:
        rows = rows.filter(public("event"))  # the events `_event_rows` reads
    else:
        rows = rows.filter(event_id__in=event_ids)
    for event_id, *values in rows.values_list("event_id", *columns).iterator(chunk_size=10_000):
        yield event_id, related, dict(zip(columns, values, strict=True))


def _related_values(related, row: dict):
    for facet in related:
        value = row[facet.column]
        if value in (None, ""):
            continue
        if not facet.roles or row["role"] in facet.roles:
            yield facet.name, value
        if facet.in_chosen_role:
            yield facet.role_key, (value, row["role"])


def _range(start: int, stop: int) -> FrozenBitMap:
    return FrozenBitMap(range(start, stop))


def _moves(removed: list[int], inserted: list[int], size: int) -> list[tuple]:
    """How positions move when the events at `removed` (ascending, as they are) are taken out
    and others put in at `inserted` (ascending, as they will be): (start, stop, shift) for
    each run of old positions that moves, shift None for those taken out. An event moved
    from one place to another shifts only the positions between the two."""

    def shift(q: int) -> int:
        kept = q - bisect.bisect_left(removed, q)
        return kept - q + sum(1 for j, p in enumerate(inserted) if p - j <= kept)

    points = {0, size}
    for position in removed:
        points |= {position, position + 1}
    for j, position in enumerate(inserted):  # the first old position after the j-th opening
        q = position - j
        while q < size and (q - bisect.bisect_left(removed, q) < position - j or q in removed):
            q += 1
        points.add(q)
    points = sorted(p for p in points if 0 <= p <= size)
    runs = []
    for start, stop in itertools.pairwise(points):
        moved = None if start in removed else shift(start)
        if moved == 0:
            continue
        if runs and runs[-1][1] == start and runs[-1][2] == moved:
            runs[-1] = (runs[-1][0], stop, moved)
        else:
            runs.append((start, stop, moved))
    return runs


class _Reshape:
    """Applies `_moves` to bitmaps: one test for a bitmap with no bit where positions move."""

    def __init__(self, runs: list[tuple]):
        self.runs = [(_range(start, stop), shift) for start, stop, shift in runs]
        self.moving = EMPTY.union(*(bits for bits, _ in self.runs))

    def __call__(self, bits: FrozenBitMap) -> FrozenBitMap:
        if bits.isdisjoint(self.moving):
            return bits
        pieces = [bits - self.moving]
        for run, shift in self.runs:
            if shift is not None and (piece := bits & run):
                pieces.append(piece.shift(shift))
        return EMPTY.union(*pieces)


class FacetIndex:
    """Bitmaps of the published events, bit i being the i-th event in timeline order.

    `bitmaps` holds, for every facet (filters.FACETS) and for the start and end years, a
    bitmap per value; a filter's conditions are read off them (`passing`), so the index
    selects what `EventQuerySet.filtered()` does by construction; and under `UNCERTAIN`, the
    events that only may fall in their years (`uncertain`). `years` is for counting: a span
    sets its bit in every year it covers. `ids`, `starts`, `ends` and `titles` are the
    columns of each event's sort key (`querysets.row_key`), in timeline order, by position.
    `version` is the data version counter the index shows.
    """

    builds = 0  # full builds in this process (tests count them)

    def __init__(
        self,
        *,
        ids: array,
        starts: array,
        ends: array,
        titles: list[str],
        bitmaps: dict[str, dict],
        years: dict[int, FrozenBitMap],
        version: int = 0,
        using: str = "default",
    ):
        self.ids, self.starts, self.ends, self.titles = ids, starts, ends, titles
        self.bitmaps, self.years = bitmaps, years
        self.version, self.using = version, using
        self.everything = _range(0, len(ids))
        self._fresh()

    def _fresh(self) -> None:
        # Text searches already asked of the database for this version, by their words.
        self.searches: dict[str, FrozenBitMap] = {}
        # Each facet's option totals (`option_totals`), counted once per index.
        self.totals: dict[str, dict] = {}

    def __getstate__(self) -> dict:
        """What the shared cache keeps: not what is remembered per process."""
        state = dict(self.__dict__)
        for name in ("searches", "totals", "positions"):
            state.pop(name, None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._fresh()

    def __eq__(self, other) -> bool:
        """The same events in the same order with the same bitmaps (whatever the version)."""
        if not isinstance(other, FacetIndex):
            return NotImplemented
        fields = ("ids", "starts", "ends", "titles", "bitmaps", "years")
        return all(getattr(self, f) == getattr(other, f) for f in fields)

    __hash__ = None

    def __repr__(self) -> str:
        return f"<FacetIndex of {len(self.ids)} events at version {self.version}>"

    @classmethod
    def build(cls, using: str = "default", version: int = 0) -> FacetIndex:
        """One query for the published events in timeline order with the columns of the
        event-level facets, and one per related table (participants, actors) for the rest."""
        FacetIndex.builds += 1
        # Rows are read once: keep none of them.
        rows = _event_rows(Event.objects.using(using)).iterator(chunk_size=10_000)
        ids, starts, ends, titles = array("q"), array("i"), array("i"), []
        groups = {name: defaultdict(list) for name in [*YEAR_FIELDS, UNCERTAIN, *BITMAP_NAMES]}
        years = defaultdict(list)
        for bit, (event_id, day, end_day, title, start, end, certain, *values) in enumerate(rows):
            ids.append(event_id)
            starts.append(day_number(day))
            ends.append(day_number(end_day))
            titles.append(title)
            groups["start_year"][start].append(bit)
            groups["end_year"][end].append(bit)
            if not certain:
                groups[UNCERTAIN][False].append(bit)
            for year in _years(start, end):
                years[year].append(bit)
            for facet, value in zip(OWN_FACETS, values, strict=True):
                if value is not None:
                    groups[facet.name][value].append(bit)
        positions = {event_id: bit for bit, event_id in enumerate(ids)}
        for relation in RELATIONS:
            for event_id, related, row in _relation_rows(relation, using):
                bit = positions[event_id]
                for name, value in _related_values(related, row):
                    groups[name][value].append(bit)

        index = cls(
            ids=ids,
            starts=starts,
            ends=ends,
            titles=titles,
            bitmaps={
                name: {value: bitmap(bits) for value, bits in values.items()}
                for name, values in groups.items()
            },
            years={year: bitmap(bits) for year, bits in years.items()},
            version=version,
            using=using,
        )
        index.positions = positions
        return index

    @cached_property
    def positions(self) -> dict[int, int]:
        """Event id -> bit (made when first asked: a text search, a large update)."""
        return dict(zip(self.ids, itertools.count(), strict=False))

    def _positions_of(self, event_ids) -> list[int | None]:
        """Where these events are: a search of the ids' bytes for a few (50 µs each at
        100,000 events, where making `positions` takes some 20 ms)."""
        if "positions" in self.__dict__ or len(event_ids) > 20:
            return [self.positions.get(i) for i in event_ids]
        data, found = self.ids.tobytes(), []
        for event_id in event_ids:
            needle, at = array("q", [event_id]).tobytes(), -1
            while (at := data.find(needle, at + 1)) != -1 and at % 8:
                pass
            found.append(None if at == -1 else at // 8)
        return found

    def updated(self, version: int) -> FacetIndex | None:
        """This index brought to data version `version` by the changes logged since its own, or
        None where only a full build will do (module docstring)."""
        if version == self.version:
            return self
        if version < self.version:
            return None
        changed = set(
            IndexChange.objects.using(self.using)
            .filter(version__gt=self.version, version__lte=version)
            .values_list("event_id", flat=True)
        )
        # Read after the log: a prune that could have taken rows this index needs shows here.
        newest = DataVersion.objects.using(self.using).values_list("counter", flat=True).first()
        if None in changed or len(changed) > MAX_CHANGES:
            return None
        if newest is None or self.version < newest - IndexChange.KEPT:
            return None
        if not changed:
            return self._copy(version)
        return self._apply(version, changed)

    def _copy(self, version: int) -> FacetIndex:
        copy = FacetIndex(
            ids=self.ids,
            starts=self.starts,
            ends=self.ends,
            titles=self.titles,
            bitmaps=self.bitmaps,
            years=self.years,
            version=version,
            using=self.using,
        )
        if "positions" in self.__dict__:
            copy.positions = self.positions
        return copy

    def _apply(self, version: int, changed: set[int]) -> FacetIndex | None:
        using = self.using
        rows = list(_event_rows(Event.objects.using(using).filter(pk__in=changed)))
        related = defaultdict(list)
        for relation in RELATIONS:
            for event_id, facets, row in _relation_rows(relation, using, [r[0] for r in rows]):
                related[event_id].extend(_related_values(facets, row))

        ids, starts, ends = array("q", self.ids), array("i", self.starts), array("i", self.ends)
        titles = list(self.titles)
        collections = {name: dict(values) for name, values in self.bitmaps.items()}
        collections["years"] = dict(self.years)

        # Out: every changed event the index holds; in: each one still published, at its
        # place in timeline order. Placed in that order, each goes after the ones placed
        # before it, so their positions stay as found.
        removed = sorted(p for p in self._positions_of(changed) if p is not None)
        size = len(ids)
        for position in reversed(removed):
            del ids[position], starts[position], ends[position], titles[position]

        def sort_key(row) -> tuple:
            return row_key(day_number(row[1]), day_number(row[2]), row[3], row[0])

        placed = []
        for row in sorted(rows, key=sort_key):
            key = sort_key(row)
            at = bisect.bisect_left(
                range(len(ids)), key, key=lambda i: row_key(starts[i], ends[i], titles[i], ids[i])
            )
            ids.insert(at, key[3])
            starts.insert(at, key[0])
            ends.insert(at, key[1])
            titles.insert(at, key[2])
            event_id, _, _, _, start, end, certain, *values = row
            placed.append((at, start, end, certain, values, related[event_id]))

        reshape = _Reshape(_moves(removed, [at for at, *_ in placed], size))
        for values in collections.values():
            for key, bits in values.items():
                values[key] = reshape(bits)

        added = defaultdict(list)
        for position, start, end, certain, values, others in placed:
            added[("start_year", start)].append(position)
            added[("end_year", end)].append(position)
            if not certain:
                added[(UNCERTAIN, False)].append(position)
            for facet, value in zip(OWN_FACETS, values, strict=True):
                if value is not None:
                    added[(facet.name, value)].append(position)
            for name, value in others:
                added[(name, value)].append(position)
        for (name, value), new in added.items():
            values = collections[name]
            values[value] = values.get(value, EMPTY) | bitmap(new)

        years = collections.pop("years")
        for position, start, end, *_ in placed:
            for year in _years(start, end):
                years[year] = years.get(year, EMPTY) | bitmap([position])
        return FacetIndex(
            ids=ids,
            starts=starts,
            ends=ends,
            titles=titles,
            bitmaps={
                name: {value: bits for value, bits in values.items() if bits}
                for name, values in collections.items()
            },
            years={year: bits for year, bits in years.items() if bits},
            version=version,
            using=using,
        )

    def of_ids(self, event_ids: Iterable[int]) -> FrozenBitMap:
        """The bitmap of these events (those not published are left out)."""
        positions = self.positions
        return bitmap(positions[i] for i in event_ids if i in positions)

    @property
    def uncertain(self) -> FrozenBitMap:
        """The events that only may fall in the years they are placed in (one day of a window
        or one of a set over several years, or open at one end: `dates.year_certain`)."""
        return self.bitmaps[UNCERTAIN].get(False, EMPTY)

    def options(self, facet: str) -> dict:
        """A facet's bitmaps by option (`facet` as in filters.FACETS: "countries", ...)."""
        return self.bitmaps[facet]

    def passing(self, condition: Condition) -> FrozenBitMap:
        """The events passing one condition: the OR of the bitmaps of the values it admits."""
        values = self.bitmaps[condition.key]
        if condition.lookup == "in":  # the same test as `holds`, without reading every value
            admitted = [values[key] for key in condition.keys if key in values]
        else:
            admitted = [bits for key, bits in values.items() if condition.holds(key)]
        return EMPTY.union(*admitted)

    def masks(self, filters: Filters | None = None, **given) -> Masks:
        """Each active filter as a bitmap, from the conditions filters.py defines (a
        `Filters`, or its fields as keywords, as `EventQuerySet.filtered()` takes them).

        Text search asks the database (one query) which published events match.
        """
        if filters is None:
            filters = Filters.of(**given)
        masks = Masks(filters)
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

    def combine(
        self, masks: dict[str, FrozenBitMap], *, leave_out: str | Collection[str] = ""
    ) -> FrozenBitMap:
        """Events passing every filter but those named in `leave_out` (AND across facets)."""
        left_out = {leave_out} if isinstance(leave_out, str) else set(leave_out)
        combined = self.everything
        for name, mask in masks.items():
            if name not in left_out:
                combined &= mask
        return combined

    def facet_counts(self, masks: Masks, *, within=None) -> dict:
        """For each facet (by its parameter), the counts its options would give with the other
        filters applied; "year" the same per year, "year_uncertain" how many of those only may
        fall in that year (the rest are placed there for certain), and "within" the events of
        `within` by activity (a country page's totals).

        A span counts in every year it covers, an event counts once in a region whatever its
        countries there. With a role chosen, a place's option counts the events with that
        place in that role, and a role's option what it would select with the places chosen
        (filters.Facet.in_chosen_role).
        """

        def counts(bitmaps: dict, among: FrozenBitMap) -> dict:
            if len(among) == len(self.ids):  # no other filter: an option's own total
                found = {key: len(bits) for key, bits in bitmaps.items()}
            else:
                found = {key: bits.intersection_cardinality(among) for key, bits in bitmaps.items()}
            return {key: n for key, n in found.items() if n}

        result = {}
        roles = masks.filters.roles
        for facet in FACETS:
            if facet.name == "roles":
                found = self._role_counts(masks)
                result[facet.param] = {role: n for role, n in found.items() if n}
                continue
            options = self.options(facet.name)
            if roles and facet.in_chosen_role:
                options = self._in_roles(facet, roles)
            found = counts(options, self.combine(masks, leave_out=facet.name))
            if facet.stored:  # counted by stored value, shown by the value in the URL
                found = {v: found[s] for v, s in facet.stored.items() if s in found}
            result[facet.param] = found
        in_years = self.combine(masks, leave_out="years")
        result["year"] = counts(self.years, in_years)
        result["year_uncertain"] = counts(self.years, in_years & self.uncertain)
        result["within"] = counts(self.options("activities"), within) if within else {}
        return result

    def _in_roles(self, facet, roles: Collection[str]) -> dict:
        """A facet's bitmaps by option, of the rows in these roles only."""
        found = defaultdict(list)
        for (value, role), bits in self.bitmaps[facet.role_key].items():
            if role in roles:
                found[value].append(bits)
        return {value: EMPTY.union(*bits) for value, bits in found.items()}

    def _role_counts(self, masks: Masks) -> dict:
        """Each role's count: the events that choosing it alone, with the other filters as
        they are, would select. The places chosen are then read in that role, so their masks
        are made again for each role (by `Filters.groups`, as any filter is)."""
        filters = masks.filters
        linked = {f.name: getattr(filters, f.name) for f in IN_ROLE if getattr(filters, f.name)}
        among = self.combine(masks, leave_out={"roles", *linked})
        found = {}
        for role in self.options("roles"):
            in_role = self.combine(self.masks(Filters(roles=(role,), **linked)))
            found[role] = in_role.intersection_cardinality(among)
        return found

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

    def year_uncertain_totals(self) -> dict[int, int]:
        """Of `year_totals`, the events that only may fall in each year."""
        found = {y: bits.intersection_cardinality(self.uncertain) for y, bits in self.years.items()}
        return {year: n for year, n in found.items() if n}

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


class Masks(dict):
    """Each active filter's bitmap by its `Filters` name (and "q"), with the `filters` they
    were read from: counting a role's events reads the places chosen with it."""

    def __init__(self, filters: Filters):
        super().__init__()
        self.filters = filters


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
