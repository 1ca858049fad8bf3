"""Celery tasks of payments: apply notifications, automatic refunds, reconciliation."""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.utils import timezone

from marketplace.payments.interface import GatewayUnavailable
from marketplace.payments.models import PaymentNotification, TransactionItem
from marketplace.payments.services import reconciliation, transaction_actions, transaction_status

logger = logging.getLogger(__name__)


@shared_task(autoretry_for=(GatewayUnavailable,), retry_backoff=True, max_retries=8, acks_late=True)
def payment_notification_process_task(notification_id: int) -> None:
    """Apply one stored Midtrans notification, confirmed by Get Status. Safe to run twice
    or concurrently: re-delivery is a no-op."""
    transaction_status.payment_notification_process(notification_id=notification_id)


@shared_task(autoretry_for=(GatewayUnavailable,), retry_backoff=True, max_retries=8, acks_late=True)
def payment_auto_refund_task(transaction_id: str) -> None:
    """Give back a payment that settled but could not become an order. Idempotent: the
    refund key is fixed per transaction and nothing is refunded twice."""
    tx = TransactionItem.objects.filter(pk=transaction_id).first()
    if tx is None or tx.order_id is not None or tx.charged_amount <= 0:
        return
    transaction_actions.transaction_refund(
        transaction=tx,
        amount=None,
        actor=None,
        reason="Order could not be placed",
        refund_key=f"{tx.psp_reference}-auto",
    )
    logger.info("payment_auto_refunded", extra={"transaction_id": transaction_id})


@shared_task(acks_late=True)
def payments_reconcile_task() -> int:
    """Beat: Get Status for attempts pending past expiry, and re-enqueue notifications
    stored but not processed for a while (a lost enqueue)."""
    looked_at = reconciliation.payments_reconcile_pending()
    stale = timezone.now() - datetime.timedelta(minutes=10)
    for notification_id in PaymentNotification.objects.filter(
        processed_at__isnull=True, received_at__lte=stale
    ).values_list("pk", flat=True)[:500]:
        payment_notification_process_task.delay(notification_id)
    logger.info("payments_reconcile_ran", extra={"looked_at": looked_at})
    return looked_at
