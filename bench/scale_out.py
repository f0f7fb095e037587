"""Measure the scale-out pieces at 100,000 events: the facet index (full build, memory per
process, pickled size, load from the shared cache, update after an edit) and the pages a
visitor meets after an editor's save, with and without the shared Redis cache.

Uses the benchmark's throwaway database (bench/benchmark.py builds it; give the same
--database-url) and a Redis server of your own (its keys go under a prefix of this run and
are removed after). Prints a table and writes bench/results/scale_out.json.

    redis-server --port 6390 --save "" --daemonize yes
    .venv/bin/python bench/scale_out.py \
        --database-url postgres://timeline:timeline@127.0.0.1:5432/bench_scale_100k \
        --redis-url redis://127.0.0.1:6390/0
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pickle
import random
import statistics
import subprocess
import sys
import time
import tracemalloc
import uuid
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))

from bench.benchmark import production_env  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--child", choices=["index", "pages"], default="")
    args = parser.parse_args()
    if args.child:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django

        django.setup()
        measure = index_figures if args.child == "index" else page_figures
        print(json.dumps(measure(args.requests)))
        return
    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    env = {**production_env(), "DATABASE_URL": args.database_url, "CACHE_KEY_PREFIX": prefix}
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        env=env,
        check=True,
        cwd=BASE,
    )
    runs = {
        "index (Redis)": ("index", {"REDIS_URL": args.redis_url}),
        "pages without Redis": ("pages", {"REDIS_URL": ""}),
        "pages with Redis": ("pages", {"REDIS_URL": args.redis_url}),
    }
    results = {}
    for name, (child, extra) in runs.items():
        run = subprocess.run(
            [sys.executable, __file__, "--child", child, "--requests", str(args.requests)]
            + ["--database-url", args.database_url, "--redis-url", args.redis_url],
            env={**env, **extra},
            cwd=BASE,
            capture_output=True,
            text=True,
        )
        if run.returncode:
            raise SystemExit(f"{name} failed:\n{run.stderr}")
        results[name] = json.loads(run.stdout.strip().splitlines()[-1])
        print(name, json.dumps(results[name], indent=2))
    import redis

    client = redis.Redis.from_url(args.redis_url)
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        client.delete(key)
    output = BASE / "bench" / "results" / "scale_out.json"
    output.write_text(json.dumps(results, indent=2))
    print(f"Wrote {output}")


def _edit(rng, events):
    """An editor's save: a published event's date moved (through the ORM, as the admin saves)."""
    from policing.models import Event

    event = Event.objects.get(pk=rng.choice(events))
    event.date_edtf = f"{rng.randint(1997, 2024)}-{rng.randint(1, 12):02d}"
    event.save()


def index_figures(requests: int) -> dict:
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection

    from policing.models import DataVersion, Event
    from policing.timeline import facet_sharing
    from policing.timeline.facets import FacetIndex

    call_command("migrate", verbosity=0)
    DataVersion.bump()  # a version of its own: nothing published for it yet
    version = DataVersion.current()
    started = time.perf_counter()
    FacetIndex.build(version=version.counter)
    build_seconds = time.perf_counter() - started
    tracemalloc.start()
    index = FacetIndex.build(version=version.counter)
    del index.positions  # kept after a build; an index loaded or updated makes it when asked
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    started = time.perf_counter()
    data = pickle.dumps(index, pickle.HIGHEST_PROTOCOL)
    dump_ms = (time.perf_counter() - started) * 1000
    loads = []
    for _ in range(10):
        started = time.perf_counter()
        pickle.loads(data)
        loads.append((time.perf_counter() - started) * 1000)
    facet_sharing.publish(index)
    gets = []
    for _ in range(10):
        started = time.perf_counter()
        cache.get(facet_sharing.shared_key("default", version.counter))
        gets.append((time.perf_counter() - started) * 1000)

    rng = random.Random(3)
    events = list(Event.objects.published().values_list("pk", flat=True)[:5000])
    updates, publishes = [], []
    for _ in range(requests):
        _edit(rng, events)
        counter = DataVersion.current().counter
        started = time.perf_counter()
        updated = index.updated(counter)
        updates.append((time.perf_counter() - started) * 1000)
        assert updated is not None, "an edit fell back to a full build"
        started = time.perf_counter()
        facet_sharing.publish(updated)
        publishes.append((time.perf_counter() - started) * 1000)
        index = updated
    return {
        "events": len(index.ids),
        "database": connection.vendor,
        "full build s": round(build_seconds, 2),
        "memory held MB (tracemalloc)": round(held / 1e6, 1),
        "pickled MB": round(len(data) / 1e6, 2),
        "pickle ms": round(dump_ms, 1),
        "unpickle ms (median)": round(statistics.median(loads), 1),
        "get from Redis and unpickle ms (median)": round(statistics.median(gets), 1),
        "update after one edit ms (median)": round(statistics.median(updates), 1),
        "update after one edit ms (max)": round(max(updates), 1),
        "publish updated ms (median)": round(statistics.median(publishes), 1),
    }


def page_figures(requests: int) -> dict:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from policing.models import Country, Event

    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    counter = itertools.count()
    codes = list(Country.objects.values_list("code", flat=True))
    events = list(Event.objects.published().values_list("pk", flat=True)[:5000])
    client = Client(HTTP_ACCEPT_ENCODING="gzip")

    def timed(make, before=None) -> dict:
        timings = []
        for index in range(requests + 3):
            if before:
                before()
            path, headers = make()
            started = time.perf_counter()
            response = client.get(path, **headers)
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, response.status_code
            if index >= 3:
                timings.append(elapsed)
        timings.sort()
        return {
            "median ms": round(statistics.median(timings), 1),
            "p95 ms": round(timings[int(len(timings) * 0.95) - 1], 1),
        }

    return {
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "first page, page cache miss": timed(lambda: (f"/?_={next(counter)}", {})),
        "HTMX partial, country + year, uncached": timed(
            lambda: (
                f"/?country={rng.choice(codes)}&year={rng.randint(1996, 2025)}&_={next(counter)}",
                {"HTTP_HX_REQUEST": "true"},
            )
        ),
        "first page after an editor's save": timed(
            lambda: (f"/?_={next(counter)}", {}), before=lambda: _edit(rng, events)
        ),
        "database": connection.vendor,
    }


if __name__ == "__main__":
    main()
