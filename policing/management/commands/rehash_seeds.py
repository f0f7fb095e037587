"""Record the current SHA-256 of every seed document in `seeds/manifest.toml`.

`import_sources` refuses a seed whose bytes differ from the hash the manifest records, because
the seeds are the evidence and must not change by accident. After a deliberate change (a new
document entered with `sha256 = ""`, or a corrected capture) run this, review the manifest's
diff, then import. Only the `sha256` values are rewritten: comments and order stay. Idempotent.
"""

from pathlib import Path

from policing.corpus.manifest import MANIFEST_NAME, rehash_manifest
from policing.management.commands._seeds import SeedsCommand


class Command(SeedsCommand):
    help = "Record each seed's current SHA-256 in seeds/manifest.toml (a deliberate change)."

    def run(self, seeds_dir: Path, *, dry_run: bool) -> None:
        changed = rehash_manifest(seeds_dir, dry_run=dry_run)
        for name, recorded, actual in changed:
            self.stdout.write(f"{name}: {recorded or 'no hash'} -> {actual}")
        if changed:
            manifest = seeds_dir / MANIFEST_NAME
            self.done(f"Recorded {len(changed)} new hash(es) in {manifest}.", dry_run=dry_run)
        else:
            self.done("Every seed matches its recorded hash.", dry_run=dry_run)
