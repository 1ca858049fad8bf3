"""``manage.py serve`` (the README's run command): web, worker and beat, kept running.

It serves, restarts a worker, beat or web server that dies while the rest go on, and
stops everything, the embedded broker too, on Ctrl-C.
"""

import json
import os
import re
import signal
import time
import urllib.request
from pathlib import Path

import pytest
from django.utils import timezone

from marketplace.core.models import Heartbeat
from tests.helpers import free_port, start_process, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def http_get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def child_pid(log: Path, name: str, restarts: int) -> int | None:
    """The pid serve logged when it started ``name`` for the ``restarts``-th time."""
    pattern = rf"serve_child_started child={name} pid=(\d+) restarts={restarts}\b"
    found = re.search(pattern, log.read_text(errors="replace"))
    return int(found.group(1)) if found else None


def beat_heartbeat_after(moment) -> bool:
    heartbeat = Heartbeat.objects.filter(name="beat").first()
    return heartbeat is not None and heartbeat.at > moment


def test_serve_runs_keeps_running_and_stops_on_ctrl_c(test_database_url, tmp_path):
    port = free_port()
    log = tmp_path / "serve.log"
    broker_dir = tmp_path / "broker"
    process = start_process(
        ["manage.py", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env={
            "DATABASE_URL": test_database_url,
            "DEBUG": "true",
            "LOG_FORMAT": "console",
            "EMBEDDED_BROKER_DIR": str(broker_dir),
            "CELERY_BEAT_SCHEDULE_FILENAME": str(tmp_path / "beat-schedule"),
            "BEAT_HEARTBEAT_INTERVAL": "2",
        },
        log=log,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        # /health/ is 200 once beat's first heartbeat went through the broker and a worker
        wait_for(lambda: http_get(f"{base}/health/") == 200, timeout=120, what=f"web ({log})")
        assert b"beat: Starting" in log.read_bytes()
        assert (broker_dir / "redis.sock").exists()  # the embedded broker serve started
        request = urllib.request.Request(
            f"{base}/graphql/",
            data=json.dumps({"query": "{ shop { name defaultCountry { code } } }"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            body = json.loads(response.read())
        assert body["data"]["shop"]["defaultCountry"]["code"] == "ID"
        assert b"Demo data loaded" in log.read_bytes()

        # when the worker and beat are killed
        for name in ("worker", "beat"):
            os.kill(child_pid(log, name, 0), signal.SIGKILL)
        killed_at = timezone.now()

        # then serve starts them again while the web server goes on answering
        deadline = time.monotonic() + 60
        while not (child_pid(log, "worker", 1) and child_pid(log, "beat", 1)):
            assert http_get(f"{base}/health/") == 200
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.5)
        assert b"serve_child_exited child=worker" in log.read_bytes()
        # and the new beat and worker carry tasks again
        wait_for(lambda: beat_heartbeat_after(killed_at), timeout=60, what="a new heartbeat")

        # when the web server is killed, it is started again too
        os.kill(child_pid(log, "web", 0), signal.SIGKILL)
        wait_for(lambda: child_pid(log, "web", 1), timeout=30, what="web restarted")
        wait_for(lambda: http_get(f"{base}/health/") == 200, timeout=60, what="web back")

        # when Ctrl-C is pressed (the terminal signals the whole foreground group)
        os.killpg(process.pid, signal.SIGINT)

        # then everything stops cleanly, the embedded broker too
        assert process.wait(60) == 0, log.read_text()[-3000:]
        with pytest.raises(ProcessLookupError):
            os.killpg(process.pid, 0)  # no process of the group is left
        assert not (broker_dir / "redis.sock").exists()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
