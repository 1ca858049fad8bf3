"""Tasks run in a real worker process, over the embedded broker and over Redis."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from django.conf import settings

from marketplace.celery import app as celery_app
from marketplace.core.models import OutgoingEmail
from marketplace.core.services import email_send
from tests.helpers import port_open, wait_for
from tests.worker_tasks import write_marker_task

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

REDIS_URL = "redis://127.0.0.1:6379/15"


def send(task, broker_url: str, queue: str, *args: object) -> None:
    with celery_app.connection_for_write(broker_url) as conn, conn.Producer() as producer:
        task.apply_async(args=args, queue=queue, producer=producer)


def test_email_sent_by_worker_after_commit(
    start_worker, tmp_path, django_capture_on_commit_callbacks
):
    # given a worker on the default (PostgreSQL) broker that writes e-mails to files
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


def test_task_of_killed_worker_is_delivered_again(start_worker, tmp_path, unique_queue):
    # given a worker that takes a slow task and is killed (SIGKILL) in the middle of it
    env = {"CELERY_VISIBILITY_TIMEOUT": "3"}
    first = start_worker(broker_url=settings.CELERY_BROKER_URL, queue=unique_queue, env=env)
    send(write_marker_task, settings.CELERY_BROKER_URL, unique_queue, str(tmp_path), "slow", 5)
    wait_for(lambda: (tmp_path / "slow.started").exists(), timeout=30, what="task started")
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    assert not (tmp_path / "slow.done").exists()
    # when another worker starts
    start_worker(broker_url=settings.CELERY_BROKER_URL, queue=unique_queue, env=env)
    # then it runs the task the dead worker never acknowledged
    wait_for(lambda: (tmp_path / "slow.done").exists(), timeout=40, what="task redelivered")


@pytest.mark.skipif(not port_open("127.0.0.1", 6379), reason="no Redis answers on 127.0.0.1:6379")
def test_task_runs_through_redis_broker(start_worker, tmp_path: Path, unique_queue):
    start_worker(broker_url=REDIS_URL, queue=unique_queue)
    send(write_marker_task, REDIS_URL, unique_queue, str(tmp_path), "redis")
    wait_for(lambda: (tmp_path / "redis.done").exists(), timeout=30, what="task over Redis")
