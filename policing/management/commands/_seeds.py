"""What the commands that read `seeds/` share: the folder and dry-run options, and corpus
errors as one-line command errors instead of tracebacks."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from policing.corpus.manifest import CorpusError
from policing.corpus.seeds import BrokenCitations


class SeedsCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--seeds", type=Path, default=None, help="Folder with manifest.toml.")
        parser.add_argument("--dry-run", action="store_true", help="Report, change nothing.")

    def handle(self, *args, seeds=None, dry_run=False, **options):
        seeds_dir = seeds or Path(settings.SEEDS_DIR)
        try:
            self.run(seeds_dir, dry_run=dry_run)
        except (BrokenCitations, CorpusError) as error:
            raise CommandError(str(error)) from error

    def run(self, seeds_dir: Path, *, dry_run: bool) -> None:
        raise NotImplementedError

    def done(self, message: str, *, dry_run: bool) -> None:
        prefix = "Dry run, nothing saved. " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(prefix + message))
