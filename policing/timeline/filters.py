"""The timeline's filters, defined once.

Every state of the timeline is a permalink, so its parameters come from people editing URLs as
much as from the form. `FilterForm` validates each parameter and raises a `ValidationError` per
field. The page ignores what was refused and shows a note for it ("Ignored …"); the exports
answer 400 with the same message ("Refused …"). Either way the form's `filters` are the valid
part, as a `Filters`.

What a filter selects is written once too, as `Condition`s: `EventQuerySet.filtered()` turns
them into `Q` objects and the facet index (facets.py) into bitmaps, so the two cannot disagree
(tests/timeline/test_facets.py checks it over random data). The rules: OR within a facet (a list of
options), AND across facets, and an event matches a year range when the years it is placed in
(`Event.years_covered`: from its earliest known bound to its latest, an open end adding none)
overlap it. A role chosen with a region or country (or a country's page) reads them together,
as one participant: `?role=objector&region=pacific` is the events a Pacific state (or the
Pacific, where the text names no state) objects to, not Pacific events some state objects to.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import QueryDict
from django.utils.text import Truncator

from policing.links import query_without
from policing.models import (
    OTHER_PARTIES,
    Activity,
    Actor,
    Country,
    Kind,
    Region,
    Role,
    Stage,
    Thread,
)

MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_QUERY_LENGTH = 200
# More values than this for one parameter is not a person choosing filters.
MAX_VALUES = 50
# Unknown values of one facet (or unknown parameters) named one by one in the notes; the rest
# are counted.
NAMED_UNKNOWN = 5
ORDER_CHOICES = {"asc": "Oldest first", "desc": "Newest first"}
DEFAULT_ORDER = "asc"
# How the page shows the same events: cards a page at a time, or all of them on a time axis
# (timeline/axis.py) in lanes of one kind. Neither selects events, so exports refuse them as
# they refuse `page`.
VIEW_CHOICES = {"list": "List", "axis": "Time axis"}
DEFAULT_VIEW = "list"
LANE_CHOICES = {"thread": "Thread", "country": "Country", "activity": "Activity"}
DEFAULT_LANES = "thread"
# The facets whose long lists show their first options and fold the rest, which the page
# sends only when asked (`?more=country`): sixty countries, forty actors and twenty threads
# were a third of the page. It selects nothing either, so exports refuse it too.
FOLDING_FACETS = ("country", "actor", "thread")


@dataclass(frozen=True)
class Facet:
    """A filter by options: a repeatable parameter whose values are OR-ed."""

    param: str  # the query parameter: ?country=FJ&country=SB
    name: str  # its `Filters` attribute and facet-index key
    column: str  # what it tests: a column of the event, or of `relation`'s rows
    label: str  # how the page names it (a chip's label, the legend of its checkboxes)
    what: str  # how a note names one value
    fold: Callable[[str], str] = str.lower  # codes are upper case, slugs lower case
    relation: str = ""  # a many-valued relation of Event whose rows carry `column`
    roles: tuple[str, ...] = ()  # only the rows in these roles count
    stored: dict | None = None  # the value stored for each value in the URL, where they differ
    # Whether a chosen role (?role=) says which of the facet's rows count, in place of `roles`:
    # ?country=AU&role=objector is Australia as an objector, not Australia taking part in an
    # event where some state objects.
    in_chosen_role: bool = False

    @property
    def field(self) -> str:
        """The ORM path from an event to what the facet tests."""
        return f"{self.relation}__{self.column}" if self.relation else self.column

    @property
    def role_key(self) -> str:
        """Where the facet index keeps this facet's rows by (value, role), for `in_chosen_role`."""
        return f"{self.name}@role"

    def condition(self, chosen: tuple[str, ...], roles: tuple[str, ...] = ()) -> Condition:
        """What choosing these values selects; `roles`, the roles chosen with them (?role=)."""
        values = tuple(self.stored[v] for v in chosen) if self.stored else chosen
        if roles and self.in_chosen_role:
            # One row with both: the value in one of the chosen roles.
            where = ((f"{self.relation}__role", tuple(roles)),)
            return Condition(self.role_key, self.field, "in", values, True, where, paired=True)
        where = ((f"{self.relation}__role", self.roles),) if self.roles else ()
        return Condition(self.name, self.field, "in", values, bool(self.relation), where)


FACETS = (
    Facet("activity", "activities", "activity", "Activity", "activity"),
    Facet("stage", "stages", "stage", "Stage", "stage"),
    # Where China's policing diplomacy reached: the other parties, not China's side.
    Facet(
        "region",
        "regions",
        "region",
        "Region",
        "region",
        relation="participants",
        roles=OTHER_PARTIES,
        in_chosen_role=True,
    ),
    Facet(
        "country",
        "countries",
        "country",
        "Country",
        "country code",
        str.upper,
        relation="participants",
        roles=OTHER_PARTIES,
        in_chosen_role=True,
    ),
    # China's side, asked for explicitly (?subject=CN).
    Facet(
        "subject",
        "subjects",
        "country",
        "China’s side",
        "country code",
        str.upper,
        relation="participants",
        roles=(Role.SUBJECT,),
    ),
    # Any part at all: a country page's events.
    Facet(
        "party",
        "parties",
        "country",
        "Taking part",
        "country code",
        str.upper,
        relation="participants",
        in_chosen_role=True,
    ),
    # The part a state (or a region the text names instead) takes: events with a participant
    # in one of these roles; with a region or country chosen too, that place in that role.
    Facet("role", "roles", "role", "Role", "role", relation="participants"),
    Facet("actor", "actors", "actor__slug", "Actor", "actor", relation="actor_roles"),
    Facet("thread", "threads", "thread__slug", "Thread", "thread"),
    Facet(
        "disputed",
        "disputed",
        "disputed",
        "Disputed",
        "value of disputed (use yes or no)",
        stored={"yes": True, "no": False},
    ),
    # The first model's single kind, kept for old permalinks and the export contract.
    Facet("kind", "kinds", "kind", "Kind", "kind of event"),
)
FACET_BY_PARAM = {facet.param: facet for facet in FACETS}
YEAR_FIELDS = ("start_year", "end_year")  # Event.years_covered(): the years it is placed in


@dataclass(frozen=True)
class Condition:
    """One test an event must pass, as the ORM spells it: `field` `lookup` `value`, on the same
    related row as `where` (field, values) if given. `key` names its bitmaps in the index."""

    key: str
    field: str
    lookup: str  # "in", "gte" or "lte"
    value: object
    joins: bool = False
    where: tuple[tuple[str, tuple], ...] = ()
    # The index keys this condition's bitmaps by the value with each of `where`'s (a country
    # with its role); otherwise `where` is already part of what the bitmaps under `key` hold.
    paired: bool = False

    def as_q(self) -> Q:
        # One Q, so one related row must pass every test.
        tests = {f"{self.field}__{self.lookup}": self.value}
        tests.update({f"{field}__in": values for field, values in self.where})
        return Q(**tests)

    @property
    def keys(self) -> tuple:
        """The index's keys an "in" condition admits: its values, or, `paired`, each value
        with each of `where`'s values ((code, role) pairs)."""
        if not self.paired:
            return self.value
        return tuple(itertools.product(self.value, *(values for _, values in self.where)))

    def holds(self, key) -> bool:
        """Whether an event whose `field` is `key` passes (how the facet index reads it)."""
        if self.lookup == "in":
            return key in self.keys
        if self.lookup == "gte":
            return key >= self.value
        return key <= self.value


@dataclass(frozen=True)
class Filters:
    """Valid filters: what the page, the exports, the database and the facet index share.
    Facet values are as the URL gives them, folded (country codes upper case)."""

    activities: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    threads: tuple[str, ...] = ()
    disputed: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    q: str = ""

    @classmethod
    def of(cls, **given) -> Filters:
        """Filters from keyword arguments as code writes them (lists, any case)."""
        values = dict(given)
        for facet in FACETS:
            values[facet.name] = tuple(facet.fold(v) for v in given.get(facet.name, ()))
        return cls(**values)

    def groups(self) -> dict[str, tuple[Condition, ...]]:
        """The active filters by facet, each a group of conditions that must all hold.

        The text search is not here: it is one more group, answered by the database
        (`EventQuerySet.search()`), so callers handle `q` themselves.
        """
        groups = {}
        for facet in FACETS:
            if chosen := getattr(self, facet.name):
                groups[facet.name] = (facet.condition(chosen, self.roles),)
        # The years an event is placed in overlap those chosen when they end in or after the
        # first and start in or before the last.
        years = []
        if self.year_from is not None:
            years.append(Condition("end_year", "end_year", "gte", self.year_from))
        if self.year_to is not None:
            years.append(Condition("start_year", "start_year", "lte", self.year_to))
        if years:
            groups["years"] = tuple(years)
        return groups

    def as_dict(self) -> dict:
        return {
            **{facet.name: list(getattr(self, facet.name)) for facet in FACETS},
            "year_from": self.year_from,
            "year_to": self.year_to,
            "q": self.q,
        }


def _shown(value: str, length: int = 24) -> str:
    """A value as the notes quote it: short, so a long query string is never echoed back."""
    return Truncator(" ".join(value.split())).chars(length)


def _text(value) -> str:
    # NUL characters are refused by databases and never part of a real value.
    return str(value).replace("\x00", "").strip()


class ValueField(forms.Field):
    """One parameter as given, never invalid in itself: the form's clean methods decide."""

    def to_python(self, value):
        return "" if value is None else _text(value)


class ManyValuesField(forms.Field):
    """All the values of a repeated parameter, as given; the form decides which are valid."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        return [_text(v) for v in (value or [])][:MAX_VALUES]


@dataclass(frozen=True)
class Chip:
    """An active filter as a removable chip: its label and the query without it."""

    label: str
    value: str
    query: QueryDict


class FilterForm(forms.Form):
    """Every timeline parameter, validated: one `ValidationError` per field it refuses.

    Refused values are left out of `filters`, `query` and `chips`, which always describe the
    valid part: the page uses them with its notes, an export only when there are no errors.
    Messages name what was refused ("the unknown region “x”."); `notes()` words them for the
    page and `first_error()` for an export.
    """

    q = ValueField(required=False, label="Search")
    # One repeatable field per facet (added below, in FACETS' order).
    year = ValueField(required=False)
    year_from = ValueField(required=False, label="From")
    year_to = ValueField(required=False, label="To")
    order = ValueField(required=False)
    page = ValueField(required=False)
    view = ValueField(required=False)
    lanes = ValueField(required=False)
    more = ValueField(required=False)

    def __init__(self, data=None, *, countries=None, actors=None, threads=None, **kwargs):
        super().__init__(data if data is not None else QueryDict(), **kwargs)
        countries = {c.code: c.name for c in (countries or Country.objects.all())}
        if actors is None:
            actors = Actor.objects.only("slug", "name")
        if threads is None:
            threads = Thread.objects.only("slug", "title")
        # Each facet's valid values, with the label the page shows for each.
        self.options: dict[str, dict[str, str]] = {
            "activity": dict(Activity.choices),
            "stage": dict(Stage.choices),
            "region": dict(Region.choices),
            "country": countries,
            "subject": countries,
            "party": countries,
            "role": dict(Role.choices),
            "actor": {a.slug: a.name for a in actors},
            "thread": {t.slug: t.title for t in threads},
            "disputed": {"yes": "disputed", "no": "not disputed"},
            "kind": dict(Kind.choices),
        }
        # What each field contributes when its value is refused (or part of it).
        self.usable: dict = {
            "q": "",
            "year": None,
            "year_from": None,
            "year_to": None,
            "order": DEFAULT_ORDER,
            "page": 1,
            "view": DEFAULT_VIEW,
            "lanes": DEFAULT_LANES,
            "more": "",
            **{facet.param: [] for facet in FACETS},
        }

    # --- cleaning: each method keeps the valid part in `usable` and refuses the rest ---------

    def clean_q(self) -> str:
        text = " ".join(self.cleaned_data["q"].split())
        self.usable["q"] = text[:MAX_QUERY_LENGTH].rstrip()
        if len(text) > MAX_QUERY_LENGTH:
            raise ValidationError(
                f"the search text after its first {MAX_QUERY_LENGTH} characters.", "too-long"
            )
        return text

    def clean_year(self) -> int | None:
        return self._year("year")

    def clean_year_from(self) -> int | None:
        return self._year("year_from", "start year")

    def clean_year_to(self) -> int | None:
        return self._year("year_to", "end year")

    def clean_order(self) -> str:
        order = self.cleaned_data["order"].lower() or DEFAULT_ORDER
        if order not in ORDER_CHOICES:
            raise ValidationError(f"the order “{_shown(order)}”: use asc or desc.", "invalid")
        self.usable["order"] = order
        return order

    def clean_page(self) -> int:
        page = self.cleaned_data["page"] or "1"
        if not (page.isascii() and page.isdigit()) or len(page) > 6 or int(page) < 1:
            raise ValidationError(f"the page “{_shown(page)}”: not a page number.", "invalid")
        self.usable["page"] = int(page)
        return int(page)

    def clean_view(self) -> str:
        return self._choice("view", VIEW_CHOICES, DEFAULT_VIEW, "view")

    def clean_lanes(self) -> str:
        return self._choice("lanes", LANE_CHOICES, DEFAULT_LANES, "lanes")

    def clean_more(self) -> str:
        if not self.cleaned_data["more"]:
            return ""
        return self._choice("more", {f: f for f in FOLDING_FACETS}, "", "list to show whole")

    def clean(self):
        data = super().clean()
        for facet in FACETS:
            try:
                data[facet.param] = self._choose(facet)
            except ValidationError as error:
                self.add_error(facet.param, error)
        usable = self.usable
        year, year_from, year_to = usable["year"], usable["year_from"], usable["year_to"]
        if year is not None:
            if year_from is not None or year_to is not None:
                self.add_error("year", f"the year range: a single year ({year}) was also given.")
            usable["year_from"] = usable["year_to"] = year
        elif year_from is not None and year_to is not None and year_from > year_to:
            self.add_error(
                "year_to", f"the years {year_from} to {year_to}: the start is after the end."
            )
            usable["year_from"] = usable["year_to"] = None
        return data

    def _choose(self, facet: Facet) -> list[str]:
        valid = self.options[facet.param]
        chosen, unknown = [], []
        for value in self.cleaned_data.get(facet.param, ()):
            if not value:
                continue
            folded = facet.fold(value)
            if folded in valid:
                if folded not in chosen:
                    chosen.append(folded)
            elif value not in unknown:
                unknown.append(value)
        self.usable[facet.param] = chosen
        if unknown:
            problems = [
                ValidationError(f"the unknown {facet.what} “{_shown(v)}”.", "unknown")
                for v in unknown[:NAMED_UNKNOWN]
            ]
            if len(unknown) > NAMED_UNKNOWN:
                more = len(unknown) - NAMED_UNKNOWN
                problems.append(
                    ValidationError(f"{more} more unknown values of {facet.what}.", "unknown")
                )
            raise ValidationError(problems)
        return chosen

    def _choice(self, name: str, choices: dict, default: str, what: str) -> str:
        value = self.cleaned_data[name].lower() or default
        if value not in choices:
            allowed = " or ".join(", ".join(choices).rsplit(", ", 1))
            raise ValidationError(f"the {what} “{_shown(value)}”: use {allowed}.", "invalid")
        self.usable[name] = value
        return value

    def _year(self, name: str, what: str = "year") -> int | None:
        value = self.cleaned_data[name]
        if not value:
            return None
        if (
            not (value.isascii() and value.isdigit() and len(value) <= 4)
            or not MIN_YEAR <= int(value) <= MAX_YEAR
        ):
            raise ValidationError(
                f"the {what} “{_shown(value)}”: not a year between {MIN_YEAR} and {MAX_YEAR}.",
                "invalid",
            )
        self.usable[name] = int(value)
        return int(value)

    # --- what the page and the exports use ----------------------------------------------------

    def unknown_parameters(self) -> list[str]:
        """The names in the address that are none of the timeline's parameters (`?contry=`)."""
        return [name for name in self.data if name not in self.fields]

    def notes(self) -> list[str]:
        """The page's notes: each refused value, and each unknown parameter (the first few of
        them by name), said to have been ignored."""
        self.is_valid()
        notes = [f"Ignored {message}" for errors in self.errors.values() for message in errors]
        unknown = self.unknown_parameters()
        for name in unknown[:NAMED_UNKNOWN]:
            if name.strip():
                notes.append(f"Ignored the unknown parameter “{_shown(name)}”.")
            else:
                notes.append("Ignored a parameter without a name.")
        if len(unknown) > NAMED_UNKNOWN:
            notes.append(f"Ignored {len(unknown) - NAMED_UNKNOWN} more unknown parameters.")
        return notes

    def first_error(self) -> tuple[str, str] | None:
        """An export's answer: the first refused parameter and why, or None."""
        if self.is_valid():
            return None
        name, errors = next(iter(self.errors.items()))
        return name, f"Refused {errors[0]}"

    @property
    def filters(self) -> Filters:
        self.is_valid()
        usable = self.usable
        return Filters(
            **{facet.name: tuple(usable[facet.param]) for facet in FACETS},
            year_from=usable["year_from"],
            year_to=usable["year_to"],
            q=usable["q"],
        )

    @property
    def ordering(self) -> str:
        """The valid order, "asc" or "desc"."""
        self.is_valid()
        return self.usable["order"]

    @property
    def page_number(self) -> int:
        self.is_valid()
        return self.usable["page"]

    @property
    def newest_first(self) -> bool:
        return self.ordering == "desc"

    @property
    def view_mode(self) -> str:
        """The valid view, "list" or "axis"."""
        self.is_valid()
        return self.usable["view"]

    @property
    def lane_mode(self) -> str:
        """What the axis's lanes are: "thread", "country" or "activity"."""
        self.is_valid()
        return self.usable["lanes"]

    @property
    def unfolded(self) -> str:
        """The facet whose whole list of options was asked for (`?more=`), or ""."""
        self.is_valid()
        return self.usable["more"]

    @property
    def query(self) -> QueryDict:
        """The valid parameters only, in a stable order: the base of every link on the page."""
        filters = self.filters
        query = QueryDict(mutable=True)
        if filters.q:
            query["q"] = filters.q
        for facet in FACETS:
            if chosen := getattr(filters, facet.name):
                query.setlist(facet.param, list(chosen))
        if filters.year_from is not None and filters.year_from == filters.year_to:
            query["year"] = str(filters.year_from)
        else:
            for name in ("year_from", "year_to"):
                if getattr(filters, name) is not None:
                    query[name] = str(getattr(filters, name))
        if self.ordering != DEFAULT_ORDER:
            query["order"] = self.ordering
        # The view is part of every link the page writes (chips, years, order), so a reader on
        # the axis stays on it; the lanes only where there is an axis to lay out.
        if self.view_mode != DEFAULT_VIEW:
            query["view"] = self.view_mode
            if self.lane_mode != DEFAULT_LANES:
                query["lanes"] = self.lane_mode
        if self.unfolded:
            query["more"] = self.unfolded
        return query

    def chips(self, *, fixed=()) -> list[Chip]:
        """The active filters, each with the query that removes it; `fixed` ones are left out."""
        filters, base = self.filters, self.query
        chips = []
        if filters.q:
            chips.append(Chip("Search", f"“{_shown(filters.q, 40)}”", query_without(base, "q")))
        for facet in FACETS:
            if facet.param in fixed:
                continue
            chosen = getattr(filters, facet.name)
            for value in chosen:
                rest = [v for v in chosen if v != value]
                query = query_without(base)
                if rest:
                    query.setlist(facet.param, rest)  # in place: the order of parameters holds
                else:
                    del query[facet.param]
                chips.append(Chip(facet.label, self.options[facet.param][value], query))
        year_from, year_to = filters.year_from, filters.year_to
        if year_from is not None or year_to is not None:
            if year_from == year_to:
                shown = str(year_from)
            elif year_to is None:
                shown = f"from {year_from}"
            elif year_from is None:
                shown = f"up to {year_to}"
            else:
                shown = f"{year_from}–{year_to}"
            chips.append(Chip("Years", shown, query_without(base, "year", "year_from", "year_to")))
        return chips


# The facets' fields, after the search box and before the years.
FilterForm.base_fields = {
    "q": FilterForm.base_fields["q"],
    **{facet.param: ManyValuesField(required=False) for facet in FACETS},
    **{name: f for name, f in FilterForm.base_fields.items() if name != "q"},
}
