"""Fetching a report from its address, for a site that allows it (`REPORT_FETCH_URLS`): http
and https only, public addresses only (never this machine or its private network, however the
name resolves or wherever a redirect leads), within a time limit and a size limit.

The address is checked before the request, and the peer again once connected (a name can
resolve differently the second time); the opener has no proxy, file or FTP handler, so nothing
but the checked connection is ever opened.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from policing.intake.document import DocumentError

USER_AGENT = "Mozilla/5.0 (compatible; policing-diplomacy-timeline; an editor adding a report)"
ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8"
MAX_REDIRECTS = 5
CHUNK = 64 * 1024


class Refused(DocumentError):
    """The address may not be fetched, or the fetch failed; the message says why."""


@dataclass(frozen=True)
class Fetched:
    url: str  # where the page was found, after any redirect
    content_type: str
    data: bytes


def fetch(url: str, *, timeout: float, max_bytes: int, opener=None) -> Fetched:
    """The page at `url`, at most `max_bytes` of it, within `timeout` seconds in all. Raises
    Refused with the reason."""
    check_address(url)
    opener = opener or checked_opener()
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT})
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise _too_large(int(length), max_bytes)
            chunks, size = [], 0
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise _too_large(size, max_bytes, at_least=True)
                if time.monotonic() > deadline:
                    raise _too_slow(timeout)
                chunks.append(chunk)
            return Fetched(
                url=response.geturl(),
                content_type=response.headers.get("Content-Type", ""),
                data=b"".join(chunks),
            )
    except urllib.error.HTTPError as error:
        raise Refused(
            f"The site answered “{error.code} {error.reason}” for {url}: open the address in "
            "a browser; if it shows the report there, save the page and upload it."
        ) from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError | socket.timeout):
            raise _too_slow(timeout) from None
        raise Refused(f"{url} could not be reached ({error.reason}).") from None
    except TimeoutError:
        raise _too_slow(timeout) from None
    except (OSError, http.client.HTTPException) as error:
        raise Refused(f"{url} could not be read ({error}).") from None


def _too_large(size: int, limit: int, *, at_least: bool = False) -> Refused:
    if at_least:  # the site did not say; reading stopped past the limit
        return Refused(f"The page is more than {limit:,} bytes, the most a page or file may be.")
    return Refused(f"The page is {size:,} bytes; a page or file may be at most {limit:,} bytes.")


def _too_slow(timeout: float) -> Refused:
    return Refused(
        f"The site did not send the page within {timeout:g} seconds. Try again later, or save "
        "the page in your browser and upload it."
    )


def check_address(url: str) -> None:
    """Refuse an address that is not http(s), carries a password, or names a host that
    resolves to this machine, a private network or any other address not on the internet."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise Refused(f"Only web addresses (http or https) can be read, not “{url}”.")
    if not parts.hostname:
        raise Refused(f"“{url}” names no site.")
    if parts.username or parts.password:
        raise Refused("An address with a user name or password cannot be read.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise Refused(f"“{url}” has no valid port.") from None
    try:
        found = [str(ipaddress.ip_address(parts.hostname))]  # an address, not a name
    except ValueError:
        try:
            found = addresses(parts.hostname, port)
        except OSError:
            raise Refused(f"The site {parts.hostname} was not found.") from None
    for address in found:
        check_ip(address, parts.hostname)


def addresses(host: str, port: int) -> list[str]:
    """The IP addresses `host` resolves to."""
    return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def check_ip(address: str, host: str = "") -> None:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if not ip.is_global or ip.is_multicast:
        named = f"{host} ({address})" if host and host != address else address
        raise Refused(
            f"{named} is not a public address on the internet (this machine or a private "
            "network): only public sites are read."
        )


def _checked_connection(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):
    """socket.create_connection, refusing a peer that is not public before a byte is sent."""
    sock = socket.create_connection(address, timeout, source_address)
    try:
        check_ip(sock.getpeername()[0], address[0])
    except Refused:
        sock.close()
        raise
    return sock


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _checked_connection


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _checked_connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_HTTPSConnection, req, context=self._context)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to another public http(s) address, five at most."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise Refused(f"The page redirects to “{newurl}”, which is not a web address.")
        check_address(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def checked_opener() -> urllib.request.OpenerDirector:
    """An opener of checked http(s) connections and nothing else (no proxy from the
    environment, no file: or ftp: handler)."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        _HTTPHandler(),
        _HTTPSHandler(context=ssl.create_default_context()),
        _Redirects(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
        urllib.request.UnknownHandler(),
    ):
        opener.add_handler(handler)
    return opener
