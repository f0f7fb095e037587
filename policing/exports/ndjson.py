"""`/events.ndjson` and `/citations.ndjson`, and a release's events.ndjson: one JSON object a
line, for `jq` and `pandas.read_json(url, lines=True)`."""

from __future__ import annotations

import json

# UTF-8 as it is, not \u escapes. One encoder for every line: `json.dumps` with an argument of
# its own builds a new encoder for each call, and it checks for cycles an export object, a
# fresh tree of dicts and lists, cannot have (3 % of /events.ndjson's time together).
_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def line(item: dict) -> str:
    """An export object as a line of NDJSON."""
    return _encode(item) + "\n"
