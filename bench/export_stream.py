"""What a whole-filter export costs the server: `/events.ndjson` (streamed a chunk of events at
a time) and `/events.csv` (streamed the same way since 2026-12-03), at one synthetic size.

    .venv/bin/python bench/export_stream.py                    # 10,000 events
    .venv/bin/python bench/export_stream.py --events 1000

Builds (or reuses) the benchmark's throwaway database in bench/.cache/ and reports, per export,
the server time to the last byte, the bytes sent uncompressed, the queries, and (in a second
request) the peak of Python memory allocated while the response was made and read
(tracemalloc).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args()
    database = BASE / "bench" / ".cache" / f"bench-{args.events}.sqlite3"
    database.parent.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=f"sqlite:///{database}",
        DEBUG="false",
        SECRET_KEY="benchmark-only-secret-key-" + "x" * 30,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="false",
    )
    sys.path.insert(0, str(BASE))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import synthetic
    from policing.models import Event

    call_command("migrate", verbosity=0)
    if Event.objects.count() != args.events:
        call_command("flush", interactive=False, verbosity=0)
        synthetic.build(args.events)
    published = Event.objects.published().count()
    client = Client()
    client.get("/events.json")  # warm-up: imports, templates, the query planner
    print(f"{args.events:,} events ({published:,} published), {connection.vendor}")

    def fetch(path: str) -> int:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        if response.streaming:
            return sum(len(chunk) for chunk in response)
        return len(response.content)

    for path in ["/events.ndjson", "/events.csv"]:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            sent = fetch(path)
            elapsed = time.perf_counter() - started
        count = len(queries)  # read now: the next request empties the query log
        # Measured apart: tracing every allocation slows the request several times over.
        tracemalloc.start()
        fetch(path)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(
            f"{path:<16} {elapsed:6.2f} s  {sent / 1e6:6.1f} MB  {count:3d} queries  "
            f"peak {peak / 1e6:6.1f} MB"
        )


if __name__ == "__main__":
    main()
