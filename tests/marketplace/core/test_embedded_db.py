"""Without DATABASE_URL the project starts its own PostgreSQL, and its data persists."""

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers import ROOT


def manage(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="marketplace.settings",
        EMBEDDED_PGDATA=str(data_dir),
        DEBUG="true",
        LOG_LEVEL="WARNING",
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def shell(data_dir: Path, code: str) -> str:
    result = manage(data_dir, "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_embedded_postgres_starts_and_keeps_data_across_restarts(tmp_path):
    data_dir = tmp_path / "pg"
    # given a fresh embedded cluster, migrated, with one user written by one process
    assert manage(data_dir, "migrate", "-v", "0").returncode == 0
    shell(
        data_dir,
        "from marketplace.accounts.models import User; "
        "User.objects.create_user('kades@desa.id', 'rahasia-desa')",
    )
    # the last process to leave stops the cluster
    assert not (data_dir / "postmaster.pid").exists()

    # when another process starts it again
    out = shell(
        data_dir,
        "from django.db import connection; "
        "from marketplace.accounts.models import User; "
        "print(connection.vendor, connection.pg_version // 10000, "
        "User.objects.get(email='kades@desa.id').check_password('rahasia-desa'))",
    )

    # then it is a real PostgreSQL 16 and the user is still there
    assert out.splitlines()[-1] == "postgresql 16 True"
