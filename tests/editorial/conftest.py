"""Fixtures for the editors' tests: an editor account, signed in, with the curated data."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from tests.editorial.forms import PASSWORD


@pytest.fixture
def editor(db, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", PASSWORD)
    call_command("create_editor", "alice", stdout=io.StringIO())
    return User.objects.get(username="alice")


@pytest.fixture
def editor_client(client, editor, curated):
    client.force_login(editor)
    return client
