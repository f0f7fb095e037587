"""Fetching a report from its address: only public http(s) addresses, within a time and a size
limit. No test touches the network: names resolve through a stand-in, and pages come from a
fake opener."""

import io
import socket
import urllib.error
import urllib.request
from email.message import Message

import pytest

from policing.intake import Refused, fetch, fetching
from tests.documents import news_page

PUBLIC = "93.184.215.14"


@pytest.fixture
def resolves(monkeypatch):
    """Names resolve to what the test says, never through DNS."""
    table = {"pacifictimes.example": [PUBLIC]}
    monkeypatch.setattr(fetching, "addresses", lambda host, port: table[host])
    return table


class Response(io.BytesIO):
    def __init__(self, body: bytes, url: str, headers: dict):
        super().__init__(body)
        self.url, self.headers = url, Message()
        for name, value in headers.items():
            self.headers[name] = value

    def geturl(self):
        return self.url


class Opener:
    """Answers every request with one response (or raises), and records what it was asked."""

    def __init__(self, body=b"", *, url="", headers=None, error=None):
        self.body, self.url, self.error = body, url, error
        self.headers = headers or {"Content-Type": "text/html; charset=utf-8"}
        self.requests = []

    def open(self, request, timeout):
        self.requests.append((request, timeout))
        if self.error:
            raise self.error
        return Response(self.body, self.url or request.full_url, self.headers)


def test_a_public_page_is_fetched_with_its_type_and_final_address(resolves):
    opener = Opener(news_page(), url="https://pacifictimes.example/news/final")
    page = fetch("https://pacifictimes.example/news/x", timeout=5, max_bytes=10**6, opener=opener)
    assert page.data == news_page()
    assert page.content_type == "text/html; charset=utf-8"
    assert page.url == "https://pacifictimes.example/news/final"
    request, timeout = opener.requests[0]
    assert timeout == 5 and "policing-diplomacy-timeline" in request.get_header("User-agent")


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("ftp://pacifictimes.example/report.pdf", "Only web addresses (http or https)"),
        ("file:///etc/passwd", "Only web addresses (http or https)"),
        ("https://editor:secret@pacifictimes.example/", "user name or password"),
        ("http://127.0.0.1:8000/admin/", "127.0.0.1 is not a public address"),
        ("http://10.1.2.3/", "is not a public address"),
        ("http://169.254.169.254/latest/meta-data/", "is not a public address"),
        ("http://[::1]/", "is not a public address"),
        ("http://[::ffff:192.168.0.1]/", "is not a public address"),
        ("http://localhost/", "is not a public address"),
        ("http://intranet.example/", "intranet.example (192.168.1.20) is not a public address"),
    ],
)
def test_addresses_that_are_not_public_web_pages_are_refused_before_a_request(resolves, url, said):
    resolves["intranet.example"] = ["192.168.1.20"]
    resolves["localhost"] = ["127.0.0.1"]
    opener = Opener(b"never")
    with pytest.raises(Refused, match=said.replace("(", r"\(").replace(")", r"\)")):
        fetch(url, timeout=5, max_bytes=1000, opener=opener)
    assert opener.requests == []


def test_a_name_resolving_to_a_private_address_among_public_ones_is_refused(resolves):
    resolves["mixed.example"] = [PUBLIC, "10.0.0.7"]
    with pytest.raises(Refused, match="10.0.0.7"):
        fetch("https://mixed.example/", timeout=5, max_bytes=1000, opener=Opener())


def test_a_connection_that_lands_on_a_private_address_is_closed_before_a_byte_is_sent(
    monkeypatch,
):
    """A name can resolve to a public address when checked and a private one when connected."""

    class Socket:
        closed = False

        def getpeername(self):
            return ("10.0.0.9", 443)

        def close(self):
            self.closed = True

    sock = Socket()
    monkeypatch.setattr(socket, "create_connection", lambda *args, **kwargs: sock)
    with pytest.raises(Refused, match="10.0.0.9"):
        fetching._checked_connection(("rebinding.example", 443), 5)
    assert sock.closed


@pytest.mark.parametrize(
    ("target", "said"),
    [
        ("file:///etc/passwd", "not a web address"),
        ("gopher://pacifictimes.example/", "not a web address"),
        ("http://127.0.0.1/admin/", "not a public address"),
    ],
)
def test_a_redirect_off_the_public_web_is_refused(resolves, target, said):
    request = urllib.request.Request("https://pacifictimes.example/x")
    with pytest.raises(Refused, match=said):
        fetching._Redirects().redirect_request(request, None, 302, "Found", {}, target)


def test_the_opener_has_no_proxy_file_or_ftp_handler():
    opener = fetching.checked_opener()
    kinds = {type(h).__name__ for h in opener.handlers}
    assert not kinds & {"ProxyHandler", "FileHandler", "FTPHandler", "DataHandler"}
    with pytest.raises(urllib.error.URLError, match="unknown url type"):
        opener.open("file:///etc/passwd")


def test_a_page_over_the_size_limit_is_refused_by_its_length_or_as_it_comes(resolves):
    url = "https://pacifictimes.example/big"
    said = Opener(b"x" * 10, headers={"Content-Length": "5000"})
    with pytest.raises(
        Refused, match="The page is 5,000 bytes; a page or file may be at most 1,000"
    ):
        fetch(url, timeout=5, max_bytes=1000, opener=said)
    unsaid = Opener(b"x" * 200_000, headers={"Content-Type": "text/html"})
    with pytest.raises(Refused, match="more than 1,000 bytes, the most a page or file may be"):
        fetch(url, timeout=5, max_bytes=1000, opener=unsaid)


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (
            urllib.error.URLError(TimeoutError("timed out")),
            "did not send the page within 3 seconds",
        ),
        (TimeoutError("timed out"), "did not send the page within 3 seconds"),
        (
            urllib.error.HTTPError("u", 404, "Not Found", Message(), None),
            "answered “404 Not Found”",
        ),
        (urllib.error.URLError(ConnectionRefusedError("refused")), "could not be reached"),
    ],
)
def test_a_site_that_fails_is_refused_with_what_happened(resolves, error, said):
    with pytest.raises(Refused, match=said):
        fetch(
            "https://pacifictimes.example/x", timeout=3, max_bytes=1000, opener=Opener(error=error)
        )
