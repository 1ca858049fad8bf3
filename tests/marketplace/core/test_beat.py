"""Celery beat and the worker carry on by themselves after the broker or the database was away."""

from __future__ import annotations

import os
import signal
import time

import psycopg
import pytest
import redis
from django.db import connection
from django.utils import timezone

from marketplace.core.embedded_broker import embedded_broker
from marketplace.core.models import Heartbeat
from tests.conftest import stop_process_group
from tests.helpers import database_url, start_process, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

BROKER_AWAY = 5  # seconds: beat tries to send about five heartbeats meanwhile
DATABASE_AWAY = 5


def heartbeat_after(moment) -> bool:
    heartbeat = Heartbeat.objects.filter(name="beat").first()
    return heartbeat is not None and heartbeat.at > moment


def test_beat_sends_again_after_the_broker_restarts(test_database_url, start_worker, tmp_path):
    # given an embedded broker of its own, a worker and beat sending a heartbeat every second
    broker_dir = tmp_path / "b"
    server = embedded_broker(broker_dir)
    url = f"redis+socket://{server.socket_file}"
    env = {"BEAT_HEARTBEAT_INTERVAL": "1"}
    start_worker(broker_url=url, env=env)
    log = tmp_path / "beat.log"
    beat = start_process(
        ["-m", "celery", "-A", "marketplace", "beat", "-l", "INFO"],
        env={
            "DATABASE_URL": test_database_url,
            "CELERY_BROKER_URL": url,
            "CELERY_BEAT_SCHEDULE_FILENAME": str(tmp_path / "beat-schedule"),
            **env,
        },
        log=log,
    )
    try:
        started = timezone.now()
        wait_for(lambda: heartbeat_after(started), timeout=60, what=f"a first heartbeat ({log})")

        # when the broker dies (SIGKILL), stays away while beat has tasks to send, and
        # comes back
        os.kill(server.pid, signal.SIGKILL)
        wait_for(lambda: refused(server), timeout=10, what="the broker down")
        time.sleep(BROKER_AWAY)
        server = embedded_broker(broker_dir)
        back = timezone.now()

        # then beat's scheduled tasks reach the worker again
        wait_for(lambda: heartbeat_after(back), timeout=90, what=f"a heartbeat after ({log})")
        assert b"channel disconnected" not in log.read_bytes()
    finally:
        stop_process_group(beat)
        server.shutdown(nosave=True)


def refused(server) -> bool:
    try:
        server.ping()
    except redis.ConnectionError:
        return True
    return False


def test_beat_and_worker_carry_on_after_the_database_was_away(
    test_database_url, start_worker, tmp_path, settings
):
    # given a worker and beat sending a heartbeat every second, on the tests' broker
    env = {"BEAT_HEARTBEAT_INTERVAL": "1"}
    start_worker(broker_url=settings.CELERY_BROKER_URL, env=env)
    log = tmp_path / "beat.log"
    beat = start_process(
        ["-m", "celery", "-A", "marketplace", "beat", "-l", "INFO"],
        env={
            "DATABASE_URL": test_database_url,
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "CELERY_BEAT_SCHEDULE_FILENAME": str(tmp_path / "beat-schedule"),
            **env,
        },
        log=log,
    )
    name = connection.settings_dict["NAME"]
    try:
        started = timezone.now()
        wait_for(lambda: heartbeat_after(started), timeout=60, what=f"a first heartbeat ({log})")

        # when the database drops every other connection and refuses new ones for a while,
        # as a restarting server does
        with connection.cursor() as cursor:  # this test's own connection stays
            cursor.execute("SELECT pg_backend_pid()")
            (own,) = cursor.fetchone()
        admin(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
        admin(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{name}' AND pid <> {own}"
        )
        time.sleep(DATABASE_AWAY)
        admin(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        back = timezone.now()

        # then the worker reconnects and beat's heartbeats are recorded again
        wait_for(lambda: heartbeat_after(back), timeout=60, what=f"a heartbeat after ({log})")
    finally:
        admin(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        stop_process_group(beat)


def admin(statement: str) -> None:
    """Run ``statement`` from the server's ``postgres`` database, as its administrator would."""
    url = database_url(connection.settings_dict, name="postgres")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(statement)
