"""Replace the timeline's data with a backup written by `backup_data`, all or nothing.

The file is checked first: it must be a backup of this project whose rows agree with the counts
it records. Before replacing a database that has data, the command shows what it would replace
and asks for confirmation (`--yes` outside a terminal), then backs up the current data to
BACKUP_DIR so the restore can itself be undone. The old data is deleted and the backup loaded
in one transaction: if it does not load, the database is left as it was. Releases are kept:
none is deleted, and those of the backup the site lacks are put back with their files.
"""

import json
import sys
import tempfile
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from policing.corpus.backups import (
    BACKUP_MODELS,
    BadBackup,
    add_inactive_accounts,
    count_differences,
    current_counts,
    missing_accounts,
    new_path,
    read_backup,
    release_conflicts,
    restore_releases,
    write_backup,
)


class Command(BaseCommand):
    help = "Restore a backup written by backup_data (replaces the current data)."
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="Replace a database that has data without asking."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file, change nothing."
        )
        parser.add_argument(
            "--old-format",
            action="store_true",
            help="Accept a plain list of objects, as backups were written before they had counts.",
        )

    def handle(self, *args, file, yes=False, dry_run=False, old_format=False, **options):
        try:
            objects, counts, releases = read_backup(file, old_format=old_format)
        except BadBackup as error:
            raise CommandError(f"{error}. Nothing was changed.") from error
        # Releases are never replaced: one of the backup's that differs from the site's is a
        # different history, not an older copy of this one.
        if conflicts := release_conflicts(releases):
            raise CommandError(
                f"{file} holds releases that differ from this site's: {'; '.join(conflicts)}. "
                "A release is never replaced. Nothing was changed."
            )

        current = current_counts()
        self.stdout.write(f"{'Table':<24} {'now':>8} {'backup':>8}")
        for label in BACKUP_MODELS:
            self.stdout.write(f"{label:<24} {current[label]:>8} {counts[label]:>8}")
        if releases:
            versions = ", ".join(r["version"] for r in releases)
            self.stdout.write(
                f"Releases in the backup: {versions} (kept: the site's own stay, "
                "those it lacks are put back with their files)"
            )
        accounts = missing_accounts(objects)
        if accounts:
            self.stdout.write(
                f"Editors the history names without an account here, to be added inactive and "
                f"without a password: {', '.join(accounts)}"
            )
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(f"Dry run: {file} can be restored; nothing was changed.")
            )
            return
        has_data = any(current.values())
        if has_data and not yes:
            self.confirm(file, options.get("stdin") or sys.stdin)

        try:
            with transaction.atomic():
                if has_data:
                    # Inside the transaction, so nothing saved meanwhile escapes both files.
                    undo = new_path("pre-restore")
                    write_backup(undo)
                    self.stdout.write(f"Saved the current data to {undo}; to undo the restore:")
                    self.stdout.write(f"  make restore FILE={undo} YES=1")
                # Events dated relative to others protect them from deletion; unlink first.
                apps.get_model("policing.Event").objects.update(date_relative_to=None)
                add_inactive_accounts(accounts)
                for label in reversed(BACKUP_MODELS):
                    apps.get_model(label).objects.all().delete()
                with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as fixture:
                    json.dump(objects, fixture, ensure_ascii=False)
                    fixture.flush()
                    call_command("loaddata", fixture.name, verbosity=0)
                if wrong := count_differences(current_counts(), counts):
                    raise BadBackup(f"repeated rows? {'; '.join(wrong)}")
                restore_releases(releases)
        except Exception as error:
            raise CommandError(f"{file} did not load, so nothing was changed: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Restored {file}"))
        if accounts:
            self.stdout.write(
                "To let one of them sign in: manage.py changepassword NAME, then tick “Active” "
                "on their account in the admin."
            )

    def confirm(self, file: Path, stdin) -> None:
        if not stdin.isatty():
            raise CommandError(
                f"Restoring {file} replaces the data above. Rerun with --yes "
                f"(make restore FILE={file} YES=1) to replace it. Nothing was changed."
            )
        self.stdout.write("Type yes to replace the data above: ", ending="")
        self.stdout.flush()
        if stdin.readline().strip() != "yes":
            raise CommandError("Not confirmed. Nothing was changed.")
