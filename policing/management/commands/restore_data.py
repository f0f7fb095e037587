"""Replace the timeline's data with a dump written by `backup_data`, all or nothing.

Everything in the backed-up tables is deleted and the dump loaded in one transaction; if the
dump does not load, the database is left as it was.
"""

from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from .backup_data import BACKUP_MODELS


class Command(BaseCommand):
    help = "Restore a backup written by backup_data (replaces the current data)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        if not file.is_file():
            raise CommandError(f"No such backup file: {file}")
        try:
            with transaction.atomic():
                # Events dated relative to others protect them from deletion; unlink first.
                apps.get_model("policing.Event").objects.update(date_relative_to=None)
                for label in reversed(BACKUP_MODELS):
                    apps.get_model(label).objects.all().delete()
                call_command("loaddata", str(file), verbosity=0)
        except Exception as error:
            raise CommandError(f"The backup did not load; nothing was changed. {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Restored {file}"))
