"""Streamed responses without the cyclic garbage collector's full collections.

A whole-filter export (`/events.csv`, `/events.ndjson`) holds a chunk of 500 events' records at a
time, long enough for many of them to reach the collector's oldest generation; so while it was
written a full collection, which walks every object of the process (some 90,000 after the first
request, 60-70 ms each on the benchmark's machine), came once every 8,000 events or so: at
100,000 events, 12 of them and about a tenth of the export's time (docs/performance.md). The
records hold no cycles, so reference counting frees each chunk as the next is read; the young
generations are still collected as usual, for the export and every other thread of the
process, and the full collection comes when the last export being written ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator

# The largest threshold `gc.set_threshold` takes (a C int): never reached.
_NEVER = 2**31 - 1


class _FullCollectionsDeferred:
    """Entered by each response while it is written, from any thread: the first to enter keeps
    the collector's thresholds and raises the oldest generation's out of reach, the last to
    leave puts them back. (Thresholds are the process's, not a thread's.)"""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = 0
        self._thresholds: tuple[int, ...] = ()

    def __enter__(self) -> None:
        with self._lock:
            if not self._open:
                self._thresholds = gc.get_threshold()
                gc.set_threshold(*self._thresholds[:2], _NEVER)
            self._open += 1

    def __exit__(self, *exc) -> None:
        with self._lock:
            self._open -= 1
            if not self._open:
                gc.set_threshold(*self._thresholds)


full_collections_deferred = _FullCollectionsDeferred()


def without_full_collections(parts: Iterable) -> Iterator:
    """`parts`, made with full collections deferred from the first part until the last, or
    until the response is closed before it (a client that goes away: the WSGI server closes
    every response, and closing this generator closes `parts` too)."""
    with full_collections_deferred:
        yield from parts
