"""Load the curated countries and events in `fixtures/`, validating every citation and date.

Idempotent: events already in the database are left alone (an editor may have corrected them);
`--update` overwrites them from the fixtures. Any problem aborts the whole load.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from policing.corpus.curation import CurationError, load_curated


class Command(BaseCommand):
    help = "Load fixtures/countries.json and fixtures/events.json (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--fixtures", type=Path, default=None)
        parser.add_argument(
            "--update", action="store_true", help="Overwrite existing events from the fixtures."
        )
        parser.add_argument("--dry-run", action="store_true", help="Validate, change nothing.")

    def handle(self, *args, fixtures=None, update=False, dry_run=False, **options):
        try:
            report = load_curated(
                fixtures or Path(settings.FIXTURES_DIR), update=update, dry_run=dry_run
            )
        except CurationError as error:
            raise CommandError(f"The curated fixtures do not load:\n{error}") from error
        prefix = "Dry run, nothing saved. " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}Curated data: {report}"))
