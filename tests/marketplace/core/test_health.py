"""``/health/`` tells the database's, the broker's and beat's state."""

from datetime import timedelta

import pytest
from django.db.backends.postgresql.base import DatabaseWrapper
from django.utils import timezone

from marketplace.celery import app as celery_app
from marketplace.core import health
from marketplace.core.models import Heartbeat
from marketplace.core.services import heartbeat_record
from marketplace.core.tasks import beat_heartbeat_task
from tests.helpers import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def beat_alive() -> None:
    heartbeat_record(name="beat")


def test_health_ok_when_database_broker_and_beat_answer(client, beat_alive):
    response = client.get("/health/")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {"ok": True}
    assert body["broker"] == {"ok": True}
    assert body["beat"]["ok"] is True
    assert 0 <= body["beat"]["seconds_since_heartbeat"] < 5


def test_health_503_saying_beat_when_its_heartbeat_is_stale(client, settings):
    # given beat's last heartbeat ran longer ago than the threshold
    settings.BEAT_STALE_AFTER = 300
    Heartbeat.objects.create(name="beat", at=timezone.now() - timedelta(seconds=301))

    response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["beat"] == {"ok": False, "error": "stale", "seconds_since_heartbeat": 301}
    assert body["database"] == {"ok": True}
    assert body["broker"] == {"ok": True}


def test_health_503_saying_beat_when_no_heartbeat_ever_came(client):
    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["beat"] == {
        "ok": False,
        "error": "stale",
        "seconds_since_heartbeat": None,
    }


def test_heartbeat_task_makes_health_ok_again(client):
    Heartbeat.objects.create(name="beat", at=timezone.now() - timedelta(hours=2))
    assert client.get("/health/").status_code == 503

    beat_heartbeat_task()

    assert client.get("/health/").status_code == 200


def test_health_503_when_broker_is_stopped(client, monkeypatch, beat_alive):
    # given a broker nothing listens on (a stopped Redis)
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")

    response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["database"] == {"ok": True}
    assert body["broker"]["ok"] is False
    assert "127.0.0.1" not in response.content.decode()  # no connection details leak


def test_health_503_when_database_is_down(client, monkeypatch, settings, beat_alive):
    # given a database server that is not running
    down = DatabaseWrapper(
        {**settings.DATABASES["default"], "HOST": "127.0.0.1", "PORT": free_port()}
    )
    monkeypatch.setattr(health, "connection", down)

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["database"]["ok"] is False
    assert response.json()["broker"] == {"ok": True}
