"""What happens around every save: text is tidied before it, and the data version moves on
after it, whichever way a change arrives (the admin, the ORM, `load_curated`,
`import_sources`, `restore_data`). Connected once, in `PolicingConfig.ready()`.

Each bump also tells the facet index which events to read again (`IndexChange`): an event's
own rows name it, a change to a country, actor or thread (whose values the facets read
through many events) names none, which means "rebuild".
"""

from django.db.models import signals

from policing.models import (
    Actor,
    Citation,
    Correction,
    Country,
    DataVersion,
    Event,
    EventActor,
    EventRelation,
    Figure,
    Participant,
    Passage,
    Release,
    Source,
    Thread,
)
from policing.text.tidy import tidy_fields

# Every model whose rows a public page or export shows, and how a change to one of its rows
# reaches the facet index: the events it changes (`event_id`, or the event itself), none
# (what it shows is not filtered by), or any (None).
PUBLIC_MODELS = {
    Event: lambda row: [row.pk],
    Participant: lambda row: [row.event_id],
    EventActor: lambda row: [row.event_id],
    EventRelation: lambda row: [],
    Citation: lambda row: [row.event_id],  # its first or last makes the event public or not
    Figure: lambda row: [],
    Source: lambda row: [],
    Passage: lambda row: [],
    Country: lambda row: None,  # its region, read through every participant
    Actor: lambda row: None,  # its slug, read through every event it acts in
    Thread: lambda row: None,
    # Shown on event pages ("first appeared in release …", "Corrections"), filtered by nothing.
    Release: lambda row: [],
    Correction: lambda row: [],
}
# Tidied before saving (the models with editors' free text).
TIDIED_MODELS = (Event, Citation, Figure, Country, Source, Passage)


def row_changed(sender, instance, **kwargs) -> None:
    DataVersion.bump(events=PUBLIC_MODELS[sender](instance))


def countries_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """`event.countries.add(…)` (or `country.events.add(…)`) writes participants in bulk,
    without their own signals."""
    if not action.startswith("post_"):
        return
    # From a country, the events are the keys given, or (on clear) not known.
    events = [instance.pk] if not reverse else (list(pk_set) if pk_set is not None else None)
    DataVersion.bump(events=events)


def connect() -> None:
    for model in TIDIED_MODELS:
        signals.pre_save.connect(tidy_fields, sender=model, dispatch_uid=f"tidy-{model.__name__}")
    for model in PUBLIC_MODELS:
        signals.post_save.connect(
            row_changed, sender=model, dispatch_uid=f"bump-save-{model.__name__}"
        )
        signals.post_delete.connect(
            row_changed, sender=model, dispatch_uid=f"bump-delete-{model.__name__}"
        )
    signals.m2m_changed.connect(
        countries_changed, sender=Event.countries.through, dispatch_uid="bump-countries"
    )
