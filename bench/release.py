"""How long a release of 100,000 synthetic events takes to build, and its peak memory.

Builds (or reuses) a throwaway SQLite database of synthetic events (bench/synthetic.py) in
bench/.cache/, then, in a fresh process each, makes a first release and, after editors' changes
to 1% of the events and the withdrawal of 0.1%, a second one (which reads the first back to say
what changed). A pass over the export contract's objects alone, writing nothing, says how much
of that time is the contract's. Each child reports its time for the release alone and its
peak resident memory (the process's, Django and the data included), and how much of the
resident memory at its end maps files (the database, which SQLite memory-maps). The real
database and RELEASES_DIR are never touched. The target and the figures measured are in
docs/performance.md ("Releases").

    .venv/bin/python bench/release.py                  # 100,000 events
    .venv/bin/python bench/release.py --size 10000 --rebuild
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
CACHE = BASE / "bench" / ".cache"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true", help="Regenerate the database.")
    parser.add_argument("--child", default="", help="Internal: build, first or second.")
    args = parser.parse_args()
    if args.child:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        sys.path.insert(0, str(BASE))
        import django

        django.setup()
        print(json.dumps(CHILDREN[args.child](args.size, args.rebuild)))
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    database = CACHE / f"bench-release-{args.size}.sqlite3"
    releases = CACHE / f"releases-{args.size}"
    shutil.rmtree(releases, ignore_errors=True)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "RELEASES_DIR": str(releases),
        "SITE_URL": "https://timeline.example.org",
    }
    for step in ["build", "contract", "first", "second"]:
        run = subprocess.run(
            [sys.executable, __file__, "--child", step, "--size", str(args.size)]
            + (["--rebuild"] if args.rebuild else []),
            env=env,
            cwd=BASE,
            capture_output=True,
            text=True,
        )
        if run.returncode:
            raise SystemExit(f"{step} failed:\n{run.stderr}")
        result = json.loads(run.stdout.strip().splitlines()[-1])
        print(f"{step:>6}: " + ", ".join(f"{k} {v}" for k, v in result.items()))


def _cpu() -> float:
    """The process's CPU time: on a shared machine, what the build costs whatever the load."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def _file_backed_mb() -> float | None:
    """The resident memory that maps files (RssFile, Linux), now: mostly the database file,
    which SQLite maps up to `mmap_size` (256 MB, config/settings.py). The kernel can drop those
    pages at any time; they count in the peak all the same."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("RssFile:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def build(size: int, rebuild: bool) -> dict:
    from django.core.management import call_command

    from bench import synthetic
    from policing.models import Event, Release

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    if rebuild or Event.objects.count() != size or Release.objects.exists():
        call_command("flush", interactive=False, verbosity=0)
        synthetic.build(size)
    return {
        "events": Event.objects.count(),
        "published": Event.objects.published().count(),
        "seconds": round(time.perf_counter() - started, 1),
    }


def _release(version: str) -> dict:
    from django.conf import settings

    from policing.exports.releases import make_release

    before = _peak_mb()
    started, cpu = time.perf_counter(), _cpu()
    release = make_release(version, base_url=settings.SITE_URL, notes="Benchmark.")
    seconds = time.perf_counter() - started
    return {
        "release": version,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(_cpu() - cpu, 1),
        "peak_rss_mb": _peak_mb(),
        "file_backed_mb": _file_backed_mb(),
        "rss_before_mb": before,
        "zip_mb": round(release.size / 1e6, 1),
        "events": release.counts["events"],
        "citations": release.counts["citations"],
        "changes": release.changes_in_a_line,
    }


def contract(size: int, rebuild: bool) -> dict:
    """The export contract's objects alone, read as a release reads them, writing nothing:
    the part of a release's time that is the contract's (exports/contract.py)."""
    from policing.exports.releases import tables

    started, cpu = time.perf_counter(), _cpu()
    count = sum(1 for _ in tables.export_objects(base_url="https://timeline.example.org"))
    return {
        "objects": count,
        "seconds": round(time.perf_counter() - started, 1),
        "cpu_seconds": round(_cpu() - cpu, 1),
        "peak_rss_mb": _peak_mb(),
        "file_backed_mb": _file_backed_mb(),
    }


def first(size: int, rebuild: bool) -> dict:
    return _release("bench.1")


def second(size: int, rebuild: bool) -> dict:
    """Editors change 1% of the published events' titles and withdraw 0.1% (with reasons,
    as the admin records them), then the second release."""
    from django.db import transaction

    from policing.models import Event
    from policing.models.corrections import recording

    published = list(Event.objects.published().order_by("pk").values_list("pk", flat=True))
    changed = published[::100]
    withdrawn = published[50::1000]
    with transaction.atomic():
        for event in Event.objects.filter(pk__in=changed):
            with recording([event], reason="Benchmark: a corrected title."):
                event.title += " (corrected)"
                event.save()
        for event in Event.objects.filter(pk__in=withdrawn):
            with recording([event], reason="Benchmark: withdrawn."):
                event.published = False
                event.save()
    return _release("bench.2")


CHILDREN = {"build": build, "contract": contract, "first": first, "second": second}


if __name__ == "__main__":
    main()
