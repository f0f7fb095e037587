"""The address a request came from, as django-axes counts failed sign-ins by it.

Without a proxy it is the socket's peer, REMOTE_ADDR. Behind TRUSTED_PROXY_COUNT proxies it is
the entry the outermost one appended to X-Forwarded-For (counting from the right): entries to
its left are whatever the client sent, and trusting them would let anyone lock out anyone.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    if not count or not _from_proxy(remote):
        return remote
    hops = [hop.strip() for hop in request.headers.get("x-forwarded-for", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote


def _from_proxy(remote: str | None) -> bool:
    """Whether the peer may speak for the client: gunicorn's own rule (--forwarded-allow-ips),
    where a peer on a unix socket, which has no address, is always a proxy."""
    if not remote:
        return True
    allowed = settings.FORWARDED_ALLOW_IPS
    return "*" in allowed or remote in allowed
