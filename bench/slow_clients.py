"""Hold half-open connections to a local server while timing normal requests to it.

Each holder sends a request's headers without the blank line that ends them and keeps the
socket open (optionally adding a header line every few seconds, as slowloris does); a holder
the server closes is opened again at once, as an attacker would. Meanwhile plain GETs are
timed. Loopback only, bounded in time and count; exits 1 if a normal request failed.

    .venv/bin/python bench/slow_clients.py --port 8000 --holders 3 --duration 30
"""

import argparse
import contextlib
import http.client
import ipaddress
import socket
import statistics
import sys
import threading
import time


def loopback(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0]).is_loopback for info in infos)


class Holders(threading.Thread):
    """Keeps `count` half-open requests open until `deadline`, reopening any the server ends."""

    def __init__(self, host: str, port: int, count: int, trickle: float, deadline: float):
        super().__init__(daemon=True)
        self.host, self.port, self.count = host, port, count
        self.trickle, self.deadline = trickle, deadline
        self.opened = self.closed_by_server = self.failed = 0
        self.ready = threading.Event()

    def open(self) -> socket.socket | None:
        try:
            sock = socket.create_connection((self.host, self.port), timeout=2)
            # Everything but the final CRLF: the server waits for the rest of the headers.
            sock.sendall(
                f"GET / HTTP/1.1\r\nHost: {self.host}\r\nUser-Agent: slow-client\r\n".encode()
            )
        except OSError:
            self.failed += 1
            return None
        sock.setblocking(False)
        self.opened += 1
        return sock

    def alive(self, sock: socket.socket) -> bool:
        try:
            return sock.recv(4096) != b""  # anything sent back (a 408, say) then close
        except BlockingIOError:
            return True
        except OSError:
            return False

    def run(self) -> None:
        socks = [self.open() for _ in range(self.count)]
        self.ready.set()
        next_trickle = time.monotonic() + self.trickle
        while time.monotonic() < self.deadline:
            trickle = self.trickle and time.monotonic() >= next_trickle
            for i, sock in enumerate(socks):
                if sock is not None and not self.alive(sock):
                    self.closed_by_server += 1
                    sock.close()
                    sock = None
                if sock is None:
                    sock = socks[i] = self.open()
                elif trickle:
                    with contextlib.suppress(OSError):  # seen as closed on the next round
                        sock.send(b"X-Slow: 1\r\n")
            if trickle:
                next_trickle = time.monotonic() + self.trickle
            time.sleep(0.2)
        for sock in socks:
            if sock is not None:
                sock.close()


def timed_get(host: str, port: int, path: str, timeout: float) -> tuple[float, str]:
    """One GET on a fresh connection: (seconds, "ok" or what went wrong)."""
    start = time.monotonic()
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept-Encoding": "gzip", "Connection": "close"})
        response = conn.getresponse()
        response.read()
        outcome = "ok" if response.status < 400 else f"HTTP {response.status}"
    except TimeoutError:
        outcome = "timeout"
    except OSError as error:
        outcome = type(error).__name__
    except http.client.HTTPException as error:
        outcome = type(error).__name__
    finally:
        conn.close()
    return time.monotonic() - start, outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--path", default="/")
    parser.add_argument("--holders", type=int, default=3, help="half-open connections held")
    parser.add_argument("--duration", type=float, default=30, help="seconds, at most 600")
    parser.add_argument("--requests", type=int, default=1000, help="most normal requests")
    parser.add_argument("--interval", type=float, default=0.2, help="seconds between them")
    parser.add_argument("--timeout", type=float, default=5, help="seconds a request may take")
    parser.add_argument(
        "--trickle", type=float, default=0, help="send a header line every N seconds (0: never)"
    )
    args = parser.parse_args(argv)
    if not loopback(args.host):
        parser.error(f"{args.host} is not a loopback address: this script only targets 127.0.0.1")
    if not (0 < args.duration <= 600 and 0 <= args.holders <= 1000 and args.requests > 0):
        parser.error("need 0 < --duration <= 600, 0 <= --holders <= 1000, --requests > 0")

    deadline = time.monotonic() + args.duration
    holders = Holders(args.host, args.port, args.holders, args.trickle, deadline)
    holders.start()
    holders.ready.wait(timeout=10)
    time.sleep(0.5)  # let the server accept them and start waiting for the rest

    latencies, failures = [], {}
    while len(latencies) + sum(failures.values()) < args.requests:
        if time.monotonic() + args.timeout > deadline:
            break
        seconds, outcome = timed_get(args.host, args.port, args.path, args.timeout)
        if outcome == "ok":
            latencies.append(seconds)
        else:
            failures[outcome] = failures.get(outcome, 0) + 1
        time.sleep(args.interval)
    holders.join(timeout=5)

    sent = len(latencies) + sum(failures.values())
    print(f"target          http://{args.host}:{args.port}{args.path}")
    print(f"holders         {args.holders} (trickle every {args.trickle or '-'} s)")
    print(
        f"  opened        {holders.opened}, closed by the server {holders.closed_by_server},"
        f" failed to connect {holders.failed}"
    )
    print(f"normal requests {sent} in {args.duration:g} s")
    print(f"  answered      {len(latencies)}")
    failed = ", ".join(f"{k} {v}" for k, v in sorted(failures.items())) or "0"
    print(f"  failed        {failed}")
    if latencies:
        print(
            f"  latency ms    median {statistics.median(latencies) * 1000:.1f},"
            f" max {max(latencies) * 1000:.1f}"
        )
    return 1 if failures or not latencies else 0


if __name__ == "__main__":
    sys.exit(main())
