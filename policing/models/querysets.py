"""How the timeline, the exports and the admin read events and sources: chainable QuerySet
methods, with the timeline's order defined once."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from django.apps import apps
from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models.expressions import Col, RawSQL
from django.db.models.functions import Collate, JSONObject, RowNumber

from policing.links import address, addresser, citation_address
from policing.models.choices import OTHER_PARTIES
from policing.text import anchoring, derivation, search

# The FTS5 index over Event.search_text on SQLite (migration 0008).
SQLITE_SEARCH_TABLE = "policing_event_fts"


def _model(name: str):
    """A model of this app, from Django's registry: the models' modules import this one, so it
    does not import them back."""
    return apps.get_model("policing", name)


# What a timeline card shows (EventQuerySet.cards): reading only these keeps each row small.
CARD_FIELDS = [
    "slug",
    "title",
    "kind",
    "activity",
    "stage",
    "summary",
    "disputed",
    "date_start",
    "date_precision",
    "date_approximate",
    "date_end",
    "date_end_precision",
    "date_edtf",
]
# What the time axis draws of an event (EventQuerySet.axis_rows, policing/timeline/axis.py).
AXIS_FIELDS = [
    "id",
    "slug",
    "title",
    "activity",
    "stage",
    "date_edtf",
    "start_year",
    "end_year",
    "thread__slug",
]
FIGURE_FIELDS = ["event_id", "label", "value", "unit", "qualifier"]
CITATION_FIELDS = [
    "event_id",
    "quote",
    "start",
    "end",
    "source__slug",
    "source__outlet",
    "source__carried_by",
    "passage__anchor",
    "passage__ordinal",
    "passage__text",
    # The origin of the words (derivation.origin): the passage's, the document's, or its own.
    "passage__derived_from__slug",
    "source__rewrite_of__slug",
]


# The timeline's order, oldest first; newest first is exactly its reverse. `date_start` is the
# earliest day an event's EDTF date allows (the latest, where only that is known), and
# `date_end` the last date of its range or set (dates.legacy derives both): events sort by
# their earliest possible day. A missing `date_end` sorts first and titles compare by code
# point, on every database (`timeline_ordering`), so that the facet index, which places a
# changed event among the others in Python (`timeline_key`), orders as a query does.
TIMELINE_ORDER = ("date_start", "date_end", "title", "pk")


def timeline_ordering(vendor: str, *, newest_first: bool = False, prefix: str = "") -> list:
    """`TIMELINE_ORDER` as `order_by()` arguments for a database of this vendor, the same on
    all of them: SQLite puts NULLs first and compares text by its bytes by default, where
    PostgreSQL puts NULLs last and compares text by the database's locale."""
    ordering = []
    for name in TIMELINE_ORDER:
        field = f"{prefix}{name}"
        value = models.F(field)
        if name == "title" and vendor == "postgresql":
            value = Collate(field, "C")  # UTF-8 bytes compare as code points
        if newest_first:
            ordering.append(value.desc(nulls_last=True) if name == "date_end" else value.desc())
        else:
            ordering.append(value.asc(nulls_first=True) if name == "date_end" else value.asc())
    return ordering


NO_DATE = -1  # a missing date, as a day's ordinal: first, as the database orders it


def day_number(day) -> int:
    """A date as its ordinal, `NO_DATE` for none: how the timeline key compares days."""
    return day.toordinal() if day is not None else NO_DATE


def row_key(start: int, end: int, title: str, pk: int) -> tuple:
    """`TIMELINE_ORDER` as a comparable tuple of plain values: days as ordinals
    (`day_number`), a missing end first, titles by code point, as `timeline_ordering` makes
    every database order. The facet index keeps these columns and bisects on this key."""
    return (start, end, title, pk)


def timeline_key(event) -> tuple:
    """`row_key` for an event in memory."""
    return row_key(
        day_number(event.date_start), day_number(event.date_end), event.title, event.pk or 0
    )


def _participation() -> list:
    """Who took part and the actors, as the event page and the exports show them."""
    return [
        models.Prefetch(
            "participants", queryset=_model("Participant").objects.select_related("country")
        ),
        models.Prefetch(
            "actor_roles", queryset=_model("EventActor").objects.select_related("actor")
        ),
    ]


def _research_prefetches() -> list:
    """What the exports show of the research model: the countries, who took part, the actors
    and the relations to other events (in a fixed number of queries)."""
    return [
        "countries",
        *_participation(),
        models.Prefetch(
            "relations", queryset=_model("EventRelation").objects.select_related("other")
        ),
    ]


def public(relation: str = "") -> models.Q:
    """What the public reads, as a condition: events published *and* citing a source. The
    admin refuses to publish an event without a citation (`Event.check_cited`), but a row
    saved through the ORM, restored or left without its last citation is shown by this rule,
    not by that one. `relation`: for the rows of a table naming an event, that field ("event").
    """
    prefix = f"{relation}__" if relation else ""
    cited = _model("Citation").objects.filter(event=models.OuterRef(relation or "pk"))
    return models.Q(**{f"{prefix}published": True}) & models.Q(models.Exists(cited))


class EventQuerySet(models.QuerySet):
    """Chainable filters for the timeline, the exports and the admin."""

    def published(self):
        """The events the public sees (`public`)."""
        return self.filter(public())

    def uncited(self):
        """Events that cite no source: a published event must cite one (`Event.check_cited`)."""
        return self.filter(citations__isnull=True)

    def search(self, text: str):
        """Events whose title, summary or quoted words contain every word of `text`
        (search.compose), stemmed: "pledged" finds "pledge", "3000" finds "3,000".

        PostgreSQL uses full-text search with its English configuration (a GIN index,
        migration 0003). SQLite uses its FTS5 index with the porter stemmer (migration 0014):
        every word must begin a word of the text once both are stemmed, so "repatri" finds
        "repatriation", ignoring case and accents.
        """
        text = search.normalise(text)
        if not text.split():
            return self
        if connections[self.db].vendor == "postgresql":
            from django.contrib.postgres.search import SearchVector

            return self.annotate(
                search_vector=SearchVector("search_text", config="english")
            ).filter(search_vector=_postgresql_query(text))
        match = _fts_match(text)
        if match is None:
            return self.none()
        matching = RawSQL(
            f"SELECT rowid FROM {SQLITE_SEARCH_TABLE} WHERE {SQLITE_SEARCH_TABLE} MATCH %s", [match]
        )
        return self.filter(pk__in=matching)

    def excerpts(self, ids, text: str) -> dict[int, str]:
        """For the events `ids` that `text` finds, a short excerpt of what they are searched by
        around the match, the matched words between `search.MATCH_START` and `MATCH_END`
        (not yet escaped: see `search.excerpt_html`). One query."""
        text = search.normalise(text)
        ids = list(ids)
        if not ids or not text.split():
            return {}
        if connections[self.db].vendor == "postgresql":
            from django.contrib.postgres.search import SearchHeadline

            headline = SearchHeadline(
                "search_text",
                _postgresql_query(text),
                config="english",
                start_sel=search.MATCH_START,
                stop_sel=search.MATCH_END,
                max_words=search.EXCERPT_WORDS,
                min_words=search.EXCERPT_WORDS // 2,
                max_fragments=1,
            )
            rows = self.filter(pk__in=ids).annotate(excerpt=headline).values_list("pk", "excerpt")
            return dict(rows)
        if _fts_match(text) is None:
            return {}
        # The words as whole words first: FTS5 answers that from each word's own list, where
        # a prefix ("border"*) makes it gather every row with a word so begun (300 ms against
        # 8 at 100,000 events). A second query, as prefixes, only for the events the first
        # left without an excerpt (a word still being typed).
        found = self._snippets(ids, _fts_match(text, prefix=False))
        if missing := [pk for pk in ids if pk not in found]:
            found |= self._snippets(missing, _fts_match(text))
        return found

    def _snippets(self, ids: list, match: str) -> dict[int, str]:
        table = SQLITE_SEARCH_TABLE
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, snippet({table}, -1, %s, %s, '…', %s) FROM {table} "
                f"WHERE {table} MATCH %s AND rowid IN ({', '.join(['%s'] * len(ids))})",
                [search.MATCH_START, search.MATCH_END, search.EXCERPT_WORDS, match, *ids],
            )
            return dict(cursor.fetchall())

    def chronological(self, newest_first: bool = False):
        """Timeline order (`TIMELINE_ORDER`), or exactly its reverse."""
        # One direction throughout, so on SQLite the (published, date_start, date_end, title)
        # index serves both orders. The id breaks ties, so newest first is exactly oldest first
        # reversed (the facet index relies on it).
        vendor = connections[self.db].vendor
        return self.order_by(*timeline_ordering(vendor, newest_first=newest_first))

    def for_timeline(self):
        """Fetch an event with its countries, figures and citations in a fixed number of
        queries, as the exports, the feed and the event's JSON show them. (The timeline page's
        cards use the lighter `cards()`.)"""
        # The sources' full texts are not shown on a card: leave them in the database.
        return (
            self.defer("search_text")
            .select_related("thread")
            .prefetch_related(*_research_prefetches(), "figures", _citations_with_origins())
        )

    def cards(self, ids) -> list:
        """The events `ids` in that order, with what a timeline card shows attached as lists:
        `card_countries`, `card_figures` and `card_citations`, and `card_independent`, how
        many independent reports the citations come from.

        Four plain queries instead of `for_timeline()`'s prefetches, each compiled once per
        number of ids (`rows_for_ids`); citations come as `CardCitation`s and countries as
        `CardCountry`s, not model instances. An id no longer in the database is skipped.
        """
        ids = list(dict.fromkeys(ids))
        using = self.db
        fields = _in_model_order(self.model, CARD_FIELDS)
        events = {
            row[0]: self.model.from_db(using, fields, row)
            for row in rows_for_ids(_card_events, ids, using)
        }
        for event in events.values():
            event.card_countries, event.card_figures, event.card_citations = [], [], []
        for event_id, code, name in rows_for_ids(_card_countries, ids, using):
            events[event_id].card_countries.append(CardCountry(code, name))
        figure_model = _model("Figure")
        figure_fields = _in_model_order(figure_model, FIGURE_FIELDS)
        for row in rows_for_ids(_card_figures, ids, using):
            figure = figure_model.from_db(using, figure_fields, row)
            events[figure.event_id].card_figures.append(figure)
        at = addresser()
        for row in rows_for_ids(_card_citations, ids, using):
            event_id, quote, start, end, slug, outlet, carrier, anchor, ordinal, text = row[:10]
            quoted = anchoring.quoted_span(text, start, end, quote)
            url = citation_address(slug, anchor, quoted, events[event_id].slug, at=at)
            origin = derivation.origin(*row[10:], slug)
            shown = derivation.outlet_name(outlet, carrier)
            citation = CardCitation(url, shown, ordinal, origin, quote)
            events[event_id].card_citations.append(citation)
        for event in events.values():
            origins = (c.origin for c in event.card_citations)
            event.card_independent = derivation.independent_count(origins)
        return [events[i] for i in ids if i in events]

    def axis_rows(self, ids) -> list[dict]:
        """The events `ids` in that order, as dicts of `AXIS_FIELDS`: what the time axis draws.
        One query, whatever the number of events (the axis asks for at most
        `axis.MAX_MARKS`; an id no longer in the database is skipped)."""
        rows = {row["id"]: row for row in self.filter(pk__in=ids).values(*AXIS_FIELDS)}
        return [rows[i] for i in ids if i in rows]

    def for_detail(self):
        """What the event page shows: its participants and actors, its figures with where each
        comes from, its citations, and its corrections and releases (`with_history`). (Its
        countries are its participants'; its relations, both ways, are one query of their
        own: `Event.relations_both_ways`.)"""
        return (
            self.with_history()
            .select_related("date_source", "date_relative_to", "thread")
            .prefetch_related(
                *_participation(),
                models.Prefetch(
                    "figures",
                    queryset=_model("Figure").objects.select_related(
                        "source", "citation__source", "citation__passage", "citation__event"
                    ),
                ),
                _citations_with_origins(),
            )
        )

    def with_history(self):
        """Each event with its corrections (`correction_rows`) and the release entries of its
        slug, each with its release (`release_rows`), as JSON arrays of objects (None where
        there are none) read in the event's own query: the event page's "Releases and
        corrections" costs no query of its own (presenters.event_detail.history makes the
        objects back into model instances, and orders them)."""
        corrections = _model("Correction").objects.filter(event=models.OuterRef("pk"))
        entries = _model("ReleaseEntry").objects.filter(slug=models.OuterRef("slug"))
        return self.annotate(
            correction_rows=_json_rows(
                corrections,
                "event",
                id="pk",
                created="created",
                kind="kind",
                reason="reason",
                changes="changes",
            ),
            release_rows=_json_rows(
                entries,
                "slug",
                id="release_id",
                version="release__version",
                created="release__created",
                change="change",
            ),
        )

    def filtered(self, filters):
        """The timeline's filters (a `timeline.filters.Filters`), with the conditions it
        defines: OR within a facet, AND across facets. (The filters bring their conditions, as
        `Q` objects: this layer does not import the timeline's.)"""
        qs, joins = self, False
        for conditions in filters.groups().values():
            qs = qs.filter(*(condition.as_q() for condition in conditions))
            joins = joins or any(condition.joins for condition in conditions)
        if filters.q:
            qs = qs.search(filters.q)
        return qs.distinct() if joins else qs

    def naming_only_regions(self) -> dict[str, list[int]]:
        """For each region, the events among these that name it as another party without
        naming a country ("African police"): the map lists them beside the countries."""
        rows = (
            _model("Participant")
            .objects.filter(event__in=self, country__isnull=True, role__in=OTHER_PARTIES)
            .values_list("region", "event_id")
        )
        result: dict[str, list[int]] = {}
        for region, event_id in rows:
            result.setdefault(region, []).append(event_id)
        return result

    def latest_per_country(
        self, codes, per_country: int, *, exclude=None
    ) -> dict[str, tuple[list, int]]:
        """For each country: its newest `per_country` published events, and how many there are.

        One query whatever the number of countries or events: window functions rank each
        country's events and count them. The events come back with the fields a link shows.
        It filters by joining rather than by `IN (subquery)`, which is 7x faster on SQLite.
        """
        by_country = {"partition_by": models.F("country_id")}
        vendor = connections[self.db].vendor
        newest = timeline_ordering(vendor, newest_first=True, prefix="event__")
        fields = ["slug", "title", "date_start", "date_precision", "date_approximate"]
        fields += ["date_end", "date_end_precision", "date_edtf"]
        rows = (
            self.model.countries.through.objects.filter(public("event"), country_id__in=codes)
            .exclude(event_id=getattr(exclude, "pk", None))
            .annotate(
                rank=models.Window(RowNumber(), order_by=newest, **by_country),
                total=models.Window(models.Count("*"), **by_country),
            )
            .filter(rank__lte=per_country)
            .order_by("country_id", "rank")
            .values("country_id", "total", "event_id", *[f"event__{f}" for f in fields])
        )
        result = {code: ([], 0) for code in codes}
        for row in rows:
            event = self.model(pk=row["event_id"], **{f: row[f"event__{f}"] for f in fields})
            result[row["country_id"]][0].append(event)
            result[row["country_id"]] = (result[row["country_id"]][0], row["total"])
        return result


def _postgresql_query(text: str):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(" ".join(text.split()), config="english", search_type="websearch")


def _fts_match(text: str, *, prefix: bool = True) -> str | None:
    """What people type as an FTS5 query: each word quoted, so that FTS5 syntax ("AND", "*",
    "-") stays literal, and a prefix unless `prefix` is false; None when no word has a letter
    or digit to match."""
    words = [word for word in text.split() if any(char.isalnum() for char in word)]
    if not words:
        return None
    star = "*" if prefix else ""
    return " ".join('"{}"{}'.format(word.replace('"', '""'), star) for word in words)


class JSONRows(models.Aggregate):
    """Its expression's values, one a row, as a JSON array (SQLite's JSON_GROUP_ARRAY,
    PostgreSQL's JSONB_AGG, which Django reads back as text, as it reads a JSONField)."""

    function = "JSON_GROUP_ARRAY"
    output_field = models.JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def _json_rows(rows, key: str, **fields):
    """A subquery: `fields` of each of `rows` (all of one event, sharing `key`) as a JSON
    array of objects, in no particular order."""
    grouped = rows.order_by().values(key)
    array = grouped.annotate(rows=JSONRows(JSONObject(**fields))).values("rows")
    return models.Subquery(array, output_field=models.JSONField())


def _citations_with_origins():
    """An event's citations with their sources, passages and the reports they derive from
    (`Citation.origin`), in one query; the documents' texts stay in the database."""
    heavy = [
        f"{related}__{field}"
        for related in ["source", "source__rewrite_of", "passage__derived_from"]
        for field in ["text", "provenance"]
    ]
    citations = (
        _model("Citation")
        .objects.select_related("source__rewrite_of", "passage__derived_from")
        .defer(*heavy)
    )
    return models.Prefetch("citations", queryset=citations.order_by("order", "pk"))


# The card queries (EventQuerySet.cards), each a function of the ids.
def _card_events(ids):
    return (
        _model("Event")
        .objects.filter(pk__in=ids)
        .values_list(*_in_model_order(_model("Event"), CARD_FIELDS))
    )


def _card_countries(ids):
    through = _model("Event").countries.through.objects
    return (
        through.filter(event_id__in=ids, country__isnull=False)
        .values_list("event_id", "country__code", "country__name")
        .order_by("country__name")
    )


def _card_figures(ids):
    return (
        _model("Figure")
        .objects.filter(event_id__in=ids)
        .values_list(*_in_model_order(_model("Figure"), FIGURE_FIELDS))
    )


def _in_model_order(model, fields) -> list[str]:
    """The id and `fields` in the order of the model's columns, as `Model.from_db()` reads
    a row."""
    wanted = {"id", *fields}
    return [f.attname for f in model._meta.concrete_fields if f.attname in wanted]


def _card_citations(ids):
    return (
        _model("Citation")
        .objects.filter(event_id__in=ids)
        .order_by("order", "pk")
        .values_list(*CITATION_FIELDS)
    )


def rows_for_ids(query, ids: list, using: str) -> list:
    """The rows of `query(ids)`, a values_list() query whose only parameters are the ids, as
    Django would return them, with its SQL compiled once per number of ids (`query` is a
    function of module level: the cards' queries here, the exports' in `exports/rows.py`).

    Compiling a query costs Django more than SQLite takes to run one of a page's: 1.6 ms
    against 0.3 ms for the citations of 25 events, with their joins; for the 500 ids of an
    export's chunk, preparing the ids alone took longer than reading the rows."""
    if not ids:
        return []
    sql, converters = _compiled(query, len(ids), using)
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        return _converted(cursor.fetchall(), converters, connection)


def streamed_rows(queryset, *, chunk_size: int) -> Iterator[tuple]:
    """The rows of the values_list() `queryset`, as Django's `iterator(chunk_size)` gives
    them and on the same cursor (server-side on PostgreSQL), converted as `rows_for_ids`
    converts: an export reads every matching event, and Django's converters of its dates and
    flags, which only checked them again, were a fifth of that query's time."""
    connection = connections[queryset.db]
    compiler = queryset.query.get_compiler(queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:  # a filter no row can match: Django asks nothing either
        return
    count = compiler.col_count
    names = [alias for _, _, alias in compiler.select[:count]]
    if names != list(queryset._fields):
        raise ValueError(f"Only the fields named are read, in their order, not {names}.")
    converters = _converters(compiler)
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk_size):
            if compiler.has_extra_select:  # what a DISTINCT query orders by, as Django drops it
                rows = [row[:count] for row in rows]
            yield from _converted(rows, converters, connection)


@functools.lru_cache(maxsize=256)
def _compiled(query, count: int, using: str) -> tuple[str, list]:
    """The SQL of `query` for `count` ids, and the converters its columns need (`_converters`)."""
    placeholders = list(range(-count, 0))  # distinct, as an `__in` lookup keeps them
    compiler = query(placeholders).query.get_compiler(using)
    sql, params = compiler.as_sql()
    if list(params) != placeholders:
        raise ValueError(f"{query.__name__}: only the ids may be parameters.")
    return sql, _converters(compiler)


# Columns whose values both databases' drivers give as Python's types: psycopg by itself, and
# Python's sqlite3 through the converters Django's SQLite backend registers for the declared
# types of its columns ("date", "bool"). Django's own converters of these fields only check
# such a value again.
_TYPED_BY_THE_DRIVER = {"DateField", "BooleanField"}


def _converters(compiler) -> list[tuple]:
    """The converters Django's compiler lists for the selected columns (position, functions,
    expression), but for a plain column the driver already gives as a `date` or a `bool`."""
    columns = [selected[0] for selected in compiler.select[: compiler.col_count]]
    return [
        (position, functions, expression)
        for position, (functions, expression) in compiler.get_converters(columns).items()
        if not (
            isinstance(expression, Col)
            and expression.output_field.get_internal_type() in _TYPED_BY_THE_DRIVER
            and not hasattr(expression.output_field, "from_db_value")
        )
    ]


def _converted(rows: list, converters: list, connection) -> list:
    if not converters:  # text, numbers, dates and flags arrive as they are
        return rows
    converted = []
    for row in map(list, rows):
        for position, functions, expression in converters:
            for convert in functions:
                row[position] = convert(row[position], expression, connection)
        converted.append(row)
    return converted


class CardCountry(NamedTuple):
    """A country as a timeline card links it (see `EventQuerySet.cards`)."""

    code: str
    name: str

    def get_absolute_url(self) -> str:
        return address("country-detail", self.code.lower())


@dataclass(frozen=True)
class CardCitation:
    """A citation as a timeline card links it (see `EventQuerySet.cards`)."""

    url: str
    outlet: str  # as `Source.outlet_display` names it
    ordinal: int
    origin: str = ""  # slug of the report the words come from
    quote: str = ""  # as the editor typed it (what the search reads)


class SourceQuerySet(models.QuerySet):
    def with_counts(self):
        """Each source with `passage_count` and `event_count` (published events citing it).

        One subquery per count: two distinct counts over joins multiplied the rows and grouped
        them by every column, the full text included (158 ms for the five sources; this takes
        under 1 ms)."""
        passages = _model("Passage").objects.filter(source=models.OuterRef("pk"))
        events = _model("Citation").objects.filter(
            source=models.OuterRef("pk"), event__published=True
        )
        return self.annotate(
            passage_count=_count(passages, "pk"), event_count=_count(events, "event")
        )


def _count(queryset, field: str):
    """`COUNT(DISTINCT field)` over `queryset`, as a subquery: 0 when it has no rows."""
    # A plain function, not `Count`: an aggregate would add a GROUP BY to the subquery.
    count = models.Func(field, function="COUNT", template="%(function)s(DISTINCT %(expressions)s)")
    counted = queryset.order_by().values(n=count)
    return models.Subquery(counted, output_field=models.IntegerField())
