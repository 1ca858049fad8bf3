"""Tasks only the test workers load (``celery worker -I tests.worker_tasks``)."""

import os
import time
from pathlib import Path

from celery import shared_task
from django.db import connection, transaction


@shared_task(acks_late=True)
def write_marker_task(directory: str, name: str, seconds: float = 0.0) -> None:
    """Leave ``name.started``, wait ``seconds``, then leave ``name.done`` (pid inside)."""
    Path(directory, f"{name}.started").write_text(str(os.getpid()))
    time.sleep(seconds)
    Path(directory, f"{name}.done").write_text(str(os.getpid()))


@shared_task(acks_late=True)
def record_effect_task(key: str, seconds: float = 0.0) -> None:
    """Log this run of ``key`` in ``test_task_run``, wait, then make its effect once.

    The effect is a row of ``test_task_effect`` (unique on ``key``): a task delivered
    again finds it there, as the project's tasks find their work done.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO test_task_run (key, pid, started_at) "
            "VALUES (%s, %s, clock_timestamp()) RETURNING id",
            [key, os.getpid()],
        )
        (run_id,) = cursor.fetchone()
    time.sleep(seconds)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO test_task_effect (key, pid) VALUES (%s, %s) ON CONFLICT (key) DO NOTHING",
            [key, os.getpid()],
        )
        cursor.execute(
            "UPDATE test_task_run SET finished_at = clock_timestamp() WHERE id = %s", [run_id]
        )
