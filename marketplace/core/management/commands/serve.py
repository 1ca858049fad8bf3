"""``manage.py serve``: migrate, load the demo data, then run web + worker + beat.

All three run as child processes of this command, which watches them: one that exits
is started again after a short pause (1 s, doubling up to 30 s while it keeps failing
fast), and the others go on serving. Ctrl-C or SIGTERM stops them all, then the
embedded PostgreSQL and Redis this process holds open.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from marketplace.core import embedded_broker

logger = logging.getLogger(__name__)

STOP_TIMEOUT = 20.0
FIRST_BACKOFF = 1.0
MAX_BACKOFF = 30.0
# A child that ran at least this long before exiting starts again after FIRST_BACKOFF.
STEADY_AFTER = 60.0
TICK = 0.5


@dataclass
class Child:
    name: str
    command: list[str]
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    restart_at: float | None = None
    backoff: float = FIRST_BACKOFF
    restarts: int = field(default=0)


class Command(BaseCommand):
    help = (
        "Migrate, collect static files, load demo data and run the web server, "
        "Celery worker and Celery beat, restarting any of them that exits."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 2))
        )
        parser.add_argument("--no-demo", action="store_true", help="Do not load demo data.")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=1)
        call_command("collectstatic", interactive=False, verbosity=0)
        if not options["no_demo"]:
            call_command("load_demo_data", force=True)

        # The children use the database and the broker this process started (or the
        # servers configured); they do not start their own.
        env = {
            **os.environ,
            "DATABASE_URL": settings.DATABASE_URL,
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        }
        python = sys.executable
        children = [
            Child("web", [
                python, "-m", "gunicorn", "marketplace.wsgi",
                "--bind", options["bind"],
                "--workers", str(options["workers"]),
                "--access-logfile", "-",
            ]),
            Child("worker", [python, "-m", "celery", "-A", "marketplace", "worker", "-l", "INFO",
                             "--concurrency", "2"]),
            Child("beat", [python, "-m", "celery", "-A", "marketplace", "beat", "-l", "INFO"]),
        ]  # fmt: skip

        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        for child in children:
            self._start(child, env)
        self.stdout.write(
            self.style.SUCCESS(
                f"Lumbung is running: {settings.PUBLIC_URL}/graphql/ (GraphiQL in a browser), "
                f"{settings.PUBLIC_URL}/health/ — Ctrl-C stops everything."
            )
        )
        try:
            while not stopping:
                self._watch(children, env, stopping=lambda: stopping)
                time.sleep(TICK)
        finally:
            self._stop(children)

    def _start(self, child: Child, env: dict[str, str]) -> None:
        child.process = subprocess.Popen(child.command, env=env)
        child.started_at = time.monotonic()
        child.restart_at = None
        logger.info(
            "serve_child_started",
            extra={"child": child.name, "pid": child.process.pid, "restarts": child.restarts},
        )

    def _watch(self, children: list[Child], env: dict[str, str], *, stopping: Any) -> None:
        now = time.monotonic()
        for child in children:
            if child.restart_at is not None:
                if now >= child.restart_at and not stopping():
                    child.restarts += 1
                    self._start(child, env)
                continue
            assert child.process is not None
            returncode = child.process.poll()
            if returncode is None or stopping():
                continue
            if now - child.started_at >= STEADY_AFTER:
                child.backoff = FIRST_BACKOFF
            delay = child.backoff
            child.backoff = min(child.backoff * 2, MAX_BACKOFF)
            child.restart_at = now + delay
            logger.warning(
                "serve_child_exited",
                extra={
                    "child": child.name,
                    "pid": child.process.pid,
                    "returncode": returncode,
                    "restart_in_seconds": delay,
                },
            )
        if settings.EMBEDDED_BROKER and not stopping():
            # The embedded Redis is this process' to keep: start it again if it died.
            server = embedded_broker.embedded_broker()
            if server.pid != getattr(self, "_broker_pid", server.pid):
                logger.warning("serve_broker_restarted", extra={"pid": server.pid})
            self._broker_pid = server.pid

    def _stop(self, children: list[Child]) -> None:
        running = [c for c in children if c.process is not None and c.process.poll() is None]
        for child in running:
            assert child.process is not None
            child.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        for child in running:
            assert child.process is not None
            try:
                child.process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                logger.warning("serve_child_killed", extra={"child": child.name})
                child.process.kill()
                child.process.wait()
        if settings.EMBEDDED_BROKER:
            embedded_broker.stop_embedded_broker()
        self.stdout.write("Lumbung stopped.")
