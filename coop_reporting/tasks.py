"""Celery tasks of cooperative reporting (ids as arguments; safe to run twice)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError

from coop_reporting.rat import services as rat_services
from coop_reporting.sales import services

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),  # deadlock or lost connection: run again, no harm
    retry_backoff=True,
    max_retries=8,
)
def record_order_sales_task(order_id: str) -> None:
    """Record the paid lines of one order (or reverse them once it is no longer paid),
    then refresh the early warnings that order can change.

    Sent by ``marketplace.orders.reporting`` after commit; idempotent (see
    ``services.order_sales_record``). Debounced per order, not per line: one recording,
    then at most one warnings check per cooperative the order touched
    (``services.cooperative_flags_after_sales``). The recording itself keeps what the
    activity status reads up to date (the daily rollups: last sale day; the district
    summary row).
    """
    result = services.order_sales_record(order_id=order_id)
    services.cooperative_flags_after_sales(result)


@shared_task(acks_late=True)
def cooperative_flags_recompute_task() -> int:
    """Nightly: every active cooperative's activity status and early warnings — sales
    drop, no sales, RAT overdue (``rat.services.cooperative_statuses_refresh``)."""
    return rat_services.cooperative_statuses_refresh()
