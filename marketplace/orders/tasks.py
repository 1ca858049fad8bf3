"""Celery tasks of orders."""

from __future__ import annotations

import logging

from celery import shared_task

from marketplace.orders.services import orders_expire_unpaid

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def orders_expire_unpaid_task() -> int:
    """Expire unpaid pay-at-pickup orders past ``expires_at`` (beat, every few minutes).

    Idempotent and safe to run concurrently: each order is re-checked under its row lock.
    """
    expired = orders_expire_unpaid()
    logger.info("orders_expire_unpaid_ran", extra={"expired": expired})
    return expired
