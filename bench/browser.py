"""How soon the timeline shows its first event in headless chromium, beside TimelineJS 3
loading the same events from our TimelineJS export.

    .venv/bin/python bench/browser.py                  # 1,000 events, 11 runs each
    .venv/bin/python bench/browser.py --events 1000 --runs 15

It builds (or reuses) the benchmark's synthetic database in bench/.cache/, serves it with
gunicorn and production settings (plus TimelineJS from node_modules, see
browsing/timelinejs.py), then opens each page in a fresh browser context (empty browser cache)
and reads the Performance API: when the first card (our timeline) or first slide (TimelineJS)
is in the document, the paint after it, and for TimelineJS its own "loaded" event. It prints
medians and the ratio, and writes bench/results/browser.json. Needs /usr/bin/chromium (with
the browser tests' flags, from browsing/) and `npm ci`.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
# Runs in every document before its own scripts (through the DevTools protocol, so the CSP
# does not apply): marks when the first event appears, and the frame after, when it is painted.
OBSERVER = """
(() => {
  const watch = (selector, name) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      performance.mark(name);
      requestAnimationFrame(() => setTimeout(() => performance.mark(name + "-painted")));
    });
    observer.observe(document, {childList: true, subtree: true});
  };
  watch(".event-card", "first-event");
  watch(".tl-slide:not(.tl-slide-titleslide) .tl-headline", "first-event");
})();
"""
MARKS = ["first-event", "first-event-painted", "timelinejs-loaded"]


def environment(events: int) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-secret-key-" + "x" * 30),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{BASE / 'bench' / '.cache' / f'bench-{events}.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "bench.browser_settings",
    }


def prepare(events: int, env: dict[str, str]) -> None:
    """Migrate and fill the synthetic database (as bench/benchmark.py does), collect static."""
    (BASE / "bench" / ".cache").mkdir(parents=True, exist_ok=True)
    script = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "from bench import synthetic\n"
        "from policing.models import Country, Event, Source\n"
        "call_command('migrate', verbosity=0)\n"
        f"if Event.objects.count() != {events}:\n"
        "    for model in (Event, Source, Country): model.objects.all().delete()\n"
        f"    synthetic.build({events})\n"
        "call_command('collectstatic', interactive=False, verbosity=0)\n"
    )
    subprocess.run([sys.executable, "-c", script], env=env, cwd=BASE, check=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not start on port {port}")


@contextmanager
def served(events: int):
    """The benchmark's database of `events` (built if need be) served by gunicorn with
    production settings; yields the site's address, and stops the server after."""
    env = environment(events)
    prepare(events, env)
    with gunicorn(env) as url:
        yield url


@contextmanager
def gunicorn(env: dict[str, str]):
    """The site served by gunicorn with `env` on a free port; yields its address, and stops
    the server after."""
    port = free_port()
    server = subprocess.Popen(
        [str(BASE / ".venv" / "bin" / "gunicorn"), "config.wsgi"]
        # One worker: the browser asks one page at a time, and every run meets a warm worker.
        + ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--log-level", "warning"],
        env=env,
        cwd=BASE,
    )
    try:
        wait_for(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait()


def measure(browser, url: str, wait_for_selector: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.add_init_script(OBSERVER)
        page.goto(url)
        page.wait_for_selector(wait_for_selector, state="attached", timeout=60_000)
        page.wait_for_timeout(200)  # let the "painted" mark land
        return page.evaluate(
            """names => {
                const found = {};
                for (const name of names) {
                    const [entry] = performance.getEntriesByName(name);
                    if (entry) found[name] = entry.startTime;
                }
                const [fcp] = performance.getEntriesByName("first-contentful-paint");
                if (fcp) found["first-contentful-paint"] = fcp.startTime;
                const [nav] = performance.getEntriesByType("navigation");
                found["load-event-end"] = nav.loadEventEnd;
                return found;
            }""",
            MARKS,
        )
    finally:
        context.close()


def summarise(runs: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    names = sorted({name for run in runs for name in run})
    return {
        name: {
            "median_ms": round(statistics.median(values), 1),
            "min_ms": round(min(values), 1),
            "max_ms": round(max(values), 1),
        }
        for name in names
        if (values := [run[name] for run in runs if name in run])
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--output", type=Path, default=BASE / "bench" / "results" / "browser.json")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(BASE))  # run as a script: the project's packages beside bench/
    from browsing import CHROMIUM, CHROMIUM_ARGS

    if not (BASE / "node_modules" / "@knight-lab" / "timelinejs").exists():
        raise SystemExit("TimelineJS is not installed: run `npm ci` first.")
    with served(args.events) as site:
        pages = {
            "our timeline": (f"{site}/", ".event-card"),
            "TimelineJS 3": (f"{site}/timelinejs-embed/", "body[data-loaded]"),
        }
        results = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for name, (url, ready) in pages.items():
                for _ in range(3):  # warm-up: the server's caches, not the browser's
                    measure(browser, url, ready)
                runs = [measure(browser, url, ready) for _ in range(args.runs)]
                results[name] = summarise(runs)
            browser.close()

    ours = results["our timeline"]["first-event-painted"]["median_ms"]
    theirs = results["TimelineJS 3"]
    report = {
        "events": args.events,
        "runs": args.runs,
        "pages": results,
        "ratio_first_event": round(theirs["first-event-painted"]["median_ms"] / ours, 1),
        "ratio_timelinejs_loaded": round(theirs["timelinejs-loaded"]["median_ms"] / ours, 1),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2))

    print(f"{args.events} events, median of {args.runs} runs (ms since navigation start)")
    print(f"{'page':<14} {'measure':<24} {'median':>8} {'min':>8} {'max':>8}")
    for name, measures in results.items():
        for measure_name, figures in measures.items():
            print(
                f"{name:<14} {measure_name:<24} {figures['median_ms']:>8.1f} "
                f"{figures['min_ms']:>8.1f} {figures['max_ms']:>8.1f}"
            )
    print(
        f"First event painted: TimelineJS takes {report['ratio_first_event']}x as long; "
        f"its 'loaded' event comes {report['ratio_timelinejs_loaded']}x as late."
    )
    print(f"Wrote {args.output}")


if __name__ == "__main__":
    main()
