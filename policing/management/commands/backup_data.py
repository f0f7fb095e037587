"""Write a dated, lossless dump of the timeline's data: countries, sources with their passages,
events with their citations and figures, and the events' version history.

Restore it with `restore_data` (or `make restore FILE=...`).
"""

import datetime as dt
import itertools
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder

# Order matters for loading: what is referred to comes first.
BACKUP_MODELS = [
    "policing.Country",
    "policing.Source",
    "policing.Passage",
    "policing.Event",
    "policing.Citation",
    "policing.Figure",
    "reversion.Revision",
    "reversion.Version",
]


class LosslessEncoder(DjangoJSONEncoder):
    """Django's encoder cuts datetimes to milliseconds; a backup keeps every microsecond."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class Command(BaseCommand):
    help = "Dump events, citations, countries and sources to backups/backup-<timestamp>.json."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=None, help="File to write.")

    def handle(self, *args, output=None, **options):
        if output is None:
            stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
            output = Path(settings.BASE_DIR) / "backups" / f"backup-{stamp}.json"
        output.parent.mkdir(parents=True, exist_ok=True)
        querysets = (
            apps.get_model(label)._default_manager.order_by("pk") for label in BACKUP_MODELS
        )
        with open(output, "w", encoding="utf-8") as stream:
            serializers.serialize(
                "json",
                itertools.chain.from_iterable(querysets),
                cls=LosslessEncoder,
                use_natural_foreign_keys=True,
                indent=1,
                stream=stream,
            )
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))
