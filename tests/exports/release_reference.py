"""A release's rows as they were read before the release went through `rows.read`: model
instances fetched with `for_timeline()`'s relations, one query per relation and chunk, and the
catalogue tables read from model instances. Kept as the reference the release must equal byte
for byte (`test_releases.py`): a copy of `tables.py`'s functions at the time. Do not bring it
up to date: a changed cell is what the comparison is there to catch."""

from __future__ import annotations

from policing.exports import contract
from policing.exports.releases import tables
from policing.models import Actor, Country, Event, Source, Thread


def export_objects(*, base_url: str, chunk: int = 500):
    events = Event.objects.published().for_timeline().prefetch_related(None).chronological()
    batch: list[Event] = []
    for event in events.iterator(chunk_size=chunk):
        batch.append(event)
        if len(batch) == chunk:
            yield from _as_dicts(batch, base_url)
            batch = []
    yield from _as_dicts(batch, base_url)


def _as_dicts(events: list[Event], base_url: str):
    _attach(events)
    for event in events:
        yield contract.event_as_dict(event, base_url=base_url)


def _attach(events: list[Event]) -> None:
    by_pk = {event.pk: event for event in events}
    caches = {pk: {} for pk in by_pk}
    for lookup in Event.objects.for_timeline()._prefetch_related_lookups:
        name = getattr(lookup, "prefetch_to", lookup)
        if name == "countries":
            continue
        rel = getattr(Event, name).rel
        queryset = getattr(lookup, "queryset", None)
        if queryset is None:
            queryset = rel.related_model._default_manager.all()
        for cache in caches.values():
            cache[name] = []
        field = rel.field
        for row in queryset.filter(**{f"{field.name}__in": list(by_pk)}):
            caches[getattr(row, field.attname)][name].append(row)
    for pk, event in by_pk.items():
        cache = caches[pk]
        cache["countries"] = [p.country for p in cache["participants"] if p.country_id]
        event._prefetched_objects_cache = cache


def write_catalogue(writers: tables.Writers) -> None:
    for country in Country.objects.order_by("code"):
        writers.write(tables.COUNTRIES, [country.code, country.name, country.region])
    for actor in Actor.objects.order_by("slug"):
        writers.write(
            tables.ACTORS,
            [actor.slug, actor.name, actor.kind, actor.country_id, actor.description],
        )
    for thread in Thread.objects.order_by("slug"):
        writers.write(tables.THREADS, [thread.slug, thread.title, thread.summary])
    sources = Source.objects.select_related("rewrite_of").defer("text").order_by("slug")
    for source in sources:
        writers.write(
            tables.SOURCES,
            [
                source.slug,
                source.title,
                source.outlet,
                source.carried_by,
                source.published_edtf,
                source.published_inferred,
                source.url,
                source.original_url,
                source.derivation,
                source.rewrite_of.slug if source.rewrite_of_id else None,
            ],
        )
    for part in tables.source_parts():
        writers.write(tables.SOURCE_PARTS, part)


def use(monkeypatch) -> None:
    """Make the release read its rows as it did before `rows.read`."""
    monkeypatch.setattr(tables, "export_objects", export_objects)
    monkeypatch.setattr(tables, "write_catalogue", write_catalogue)
