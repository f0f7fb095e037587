"""An editor's time per accepted event, scripted in headless chromium: a report of five
proposals reviewed through its grid, beside the same report reviewed one proposal page at a
time (the pages the grid replaces as the way in), measured in the same run; and one event
added with "Read and cite", its fields filled in from the words.

    .venv/bin/python bench/review_time.py                     # 3 runs of each
    .venv/bin/python bench/review_time.py --runs 5 --typing-delay 150

It builds a SQLite database in bench/.cache/review.sqlite3 (migrate, the seeds, the curated
events, an editor), serves it with gunicorn and production settings (bench/review_settings.py:
cookies over plain HTTP on loopback), and for each run pastes the report as a new source in
the admin (not timed), then times an editor's script from opening the review to the accepted
events being public:

- two proposals accepted as they are, one whose title is retyped and then accepted, one
  rejected with a reason typed, one merged into the curated event it states (its best match,
  chosen in the picker), and the three accepted events published;
- through the grid: its keys (x, j, A; r and Enter; m and Enter), the row's Accept after the
  retyped title, and "Publish on accept";
- on the proposal pages: each proposal's page from the list, the edit page for the retyped
  title, and the event list's publish action for the three drafts;
- with "Read and cite": words selected in the reader, "in a new event", a title and summary
  typed into the filled-in form, published, saved.

Text is typed a key at a time, --typing-delay milliseconds apart (150: about 80 words a
minute); the script never pauses to read, so an editor's own time comes on top, and it is the
same for the grid and the pages. The events each run made are deleted after it, so every run
meets the same timeline. Prints the medians and the page loads, requests, clicks and keys of
each; writes bench/results/review_time.json. No figure here is asserted: they are for
comparing. Needs /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))  # run as a script: the project's packages beside bench/

from bench.browser import gunicorn  # noqa: E402
from tests.pasted_report import COURSE, REPORT, RUGBY, TIMOR  # noqa: E402

DATABASE = BASE / "bench" / ".cache" / "review.sqlite3"
PASSWORD = "benchmark-editor-passphrase"
TITLE = "Timor-Leste and China announce joint police patrols"
REASON = "A sports outing, not policing diplomacy."
CITED = "Chinese liaison officers completed police tactical training"
CITED_TITLE = "Chinese liaison officers train Solomon Islands police"
CITED_SUMMARY = "Chinese officers completed a tactical course for Solomon Islands police."
ACCEPTED = 3  # events each review accepts (and publishes)
OUTLET = "Review benchmark"  # the outlet of every report it pastes, so it finds them again


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-secret-key-" + "x" * 30),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{DATABASE}",
        "DJANGO_SETTINGS_MODULE": "bench.review_settings",
    }


def prepare(env: dict[str, str]) -> None:
    """The database (built once: the seeds, the curated events, an editor) and static files."""
    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    script = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "from policing.models import Event\n"
        "call_command('migrate', verbosity=0)\n"
        "if not Event.objects.exists():\n"
        "    call_command('import_sources', verbosity=0)\n"
        "    call_command('load_curated', verbosity=0)\n"
        "call_command('create_editor', 'bench-editor', verbosity=0)\n"
        "call_command('collectstatic', interactive=False, verbosity=0)\n"
    )
    env = {**env, "EDITOR_PASSWORD": PASSWORD}
    subprocess.run([sys.executable, "-c", script], env=env, cwd=BASE, check=True)


def forget(env: dict[str, str]) -> None:
    """Delete what the runs made: the reports pasted, the events dated by them (accepted, or
    added with "Read and cite") and their words cited in curated events, so that every run
    meets the same timeline."""
    script = (
        "import django; django.setup()\n"
        "from policing.models import Event, Source\n"
        f"for source in Source.objects.filter(outlet={OUTLET!r}):\n"
        "    Event.objects.filter(date_source=source).delete()\n"
        "    source.citations.all().delete()\n"
        "    source.delete()\n"
    )
    subprocess.run([sys.executable, "-c", script], env=env, cwd=BASE, check=True)


class Counted:
    """A page whose loads and requests are counted, with clicks and keys counted as they are
    made through it."""

    def __init__(self, page, delay: int):
        self.page, self.delay = page, delay
        self.loads = self.requests = self.clicks = self.keys = self.typed = 0
        page.on("load", lambda _: self._count("loads"))
        page.on(
            "request",
            lambda r: (
                self._count("requests") if r.resource_type in ("document", "xhr", "fetch") else None
            ),
        )

    def _count(self, name: str) -> None:
        setattr(self, name, getattr(self, name) + 1)

    def click(self, locator) -> None:
        locator.click()
        self.clicks += 1

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.keys += 1

    def type(self, locator, text: str) -> None:
        """Replace what the field holds with `text`, a key at a time."""
        locator.fill("")
        locator.press_sequentially(text, delay=self.delay)
        self.keys += len(text)
        self.typed += len(text)

    def counts(self) -> dict[str, int]:
        return {
            "page_loads": self.loads,
            "requests": self.requests,
            "clicks": self.clicks,
            "keys": self.keys,
            "typed": self.typed,
        }


def sign_in(context, site: str) -> None:
    page = context.new_page()
    page.goto(f"{site}/admin/login/?next=/admin/")
    page.fill("#id_username", "bench-editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    page.close()


def paste(context, site: str, title: str) -> int:
    """Add the report as a new source, as an editor pastes one; its id. Not timed."""
    page = context.new_page()
    page.goto(f"{site}/admin/policing/source/add/")
    page.locator("#id_title").press_sequentially(title)  # and the slug is made from it
    page.fill("#id_outlet", OUTLET)
    page.fill("#id_published_edtf", "2025-03-20")
    page.fill("#id_text", REPORT)
    page.click("input[name=_continue]")
    message = page.locator(".messagelist").inner_text()
    if "5 new event(s) proposed" not in message:
        raise SystemExit(f"The report was not proposed as expected: {message}")
    source_id = int(page.url.rstrip("/").split("/")[-2])
    page.close()
    return source_id


def row(page, quote: str):
    return page.locator(".grid-row", has=page.locator("mark", has_text=quote))


def through_the_grid(editor: Counted, site: str, source_id: int) -> None:
    page = editor.page
    page.goto(f"{site}/admin/policing/proposal/source/{source_id}/review/")
    editor.click(page.get_by_label("Publish on accept"))
    for key in ("j", "x", "j", "x", "Shift+A"):
        editor.press(key)
    page.wait_for_selector(".messagelist")
    timor = row(page, TIMOR)
    editor.type(timor.get_by_label("Title"), TITLE)
    editor.click(timor.get_by_role("button", name="Accept", exact=True))
    timor.locator(".grid-outcome").wait_for()
    editor.press("r")
    editor.type(row(page, RUGBY).get_by_label("Why reject it"), REASON)
    editor.press("Enter")
    row(page, RUGBY).locator(".grid-outcome").wait_for()
    editor.press("m")
    editor.press("Enter")
    row(page, COURSE).locator(".grid-outcome").wait_for()
    summary = page.locator("#grid-summary").inner_text()
    if "3 accepted, 1 merged, 1 rejected" not in summary:
        raise SystemExit(f"The grid's script went wrong: {summary}")


def on_the_proposal_pages(editor: Counted, site: str, source_id: int) -> None:
    page = editor.page
    page.goto(
        f"{site}/admin/policing/proposal/?source__id__exact={source_id}&status__exact=pending"
    )
    editor.click(page.locator("#result_list tbody tr th a").first)
    for _ in range(2):  # Fiji, then Papua New Guinea: as proposed
        editor.click(page.get_by_role("button", name="Accept as a draft event"))
        page.wait_for_selector(".messagelist")
    editor.click(page.get_by_role("link", name="Edit, then accept"))
    editor.type(page.locator("#id_title"), TITLE)
    editor.click(page.locator("#proposal-edit-form input[type=submit]"))
    page.wait_for_selector(".messagelist")
    editor.type(page.get_by_label("Why reject it"), REASON)
    editor.click(page.get_by_role("button", name="Reject with this reason"))
    page.wait_for_selector(".messagelist")
    editor.click(page.get_by_role("button", name="Cite these words in the chosen event"))
    page.wait_for_selector(".messagelist")
    page.goto(f"{site}/admin/policing/event/?published__exact=0")
    for quote_start in ("Agreement (signed", "Training (started)", TITLE):
        editor.click(
            page.locator("#result_list tr", has_text=quote_start).locator("input.action-select")
        )
    page.select_option("select[name=action]", "publish")
    editor.clicks += 1
    editor.click(page.locator("button[name=index]"))
    text = page.locator(".messagelist").inner_text()
    if f"Published {ACCEPTED} event(s)" not in text:
        raise SystemExit(f"The pages' script went wrong: {text}")


def with_read_and_cite(editor: Counted, site: str, source_id: int) -> None:
    page = editor.page
    page.goto(f"{site}/admin/policing/source/{source_id}/cite/")
    paragraph = page.locator("[data-passage] > p", has_text=CITED)
    paragraph.evaluate(
        """(element, words) => {
            const text = element.firstChild;
            const start = text.data.indexOf(words);
            const range = document.createRange();
            range.setStart(text, start);
            range.setEnd(text, start + words.length);
            window.getSelection().removeAllRanges();
            window.getSelection().addRange(range);
            element.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
        }""",
        CITED,
    )
    editor.clicks += 1  # the selection, made with the mouse
    editor.click(page.get_by_role("link", name="in a new event"))
    editor.type(page.locator("#id_title"), CITED_TITLE)
    editor.type(page.locator("#id_summary"), CITED_SUMMARY)
    editor.click(page.locator("#id_published"))
    editor.click(page.locator("input[name=_save]").first)
    text = page.locator(".messagelist").inner_text()
    if "was added successfully" not in text:
        raise SystemExit(f"Read and cite's script went wrong: {text}")


FLOWS = {
    "grid": (through_the_grid, ACCEPTED),
    "proposal pages": (on_the_proposal_pages, ACCEPTED),
    "read and cite": (with_read_and_cite, 1),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", choices=list(FLOWS), action="append", help="these flows only")
    parser.add_argument("--typing-delay", type=int, default=150, help="ms between keys")
    parser.add_argument(
        "--output", type=Path, default=BASE / "bench" / "results" / "review_time.json"
    )
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from browsing import CHROMIUM, CHROMIUM_ARGS

    env = environment()
    prepare(env)
    forget(env)  # what an interrupted run left
    results: dict[str, list[dict]] = {name: [] for name in args.only or FLOWS}
    with gunicorn(env) as site, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for run in range(args.runs + 1):  # the first, a warm-up, is not counted
            for name, (script, accepted) in FLOWS.items():
                if args.only and name not in args.only:
                    continue
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                sign_in(context, site)
                source_id = paste(context, site, f"Pacific policing ties {run} {name}")
                editor = Counted(context.new_page(), args.typing_delay)
                started = time.perf_counter()
                try:
                    script(editor, site, source_id)
                except Exception:
                    shot = DATABASE.parent / f"failed-{name.replace(' ', '-')}.png"
                    editor.page.screenshot(path=shot, full_page=True)
                    print(f"{name}: failed at {editor.page.url}; the page is in {shot}")
                    raise
                seconds = time.perf_counter() - started
                context.close()
                forget(env)
                if run:
                    # Waiting: the time the page, not the typing, took.
                    waiting = seconds - editor.typed * args.typing_delay / 1000
                    results[name].append(
                        {
                            "seconds": seconds,
                            "per_event": seconds / accepted,
                            "waiting_per_event": waiting / accepted,
                            **editor.counts(),
                        }
                    )
        browser.close()

    report = {
        "runs": args.runs,
        "typing_delay_ms": args.typing_delay,
        "flows": {
            name: {
                "accepted_events": FLOWS[name][1],
                "median_seconds": round(statistics.median(r["seconds"] for r in runs), 2),
                "median_seconds_per_event": round(
                    statistics.median(r["per_event"] for r in runs), 2
                ),
                "min_seconds_per_event": round(min(r["per_event"] for r in runs), 2),
                "max_seconds_per_event": round(max(r["per_event"] for r in runs), 2),
                "median_waiting_per_event": round(
                    statistics.median(r["waiting_per_event"] for r in runs), 2
                ),
                **{k: v for k, v in runs[0].items() if "seconds" not in k and "per_event" not in k},
            }
            for name, runs in results.items()
        },
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2) + "\n")

    print(f"{args.runs} runs each, typing {args.typing_delay} ms a key; medians")
    print(
        f"{'flow':<16} {'events':>6} {'s/event':>8} {'(min–max)':>13} {'waiting':>8} "
        f"{'total s':>8} {'loads':>6} {'reqs':>5} {'clicks':>6} {'keys':>5} {'typed':>6}"
    )
    for name, flow in report["flows"].items():
        spread = f"{flow['min_seconds_per_event']}–{flow['max_seconds_per_event']}"
        print(
            f"{name:<16} {flow['accepted_events']:>6} {flow['median_seconds_per_event']:>8} "
            f"{spread:>13} {flow['median_waiting_per_event']:>8} {flow['median_seconds']:>8} "
            f"{flow['page_loads']:>6} {flow['requests']:>5} {flow['clicks']:>6} "
            f"{flow['keys']:>5} {flow['typed']:>6}"
        )
    print("s/event: from opening the review to the events public, over the events accepted;")
    print("waiting: the same less the typing (typed characters x the delay).")


if __name__ == "__main__":
    main()
