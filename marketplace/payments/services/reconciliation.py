"""Reconciliation (beat): Get Status for attempts still open past their expiry."""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone

from marketplace.payments.gateway import get_gateway
from marketplace.payments.interface import GatewayNotFound, GatewayUnavailable
from marketplace.payments.models import TransactionItem
from marketplace.payments.services.transaction_status import payment_apply_status
from marketplace.payments.statuses import OPEN

logger = logging.getLogger(__name__)


def payments_reconcile_pending(
    *, now: datetime.datetime | None = None, grace_minutes: int = 5
) -> int:
    """Ask Midtrans (Get Status) about attempts still open past ``expires_at`` + grace and
    apply the answer; an attempt Midtrans never heard of (a Snap page never used) is
    expired locally. Returns how many were looked at. Safe to run concurrently."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(minutes=grace_minutes)
    candidates = list(
        TransactionItem.objects.filter(status__in=OPEN, expires_at__lte=cutoff)
        .order_by("expires_at")
        .values_list("pk", "psp_reference", "amount")[:500]
    )
    gateway = get_gateway()
    for pk, psp_reference, amount in candidates:
        try:
            status = gateway.fetch_status(psp_reference)
        except GatewayNotFound:
            status = {"order_id": psp_reference, "gross_amount": f"{amount}.00",
                      "transaction_status": "expire", "status_code": "404",
                      "status_message": "Unknown to Midtrans after expiry."}  # fmt: skip
        except GatewayUnavailable:
            logger.warning("payments_reconcile_unavailable", extra={"psp_reference": psp_reference})
            break
        try:
            payment_apply_status(transaction_id=pk, status=status)
        except ValueError:
            logger.exception("payments_reconcile_refused", extra={"psp_reference": psp_reference})
    return len(candidates)
