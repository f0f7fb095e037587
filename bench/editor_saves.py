"""Save events through the admin over HTTP while wrk loads the public pages; check no save is lost.

Signs in as an editor (the password from EDITOR_PASSWORD) once per simulated editor, then,
while two wrk runs load `/` and random uncached filter pages (bench/wrk-filters.lua) for the
duration, the editors concurrently open events' change forms and save them with a unique
marker appended to the summary, back to back, each round robin over its own share of the
published events, until --saves saves or the end of the load. Afterwards it reads the
database the server uses (the same DATABASE_URL) and checks that every marker was written: the
last marker of each event is in its summary, every marker is in the event's version history,
and no citation or figure was lost. It prints wrk's figures, the saves' figures and, given
--server-log, the "database is locked" and 5xx lines in the server's log. Loopback only,
bounded in time and count; exits 1 if a save failed, a marker or row is missing, the log
shows a lock or a 5xx, or wrk counted errors.

    DATABASE_URL=sqlite:////tmp/db.sqlite3 EDITOR_PASSWORD=… .venv/bin/python \
        bench/editor_saves.py --port 8000 --username editor --editors 3 --saves 300 \
        --duration 30 --server-log server.log
"""

import argparse
import html.parser
import http.client
import ipaddress
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def loopback(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0]).is_loopback for info in infos)


class FormParser(html.parser.HTMLParser):
    """The fields of one <form> (by id) as a browser would submit them, in order."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: list[list[str]] = []
        self.textarea: list[str] | None = None
        self.select: str | None = None
        self.select_options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append([name, a.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
            self.fields.append(self.textarea)
        elif tag == "select" and name:
            self.select, self.select_multiple = name, "multiple" in a
            self.select_options = []
        elif tag == "option" and self.select is not None:
            self.select_options.append((a.get("value", ""), "selected" in a))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.select is not None:
            chosen = [v for v, selected in self.select_options if selected]
            if not chosen and not self.select_multiple and self.select_options:
                chosen = [self.select_options[0][0]]
            self.fields.extend([self.select, v] for v in chosen)
            self.select = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data


class Client:
    """One keep-alive HTTP connection with a cookie jar (Secure cookies sent on loopback too)."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}
        self.conn = http.client.HTTPConnection(host, port, timeout=30)

    def request(self, method: str, path: str, body: dict | list | None = None):
        headers = {"Host": f"{self.host}:{self.port}", "User-Agent": "editor-saves"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            pairs = body.items() if isinstance(body, dict) else body
            data = urllib.parse.urlencode([(k, v) for k, v in pairs]).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):  # once more on a fresh connection if the kept-alive one closed
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                content = response.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location") or "", content


def form_fields(content: str, form_id: str) -> list[list[str]]:
    parser = FormParser(form_id)
    parser.feed(content)
    return parser.fields


def sign_in(client: Client, username: str, password: str) -> None:
    status, _, content = client.request("GET", "/admin/login/?next=/admin/")
    fields = dict(form_fields(content, "login-form"))
    if status != 200 or "csrfmiddlewaretoken" not in fields:
        sys.exit(f"The login page answered {status} without a login form.")
    fields.update(username=username, password=password, next="/admin/")
    status, location, _ = client.request("POST", "/admin/login/?next=/admin/", fields)
    if status != 302 or "/login/" in location:
        sys.exit(f"Sign-in failed ({status}): check the username and EDITOR_PASSWORD.")


def save_event(client: Client, pk: int, marker: str) -> tuple[bool, str, float]:
    """Open the event's change form, append the marker to the summary, save. True if saved."""
    path = f"/admin/policing/event/{pk}/change/"
    started = time.monotonic()
    status, _, content = client.request("GET", path)
    if status != 200:
        return False, f"GET {status}", time.monotonic() - started
    fields = form_fields(content, "event_form")
    for field in fields:
        if field[0] == "summary":
            field[1] = re.sub(r"\s*\[save [0-9a-f]+-\d+\]$", "", field[1].replace("\r\n", "\n"))
            field[1] += f" [{marker}]"
    fields.append(["_continue", "Save and continue editing"])
    status, location, content = client.request("POST", path, fields)
    elapsed = time.monotonic() - started
    if status == 302 and location.rstrip("/").endswith(f"{pk}/change"):
        return True, "", elapsed
    errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', content, re.S)
    reason = re.sub(r"<[^>]+>", " ", " ".join(errors))[:200].strip() or f"POST {status}"
    return False, reason, elapsed


def run_wrk(args, script: str | None, out: Path) -> subprocess.Popen:
    command = [
        args.wrk,
        "-t1",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--timeout",
        "10s",
    ]
    if script:
        command += ["-s", script]
    command.append(f"http://{args.host}:{args.port}/")
    return subprocess.Popen(command, stdout=out.open("w"), stderr=subprocess.STDOUT)


def wrk_figures(text: str) -> dict[str, int]:
    figures = {"requests": 0, "non_2xx_3xx": 0, "socket_errors": 0}
    if m := re.search(r"(\d+) requests in", text):
        figures["requests"] = int(m.group(1))
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", text):
        figures["non_2xx_3xx"] = int(m.group(1))
    if m := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    ):
        figures["socket_errors"] = sum(int(g) for g in m.groups())
    return figures


def stored_markers(markers: dict[int, list[str]]) -> tuple[int, int]:
    """(markers missing from the version history, events whose summary lacks its last marker)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from reversion.models import Version

    from policing.models import Event

    missing_history = missing_current = 0
    for pk, wanted in markers.items():
        history = "\n".join(
            Version.objects.get_for_object_reference(Event, pk).values_list(
                "serialized_data", flat=True
            )
        )
        missing_history += sum(1 for m in wanted if m not in history)
        summary = Event.objects.get(pk=pk).summary
        missing_current += not summary.endswith(f"[{wanted[-1]}]")
    return missing_history, missing_current


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--username", required=True)
    parser.add_argument("--saves", type=int, default=60, help="at most 1,000")
    parser.add_argument("--editors", type=int, default=3, help="signed-in editors, at most 8")
    parser.add_argument("--duration", type=int, default=30, help="seconds of wrk, at most 120")
    parser.add_argument("--connections", type=int, default=16, help="per wrk run, at most 64")
    parser.add_argument("--wrk", default=shutil.which("wrk") or "wrk")
    parser.add_argument("--server-log", type=Path, help="count 'database is locked' in it")
    parser.add_argument("--out", type=Path, default=Path("/tmp"), help="where wrk's output goes")
    args = parser.parse_args()
    if not loopback(args.host):
        sys.exit(f"{args.host} is not a loopback address: this bench only loads local servers.")
    if not (
        0 < args.saves <= 1000
        and 0 < args.editors <= 8
        and 0 < args.duration <= 120
        and 0 < args.connections <= 64
    ):
        sys.exit("--saves, --editors, --duration or --connections is out of bounds.")
    password = os.environ.get("EDITOR_PASSWORD")
    if not password:
        sys.exit("Set EDITOR_PASSWORD to the editor's password.")
    log_lines_before = 0
    if args.server_log:
        log_lines_before = len(args.server_log.read_text(errors="replace").splitlines())

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from policing.models import Citation, Event, Figure

    def inline_rows() -> tuple[int, int]:
        return Citation.objects.count(), Figure.objects.count()

    rows_before = inline_rows()
    pks = list(Event.objects.filter(published=True).order_by("pk").values_list("pk", flat=True))
    if not pks:
        sys.exit("No published events to edit.")

    clients = []
    for _ in range(args.editors):  # each editor signs in once, with its own session
        clients.append(Client(args.host, args.port))
        sign_in(clients[-1], args.username, password)

    run_id = uuid.uuid4().hex[:8]
    outputs = {
        "/": args.out / "wrk-editor-saves-home.txt",
        "filters": args.out / "wrk-editor-saves-filters.txt",
    }
    loads = [
        run_wrk(args, None, outputs["/"]),
        run_wrk(args, str(ROOT / "bench" / "wrk-filters.lua"), outputs["filters"]),
    ]
    started = time.monotonic()
    # Saves start only while the load runs (until 1 s before its end), back to back.
    deadline = started + args.duration - 1
    markers: dict[int, list[str]] = {}
    failures: list[str] = []
    times: list[float] = []
    counter = iter(range(args.saves))
    lock = threading.Lock()

    def editor(index: int) -> None:
        # Each editor edits its own share of the events: two editors saving the same event
        # at once is refused as stale by design, which is not what this measures.
        mine = pks[index :: args.editors]
        turn = 0
        while time.monotonic() < deadline:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            pk = mine[turn % len(mine)]
            turn += 1
            marker = f"save {run_id}-{i}"
            ok, reason, elapsed = save_event(clients[index], pk, marker)
            with lock:
                times.append(elapsed * 1000)
                if ok:
                    markers.setdefault(pk, []).append(marker)
                else:
                    failures.append(f"event {pk}, save {i}: {reason}")

    editors = [threading.Thread(target=editor, args=(n,)) for n in range(args.editors)]
    for thread in editors:
        thread.start()
    for thread in editors:
        thread.join()
    saving = time.monotonic() - started
    for load in loads:
        load.wait(timeout=args.duration + 30)

    print(f"wrk: 2 runs × {args.connections} connections for {args.duration} s")
    wrk_errors = 0
    for name, out in outputs.items():
        figures = wrk_figures(out.read_text())
        wrk_errors += figures["non_2xx_3xx"] + figures["socket_errors"]
        print(
            f"  {name:8} requests {figures['requests']:>7,}  non-2xx/3xx "
            f"{figures['non_2xx_3xx']}  socket errors {figures['socket_errors']}"
        )
    saved = sum(len(m) for m in markers.values())
    print(
        f"saves: {len(times)} by {args.editors} editors over {saving:.1f} s through /admin/, "
        f"{len(markers)} events, {saved} saved, {len(failures)} refused or failed, median "
        f"{statistics.median(times):.0f} ms, max {max(times):.0f} ms"
    )
    for failure in failures[:10]:
        print(f"  {failure}")
    missing_history, missing_current = stored_markers(markers)
    print(f"markers missing from the version history: {missing_history} of {saved}")
    print(f"events whose summary lacks their last marker: {missing_current} of {len(markers)}")
    rows_after = inline_rows()
    print(f"citations, figures before {rows_before} and after {rows_after}")
    locked = errors_5xx = 0
    if args.server_log:
        new_lines = args.server_log.read_text(errors="replace").splitlines()[log_lines_before:]
        locked = sum("database is locked" in line for line in new_lines)
        errors_5xx = sum(bool(re.search(r'" 5\d\d ', line)) for line in new_lines)
        print(f"server log: 'database is locked' {locked}, 5xx responses logged {errors_5xx}")
    bad = failures or missing_history or missing_current or wrk_errors or locked
    bad = bad or rows_before != rows_after or (args.server_log and errors_5xx)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
