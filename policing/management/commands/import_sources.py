"""Import the source documents in `seeds/` (see `seeds/manifest.toml`) into sources and passages.

Idempotent: a second run changes nothing. If a changed file would leave a stored citation
without its words, the command fails, lists each broken citation and changes nothing. So it
does if the manifest cannot be read, or a seed is missing, is not UTF-8 or differs from the
SHA-256 the manifest records (see `rehash_seeds` for accepting a deliberate change).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from policing.corpus import BrokenCitations, CorpusError, import_corpus


class Command(BaseCommand):
    help = "Import the seed documents into sources and passages (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--seeds", type=Path, default=None, help="Folder with manifest.toml.")
        parser.add_argument("--dry-run", action="store_true", help="Report, change nothing.")

    def handle(self, *args, seeds=None, dry_run=False, **options):
        seeds_dir = seeds or Path(settings.SEEDS_DIR)
        try:
            report = import_corpus(seeds_dir, dry_run=dry_run)
        except (BrokenCitations, CorpusError) as error:
            raise CommandError(str(error)) from error
        prefix = "Dry run, nothing saved. " if dry_run else ""
        if report.changed:
            self.stdout.write(self.style.SUCCESS(f"{prefix}Imported {seeds_dir}: {report}"))
        else:
            self.stdout.write(self.style.SUCCESS(f"{prefix}Sources already up to date."))
