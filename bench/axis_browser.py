"""How soon the time axis (`/?view=axis`) shows its first mark and the map (`/map/`) its first
country in headless chromium, beside the list (`/`) showing its first card, with the same
events; and what each page weighs.

    .venv/bin/python bench/axis_browser.py                 # 1,000 events, 11 runs each
    .venv/bin/python bench/axis_browser.py --events 1000 --runs 15

Uses bench/browser.py's database, server and settings (the synthetic events in bench/.cache/,
gunicorn with one worker and production settings): each run opens the page in a fresh browser
context after three warm-up runs, and a MutationObserver installed before the page's scripts
marks when the first card or mark is in the document and the frame after it, when it is
painted. Prints medians and writes bench/results/axis_browser.json. Needs /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import urllib.request
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))  # run as a script: the project's packages beside bench/

from bench.browser import served, summarise  # noqa: E402

OBSERVER = """
(() => {
  const observer = new MutationObserver(() => {
    if (!document.querySelector(".event-card, .axis-mark, .axis-cell, .world-map .place")) return;
    observer.disconnect();
    performance.mark("first-event");
    requestAnimationFrame(() => setTimeout(() => performance.mark("first-event-painted")));
  });
  observer.observe(document, {childList: true, subtree: true});
})();
"""
MARKS = ["first-event", "first-event-painted"]
FIRST = ".event-card, .axis-mark, .axis-cell, .world-map .place"  # as OBSERVER waits for


def measure(browser, url: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.add_init_script(OBSERVER)
        page.goto(url)
        page.wait_for_selector(FIRST, state="attached")
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
                found["marks"] = document.querySelectorAll(".axis-mark").length;
                return found;
            }""",
            MARKS,
        )
    finally:
        context.close()


def weight(url: str) -> dict[str, float]:
    """The HTML's size as sent (gzip, as the site's middleware compresses it) and unpacked."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        body = response.read()
        sent = len(body)
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        else:
            sent = len(gzip.compress(body))
    return {"html_kb": round(len(body) / 1024, 1), "gzip_kb": round(sent / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument(
        "--output", type=Path, default=BASE / "bench" / "results" / "axis_browser.json"
    )
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from browsing import CHROMIUM, CHROMIUM_ARGS

    with served(args.events) as site:
        pages = {
            "list": f"{site}/",
            "axis by thread": f"{site}/?view=axis",
            "axis by activity": f"{site}/?view=axis&lanes=activity",
            "axis by country": f"{site}/?view=axis&lanes=country",
            "map": f"{site}/map/",
        }
        results, weights, drawn = {}, {}, {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for name, url in pages.items():
                for _ in range(3):  # warm-up: the server's caches, not the browser's
                    measure(browser, url)
                runs = [measure(browser, url) for _ in range(args.runs)]
                drawn[name] = runs[0].pop("marks")
                for run in runs[1:]:
                    run.pop("marks")
                results[name] = summarise(runs)
                weights[name] = weight(url)
            browser.close()

    report = {
        "events": args.events,
        "runs": args.runs,
        "pages": results,
        "weight": weights,
        "marks": drawn,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2))

    print(f"{args.events} events, median of {args.runs} runs (ms since navigation start)")
    print(f"{'page':<18} {'measure':<24} {'median':>8} {'min':>8} {'max':>8}")
    for name, measures in results.items():
        for measure_name, figures in measures.items():
            print(
                f"{name:<18} {measure_name:<24} {figures['median_ms']:>8.1f} "
                f"{figures['min_ms']:>8.1f} {figures['max_ms']:>8.1f}"
            )
    for name, sizes in weights.items():
        print(
            f"{name:<18} HTML {sizes['html_kb']} KB, {sizes['gzip_kb']} KB gzipped; "
            f"{drawn[name]} marks drawn one by one"
        )
    print(f"Wrote {args.output}")


if __name__ == "__main__":
    main()
