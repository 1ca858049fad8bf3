"""``manage.py serve``: migrate, load the demo data, then run web + worker + beat.

All three run in the foreground as child processes of this command; Ctrl-C stops
them all (and the embedded PostgreSQL, which this process holds open).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

STOP_TIMEOUT = 20.0


class Command(BaseCommand):
    help = (
        "Migrate, collect static files, load demo data and run the web server, "
        "Celery worker and Celery beat."
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

        env = {**os.environ, "DATABASE_URL": settings.DATABASE_URL}
        python = sys.executable
        commands = {
            "web": [
                python, "-m", "gunicorn", "marketplace.wsgi",
                "--bind", options["bind"],
                "--workers", str(options["workers"]),
                "--access-logfile", "-",
            ],
            "worker": [python, "-m", "celery", "-A", "marketplace", "worker", "-l", "INFO",
                       "--concurrency", "2"],
            "beat": [python, "-m", "celery", "-A", "marketplace", "beat", "-l", "INFO"],
        }  # fmt: skip
        children = {name: subprocess.Popen(cmd, env=env) for name, cmd in commands.items()}
        self.stdout.write(
            self.style.SUCCESS(
                f"Lumbung is running: {settings.PUBLIC_URL}/graphql/ (GraphiQL in a browser), "
                f"{settings.PUBLIC_URL}/health/ — Ctrl-C stops everything."
            )
        )

        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        exit_code = 0
        while not stopping:
            for name, child in children.items():
                if child.poll() is not None:
                    self.stderr.write(f"{name} exited with {child.returncode}; stopping the rest.")
                    exit_code = 1
                    stopping = True
            time.sleep(0.5)
        self._stop(children)
        if exit_code:
            raise SystemExit(exit_code)

    def _stop(self, children: dict[str, subprocess.Popen]) -> None:
        for child in children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        for name, child in children.items():
            try:
                child.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.stderr.write(f"{name} did not stop in time; killing it.")
                child.kill()
                child.wait()
        self.stdout.write("Lumbung stopped.")
