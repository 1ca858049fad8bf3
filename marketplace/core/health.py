"""``/health/``: is the database up, is the broker up? 200 when both are, 503 otherwise."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from marketplace.celery import app as celery_app

logger = logging.getLogger(__name__)


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_broker() -> None:
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=3)
        # Declaring Celery's own queue talks to the broker on every transport.
        conn.default_channel.queue_declare(queue="celery", durable=True, auto_delete=False)


CHECKS: dict[str, Callable[[], None]] = {"database": check_database, "broker": check_broker}


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    report: dict[str, dict[str, object]] = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # any failure means "down"; the class name says why
            logger.warning(
                "health_check_failed", extra={"check": name, "error": type(exc).__name__}
            )
            report[name] = {"ok": False, "error": type(exc).__name__}
        else:
            report[name] = {"ok": True}
    healthy = all(item["ok"] for item in report.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **report}, status=200 if healthy else 503
    )
