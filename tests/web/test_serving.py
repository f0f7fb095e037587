"""`make serve`'s nginx in front of gunicorn keeps answering while clients hold half-open
requests (bench/slow_clients.py measures it at length; docs/reliability.md).

Without nginx this is skipped with a reason; with the CI variable set it fails instead.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from deploy import nginx_config
from policing.web.clientip import client_ip

BASE = Path(settings.BASE_DIR)
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

pytestmark = pytest.mark.serving


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, timeout: float) -> int:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        response.read()
        return response.status


def serve(project: Path, database: Path):
    """nginx and one gunicorn worker with two threads, configured as `make serve` does for a
    checkout at `project` (its run folder chosen by deploy/nginx_config.py); yields the port."""
    if not os.access(NGINX, os.X_OK):
        reason = f"{NGINX} is not installed (apt-get install nginx)"
        if os.environ.get("CI"):
            pytest.fail(f"The serving test cannot run in CI: {reason}", pytrace=False)
        pytest.skip(f"The serving test skipped: {reason}")
    root = os.geteuid() == 0
    run, port = nginx_config.run_folder(project, root=root), free_port()
    nginx_config.write_config(run, f"127.0.0.1:{port}", root=root)
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DEBUG": "true",  # plain static storage: no collectstatic needed
        "TRUSTED_PROXY_COUNT": "1",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=BASE, env=env, check=True
    )
    gunicorn = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "config.wsgi", "--workers", "1",
         "--worker-class", "gthread", "--threads", "2", "--keep-alive", "2",
         "--no-control-socket", "--bind", f"unix:{run / 'gunicorn.sock'}"],
        cwd=BASE, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    nginx = subprocess.Popen(
        [NGINX, "-p", str(run), "-c", str(run / "nginx.conf"), "-e", "stderr"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                get(url, timeout=2)
                break
            except OSError:  # refused, or nginx's 502 while gunicorn starts
                if time.monotonic() > deadline or nginx.poll() is not None:
                    raise
                time.sleep(0.2)
        yield port
    finally:
        for process in (nginx, gunicorn):
            process.terminate()
        for process in (nginx, gunicorn):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(run, ignore_errors=True)


@pytest.fixture
def served(tmp_path):
    """The site behind nginx, for a checkout in a folder anyone may enter."""
    project = Path(tempfile.mkdtemp(prefix="serve-"))
    project.chmod(0o755)
    try:
        yield from serve(project, tmp_path / "db.sqlite3")
    finally:
        shutil.rmtree(project, ignore_errors=True)


def test_a_checkout_only_its_owner_may_enter_is_served(tmp_path):
    """Root's nginx runs its workers as nobody: a checkout under a folder only root may enter
    (a clone in a 0700 temporary folder, or under /root) answered 502 to every request."""
    closed = tmp_path / "closed"
    (closed / "clone").mkdir(parents=True)
    closed.chmod(0o700)
    for port in serve(closed / "clone", tmp_path / "db.sqlite3"):
        assert get(f"http://127.0.0.1:{port}/", timeout=5) == 200


def test_the_run_folder_moves_only_where_the_workers_cannot_reach_it(tmp_path):
    closed, open_ = tmp_path / "closed" / "clone", Path(tempfile.mkdtemp(prefix="open-"))
    closed.mkdir(parents=True)
    closed.parent.chmod(0o700)
    tmp_path.chmod(0o755)
    open_.chmod(0o755)
    try:
        assert not nginx_config.reachable_by_others(closed / "run")
        moved = nginx_config.run_folder(closed, root=True)
        assert moved.parent == Path("/run") and moved != closed / "run"
        assert nginx_config.run_folder(closed, root=False) == closed.resolve() / "run"
        assert nginx_config.run_folder(open_, root=True) == open_.resolve() / "run"
    finally:
        shutil.rmtree(open_)


def test_half_open_requests_do_not_stop_the_site(served):
    holders = []
    try:
        # Five requests without the blank line that ends their headers: more than the two
        # threads gunicorn has, which they would hold for as long as they stayed open.
        for _ in range(5):
            sock = socket.create_connection(("127.0.0.1", served), timeout=2)
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slow\r\n")
            holders.append(sock)
        time.sleep(0.5)
        for _ in range(3):
            start = time.monotonic()
            assert get(f"http://127.0.0.1:{served}/", timeout=5) == 200
            assert time.monotonic() - start < 2
    finally:
        for sock in holders:
            sock.close()


def post(url: str, body: bytes) -> tuple[int, str]:
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_a_body_over_the_limit_gets_a_page_saying_the_limit(served):
    """nginx refuses it before gunicorn sees it, with its page, not the bare 413."""
    status, page = post(f"http://127.0.0.1:{served}/admin/login/", b"text=" + b"x" * 6_200_000)
    assert status == 413
    assert "A report may be at most 500 KB" in page
    # Under nginx's limit but over what Django reads: Django's page, saying the same.
    status, page = post(f"http://127.0.0.1:{served}/admin/login/", b"text=" + b"x" * 1_200_000)
    assert status == 413
    assert "A report may be at most 500" in page


def test_nginx_receives_what_django_does_and_a_report_pasted_twice():
    conf = (BASE / "deploy" / "nginx.conf").read_text()
    limit = int(re.search(r"client_max_body_size (\d+)k;", conf)[1]) * 1024
    assert limit >= 3 * settings.REPORT_MAX_BYTES + 64 * 1024
    assert limit > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    # A saved page or PDF at its limit, and the text pasted as well (which the form refuses,
    # saying so, rather than nginx with a page).
    assert limit >= settings.REPORT_MAX_FILE_BYTES + 2 * settings.REPORT_MAX_BYTES + 64 * 1024
    assert re.search(r"error_page 413 /errors/413.html;", conf)
    page = (BASE / "deploy" / "errors" / "413.html").read_text()
    assert f"{settings.REPORT_MAX_BYTES // 1000} KB" in page
    assert f"{limit // 1024:,} KB" in page
    assert f"{settings.REPORT_MAX_FILE_BYTES // 1000:,} KB" in page


@pytest.mark.parametrize(
    ("count", "remote", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "198.51.100.1", "203.0.113.9"),  # no proxy: the header is ignored
        (1, "", "198.51.100.66, 198.51.100.1", "198.51.100.1"),  # nginx on the unix socket
        (1, "127.0.0.1", "198.51.100.1", "198.51.100.1"),
        (1, "203.0.113.9", "198.51.100.1", "203.0.113.9"),  # not a trusted proxy
        (2, "127.0.0.1", "198.51.100.66, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (1, "127.0.0.1", "not-an-address", "127.0.0.1"),
    ],
)
def test_sign_in_lockouts_count_by_the_real_client(
    rf, settings, count, remote, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    request = rf.get("/admin/login/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
