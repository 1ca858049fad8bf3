"""Celery tasks of cooperative reporting (ids as arguments; safe to run twice)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError

from coop_reporting.sales import services
from marketplace.village_hubs.models import Cooperative

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),  # deadlock or lost connection: run again, no harm
    retry_backoff=True,
    max_retries=8,
)
def record_order_sales_task(order_id: str) -> None:
    """Record the paid lines of one order (or reverse them once it is no longer paid),
    then refresh the early warnings of the cooperatives it touched.

    Sent by ``marketplace.orders.reporting`` after commit; idempotent (see
    ``services.order_sales_record``).
    """
    result = services.order_sales_record(order_id=order_id)
    for cooperative in Cooperative.objects.filter(pk__in=result.cooperative_ids):
        services.cooperative_flags_recompute(cooperative=cooperative)


@shared_task(acks_late=True)
def cooperative_flags_recompute_task() -> None:
    """Nightly: raise or clear the sales-based warnings of every active cooperative."""
    services.cooperative_flags_recompute_all()
