"""Record the current SHA-256 of every seed document in `seeds/manifest.toml`.

`import_sources` refuses a seed whose bytes differ from the hash the manifest records, because
the seeds are the evidence and must not change by accident. After a deliberate change (a new
document entered with `sha256 = ""`, or a corrected capture) run this, review the manifest's
diff, then import. Only the `sha256` values are rewritten: comments and order stay. Idempotent.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from policing.corpus import MANIFEST_NAME, CorpusError, rehash_manifest


class Command(BaseCommand):
    help = "Record each seed's current SHA-256 in seeds/manifest.toml (a deliberate change)."

    def add_arguments(self, parser):
        parser.add_argument("--seeds", type=Path, default=None, help="Folder with manifest.toml.")
        parser.add_argument("--dry-run", action="store_true", help="Report, change nothing.")

    def handle(self, *args, seeds=None, dry_run=False, **options):
        seeds_dir = seeds or Path(settings.SEEDS_DIR)
        try:
            changed = rehash_manifest(seeds_dir, dry_run=dry_run)
        except CorpusError as error:
            raise CommandError(str(error)) from error
        for name, recorded, actual in changed:
            self.stdout.write(f"{name}: {recorded or 'no hash'} -> {actual}")
        prefix = "Dry run, nothing saved. " if dry_run else ""
        if changed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{prefix}Recorded {len(changed)} new hash(es) in {seeds_dir / MANIFEST_NAME}."
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"{prefix}Every seed matches its recorded hash."))
