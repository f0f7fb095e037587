"""A copy of fixtures/ with other events (or actors, or threads): for tests of what a load
refuses, and of an update that brings a site to a revised fixture."""

import json

from django.conf import settings


def read_fixture(name: str) -> list[dict]:
    """A fresh copy of one of the curated fixture files, to revise."""
    return json.loads((settings.FIXTURES_DIR / name).read_text(encoding="utf-8"))


def fixtures_with(tmp_path, events: list[dict], *, actors=None, threads=None):
    """A copy of fixtures/ with these events, and these actors and threads if given."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    for name, rows in [
        ("countries.json", None),
        ("actors.json", actors),
        ("threads.json", threads),
    ]:
        if rows is None:
            (tmp_path / name).write_bytes((settings.FIXTURES_DIR / name).read_bytes())
        else:
            (tmp_path / name).write_text(json.dumps(rows), encoding="utf-8")
    (tmp_path / "events.json").write_text(json.dumps(events), encoding="utf-8")
    return tmp_path
