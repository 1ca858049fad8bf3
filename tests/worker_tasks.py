"""Tasks only the test workers load (``celery worker -I tests.worker_tasks``)."""

import os
import time
from pathlib import Path

from celery import shared_task


@shared_task(acks_late=True)
def write_marker_task(directory: str, name: str, seconds: float = 0.0) -> None:
    """Leave ``name.started``, wait ``seconds``, then leave ``name.done`` (pid inside)."""
    Path(directory, f"{name}.started").write_text(str(os.getpid()))
    time.sleep(seconds)
    Path(directory, f"{name}.done").write_text(str(os.getpid()))
