"""Where an uncached filtered partial spends its time: rendering, reading the page's events,
and the rest, as medians over random country + year partials (as bench/benchmark.py).

    .venv/bin/python bench/partial_profile.py                  # 100,000 events, 200 requests
    .venv/bin/python bench/partial_profile.py --events 10000 --requests 100

Needs the benchmark's database in bench/.cache/ (bench/benchmark.py builds it).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    database = BASE / "bench" / ".cache" / f"bench-{args.events}.sqlite3"
    if not database.exists():
        raise SystemExit(f"No {database}: run `bench/benchmark.py --sizes {args.events}` first.")
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
    from django.test import Client

    from policing.models import Country
    from policing.timeline import facets
    from policing.web.views import pages

    spent: dict[str, list[float]] = {"render": [], "read events": [], "whole request": []}

    def timed(name, function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name].append(time.perf_counter() - started)

        return wrapper

    pages.render = timed("render", pages.render)
    facets.Selection.__getitem__ = timed("read events", facets.Selection.__getitem__)

    codes = list(Country.objects.values_list("code", flat=True))
    rng = random.Random(7)
    client = Client(HTTP_ACCEPT_ENCODING="gzip")

    def request():
        path = f"/?country={rng.choice(codes)}&year={rng.randint(1996, 2025)}"
        started = time.perf_counter()
        client.get(path, HTTP_HX_REQUEST="true")
        spent["whole request"].append(time.perf_counter() - started)

    for _ in range(10):  # warm-up: the facet index, templates
        request()
    for times in spent.values():
        times.clear()
    for _ in range(args.requests):
        request()
    print(f"{args.events:,} events, {args.requests} random country + year partials")
    for name, times in spent.items():
        print(f"  {name:<14} median {statistics.median(times) * 1000:6.2f} ms  ({len(times)})")


if __name__ == "__main__":
    main()
