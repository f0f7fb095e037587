"""The time axis beside vis-timeline 8 on the same events, in one run of headless chromium: how
soon each paints its first mark (our `/?view=axis`) or item (vis-timeline, in lanes by thread
as the axis), and how soon a zoom to one year is painted (our year link, swapping the results
over HTMX; vis-timeline's `setWindow`, which redraws what it already holds).

    npm ci && .venv/bin/python bench/axis_zoom.py       # 1,000 events, 11 runs each
    .venv/bin/python bench/axis_zoom.py --runs 15 --year 2023

Uses bench/browser.py's database and server (the synthetic events of bench/synthetic.py,
gunicorn with one worker and production settings) with vis-timeline served beside the site
(browsing/vistimeline.py, through bench/vistimeline_settings.py). Each run opens the page in a
fresh browser context, after three warm-up runs. The first mark or item: a MutationObserver
installed before the page's scripts marks when it is in the document and the frame after it,
when it is painted (ms since navigation start). A zoom: from the click (or the call) to the
frame after the new axis (or vis-timeline's first "changed" event). Our zoom is measured on an
address the server has rendered before (as every run after the first asks it) and on one it
has not (an ignored parameter makes each address new), and, for comparison, as the page load
it was before, which is still what it is without JavaScript. Prints medians with their range,
the bytes of what is swapped, and writes bench/results/axis_zoom.json. Needs
/usr/bin/chromium and `npm ci` (vis-timeline is a devDependency).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sqlite3
import sys
import time
import urllib.request
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))  # run as a script: the project's packages beside bench/

from bench.axis_browser import weight  # noqa: E402
from bench.browser import environment, gunicorn, prepare, summarise  # noqa: E402

# Runs in every document before its own scripts: marks when the first axis mark or
# vis-timeline item is in the document, and the frame after it, when it is painted.
OBSERVER = """
(() => {
  const observer = new MutationObserver(() => {
    if (!document.querySelector(".axis-mark, .axis-cell, .vis-item")) return;
    observer.disconnect();
    performance.mark("first-mark");
    requestAnimationFrame(() => setTimeout(() => performance.mark("first-mark-painted")));
  });
  observer.observe(document, {childList: true, subtree: true});
})();
"""
FIRST = ".axis-mark, .axis-cell, .vis-item"

# A click on the axis's link to `year` (re-pointed at a new address when `fresh`), timed to
# the new axis in the document and the frame after it.
ZOOM = """
async ({year, fresh}) => {
  const link = document.querySelector(`.axis-years a[href*="year=${year}"]`);
  if (!link || !link.hasAttribute("hx-get")) throw new Error(`no zoom to ${year} over htmx`);
  if (fresh) {
    link.setAttribute("hx-get", `${link.getAttribute("href")}&run=${fresh}`);
    htmx.process(link);
  }
  const old = document.querySelector(".axis");
  return await new Promise(resolve => {
    let start;
    const observer = new MutationObserver(() => {
      const axis = document.querySelector(".axis");
      if (!axis || axis === old || !axis.querySelector(".axis-mark, .axis-cell")) return;
      observer.disconnect();
      const inDocument = performance.now() - start;
      requestAnimationFrame(() => setTimeout(() => resolve({
        "zoom-in-document": inDocument,
        "zoom-painted": performance.now() - start,
        "marks": axis.querySelectorAll(".axis-mark").length,
      })));
    });
    observer.observe(document.body, {childList: true, subtree: true});
    start = performance.now();
    link.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true, view: window}));
  });
}
"""

# vis-timeline's setWindow on `year`, timed to its first "changed" event (its redraw done)
# and the frame after it.
SET_WINDOW = """
async (year) => {
  const timeline = window.timeline;
  return await new Promise(resolve => {
    let start;
    timeline.once("changed", () => {
      const drawn = performance.now() - start;
      requestAnimationFrame(() => setTimeout(() => resolve({
        "zoom-in-document": drawn,
        "zoom-painted": performance.now() - start,
        "marks": document.querySelectorAll("#timeline .vis-item").length,
      })));
    });
    start = performance.now();
    timeline.setWindow(new Date(year, 0, 1), new Date(year + 1, 0, 1), {animation: false});
  });
}
"""

READ_MARKS = """
() => {
  const found = {};
  for (const name of ["first-mark", "first-mark-painted"]) {
    const [entry] = performance.getEntriesByName(name);
    if (entry) found[name] = entry.startTime;
  }
  return found;
}
"""


def zoomable_years(site: str) -> set[int]:
    """The years the axis labels with a link to zoom in on them (every other year over 30)."""
    with urllib.request.urlopen(f"{site}/?view=axis") as response:
        page = response.read().decode()
    return {int(year) for year in re.findall(r'hx-get="[^"]*year=(\d{4})"', page)}


def busiest_year(events: int, among: set[int]) -> int:
    """The year of `among` in which the most of the benchmark's events are placed."""
    path = BASE / "bench" / ".cache" / f"bench-{events}.sqlite3"
    with sqlite3.connect(path) as db:
        spans = db.execute(
            "SELECT start_year, min(end_year, 2100) FROM policing_event WHERE published"
        ).fetchall()
    years: dict[int, int] = {}
    for first, last in spans:
        for year in range(first, last + 1):
            years[year] = years.get(year, 0) + 1
    return max(among, key=lambda y: (years.get(y, 0), y))


def fresh_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.add_init_script(OBSERVER)
    return context, page


def axis_run(browser, site: str, year: int, *, fresh: str = "") -> dict[str, float]:
    """The axis's first mark, then a zoom to `year` over HTMX."""
    context, page = fresh_context(browser)
    try:
        page.goto(f"{site}/?view=axis")
        page.wait_for_selector(FIRST, state="attached")
        page.wait_for_load_state("load")
        page.wait_for_timeout(100)  # let the "painted" mark land
        found = page.evaluate(READ_MARKS)
        zoom = page.evaluate(ZOOM, {"year": year, "fresh": fresh})
        return found | zoom
    finally:
        context.close()


def page_load_run(browser, url: str) -> dict[str, float]:
    """A zoom as a page load: the zoomed address opened, to its first mark painted."""
    context, page = fresh_context(browser)
    try:
        page.goto(url)
        page.wait_for_selector(FIRST, state="attached")
        page.wait_for_timeout(100)
        found = page.evaluate(READ_MARKS)
        return {"zoom-painted": found["first-mark-painted"]}
    finally:
        context.close()


def vis_run(browser, site: str, year: int) -> dict[str, float]:
    """vis-timeline's first item, then its setWindow on `year`."""
    context, page = fresh_context(browser)
    try:
        page.goto(f"{site}/vis-timeline-embed/")
        page.wait_for_selector("body[data-loaded]", state="attached", timeout=60_000)
        page.wait_for_timeout(100)
        found = page.evaluate(READ_MARKS)
        zoom = page.evaluate(SET_WINDOW, year)
        return found | zoom
    finally:
        context.close()


def repeat(runs: int, measure) -> tuple[dict, int]:
    """Three warm-up runs (the server's caches, not the browser's), then `runs` measured;
    the medians and what the first run drew after its zoom."""
    for _ in range(3):
        measure()
    results = [measure() for _ in range(runs)]
    drawn = results[0].get("marks", 0)
    for result in results:
        result.pop("marks", None)
    return summarise(results), drawn


def swapped(url: str) -> dict[str, float]:
    """The bytes of the results region an HTMX zoom swaps in, unpacked and as sent."""
    request = urllib.request.Request(url, headers={"HX-Request": "true", "Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        body = response.read()
        sent = len(body)
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
    return {"html_kb": round(len(body) / 1024, 1), "gzip_kb": round(sent / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--year", type=int, help="the year zoomed to (default: the busiest)")
    parser.add_argument(
        "--output", type=Path, default=BASE / "bench" / "results" / "axis_zoom.json"
    )
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from browsing import CHROMIUM, CHROMIUM_ARGS

    if not (BASE / "node_modules" / "vis-timeline").exists():
        raise SystemExit("vis-timeline is not installed: run `npm ci` first.")
    env = environment(args.events) | {"DJANGO_SETTINGS_MODULE": "bench.vistimeline_settings"}
    prepare(args.events, env)
    fresh = iter(range(1, 1_000_000))
    stamp = int(time.time())
    with gunicorn(env) as site, sync_playwright() as playwright:
        year = args.year or busiest_year(args.events, zoomable_years(site))
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        zoomed = f"{site}/?view=axis&year={year}"
        ours, drawn = repeat(args.runs, lambda: axis_run(browser, site, year))
        first_ask, _ = repeat(
            args.runs, lambda: axis_run(browser, site, year, fresh=f"{stamp}-{next(fresh)}")
        )
        loaded, _ = repeat(args.runs, lambda: page_load_run(browser, zoomed))
        theirs, vis_drawn = repeat(args.runs, lambda: vis_run(browser, site, year))
        browser.close()
        sizes = {
            "axis page": weight(f"{site}/?view=axis"),
            f"page of {year}": weight(zoomed),
            f"swapped for {year}": swapped(zoomed),
            "vis-timeline items": weight(f"{site}/vis-timeline-embed/items.json"),
        }

    def median(results: dict, name: str) -> float:
        return results[name]["median_ms"]

    first_ratio = median(theirs, "first-mark-painted") / median(ours, "first-mark-painted")
    zoom_ratio = median(theirs, "zoom-painted") / median(ours, "zoom-painted")
    report = {
        "events": args.events,
        "runs": args.runs,
        "year": year,
        "axis": ours,
        "axis zoom, address not asked before": first_ask,
        "axis zoom as a page load": loaded,
        "vis-timeline 8": theirs,
        "marks after the zoom": {"axis": drawn, "vis-timeline": vis_drawn},
        "bytes": sizes,
        "ratio_first_mark": round(first_ratio, 2),
        "ratio_zoom": round(zoom_ratio, 2),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2))

    print(f"{args.events} events, zoom to {year}; median (min–max) of {args.runs} runs, ms")
    rows = [
        ("First mark painted, since navigation", ours, theirs, "first-mark-painted"),
        ("Zoom to a year: in the document", ours, theirs, "zoom-in-document"),
        ("Zoom to a year: painted", ours, theirs, "zoom-painted"),
        ("  the same, address not asked before", first_ask, None, "zoom-painted"),
        ("  the same, as a page load (no JavaScript)", loaded, None, "zoom-painted"),
    ]
    print(f"{'':44} {'axis (HTMX)':>20} {'vis-timeline 8.5.4':>20}")

    def cell(results, name) -> str:
        if results is None:
            return ""
        f = results[name]
        return f"{f['median_ms']:.0f} ({f['min_ms']:.0f}–{f['max_ms']:.0f})"

    for label, left, right, name in rows:
        print(f"{label:44} {cell(left, name):>20} {cell(right, name):>20}")
    print(
        f"vis-timeline paints its first item {first_ratio:.2f}x as late as the axis its first "
        f"mark; its setWindow takes {zoom_ratio:.2f}x as long as the axis's zoom."
    )
    print(f"After the zoom: {drawn} marks on the axis, {vis_drawn} items in vis-timeline.")
    for name, size in sizes.items():
        print(f"{name:24} {size['html_kb']:>7} KB, {size['gzip_kb']:>6} KB gzipped")
    print(f"Wrote {args.output}")


if __name__ == "__main__":
    main()
