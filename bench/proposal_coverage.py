"""How many curated events the proposals find, and how many proposals are curated events.

Imports the seeds into a fresh SQLite database with no curated events, proposes every source
(policing/proposals/), then loads the curated fixtures and counts:

- coverage: curated events covered by some proposal, i.e. whose words (a citation's span in
  the same passage) the proposal's quote equals or overlaps, and whose date the proposal's
  date is right to (`proposals.date_within`: every day the proposal allows is one the event's
  date allows; a "one of" set is taken as the month or year its days share);
- precision: proposals whose quote overlaps, in its passage, the words of some curated event;
- re-proposal: with the curated events loaded, every covered event comes back among the
  matches of a proposal of the same words, by its slug.

Prints figures only; it is not a timed test. Uses a temporary database, never db.sqlite3:

    .venv/bin/python bench/proposal_coverage.py [--misses]
"""

import argparse
import atexit
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="List uncovered events.")
    parser.add_argument("--unmatched", action="store_true", help="List non-event proposals.")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="proposal-coverage-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)  # the scratch database
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/coverage.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from policing import proposals
    from policing.models import Citation, Event, Source

    call_command("migrate", verbosity=0)
    call_command("import_sources", verbosity=0)
    assert not Event.objects.exists()

    started = time.perf_counter()
    proposed = {s.slug: proposals.propose_source(s) for s in Source.objects.order_by("slug")}
    elapsed = time.perf_counter() - started
    call_command("load_curated", verbosity=0)

    citations = list(Citation.objects.select_related("event", "source"))
    events = {e.pk: e for e in Event.objects.all()}
    covered, corresponding, total = set(), 0, 0
    for candidates in proposed.values():
        for candidate in candidates:
            total += 1
            overlapping = [
                c
                for c in citations
                if c.passage_id == candidate.passage.pk
                and c.start < candidate.end
                and candidate.start < c.end
            ]
            if overlapping:
                corresponding += 1
            for citation in overlapping:
                if proposals.date_within(candidate.date_edtf, citation.event.date_edtf):
                    covered.add(citation.event_id)

    # With the events loaded, the same words must come back matched, not as new events.
    known = proposals.known_from_database()
    returned = set()
    for source in Source.objects.all():
        for candidate in proposals.propose_source(source, known):
            slugs = {m["slug"] for m in candidate.matches if m["relation"] == "same"}
            for pk in covered:
                if events[pk].slug in slugs:
                    returned.add(pk)

    print(f"sources proposed: {len(proposed)} in {elapsed:.2f} s")
    for slug, candidates in proposed.items():
        dated = sum(1 for c in candidates if c.date_edtf)
        print(f"  {slug}: {len(candidates)} proposals ({dated} dated)")
    print(
        f"coverage: {len(covered)}/{len(events)} curated events = {len(covered) / len(events):.1%}"
    )
    print(
        f"precision: {corresponding}/{total} proposals are curated events' words = "
        f"{corresponding / max(total, 1):.1%}"
    )
    print(
        f"re-proposed with the events loaded: {len(returned)}/{len(covered)} covered events "
        "come back as a match by slug"
    )
    if args.misses:
        for pk, event in sorted(events.items(), key=lambda kv: kv[1].slug):
            if pk not in covered:
                print(f"  missed: {event.slug} ({event.date_edtf})")
    if args.unmatched:
        for slug, candidates in proposed.items():
            for c in candidates:
                if not any(
                    x.passage_id == c.passage.pk and x.start < c.end and c.start < x.end
                    for x in citations
                ):
                    print(f"  [{slug}] {c.date_edtf or '-'} | {c.quote[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
