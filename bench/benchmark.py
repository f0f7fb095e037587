"""Benchmark the public pages at 1,000, 10,000 and 100,000 synthetic events.

For each size it builds (or reuses) a throwaway database in bench/.cache/, then requests every
page through the full middleware stack with production settings (DEBUG off), accepting gzip
as a browser does, and reports the median and 95th-percentile server time, the query count,
and the response size as sent (compressed) and uncompressed. The real
database is never touched. Targets live in docs/performance.md, not here.

    .venv/bin/python bench/benchmark.py                       # SQLite, 1k / 10k / 100k
    .venv/bin/python bench/benchmark.py --sizes 1000 --requests 50
    .venv/bin/python bench/benchmark.py --database-url postgres://user:pw@127.0.0.1/bench
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
CACHE = BASE / "bench" / ".cache"
RESULTS = BASE / "bench" / "results"


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Measure the public pages at several synthetic data sizes "
        "(prints a table, writes JSON)."
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--requests", type=int, default=200, help="Requests per page.")
    parser.add_argument(
        "--database-url", default="", help="Benchmark this (empty) database instead of SQLite."
    )
    parser.add_argument("--rebuild", action="store_true", help="Regenerate cached databases.")
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument(
        "--child", type=int, default=0, help="Internal: measure one size in this process."
    )
    args = parser.parse_args()
    if args.child:
        # Started by the parent below with the production environment and its DATABASE_URL.
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        sys.path.insert(0, str(BASE))
        import django

        django.setup()
        print(json.dumps(measure(args.child, args.requests)))
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    env = production_env()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        env=env,
        check=True,
        cwd=BASE,
    )
    results = []
    for size in args.sizes:
        url = args.database_url or f"sqlite:///{CACHE / f'bench-{size}.sqlite3'}"
        child_env = {**env, "DATABASE_URL": url, "BENCH_REBUILD": "1" if args.rebuild else ""}
        started = time.perf_counter()
        run = subprocess.run(
            [sys.executable, __file__, "--child", str(size), "--requests", str(args.requests)],
            env=child_env,
            cwd=BASE,
            capture_output=True,
            text=True,
        )
        if run.returncode:
            raise SystemExit(f"Benchmark at {size} events failed:\n{run.stderr}")
        result = json.loads(run.stdout.strip().splitlines()[-1])
        result["wall_seconds"] = round(time.perf_counter() - started, 1)
        results.append(result)
        print(format_table([result]))
    vendor = "postgresql" if args.database_url.startswith("postgres") else "sqlite"
    output = args.output or RESULTS / f"benchmark-{vendor}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2))
    print(format_table(results))
    print(f"Wrote {output}")


def production_env() -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-secret-key-" + "x" * 30),
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
    }


def measure(size: int, requests: int) -> dict:
    """Runs in the child process, against the throwaway database."""
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import synthetic
    from policing.models import Country, Event, Source

    call_command("migrate", verbosity=0)
    if os.environ.get("BENCH_REBUILD") or Event.objects.count() != size:
        # Empty the throwaway database in one statement per table: deleting through the ORM
        # sends a signal per row, which takes minutes at 100,000 events.
        call_command("flush", interactive=False, verbosity=0)
        synthetic.build(size)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics for the data just built

    rng = random.Random(7)
    counter = itertools.count()
    events = list(Event.objects.published().values_list("slug", flat=True)[:2000])
    sources = list(Source.objects.values_list("slug", flat=True)[:500])
    codes = list(Country.objects.values_list("code", flat=True))
    words = ["police", "training", "embassy", "patrol", "cyber", "forum", "treaty"]

    published = list(Event.objects.published().values_list("pk", flat=True)[:2000])

    def after_a_change():
        """An editor's save (an event's date moved): the next visitor waits for the facet
        index to be updated from the change log (facets.py)."""
        event = Event.objects.get(pk=rng.choice(published))
        event.date_edtf = f"{rng.randint(1997, 2024)}-{rng.randint(1, 12):02d}"
        event.save()
        return f"/?_={next(counter)}", {}

    pages = {
        "timeline first page": lambda: ("/", {}),
        # A new address each time: the rendered-page cache misses (the facet index stays built),
        # which is what the first visitor of an address after a change meets.
        "first page, page cache miss": lambda: (f"/?_={next(counter)}", {}),
        "HTMX partial, country + year": lambda: (
            f"/?country={rng.choice(codes)}&year={rng.randint(1996, 2025)}",
            {"HTTP_HX_REQUEST": "true"},
        ),
        "text search q": lambda: (f"/?q={rng.choice(words)}", {}),
        "text search, page cache miss": lambda: (
            f"/?q={rng.choice(words)}&_={next(counter)}",
            {},
        ),
        "event page": lambda: (f"/events/{rng.choice(events)}/", {}),
        "source reader": lambda: (f"/sources/{rng.choice(sources)}/", {}),
        "events.json": lambda: ("/events.json", {}),
        "first page after a change": after_a_change,
    }
    counts = {"first page after a change": max(20, requests // 10)}
    client = Client(HTTP_ACCEPT_ENCODING="gzip")  # as a browser asks
    report = {"events": size, "database": connection.vendor, "requests": requests, "pages": {}}
    for name, make in pages.items():
        timings, queries, sizes, raw_sizes, statuses = [], [], [], [], set()
        for index in range(counts.get(name, requests) + 5):
            path, headers = make()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(path, **headers)
                content = b"".join(response) if response.streaming else response.content
                elapsed = time.perf_counter() - started
            if index < 5:  # warm-up: template and query-plan caches
                continue
            statuses.add(response.status_code)
            timings.append(elapsed * 1000)
            queries.append(len(captured))
            sizes.append(len(content))
            if response.get("Content-Encoding") == "gzip":
                content = gzip.decompress(content)
            raw_sizes.append(len(content))
        timings.sort()
        report["pages"][name] = {
            "requests": len(timings),
            "status": sorted(statuses),
            "median_ms": round(statistics.median(timings), 2),
            "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
            "queries": [min(queries), max(queries)],
            "median_bytes": int(statistics.median(sizes)),
            "max_bytes": max(sizes),
            "median_uncompressed_bytes": int(statistics.median(raw_sizes)),
        }
    return report


def format_table(results: list[dict]) -> str:
    lines = [
        f"{'events':>8} {'page':<30} {'status':<8} {'median ms':>10} {'p95 ms':>9} "
        f"{'queries':>8} {'median KB':>10} {'max KB':>8} {'raw KB':>7}"
    ]
    for result in results:
        for name, page in result["pages"].items():
            low, high = page["queries"]
            queries = str(low) if low == high else f"{low}-{high}"
            lines.append(
                f"{result['events']:>8} {name:<30} {','.join(map(str, page['status'])):<8} "
                f"{page['median_ms']:>10.2f} {page['p95_ms']:>9.2f} {queries:>8} "
                f"{page['median_bytes'] / 1024:>10.1f} {page['max_bytes'] / 1024:>8.1f} "
                f"{page['median_uncompressed_bytes'] / 1024:>7.1f}"
            )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
