from __future__ import annotations

import os
import signal
import subprocess
import uuid
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import pytest
from django.db import connection

from tests.helpers import database_url, start_process, wait_for


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> Generator[None, None, None]:
    """Work units for pytest-xdist (``-n 2 --dist loadgroup``, what ``./lumbung test`` runs).

    A module's tests stay on one worker, so what its module-scoped fixtures build (the
    demo catalog, …) is built once; the browser tests, which share one running site, are
    one unit and go first (after every other plugin has ordered the tests), so the other
    worker takes the rest module by module meanwhile.
    """
    worker = bool(os.environ.get("PYTEST_XDIST_WORKER"))
    if worker:
        for item in items:
            group = "browser" if _uses_the_site(item) else item.nodeid.split("::")[0]
            item.add_marker(pytest.mark.xdist_group(group))
    yield
    if worker:
        items.sort(key=lambda item: not _uses_the_site(item))


def _uses_the_site(item: pytest.Item) -> bool:
    return "site" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session", autouse=True)
def _static_files_collected() -> None:
    """Pages name their static files by hash (the manifest collectstatic writes)."""
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(scope="session", autouse=True)
def _test_broker_emptied() -> None:
    """Tasks left in the tests' own embedded broker by an earlier run are dropped."""
    from django.conf import settings

    from marketplace.celery import app

    if settings.EMBEDDED_BROKER:
        with app.connection_for_write() as conn:
            conn.default_channel.client.flushdb()


@pytest.fixture
def test_database_url(django_db_setup: None) -> str:
    """URL of the database the tests run on, for processes the tests start."""
    return database_url(connection.settings_dict, name=connection.settings_dict["NAME"])


@pytest.fixture
def start_worker(
    test_database_url: str, tmp_path: Path
) -> Iterator[Callable[..., subprocess.Popen]]:
    """Start real ``celery worker`` processes on the test database; stopped at teardown."""
    processes: list[subprocess.Popen] = []

    def start(
        *, broker_url: str, queue: str = "celery", env: dict[str, str] | None = None
    ) -> subprocess.Popen:
        log = tmp_path / f"worker-{len(processes)}.log"
        name = f"test-{len(processes)}-{uuid.uuid4().hex[:8]}@%h"  # pidbox queues differ
        args = ["-m", "celery", "-A", "marketplace", "worker", "-l", "INFO", "-Q", queue,
                "-n", name, "--concurrency", "1", "-I", "tests.worker_tasks",
                "--without-heartbeat", "--without-gossip", "--without-mingle"]  # fmt: skip
        process = start_process(
            args,
            env={
                "DATABASE_URL": test_database_url,
                "CELERY_BROKER_URL": broker_url,
                **(env or {}),
            },
            log=log,
        )
        processes.append(process)
        wait_for(lambda: b"ready." in log.read_bytes(), timeout=60, what=f"worker ready ({log})")
        return process

    yield start
    for process in processes:
        stop_process_group(process)


def stop_process_group(process: subprocess.Popen) -> None:
    """SIGTERM the process (it stops its own children), then SIGKILL what is left of its group."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


@pytest.fixture
def unique_queue() -> str:
    return f"test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def empty_taxonomy(db: None) -> None:
    """No product type or attribute at all: the platform's own (which every database gets
    from ``catalog.0004_platform_product_types``) are removed for tests that count the
    taxonomy they build themselves (rolled back after the test)."""
    from marketplace.catalog.models import Attribute, ProductType

    ProductType.objects.all().delete()
    Attribute.objects.all().delete()
