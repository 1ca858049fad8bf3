"""``/health/``: database, broker and beat. 200 when all three are well, 503 otherwise.

Beat is well when its heartbeat task (``core-beat-heartbeat``) ran within the last
``BEAT_STALE_AFTER`` seconds: beat sends it, the broker carries it, a worker runs it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from marketplace.celery import app as celery_app
from marketplace.core.models import Heartbeat

logger = logging.getLogger(__name__)


class BeatStale(Exception):
    """Beat's heartbeat is older than ``BEAT_STALE_AFTER`` (or never came)."""


def check_database() -> dict[str, object]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {}


def check_broker() -> dict[str, object]:
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=3)
        # Declaring Celery's own queue talks to the broker on every transport.
        channel = conn.default_channel
        # kombu's stubs know only the abstract StdChannel; every transport's channel
        # (amqp, redis, memory) has queue_declare
        channel.queue_declare(queue="celery", durable=True, auto_delete=False)  # type: ignore[attr-defined]
    return {}


def check_beat() -> dict[str, object]:
    heartbeat = Heartbeat.objects.filter(name="beat").first()
    if heartbeat is None:
        raise BeatStale("no heartbeat yet")
    seconds = round((timezone.now() - heartbeat.at).total_seconds())
    if seconds > settings.BEAT_STALE_AFTER:
        raise BeatStale(seconds)
    return {"seconds_since_heartbeat": seconds}


CHECKS: dict[str, Callable[[], dict[str, object]]] = {
    "database": check_database,
    "broker": check_broker,
    "beat": check_beat,
}


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    report: dict[str, dict[str, object]] = {}
    for name, check in CHECKS.items():
        try:
            details = check()
        except BeatStale as exc:
            seconds = exc.args[0] if isinstance(exc.args[0], int) else None
            logger.warning("health_check_failed", extra={"check": name, "error": "stale"})
            report[name] = {"ok": False, "error": "stale", "seconds_since_heartbeat": seconds}
        except Exception as exc:  # any failure means "down"; the class name says why
            logger.warning(
                "health_check_failed", extra={"check": name, "error": type(exc).__name__}
            )
            report[name] = {"ok": False, "error": type(exc).__name__}
        else:
            report[name] = {"ok": True, **details}
    healthy = all(item["ok"] for item in report.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **report}, status=200 if healthy else 503
    )
