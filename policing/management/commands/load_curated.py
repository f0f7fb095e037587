"""Load the curated countries, actors, threads and events in `fixtures/`, validating every
citation and date.

Idempotent: without `--update` only what is missing is created, and rows already in the database
are left alone (an editor may have corrected them). `--update` brings a site loaded before to a
revised fixture: each part of an entry the fixtures changed and the editors did not is taken,
each part the editors changed is kept, and a part both changed is reported as a conflict, the
editors' version kept, for an editor to decide in the admin (docs/editors.md). Rows the fixtures
no longer hold are reported, never deleted. Any problem aborts the whole load.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from policing.corpus.curation import CurationError, load_curated


class Command(BaseCommand):
    help = (
        "Load fixtures/ (idempotent); --update brings a loaded site to revised fixtures, keeping "
        "the editors' changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fixtures", type=Path, default=None)
        parser.add_argument(
            "--update",
            action="store_true",
            help="Take the fixtures' changes where the editors did not change the same part; "
            "report the parts both changed as conflicts.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report, change nothing.")

    def handle(self, *args, fixtures=None, update=False, dry_run=False, **options):
        try:
            report = load_curated(
                fixtures or Path(settings.FIXTURES_DIR), update=update, dry_run=dry_run
            )
        except CurationError as error:
            raise CommandError(f"The curated fixtures do not load:\n{error}") from error
        if options["verbosity"] >= 1:
            for line in report.lines():
                self.stdout.write(line)
        prefix = "Dry run, nothing saved. " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}Curated data: {report}"))
