"""The embedded PostgreSQL used when ``DATABASE_URL`` is not set.

The ``pgserver`` wheel ships PostgreSQL 16. Every process that needs the database
(web workers, the Celery worker and beat, ``manage.py``, the test run) calls
:func:`embedded_database_url`; the first one starts the private cluster, the others
join it, and the last one to exit stops it. Data stays in the folder between runs.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = PROJECT_ROOT / ".data" / "postgres"
DATABASE_NAME = "lumbung"


def embedded_data_dir() -> Path:
    """Folder of the embedded cluster: ``EMBEDDED_PGDATA`` or ``.data/postgres``."""
    return Path(os.environ.get("EMBEDDED_PGDATA") or DEFAULT_DATA_DIR).expanduser().resolve()


def embedded_database_url(data_dir: Path | None = None) -> str:
    """Start (or join) the embedded cluster and return a ``postgres://`` URL for it.

    The URL names the Unix socket of the cluster, so no TCP port is opened.
    """
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset; its /tmp fallback is fine.
        warnings.simplefilter("ignore")
        import pgserver

    data_dir = data_dir or embedded_data_dir()
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir, cleanup_mode="stop")
    info = server.get_postmaster_info()
    if not _database_exists(server, DATABASE_NAME):
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    socket_dir = info.socket_dir
    return f"postgres://postgres@/{DATABASE_NAME}?host={socket_dir}"


def _database_exists(server, name: str) -> bool:  # noqa: ANN001 - pgserver has no public type
    out = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}';")
    return "(1 row)" in out
