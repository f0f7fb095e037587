"""What the browser tests (tests/e2e/) and the browser benchmark (bench/browser.py) share:
Debian's chromium with the flags it needs on these machines, and the TimelineJS embed
(`browsing.timelinejs`, a URLconf served beside the site's own).

Its own package, neither in the app (nothing here is served by the site) nor in tests/ or
bench/: the tests must not depend on the benchmark harness, and the benchmark must not import
the tests, so the pieces both use live beside them.
"""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
