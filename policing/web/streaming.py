"""Streamed responses with the cyclic garbage collector held back while they are written.

A whole-filter export (`/events.csv`, `/events.ndjson`) holds a chunk of 500 events' records at a
time, some 5,000 objects the collector tracks, and they lived through several collections of
the youngest generation (one each 700 new objects) into the oldest. So while an export of
100,000 events was written the collector ran some 1,500 times, and 12 of those were full
collections, which walk every object of the process (some 90,000 after the first request,
60-70 ms each on the benchmark's machine): together 11-14 % of the export's time
(docs/performance.md). The records hold no cycles, and reference counting frees each chunk's
as the next is read. While a response is written, the youngest generation is collected once
`YOUNG` objects have come (a chunk's records come and go without a collection, and any other
thread's cyclic garbage is still collected), and the full collection waits for the end of
the last response being written.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator

# The youngest generation's threshold while a response is written: ten chunks' records.
YOUNG = 50_000
# The largest threshold `gc.set_threshold` takes (a C int): the oldest generation's, never
# reached.
NEVER = 2**31 - 1


class _HeldBack:
    """Entered by each response while it is written, from any thread: the first to enter keeps
    the collector's thresholds and raises them, the last to leave puts them back.
    (Thresholds are the process's, not a thread's.)"""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = 0
        self._thresholds: tuple[int, ...] = ()

    def __enter__(self) -> None:
        with self._lock:
            if not self._open:
                self._thresholds = young, middle, _ = gc.get_threshold()
                # A youngest threshold of 0 turns automatic collection off: it stays off.
                gc.set_threshold(max(young, YOUNG) if young else 0, middle, NEVER)
            self._open += 1

    def __exit__(self, *exc) -> None:
        with self._lock:
            self._open -= 1
            if not self._open:
                gc.set_threshold(*self._thresholds)


collector_held_back = _HeldBack()


def collecting_less(parts: Iterable) -> Iterator:
    """`parts`, made with the collector held back from the first part until the last, or
    until the response is closed before it (a client that goes away: the WSGI server closes
    every response, and closing this generator closes `parts` too)."""
    with collector_held_back:
        yield from parts
