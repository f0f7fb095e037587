"""The timeline's filter form: reads the query string leniently, never fails.

Every state of the timeline is a permalink, so the parameters come from people editing URLs as
much as from the form. An invalid value is dropped, the rest still apply, and each dropped
value leaves a short note the page shows (escaped, and cut short, like everything echoed).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.http import QueryDict
from django.utils.text import Truncator

from .models import Country, Kind, Region

MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_QUERY_LENGTH = 200
# More values than this for one parameter is not a person choosing filters.
MAX_VALUES = 50
ORDER_CHOICES = {"asc": "Oldest first", "desc": "Newest first"}
DEFAULT_ORDER = "asc"


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


class TimelineFilterForm(forms.Form):
    q = ValueField(required=False, label="Search")
    country = ManyValuesField(required=False)
    region = ManyValuesField(required=False)
    kind = ManyValuesField(required=False)
    year = ValueField(required=False)
    year_from = ValueField(required=False, label="From")
    year_to = ValueField(required=False, label="To")
    order = ValueField(required=False)
    page = ValueField(required=False)

    def __init__(self, data=None, *, countries=None, **kwargs):
        super().__init__(data if data is not None else QueryDict(), **kwargs)
        if countries is None:
            countries = Country.objects.all()
        self.countries = {c.code: c for c in countries}
        self.notes: list[str] = []

    # --- cleaning: each method drops what it cannot use and says so -----------------------

    def clean_q(self) -> str:
        text = " ".join(self.cleaned_data["q"].split())
        if len(text) > MAX_QUERY_LENGTH:
            self.notes.append(
                f"The search text was cut to its first {MAX_QUERY_LENGTH} characters."
            )
            text = text[:MAX_QUERY_LENGTH].rstrip()
        return text

    def clean_country(self) -> list[str]:
        return self._choose(self.cleaned_data["country"], self.countries, "country code", str.upper)

    def clean_region(self) -> list[str]:
        return self._choose(self.cleaned_data["region"], Region, "region", str.lower)

    def clean_kind(self) -> list[str]:
        return self._choose(self.cleaned_data["kind"], Kind, "kind of event", str.lower)

    def clean_year(self) -> int | None:
        return self._year("year")

    def clean_year_from(self) -> int | None:
        return self._year("year_from", "start year")

    def clean_year_to(self) -> int | None:
        return self._year("year_to", "end year")

    def clean_order(self) -> str:
        order = self.cleaned_data["order"].lower()
        if order and order not in ORDER_CHOICES:
            self.notes.append(f"Ignored the order “{_shown(order)}”: use asc or desc.")
            order = ""
        return order or DEFAULT_ORDER

    def clean_page(self) -> int:
        page = self.cleaned_data["page"]
        if not page:
            return 1
        if not (page.isascii() and page.isdigit()) or len(page) > 6 or int(page) < 1:
            self.notes.append(f"Ignored the page “{_shown(page)}”: not a page number.")
            return 1
        return int(page)

    def clean(self):
        data = super().clean()
        year, year_from, year_to = data.get("year"), data.get("year_from"), data.get("year_to")
        if year is not None:
            if year_from is not None or year_to is not None:
                self.notes.append(f"Ignored the year range: a single year ({year}) was also given.")
            data["year_from"] = data["year_to"] = year
        elif year_from is not None and year_to is not None and year_from > year_to:
            self.notes.append(
                f"Ignored the years {year_from} to {year_to}: the start is after the end."
            )
            data["year_from"] = data["year_to"] = None
        data["year"] = None
        return data

    def _choose(self, values, valid, what: str, fold) -> list[str]:
        chosen, dropped = [], []
        for value in values:
            if not value:
                continue
            folded = fold(value)
            if folded in valid:
                if folded not in chosen:
                    chosen.append(folded)
            elif value not in dropped:
                dropped.append(value)
        for value in dropped[:5]:
            self.notes.append(f"Ignored the unknown {what} “{_shown(value)}”.")
        if len(dropped) > 5:
            self.notes.append(f"Ignored {len(dropped) - 5} more unknown values of {what}.")
        return chosen

    def _year(self, name: str, what: str = "year") -> int | None:
        value = self.cleaned_data[name]
        if not value:
            return None
        if (
            not (value.isascii() and value.isdigit() and len(value) <= 4)
            or not MIN_YEAR <= int(value) <= MAX_YEAR
        ):
            self.notes.append(
                f"Ignored the {what} “{_shown(value)}”: "
                f"not a year between {MIN_YEAR} and {MAX_YEAR}."
            )
            return None
        return int(value)

    # --- what the views and templates use ----------------------------------------------------

    @property
    def filters(self) -> dict:
        """Keyword arguments for `EventQuerySet.filtered()` and `FacetIndex.masks()`."""
        data = self.cleaned_data
        return {
            "countries": data["country"],
            "regions": data["region"],
            "kinds": data["kind"],
            "year_from": data["year_from"],
            "year_to": data["year_to"],
            "q": data["q"],
        }

    @property
    def newest_first(self) -> bool:
        return self.cleaned_data["order"] == "desc"

    @property
    def is_filtered(self) -> bool:
        return any(v not in (None, "", []) for v in self.filters.values())

    @property
    def query(self) -> QueryDict:
        """The valid parameters only, in a stable order: the base of every link on the page."""
        data = self.cleaned_data
        query = QueryDict(mutable=True)
        if data["q"]:
            query["q"] = data["q"]
        for name in ("country", "region", "kind"):
            if data[name]:
                query.setlist(name, data[name])
        if data["year_from"] is not None and data["year_from"] == data["year_to"]:
            query["year"] = str(data["year_from"])
        else:
            for name in ("year_from", "year_to"):
                if data[name] is not None:
                    query[name] = str(data[name])
        if data["order"] != DEFAULT_ORDER:
            query["order"] = data["order"]
        return query

    def chips(self, *, fixed=()) -> list[Chip]:
        """The active filters, each with the query that removes it; `fixed` ones are left out."""
        data, base = self.cleaned_data, self.query
        chips = []
        if data["q"]:
            chips.append(Chip("Search", f"“{_shown(data['q'], 40)}”", query_without(base, "q")))
        labels = {
            "country": ("Country", lambda v: self.countries[v].name),
            "region": ("Region", lambda v: Region(v).label),
            "kind": ("Kind", lambda v: Kind(v).label),
        }
        for name, (label, show) in labels.items():
            if name in fixed:
                continue
            for value in data[name]:
                rest = [v for v in data[name] if v != value]
                query = base.copy()
                if rest:
                    query.setlist(name, rest)  # in place, so the order of parameters holds
                else:
                    del query[name]
                chips.append(Chip(label, show(value), query))
        year_from, year_to = data["year_from"], data["year_to"]
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


def query_without(query: QueryDict, *names: str) -> QueryDict:
    query = query.copy()
    for name in names:
        query.pop(name, None)
    return query
