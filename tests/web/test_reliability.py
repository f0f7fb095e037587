"""Editors' work is never lost: migrations reverse, passages in use stay (backups: test_backups)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.db.models import ProtectedError

from policing.models import Citation


@pytest.mark.django_db(transaction=True)
def test_migrations_apply_backwards_and_forwards():
    call_command("migrate", "policing", "zero", verbosity=0)
    assert "policing_event" not in connection.introspection.table_names()
    call_command("migrate", verbosity=0)
    assert "policing_event" in connection.introspection.table_names()


def test_models_and_migrations_agree(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def pragmas(wrapper, names: list[str]) -> dict[str, object]:
    with wrapper.cursor() as cursor:
        values = {}
        for name in names:
            cursor.execute(f"PRAGMA {name}")
            values[name] = cursor.fetchone()[0]
        return values


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the pragmas are SQLite's")
def test_a_sqlite_database_file_opens_in_wal_mode_with_a_busy_timeout(tmp_path, django_db_blocker):
    # The test database lives in memory, where SQLite has no WAL: open a file the way the
    # site does, with its settings, and ask SQLite what it applied.
    settings_dict = {**settings.DATABASES["default"], "NAME": str(tmp_path / "site.sqlite3")}
    wrapper = connections["default"].__class__(settings_dict)
    with django_db_blocker.unblock():
        try:
            applied = pragmas(
                wrapper, ["journal_mode", "busy_timeout", "synchronous", "mmap_size", "cache_size"]
            )
        finally:
            wrapper.close()
    assert applied == {
        "journal_mode": "wal",
        "busy_timeout": 20_000,  # milliseconds: writers wait 20 s for a lock
        "synchronous": 1,  # NORMAL, which is safe in WAL mode
        "mmap_size": 256 * 1024 * 1024,
        "cache_size": -32_000,  # 32 MB, in KiB
    }


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the pragmas are SQLite's")
def test_the_test_database_connection_waits_for_a_lock(db):
    assert pragmas(connection, ["busy_timeout"]) == {"busy_timeout": 20_000}


def test_a_passage_in_use_is_never_deleted(curated):
    passage = Citation.objects.first().passage
    with pytest.raises(ProtectedError, match="protected"):
        passage.delete()


def test_check_deploy_is_clean_with_production_settings():
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is the test run's, never production's: a
    # worker that ran one before this test would pass it on.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "false",
        "SECRET_KEY": "a-production-like-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "timeline.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
