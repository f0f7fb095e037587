"""Browser tests: Debian's chromium driven by pytest-playwright against a live server.

Without /usr/bin/chromium these tests are skipped with a reason; with the CI variable set
they fail instead, so a CI run cannot pass without having run them.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from browsing import CHROMIUM, CHROMIUM_ARGS

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


def missing(what: str, reason: str) -> None:
    """Skip on a developer's machine; fail in CI, where a skip would hide a gap."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"{what} skipped: {reason}")


HERE = Path(__file__).parent
EDITOR_PASSWORD = "a-long-editor-passphrase"


def pytest_collection_modifyitems(config, items):
    """Run the browser tests last: once Playwright's event loop runs in the main thread it
    stays until the session ends, and Django refuses ORM calls from a thread with a loop."""
    browser = [item for item in items if HERE in item.path.parents]
    if browser:
        items[:] = [item for item in items if HERE not in item.path.parents] + browser


def pytest_runtest_setup(item):
    # Playwright's sync API runs that loop in the test thread; the ORM calls made from it
    # (fixtures, expected counts, the database flush between tests) are synchronous and safe.
    # Set from the first browser test on, which comes after every other test, so nothing
    # else (a `check --deploy` subprocess, say) inherits it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def require_chromium() -> None:
    if not CHROMIUM.exists():
        missing("Browser tests", f"{CHROMIUM} is not installed (apt-get install chromium)")


@pytest.fixture(autouse=True)
def _require_chromium():
    require_chromium()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Session fixtures are set up before the autouse check above, so check here as well.
    require_chromium()
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def site(transactional_db, live_server, curated):
    """The real corpus and curated events behind a live server; returns its address."""
    return live_server.url


@pytest.fixture
def no_script_page(browser):
    """A page at 1280 × 900 with JavaScript off."""
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe():
    """A function that audits the current page with axe-core and returns its violations."""
    if not AXE.exists():
        missing("Accessibility audit", f"{AXE} is missing (run `npm ci`)")
    script = AXE.read_text()

    def audit(page, *, impacts=("serious", "critical")):
        # Evaluated through the devtools protocol, not as a <script>: the pages' CSP allows
        # no inline scripts, and the audit should see the pages exactly as they are served.
        # Colours are read as they settle: a paragraph's arrival flash (1.6 s) is not its
        # contrast. (The loading dot pulses for ever, hidden: it is not waited for.)
        page.wait_for_function(
            "() => document.getAnimations().every(a => a.playState !== 'running'"
            " || a.effect.getTiming().iterations === Infinity)"
        )
        page.evaluate(f"() => {{ {script}\n}}")
        assert page.evaluate("() => typeof window.axe") == "object", "axe-core did not load"
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        return [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
            }
            for v in result["violations"]
            if v["impact"] in impacts
        ]

    return audit


@pytest.fixture
def signed_in(page, site, monkeypatch):
    """The page, signed in to the admin as the editor "edith"."""
    monkeypatch.setenv("EDITOR_PASSWORD", EDITOR_PASSWORD)
    call_command("create_editor", "edith", verbosity=0)
    page.goto(site + "/admin/login/?next=/admin/")
    page.fill("#id_username", "edith")
    page.fill("#id_password", EDITOR_PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()
    return page
