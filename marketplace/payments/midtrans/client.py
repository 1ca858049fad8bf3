"""The official ``midtransclient`` built from settings.

``MIDTRANS_CORE_BASE_URL`` / ``MIDTRANS_SNAP_BASE_URL`` (empty: Midtrans' own) replace the
client's base URLs on the instance (they are class attributes of ``ApiConfig`` read
through ``self``), so tests and local setups point it at a fake Midtrans. Loopback hosts
never go through an HTTP proxy.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import midtransclient
from django.conf import settings

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def _configure(client: midtransclient.Snap | midtransclient.CoreApi) -> None:
    config = client.api_config
    kind = "PRODUCTION" if config.is_production else "SANDBOX"
    core = getattr(settings, "MIDTRANS_CORE_BASE_URL", "") or ""
    snap = getattr(settings, "MIDTRANS_SNAP_BASE_URL", "") or ""
    if core:
        setattr(config, f"CORE_{kind}_BASE_URL", core.rstrip("/"))
    if snap:
        setattr(config, f"SNAP_{kind}_BASE_URL", snap.rstrip("/"))
    if any(urlsplit(url).hostname in LOOPBACK_HOSTS for url in (core, snap) if url):
        no_proxy = os.environ.get("NO_PROXY", "")
        missing = [host for host in ("127.0.0.1", "localhost") if host not in no_proxy]
        if missing:
            os.environ["NO_PROXY"] = ",".join(filter(None, [no_proxy, *missing]))
        config.proxies = {"http": None, "https": None}


def snap_client() -> midtransclient.Snap:
    """A Snap client with the configured keys and base URLs."""
    client = midtransclient.Snap(
        is_production=settings.MIDTRANS_IS_PRODUCTION,
        server_key=settings.MIDTRANS_SERVER_KEY,
        client_key=settings.MIDTRANS_CLIENT_KEY,
    )
    _configure(client)
    return client


def core_client() -> midtransclient.CoreApi:
    """A Core API client with the configured keys and base URLs."""
    client = midtransclient.CoreApi(
        is_production=settings.MIDTRANS_IS_PRODUCTION,
        server_key=settings.MIDTRANS_SERVER_KEY,
        client_key=settings.MIDTRANS_CLIENT_KEY,
    )
    _configure(client)
    return client
