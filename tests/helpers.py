"""Helpers for tests that start real processes (workers, the server) against the test DB,
and for tests of a data migration's function."""

from __future__ import annotations

import importlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def database_url(db: dict[str, Any], *, name: str, scheme: str = "postgres") -> str:
    """A URL for database ``name`` on the server described by Django's ``db`` settings."""
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    host = str(db.get("HOST") or "")
    if host.startswith("/"):  # Unix socket directory (the embedded PostgreSQL)
        return f"{scheme}://{auth}@/{name}?host={host}"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"{scheme}://{auth}@{host or '127.0.0.1'}{port}/{name}"


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition: Callable[[], Any], *, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


def start_process(args: list[str], *, env: dict[str, str], log: Path) -> subprocess.Popen:
    """Start ``python args…`` in its own process group, output to ``log``.

    The process runs the project's real settings (``marketplace.settings``), not the
    test settings pytest itself runs with.
    """
    handle = log.open("wb")
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "marketplace.settings", **env},
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def run_data_migration(app: str, package: str, migration: str, function: str) -> None:
    """Run a data migration's own ``function`` on the historical models of its state (the
    migration named ``migration`` of ``app``, in ``package``.migrations)."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    state = MigrationLoader(connection).project_state((app, migration))
    module = importlib.import_module(f"{package}.migrations.{migration}")
    getattr(module, function)(state.apps, None)
