"""``/health/`` tells the database's and the broker's state."""

import pytest
from django.db.backends.postgresql.base import DatabaseWrapper

from marketplace.celery import app as celery_app
from marketplace.core import health
from tests.helpers import free_port

pytestmark = pytest.mark.django_db


def test_health_ok_when_database_and_broker_answer(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": {"ok": True}, "broker": {"ok": True}}


def test_health_503_when_broker_is_stopped(client, monkeypatch):
    # given a broker nothing listens on (a stopped Redis)
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")

    response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["database"] == {"ok": True}
    assert body["broker"]["ok"] is False
    assert "127.0.0.1" not in response.content.decode()  # no connection details leak


def test_health_503_when_database_is_down(client, monkeypatch, settings):
    # given a database server that is not running
    down = DatabaseWrapper(
        {**settings.DATABASES["default"], "HOST": "127.0.0.1", "PORT": free_port()}
    )
    monkeypatch.setattr(health, "connection", down)

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["database"]["ok"] is False
    assert response.json()["broker"] == {"ok": True}
