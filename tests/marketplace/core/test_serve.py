"""``manage.py serve`` (the README's run command) serves, runs worker and beat, stops on Ctrl-C."""

import json
import os
import signal
import urllib.request

import pytest

from tests.helpers import free_port, start_process, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def http_get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except OSError:
        return 0


def test_serve_runs_web_worker_and_beat_and_stops_on_ctrl_c(test_database_url, tmp_path):
    port = free_port()
    log = tmp_path / "serve.log"
    process = start_process(
        ["manage.py", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env={"DATABASE_URL": test_database_url, "DEBUG": "true", "LOG_FORMAT": "console"},
        log=log,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(lambda: http_get(f"{base}/health/") == 200, timeout=90, what=f"web ({log})")
        wait_for(lambda: b"ready." in log.read_bytes(), timeout=60, what="worker ready")
        wait_for(lambda: b"beat: Starting" in log.read_bytes(), timeout=60, what="beat started")
        request = urllib.request.Request(
            f"{base}/graphql/",
            data=json.dumps({"query": "{ shop { name defaultCountry { code } } }"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            body = json.loads(response.read())
        assert body["data"]["shop"]["defaultCountry"]["code"] == "ID"
        assert b"Demo data loaded" in log.read_bytes()

        # when Ctrl-C is pressed (the terminal signals the whole foreground group)
        os.killpg(process.pid, signal.SIGINT)

        # then everything stops cleanly
        assert process.wait(60) == 0, log.read_text()[-3000:]
        with pytest.raises(ProcessLookupError):
            os.killpg(process.pid, 0)  # no process of the group is left
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
