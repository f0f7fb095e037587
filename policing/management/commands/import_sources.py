"""Import the source documents in `seeds/` (see `seeds/manifest.toml`) into sources and passages.

Idempotent: a second run changes nothing. If a changed file would leave a stored citation
without its words, the command fails, lists each broken citation and changes nothing. So it
does if the manifest cannot be read, or a seed is missing, is not UTF-8 or differs from the
SHA-256 the manifest records (see `rehash_seeds` for accepting a deliberate change).
"""

from pathlib import Path

from policing.corpus.seeds import import_corpus
from policing.management.commands._seeds import SeedsCommand


class Command(SeedsCommand):
    help = "Import the seed documents into sources and passages (idempotent)."

    def run(self, seeds_dir: Path, *, dry_run: bool) -> None:
        report = import_corpus(seeds_dir, dry_run=dry_run)
        if report.changed:
            self.done(f"Imported {seeds_dir}: {report}", dry_run=dry_run)
        else:
            self.done("Sources already up to date.", dry_run=dry_run)
