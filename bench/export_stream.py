"""What a whole-filter export costs the server, beside its floor: `/events.csv`, `/events.ndjson`
(both streamed a chunk of events at a time) and every page of `/events.json?per_page=1000`,
against a plain script that writes the identical CSV with sqlite3 (`bench/export_floor.py`).

    .venv/bin/python bench/export_stream.py                        # 10,000 and 100,000 events
    .venv/bin/python bench/export_stream.py --sizes 10000 --runs 3

For each size it builds (or reuses) the benchmark's throwaway SQLite database in bench/.cache/
and, in a process of its own with production settings (DEBUG off), runs the floor and the three
exports through the test client (the whole middleware stack, uncompressed) one after the other,
`--runs` times, the order turning each run, so that the machine's load falls on all of them
alike. It checks that the floor's CSV and `/events.csv` are the same bytes, then prints for each
the published events written a second (median and range of the runs), the median of each
run's ratio to the floor's time, the bytes, the queries, and the peak of Python memory
allocated while one response is made and read a part at a time, as a client saving it would
(tracemalloc, in a request of its own: tracing slows it several times over; for
`/events.json`, one page; the floor builds its file whole). The load average is printed before
and after each size; results go to bench/results/export_stream.json. Targets are in
docs/performance.md, not here.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
CACHE = BASE / "bench" / ".cache"
RESULTS = BASE / "bench" / "results"
EXPORTS = ["floor", "/events.csv", "/events.ndjson", "/events.json?per_page=1000"]
PER_PAGE = 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5, help="Interleaved runs of each export.")
    parser.add_argument("--output", type=Path, default=RESULTS / "export_stream.json")
    parser.add_argument("--child", type=int, default=0, help="Internal: one size, this process.")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.runs)))
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    results = []
    for size in args.sizes:
        database = CACHE / f"bench-{size}.sqlite3"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": f"sqlite:///{database}",
            "DEBUG": "false",
            "SECRET_KEY": "benchmark-only-secret-key-" + "x" * 30,
            "ALLOWED_HOSTS": "testserver",
            "SECURE_SSL_REDIRECT": "false",
        }
        load_before = os.getloadavg()
        run = subprocess.run(
            [sys.executable, __file__, "--child", str(size), "--runs", str(args.runs)],
            env=env,
            cwd=BASE,
            stdout=subprocess.PIPE,
            text=True,
        )
        if run.returncode:
            raise SystemExit(f"The export benchmark at {size} events failed.")
        result = json.loads(run.stdout.strip().splitlines()[-1])
        result["load_before"] = [round(x, 2) for x in load_before]
        result["load_after"] = [round(x, 2) for x in os.getloadavg()]
        results.append(result)
        print(format_table(result), flush=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"Wrote {args.output}")


def measure(size: int, runs: int) -> dict:
    """Runs in the child process, against the throwaway database."""
    sys.path.insert(0, str(BASE))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import synthetic
    from bench.export_floor import floor_csv
    from policing.models import Event

    call_command("migrate", verbosity=0)
    if Event.objects.count() != size:
        call_command("flush", interactive=False, verbosity=0)
        synthetic.build(size)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    published = Event.objects.published().count()
    pages = -(-published // PER_PAGE)
    path = str(settings.DATABASES["default"]["NAME"])
    client = Client()
    print(f"{size:,} events ({published:,} published), {connection.vendor}", file=sys.stderr)

    def fetch(url: str) -> bytes:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return b"".join(response) if response.streaming else response.content

    def drain(url: str) -> int:
        """The response to `url` read a part at a time and let go, as a client saving it would:
        traced, its peak is then what the server holds, not the whole body gathered here."""
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return sum(map(len, response)) if response.streaming else len(response.content)

    def export(name: str) -> bytes | int:
        """The whole export `name`: its bytes, or for the paged JSON the bytes of every page."""
        if name == "floor":
            return floor_csv(path, "http://testserver")
        if name.startswith("/events.json"):
            return sum(len(fetch(f"{name}&page={page}")) for page in range(1, pages + 1))
        return fetch(name)

    fetch("/events.json")  # warm-up: imports, the facet index, the query planner
    floor, served = export("floor"), export("/events.csv")
    identical = floor == served
    print(
        f"floor and /events.csv identical: {identical} ({len(floor):,} and {len(served):,} bytes)",
        file=sys.stderr,
    )
    if not identical:
        at = next(i for i, (a, b) in enumerate(zip(floor, served, strict=False)) if a != b)
        print(f"first difference at byte {at}:", file=sys.stderr)
        print(f"floor:  {floor[at - 200 : at + 200]!r}", file=sys.stderr)
        print(f"served: {served[at - 200 : at + 200]!r}", file=sys.stderr)
        raise SystemExit(1)

    seconds: dict[str, list[float]] = {name: [] for name in EXPORTS}
    sizes: dict[str, int] = {}
    for run in range(runs):
        order = EXPORTS[run % len(EXPORTS) :] + EXPORTS[: run % len(EXPORTS)]
        for name in order:
            started = time.perf_counter()
            body = export(name)
            seconds[name].append(time.perf_counter() - started)
            sizes[name] = body if isinstance(body, int) else len(body)
        print(f"run {run + 1}: {os.getloadavg()[0]:.2f} load", file=sys.stderr)

    report = {"events": size, "published": published, "database": connection.vendor}
    report["identical"] = identical
    report["exports"] = {}
    for name in EXPORTS:
        queries = None
        if name != "floor":
            with CaptureQueriesContext(connection) as captured:
                export(name)
            queries = len(captured)
        tracemalloc.start()
        if name.startswith("/events.json"):
            drain(f"{name}&page=1")  # one page: what one response holds
        elif name == "floor":
            export(name)  # the floor writes its file whole
        else:
            drain(name)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        ratios = [t / f for t, f in zip(seconds[name], seconds["floor"], strict=True)]
        report["exports"][name] = {
            "seconds": [round(t, 3) for t in seconds[name]],
            "events_per_second": round(published / statistics.median(seconds[name])),
            "events_per_second_range": [
                round(published / max(seconds[name])),
                round(published / min(seconds[name])),
            ],
            "times_the_floor": round(statistics.median(ratios), 2),
            "bytes": sizes[name],
            "queries": queries,
            "peak_mb": round(peak / 1e6, 1),
        }
    return report


def format_table(result: dict) -> str:
    lines = [
        f"{result['events']:,} events ({result['published']:,} published), "
        f"{result['database']}; floor and /events.csv identical: {result['identical']}; "
        f"load average before {result['load_before']}, after {result['load_after']}",
        f"{'export':<28} {'events/s':>9} {'(range)':>15} {'× floor':>8} {'MB':>7} "
        f"{'queries':>8} {'peak MB':>8}",
    ]
    for name, row in result["exports"].items():
        low, high = row["events_per_second_range"]
        queries = "" if row["queries"] is None else row["queries"]
        lines.append(
            f"{name:<28} {row['events_per_second']:>9,} {f'({low:,}–{high:,})':>15} "
            f"{row['times_the_floor']:>8.2f} {row['bytes'] / 1e6:>7.1f} {queries:>8} "
            f"{row['peak_mb']:>8.1f}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
