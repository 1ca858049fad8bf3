"""Tasks run by real worker processes, on the embedded Redis and on Redis and RabbitMQ servers.

A worker killed with SIGKILL in the middle of a task: the task runs again on another
worker and its effect happens once; no task runs twice at the same time; a task
acknowledged is never delivered again.
"""

from __future__ import annotations

import os
import signal
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection

from marketplace.celery import app as celery_app
from marketplace.core.models import OutgoingEmail
from marketplace.core.services import email_send
from tests.helpers import port_open, wait_for
from tests.worker_tasks import record_effect_task, write_marker_task

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

REDIS_URL = "redis://127.0.0.1:6379/15"
RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672//"
# Redis gives a task back this many seconds after its worker took it without acknowledging.
VISIBILITY_TIMEOUT = 3


@pytest.fixture(params=["embedded", "redis", "rabbitmq"])
def broker_url(request) -> str:
    if request.param == "embedded":
        if not settings.EMBEDDED_BROKER:
            pytest.skip("CELERY_BROKER_URL is set: this run has no embedded broker")
        return settings.CELERY_BROKER_URL
    if request.param == "redis":
        if not port_open("127.0.0.1", 6379):
            pytest.skip("no Redis server answers on 127.0.0.1:6379")
        return REDIS_URL
    if not port_open("127.0.0.1", 5672):
        pytest.skip("no RabbitMQ server answers on 127.0.0.1:5672")
    return RABBITMQ_URL


@pytest.fixture
def task_tables() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS test_task_run (id serial PRIMARY KEY, key text NOT NULL,"
            " pid int NOT NULL, started_at timestamptz NOT NULL, finished_at timestamptz)"
        )
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS test_task_effect (key text PRIMARY KEY, pid int NOT NULL)"
        )


def send(task, broker_url: str, queue: str, *args: object) -> None:
    with celery_app.connection_for_write(broker_url) as conn, conn.Producer() as producer:
        task.apply_async(args=args, queue=queue, producer=producer)


def runs(key: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, started_at, finished_at FROM test_task_run WHERE key = %s ORDER BY id",
            [key],
        )
        return cursor.fetchall()


def effects(key: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM test_task_effect WHERE key = %s", [key])
        return cursor.fetchone()[0]


def kill_worker(process) -> None:
    os.killpg(process.pid, signal.SIGKILL)  # the worker and its pool's children, at once
    process.wait()


def test_task_of_killed_worker_runs_again_and_its_effect_happens_once(
    broker_url, start_worker, task_tables, unique_queue
):
    # given a worker that takes a slow task and is killed (SIGKILL) in the middle of it
    env = {"CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)}
    first = start_worker(broker_url=broker_url, queue=unique_queue, env=env)
    key = uuid.uuid4().hex
    send(record_effect_task, broker_url, unique_queue, key, 4)
    wait_for(lambda: runs(key), timeout=30, what="task started")
    kill_worker(first)
    assert effects(key) == 0

    # when another worker starts
    start_worker(broker_url=broker_url, queue=unique_queue, env=env)

    # then it runs the task the dead worker never acknowledged, and the effect happens once
    wait_for(lambda: effects(key), timeout=60, what="task delivered again")
    (killed_pid, _, killed_end), (pid, _, end) = runs(key)
    assert killed_end is None
    assert end is not None
    assert pid != killed_pid
    assert effects(key) == 1


def test_no_task_runs_twice_at_once_and_acknowledged_tasks_stay_done(
    broker_url, start_worker, task_tables, unique_queue
):
    # given two workers sharing one queue of tasks
    env = {"CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)}
    workers = [start_worker(broker_url=broker_url, queue=unique_queue, env=env) for _ in range(2)]
    keys = [uuid.uuid4().hex for _ in range(8)]
    for key in keys:
        send(record_effect_task, broker_url, unique_queue, key, 0.3)

    # when they have worked through the queue
    wait_for(lambda: all(effects(key) for key in keys), timeout=60, what="all tasks done")

    # then each task ran once, on one worker or the other
    assert [len(runs(key)) for key in keys] == [1] * 8
    assert len({runs(key)[0][0] for key in keys}) == 2  # both workers took tasks

    # and when both are killed after the visibility timeout and a new worker starts,
    # no acknowledged task is delivered again
    time.sleep(VISIBILITY_TIMEOUT + 1)
    for worker in workers:
        kill_worker(worker)
    start_worker(broker_url=broker_url, queue=unique_queue, env=env)
    last = uuid.uuid4().hex
    send(record_effect_task, broker_url, unique_queue, last)
    wait_for(lambda: effects(last), timeout=60, what="a task after the restart")
    assert [len(runs(key)) for key in keys] == [1] * 8


def test_email_sent_by_worker_after_commit(
    start_worker, tmp_path, django_capture_on_commit_callbacks
):
    # given a worker on the default broker that writes e-mails to files
    outbox = tmp_path / "outbox"
    start_worker(broker_url=settings.CELERY_BROKER_URL, env={"EMAIL_URL": f"filemail:///{outbox}"})
    # when an e-mail is queued and the transaction commits
    with django_capture_on_commit_callbacks(execute=True):
        email = email_send(
            to="warga@example.com", subject="Pesanan siap", body="Ambil di balai desa"
        )
    # then the worker sends it once and records it
    wait_for(lambda: OutgoingEmail.objects.get(pk=email.pk).sent_at, timeout=30, what="e-mail sent")
    files = list(outbox.iterdir())
    assert len(files) == 1
    assert "Pesanan siap" in files[0].read_text()
    assert OutgoingEmail.objects.get(pk=email.pk).attempts == 1


def test_email_not_sent_twice_when_task_delivered_again(start_worker, tmp_path, unique_queue):
    outbox = tmp_path / "outbox"
    email = OutgoingEmail.objects.create(to="a@example.com", subject="Halo", body="Isi")
    start_worker(
        broker_url=settings.CELERY_BROKER_URL,
        queue=unique_queue,
        env={"EMAIL_URL": f"filemail:///{outbox}"},
    )
    from marketplace.core.tasks import send_email_task

    send(send_email_task, settings.CELERY_BROKER_URL, unique_queue, email.pk)
    send(send_email_task, settings.CELERY_BROKER_URL, unique_queue, email.pk)
    marker = tmp_path / "markers"
    marker.mkdir()
    # a task queued after both: when it has run, both deliveries have been handled
    send(write_marker_task, settings.CELERY_BROKER_URL, unique_queue, str(marker), "last")
    wait_for(lambda: (marker / "last.done").exists(), timeout=30, what="queue drained")
    assert len(list(outbox.iterdir())) == 1
    assert OutgoingEmail.objects.get(pk=email.pk).attempts == 1
