"""A copy of fixtures/ with other events, for tests of what a load refuses."""

import json

from django.conf import settings


def fixtures_with(tmp_path, events: list[dict]):
    """A copy of fixtures/ with these events."""
    for name in ("countries.json", "actors.json", "threads.json"):
        (tmp_path / name).write_bytes((settings.FIXTURES_DIR / name).read_bytes())
    (tmp_path / "events.json").write_text(json.dumps(events), encoding="utf-8")
    return tmp_path
