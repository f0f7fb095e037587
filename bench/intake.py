"""What adding a large report costs, through the admin as an editor adds one (issue #24).

    .venv/bin/python bench/intake.py

Against a fresh temporary SQLite database (WAL, as served) with the seeds and the curated
events, signed in as a superuser (Django's test Client, the whole middleware stack), it:

- pastes a report at the limit (REPORT_MAX_BYTES, with no more than REPORT_MAX_PARAGRAPHS
  paragraphs; the seeds' text, each copy's paragraphs numbered so none repeats) and prints
  the save's time, the longest another connection waited to write meanwhile (the write lock's
  longest hold), the proposals queued, and for its admin page, its page of paragraphs, its
  cite page and its public reader, the time (uncached) and the peak of Python memory while
  the page was made (tracemalloc, in a second request), beside the same pages of a seed;
- pastes a report one byte over the limit and checks it is refused with what was typed kept;
- pastes the two hostile inputs of the issue, 50,000 one-word lines and 2 MB of the seeds'
  text repeated, and prints how each is refused; then stores each directly (the ORM and
  corpus.import_text, as a script or an old import could) and prints the same pages for them,
  and the time to propose events from them.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import threading
import time
import tracemalloc
import warnings
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent


class WriteProbe:
    """Another connection trying, every 20 ms, to take SQLite's write lock (BEGIN IMMEDIATE)
    and letting it go: its longest wait is how long someone else held the lock."""

    def __init__(self, path: Path):
        self.path, self.longest, self._stop = path, 0.0, threading.Event()

    def __enter__(self):
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self.thread.join()

    def _run(self):
        db = sqlite3.connect(self.path, timeout=120, isolation_level=None)
        while not self._stop.is_set():
            start = time.perf_counter()
            db.execute("BEGIN IMMEDIATE")
            self.longest = max(self.longest, time.perf_counter() - start)
            db.execute("ROLLBACK")
            time.sleep(0.02)
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="intake-"))
    database = folder / "intake.sqlite3"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=f"sqlite:///{database}",
        DEBUG="false",
        SECRET_KEY="benchmark-only-secret-key-" + "x" * 30,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="ERROR",
    )
    sys.path.insert(0, str(BASE))
    import django

    django.setup()
    from django.conf import settings

    # Pages as served, but without collectstatic's manifest, which this bench does not build.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.contrib.auth.models import User
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from policing import proposals
    from policing.corpus import seeds as corpus
    from policing.models import Source

    setup_test_environment(debug=False)  # so that a response carries its form (context)
    warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise's, no collectstatic
    for command in ("migrate", "import_sources", "load_curated"):
        call_command(command, verbosity=0)
    admin = User.objects.create_superuser("bench", "bench@example.org", "x")
    client = Client()
    client.force_login(admin)
    max_bytes, max_paragraphs = settings.REPORT_MAX_BYTES, settings.REPORT_MAX_PARAGRAPHS
    seeds = [p.read_text(encoding="utf-8") for p in sorted(settings.SEEDS_DIR.glob("*.txt"))]
    seed_lines = [line for text in seeds for line in text.splitlines() if line.strip()]
    print(
        f"Limits: {max_bytes:,} bytes, {max_paragraphs:,} paragraphs; Django reads "
        f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes of a form. SQLite {sqlite3.sqlite_version}"
    )

    def at_limit() -> str:
        """The seeds' paragraphs, numbered by copy so that none repeats, up to both limits."""
        lines, size, copy = [], 0, 0
        while True:
            copy += 1
            for line in seed_lines:
                line = f"Part {copy}. {line}"
                grown = size + len(line.encode()) + 1
                if grown > max_bytes or len(lines) == max_paragraphs:
                    return "\n".join(lines)
                lines.append(line)
                size = grown

    def form(slug: str, text: str) -> dict:
        return {
            "title": f"Bench report {slug}",
            "slug": slug,
            "outlet": "Bench Outlet",
            "published_edtf": "2025-03-01",
            "provenance": "Typed by the bench.",
            "text": text,
        }

    def measure(path: str) -> tuple[float, float, int]:
        """Seconds (uncached), peak MB of Python memory (second, traced request), bytes."""
        cache.clear()
        start = time.perf_counter()
        response = client.get(path)
        seconds = time.perf_counter() - start
        assert response.status_code == 200, (path, response.status_code)
        cache.clear()
        tracemalloc.start()
        client.get(path)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        return seconds, peak, len(response.content)

    def pages(label: str, source: Source) -> None:
        for name, path in [
            ("admin change page", reverse("admin:policing_source_change", args=[source.pk])),
            ("admin paragraphs", reverse("admin:policing_source_passages", args=[source.pk])),
            ("admin cite page", reverse("admin:policing_source_cite", args=[source.pk])),
            ("public reader", source.get_absolute_url()),
        ]:
            seconds, peak, size = measure(path)
            print(f"  {label:<34} {name:<18} {seconds:6.2f} s {peak:7.1f} MB {size / 1e3:8.0f} KB")

    def post(slug: str, text: str) -> tuple[object, float, float]:
        with WriteProbe(database) as probe:
            start = time.perf_counter()
            response = client.post(reverse("admin:policing_source_add"), form(slug, text))
            seconds = time.perf_counter() - start
        return response, seconds, probe.longest

    # A report at the limit, pasted.
    text = at_limit()
    print(
        f"\nA report at the limit: {len(text.encode()):,} bytes, "
        f"{corpus.paragraph_count(text):,} paragraphs"
    )
    response, seconds, lock = post("at-limit", text)
    assert response.status_code == 302, response.content[:2000]
    source = Source.objects.get(slug="at-limit")
    print(f"  saved (and proposed from) in {seconds:.2f} s; longest write-lock wait {lock:.2f} s")
    print(f"  proposals queued: {source.proposals.count()}")
    # The same without proposing: the save's own share.
    start = time.perf_counter()
    found = proposals.propose_source(source)
    print(f"  propose_source alone: {time.perf_counter() - start:.2f} s, {len(found)} candidates")
    print(f"\n  {'page of':<34} {'page':<18} {'time':>8} {'memory':>10} {'size':>11}")
    pages("the report at the limit", source)
    pages("a seed (scmp-yahoo), the peer", Source.objects.get(slug="scmp-yahoo"))

    # One byte over: refused by the form, everything typed kept.
    over = text + "x" * (max_bytes - len(text.encode()) + 1)
    response, seconds, lock = post("over-limit", over)
    kept = response.context["adminform"].form if response.status_code == 200 else None
    print(
        f"\nOne byte over ({len(over.encode()):,} bytes): HTTP {response.status_code} in "
        f"{seconds:.2f} s; title, outlet and text kept: "
        f"{bool(kept) and kept['title'].value() == 'Bench report over-limit'}, "
        f"{bool(kept) and kept['outlet'].value() == 'Bench Outlet'}, "
        f"{bool(kept) and kept['text'].value() == over}; saved: "
        f"{Source.objects.filter(slug='over-limit').exists()}"
    )

    # The issue's hostile inputs, pasted, then stored directly.
    lines = "\n".join(f"L{i}" for i in range(50_000))
    repeated = "\n".join(seeds)
    repeated = (repeated * (2_000_000 // len(repeated.encode()) + 1)).encode()[:2_000_000]
    repeated = repeated.decode("utf-8", "ignore")
    for slug, hostile in [("lines", lines), ("repeated", repeated)]:
        response, seconds, lock = post(slug, hostile)
        said = (
            response.context["adminform"].form.errors.get("text", ["?"])[0]
            if response.status_code == 200
            else response.content.decode().split("<h1>")[1].split("</h1>")[0]
        )
        print(
            f"\n{slug}: {len(hostile.encode()):,} bytes, {corpus.paragraph_count(hostile):,} "
            f"paragraphs, pasted: HTTP {response.status_code} in {seconds:.2f} s: {said}"
        )
        stored = Source.objects.create(
            slug=f"stored-{slug}",
            title=f"Stored {slug}",
            outlet="Bench",
            published_edtf="2025-03-01",
            published="2025-03-01",
            text=hostile,
        )
        start = time.perf_counter()
        corpus.import_text(stored)
        print(
            f"  stored directly: {stored.passages.count():,} passages in "
            f"{time.perf_counter() - start:.2f} s"
        )
        start = time.perf_counter()
        found = proposals.propose_source(stored)
        print(f"  propose_source: {time.perf_counter() - start:.2f} s, {len(found)} candidates")
        pages(f"stored {slug}", stored)
    print(f"\n(database: {database})")


if __name__ == "__main__":
    main()
