"""Save events through one instance and read each back from another at once: an edit must be
seen by the next request to any instance (docs/performance.md, "Scale out").

Signs in as an editor on --save-port, then for --saves rounds appends a unique marker to a
published event's summary through the admin there and asks --read-port for the event's page
straight after; counts the pages that show the marker. Loopback only. Exits 1 if any did not.

    EDITOR_PASSWORD=… .venv/bin/python bench/cross_instance.py --username editor \
        --save-port 8801 --read-port 8802 --saves 100
"""

import argparse
import http.client
import os
import re
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.editor_saves import Client, form_fields, loopback, sign_in  # noqa: E402


def save_event(client: Client, pk: int, marker: str) -> tuple[bool, str, float]:
    """As bench/editor_saves.py saves, with "date set directly" ticked: a synthetic event's
    date is not in its synthetic source's words, which the admin otherwise requires."""
    path = f"/admin/policing/event/{pk}/change/"
    started = time.monotonic()
    status, _, content = client.request("GET", path)
    fields = [f for f in form_fields(content, "event_form") if f[0] != "date_manual"]
    for field in fields:
        if field[0] == "summary":
            field[1] = field[1].replace("\r\n", "\n") + f" [{marker}]"
    fields = [f for f in fields if f[0] != "date_reading"]
    fields += [["date_manual", "on"], ["date_reading", "Set directly for the benchmark."]]
    fields += [["_continue", "Save and continue editing"]]
    status, location, content = client.request("POST", path, fields)
    ok = status == 302 and location.rstrip("/").endswith(f"{pk}/change")
    errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', content, re.S)
    reason = re.sub(r"<[^>]+>", " ", " ".join(errors))[:200].strip() or f"POST {status}"
    return ok, "" if ok else reason, time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--save-port", type=int, required=True)
    parser.add_argument("--read-port", type=int, required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--saves", type=int, default=50, help="at most 1,000")
    args = parser.parse_args()
    if not loopback(args.host) or not 0 < args.saves <= 1000:
        sys.exit("Loopback only, and at most 1,000 saves.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from policing.models import Event

    events = list(Event.objects.published().order_by("pk").values_list("pk", "slug")[: args.saves])
    editor = Client(args.host, args.save_port)
    sign_in(editor, args.username, os.environ["EDITOR_PASSWORD"])
    run, seen, failed, saves, reads = uuid.uuid4().hex[:8], 0, 0, [], []
    for n, (pk, slug) in enumerate(events):
        marker = f"cross {run}-{n}"
        ok, reason, elapsed = save_event(editor, pk, marker)
        saves.append(elapsed * 1000)
        if not ok:
            failed += 1
            print(f"event {pk}: {reason}")
            continue
        started = time.monotonic()
        # A connection per read: a kept-alive one is closed while a slow save runs.
        reader = http.client.HTTPConnection(args.host, args.read_port, timeout=30)
        reader.request("GET", f"/events/{slug}/", headers={"Host": f"{args.host}"})
        response = reader.getresponse()
        page = response.read().decode("utf-8", "replace")
        reads.append((time.monotonic() - started) * 1000)
        seen += response.status == 200 and marker in page
    print(
        f"{len(events)} saves on :{args.save_port} ({failed} failed, median "
        f"{statistics.median(saves):.0f} ms); the next request to :{args.read_port} showed "
        f"{seen} of {len(events) - failed} (median {statistics.median(reads):.0f} ms)"
    )
    return 0 if seen == len(events) - failed and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
