"""Write a dated, lossless backup of the timeline's data: countries, sources with their passages,
events with their citations and figures, the review queue of proposals (rejected ones included),
and the version history, with the row count of each table (see policing/corpus/backups.py for the
format).

Restore it with `restore_data` (or `make restore FILE=...`).
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from policing.corpus.backups import new_path, write_backup


class Command(BaseCommand):
    help = "Back up events, citations, countries, sources, proposals and history to BACKUP_DIR."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=None, help="File to write.")

    def handle(self, *args, output=None, **options):
        output = output or new_path("backup")
        counts = write_backup(output)
        rows = ", ".join(f"{n} {label}" for label, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({rows})"))
