"""What outlives one request: values kept in this process for a data version (the facet index,
and the lists every timeline request reads), and the fingerprint of the code that keys every
cached value, so a deploy never serves what older code computed (docs/performance.md)."""

from __future__ import annotations

import hashlib
import threading

from django.conf import settings
from django.db import connections

from policing.models import DataVersion

CACHE_SECONDS = 60 * 60


def _code_fingerprint() -> str:
    """Changes when the code, templates or the map's geometry change, so a deploy never answers
    304 with old HTML."""
    digest = hashlib.sha256()
    roots = [settings.BASE_DIR / d for d in ("config", "policing", "templates")]
    for path in sorted(
        p for root in roots for p in root.rglob("*") if p.suffix in {".py", ".html", ".json"}
    ):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


RELEASE = _code_fingerprint()


_lock = threading.Lock()
_kept: dict[str, tuple[tuple, object]] = {}


def kept(version: DataVersion, name: str, compute, using: str = "default"):
    """`compute()`, kept in this process for this data version of database `using`, computed
    once (one thread at a time) when the version changes. The value is shared by every
    request of that version: it must not be changed. (The facet index, and the lists every
    timeline request reads: `remembered`.)"""
    key = (connections[using].settings_dict["NAME"], version.counter, version.changed)
    with _lock:
        held = _kept.get(name)
        if held is None or held[0] != key:
            held = _kept[name] = (key, compute())
        return held[1]


def held(name: str, using: str = "default"):
    """What `kept` holds under `name` for database `using`, whatever its version (or None):
    the facet index updates itself from the one it had."""
    held = _kept.get(name)
    if held is None or held[0][0] != connections[using].settings_dict["NAME"]:
        return None
    return held[1]


def forget() -> None:
    """Drop what `kept` holds (tests restart the data version with each database)."""
    with _lock:
        _kept.clear()
