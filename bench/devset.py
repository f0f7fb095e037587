"""How the proposals read reports nobody here wrote: the development set, scored.

`../shared/devset/reports.json` holds reports written to test extraction in varied styles
(wire dispatches, press releases, hearings, liveblogs, page chrome…), each with the events an
editor would take from it and sentences that look like events but are not. They are not
evidence: this script reads them into memory only, never into a database of the timeline.

Each report's text goes through `proposals.propose_text` against its publication date, with
no curated events to match. A proposal is matched to an expected event when their words share
a sentence (one quote holds the other, or most of their words are the same); each expected
event takes its best proposal, and a second proposal for it is a duplicate. It prints:

- found: expected events with a proposal;
- date right: the proposal's date is right to the event's (`proposals.date_within`: every day
  it allows is a day the event's date allows);
- countries right: the proposal's states other than China are the event's counterparts,
  objectors and third parties together (the proposal does not yet say who plays which part);
- the target figure: found with both the date and the countries right;
- roles: of those with the countries right, the objectors read as the event's objectors;
- activity and stage right, in the set's vocabulary mapped to the timeline's;
- precision: proposals that state an expected event, over all proposals; and how many
  proposals quote a sentence the set marks as not an event, or are duplicates;
- figures read from a dateline or a year (a number between 1900 and 2100 with no unit), and
  from a name, a footnote mark or a length of time (`NOT_A_COUNT`).

Prints figures only; it is not a timed test:

    .venv/bin/python bench/devset.py [--devset PATH | --all] [--misses] [--false]
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset" / "reports.json"

ACTIVITIES = {
    "agreement": "agreement",
    "deployment": "deployment",
    "joint patrol": "joint-patrol",
    "policy": "policy",
    "repatriation": "repatriation",
    "scrutiny": "scrutiny",
    "training": "training",
    "visit/meeting": "visit",
}
STAGES = {
    "pledged/offered": "pledged",
    "announced": "announced",
    "signed/agreed": "signed",
    "started": "started",
    "delivered/completed": "completed",
    "suspended/on hold": "suspended",
    "amended": "amended",
    "ended/revoked": "ended",
    "rejected": "rejected",
    "investigated/charged": "charged",
    "reported": "reported",
}
SUBJECT = "CN"


# A number inside a name ("ECU-911", ""912 Special Project"), a footnote mark ("[26]") or a
# length of time ("three years later"): no count of anything.
NOT_A_COUNT = re.compile(
    r"[A-Za-z]-@|\[@\]|[\"“]@ [A-Z]|@[\s-]+(?:years?|months?|weeks?|days?|hours?)\b", re.I
)


def _around(quote: str, number: str) -> str:
    """The quote with the figure's words replaced by "@", to look at what stands around them."""
    return quote.replace(number, "@", 1) if number else ""


def words(text: str) -> list[str]:
    return re.findall(r"[\w’']+", text.casefold())


def overlap(a: str, b: str) -> float:
    """How much two quotes share: 1.0 when one holds the other, else the share of the shorter
    one's words that the other has."""
    na, nb = " ".join(words(a)), " ".join(words(b))
    if not na or not nb:
        return 0.0
    if na in nb or nb in na:
        return 1.0
    wa, wb = set(na.split()), set(nb.split())
    return len(wa & wb) / min(len(wa), len(wb))


def setup_django() -> None:
    folder = tempfile.mkdtemp(prefix="devset-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)  # the scratch database
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/devset.sqlite3"
    sys.path.insert(0, str(ROOT))
    settings = "config.settings" if (ROOT / "config" / "settings.py").exists() else None
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings or "policing.settings")
    import django

    django.setup()


def score(reports: list[dict], *, misses: bool, false: bool) -> dict:
    from policing import proposals

    known = proposals.Known()
    totals = dict.fromkeys(
        [
            "expected",
            "found",
            "date",
            "countries",
            "both",
            "roles",
            "activity",
            "stage",
            "proposals",
            "true",
            "duplicates",
            "not_events",
            "year_figures",
            "name_figures",
        ],
        0,
    )
    started = time.perf_counter()
    for report in reports:
        candidates = proposals.propose_text(report["text"], report["published"], known=known)
        totals["proposals"] += len(candidates)
        expected = report["expect"]
        totals["expected"] += len(expected)
        claimed: dict[int, str] = {}  # candidate index -> expected id
        for event in expected:
            # Proposals that quote the same words (one sentence, two acts) go to the event
            # whose date they give.
            scored = sorted(
                (
                    (
                        overlap(c.quote, event["quote"]),
                        proposals.date_within(c.date_edtf, event["date_edtf"]),
                        -i,
                    )
                    for i, c in enumerate(candidates)
                ),
                reverse=True,
            )
            best = next(((s, -i) for s, _, i in scored if s >= 0.6 and -i not in claimed), None)
            if best is None:
                if misses:
                    print(f"  missed {event['id']}: {event['quote'][:100]}")
                continue
            _, index = best
            claimed[index] = event["id"]
            candidate = candidates[index]
            totals["found"] += 1
            date_right = proposals.date_within(candidate.date_edtf, event["date_edtf"])
            wanted = {*event["counterparts"], *event["objectors"], *event["third_parties"]}
            countries_right = set(candidate.countries) - {SUBJECT} == wanted
            totals["date"] += date_right
            totals["countries"] += countries_right
            totals["both"] += date_right and countries_right
            objectors = {c for c, role in candidate.roles.items() if role == "objector"}
            totals["roles"] += countries_right and objectors == set(event["objectors"])
            totals["activity"] += candidate.activity == ACTIVITIES[event["activity"]]
            totals["stage"] += candidate.stage == STAGES[event["stage"]]
            if misses and not (date_right and countries_right):
                print(
                    f"  {event['id']}: date {candidate.date_edtf or '—'} "
                    f"(expected {event['date_edtf']}), countries "
                    f"{sorted(set(candidate.countries) - {SUBJECT})} (expected {sorted(wanted)})"
                )
        for index, candidate in enumerate(candidates):
            if index in claimed:
                totals["true"] += 1
                continue
            if any(overlap(candidate.quote, e["quote"]) >= 0.6 for e in expected):
                totals["duplicates"] += 1
            elif any(overlap(candidate.quote, n["quote"]) >= 0.6 for n in report["not_events"]):
                totals["not_events"] += 1
                if false:
                    print(f"  not an event ({report['id']}): {candidate.quote[:100]}")
            elif false:
                print(f"  unmatched ({report['id']}): {candidate.quote[:100]}")
            for figure in candidate.figures:
                value = figure.get("value") or figure.get("lower_bound")
                try:
                    number = float(value)
                except (TypeError, ValueError):
                    continue
                if 1900 <= number <= 2100 and not figure.get("unit") and not figure.get("counts"):
                    totals["year_figures"] += 1
                if NOT_A_COUNT.search(_around(candidate.quote, figure.get("text", ""))):
                    totals["name_figures"] += 1
    totals["seconds"] = time.perf_counter() - started
    return totals


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} = {100 * part / whole:.1f}%" if whole else f"{part}/0"


# The sets written apart from the code (bench/devsets/README.md), after the development set.
WRITTEN = ROOT / "bench" / "devsets"
SETS = {
    "development": DEVSET,
    "written-a": WRITTEN / "written-a" / "reports.json",
    "written-b": WRITTEN / "written-b" / "reports.json",
    "written-d": WRITTEN / "written-d" / "reports.json",
    "written-e": WRITTEN / "written-e" / "reports.json",
    "written-f": WRITTEN / "written-f" / "reports.json",
    "written-g": WRITTEN / "written-g" / "reports.json",
    "written-h": WRITTEN / "written-h" / "reports.json",
    "written-i": WRITTEN / "written-i" / "reports.json",
    "written-j": WRITTEN / "written-j" / "reports.json",
    "written-l": WRITTEN / "written-l" / "reports.json",
    "written-m": WRITTEN / "written-m" / "reports.json",
    "written-o": WRITTEN / "written-o" / "reports.json",
    "written-r": WRITTEN / "written-r" / "reports.json",
    "written-v": WRITTEN / "written-v" / "reports.json",
    "written-w": WRITTEN / "written-w" / "reports.json",
    "written-x": WRITTEN / "written-x" / "reports.json",
    "written-ac": WRITTEN / "written-ac" / "reports.json",
    "sealed": WRITTEN / "sealed" / "reports.json",
    "sealed-c": WRITTEN / "sealed-c" / "reports.json",
    "sealed-k": WRITTEN / "sealed-k" / "reports.json",
    "sealed-n": WRITTEN / "sealed-n" / "reports.json",
    "sealed-q": WRITTEN / "sealed-q" / "reports.json",
    "sealed-s": WRITTEN / "sealed-s" / "reports.json",
    "sealed-t": WRITTEN / "sealed-t" / "reports.json",
    "sealed-u": WRITTEN / "sealed-u" / "reports.json",
    "sealed-y": WRITTEN / "sealed-y" / "reports.json",
    "sealed-z": WRITTEN / "sealed-z" / "reports.json",
    "sealed-aa": WRITTEN / "sealed-aa" / "reports.json",
    "sealed-ab": WRITTEN / "sealed-ab" / "reports.json",
    "sealed-ad": WRITTEN / "sealed-ad" / "reports.json",
    "sealed-ae": WRITTEN / "sealed-ae" / "reports.json",
}
# Sets scored and never read: their words are not printed.
SEALED = {path for name, path in SETS.items() if name.startswith("sealed")}


def report(name: str, path: Path, *, misses: bool, false: bool) -> dict:
    reports = json.loads(path.read_text(encoding="utf-8"))["reports"]
    t = score(reports, misses=misses, false=false)
    n = t["expected"]
    print(f"{name}: {len(reports)} reports, {n} expected events, {t['proposals']} proposals")
    print(f"found: {share(t['found'], n)}")
    print(f"date right: {share(t['date'], n)}; countries right: {share(t['countries'], n)}")
    print(f"found with date and countries right: {share(t['both'], n)}  (target: 85%)")
    print(f"countries right with the objectors among them right: {share(t['roles'], n)}")
    print(f"activity right: {share(t['activity'], n)}; stage right: {share(t['stage'], n)}")
    print(
        f"precision: {share(t['true'], t['proposals'])} state an expected event  (target: 80%); "
        f"{t['duplicates']} duplicates, {t['not_events']} quote a marked not-event"
    )
    print(f"figures that are years or datelines: {t['year_figures']}")
    print(f"figures from a name, a footnote mark or a length of time: {t['name_figures']}")
    print(f"reading took {t['seconds']:.2f} s")
    return t


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEVSET, help="reports.json")
    parser.add_argument("--all", action="store_true", help="Score every set, and all together.")
    parser.add_argument("--misses", action="store_true", help="List missed or wrong events.")
    parser.add_argument("--false", action="store_true", help="List proposals of no event.")
    args = parser.parse_args()
    chosen = SETS if args.all else {args.devset.parent.name: args.devset}
    missing = [str(path) for path in chosen.values() if not path.exists()]
    if missing:
        print(f"No report set at {', '.join(missing)}.", file=sys.stderr)
        return 2
    if (args.misses or args.false) and any(p.resolve() in SEALED for p in chosen.values()):
        print("A sealed set is scored, never read: no --misses or --false.", file=sys.stderr)
        return 2
    setup_django()
    totals = [
        report(name, path, misses=args.misses, false=args.false) for name, path in chosen.items()
    ]
    if len(totals) > 1:
        n = sum(t["expected"] for t in totals)
        both = sum(t["both"] for t in totals)
        true, proposed = sum(t["true"] for t in totals), sum(t["proposals"] for t in totals)
        print(
            f"all sets: found with date and countries right {share(both, n)}; "
            f"precision {share(true, proposed)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
