"""What happens around every save: text is tidied before it, and the data version moves on
after it, whichever way a change arrives (the admin, the ORM, `load_curated`,
`import_sources`, `restore_data`). Connected once, in `PolicingConfig.ready()`."""

from django.db.models import signals

from .models import Citation, Country, DataVersion, Event, Figure, Passage, Source
from .text import tidy_fields

# Every model whose rows a public page or export shows.
PUBLIC_MODELS = (Event, Citation, Figure, Country, Source, Passage)


def connect() -> None:
    for model in PUBLIC_MODELS:
        signals.pre_save.connect(tidy_fields, sender=model, dispatch_uid=f"tidy-{model.__name__}")
        signals.post_save.connect(
            DataVersion.bump, sender=model, dispatch_uid=f"bump-save-{model.__name__}"
        )
        signals.post_delete.connect(
            DataVersion.bump, sender=model, dispatch_uid=f"bump-delete-{model.__name__}"
        )
    signals.m2m_changed.connect(
        DataVersion.bump, sender=Event.countries.through, dispatch_uid="bump-countries"
    )
