"""Editors' work is never lost: migrations reverse, passages in use stay (backups: test_backups)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from policing.models import Citation


@pytest.mark.django_db(transaction=True)
def test_migrations_apply_backwards_and_forwards():
    call_command("migrate", "policing", "zero", verbosity=0)
    assert "policing_event" not in connection.introspection.table_names()
    call_command("migrate", verbosity=0)
    assert "policing_event" in connection.introspection.table_names()


def test_models_and_migrations_agree(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
    options = settings.DATABASES["default"]["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"]


def test_a_passage_in_use_is_never_deleted(curated):
    passage = Citation.objects.first().passage
    with pytest.raises(Exception, match="protected"):
        passage.delete()


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **os.environ,
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
