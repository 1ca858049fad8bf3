"""The address a request came from, for throttling and rate limits.

``REMOTE_ADDR`` is the peer that opened the connection. Behind a reverse proxy that is the
proxy itself, so with ``settings.TRUSTED_PROXY_COUNT`` = N (> 0) the client is taken from
``X-Forwarded-For``: the N-th address from the right, the one the first trusted proxy saw.
Addresses further left are written by the client and never trusted. With N = 0 (the
default) the header is ignored, so nobody can pick their own address by sending it.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str | None:
    value = value.strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's IP address, or None when it cannot be told."""
    remote = _valid(request.META.get("REMOTE_ADDR", "") or "")
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [
        part for part in (request.META.get("HTTP_X_FORWARDED_FOR", "") or "").split(",") if part
    ]
    if len(forwarded) < proxies:
        return remote
    return _valid(forwarded[-proxies]) or remote
