"""Saleor's ``transactionRequestAction`` on a Midtrans attempt: refund (whole or in part,
through the gateway), cancel an attempt not paid yet, and charge (refused: Midtrans
charges when the buyer pays). Gateway calls are made outside database transactions.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace import permissions
from marketplace.accounts.models import User
from marketplace.core.exceptions import field_error
from marketplace.core.money import parse_rupiah_amount
from marketplace.payments.error_codes import PaymentErrorCode
from marketplace.payments.gateway import get_gateway
from marketplace.payments.interface import GatewayError, GatewayNotFound
from marketplace.payments.models import TransactionEvent, TransactionEventType, TransactionItem
from marketplace.payments.selectors import refunds_pending_total
from marketplace.payments.services.records import order_payment_record, transaction_event_add
from marketplace.payments.services.transaction_status import payment_apply_status
from marketplace.payments.statuses import NEXT, OPEN

logger = logging.getLogger(__name__)

EventType = TransactionEventType


def _may_act(actor: User | None, tx: TransactionItem) -> bool:
    if actor is None:
        return True  # the system itself (automatic refunds)
    if permissions.is_platform_staff(actor):
        return True
    if tx.order_id is None:
        return False
    return permissions.can_manage_order_payments(actor, tx.order)


def transaction_refund(
    *,
    transaction: TransactionItem,
    amount: int | None,
    actor: User | None,
    reason: str = "",
    refund_key: str | None = None,
) -> TransactionItem:
    """Refund a settled payment in full (``amount`` None) or in part, through the gateway
    (Saleor's ``transactionRequestAction(actionType: REFUND)``).

    Platform staff and operators of the order's hub may (``actor`` None: the system);
    anyone else: PermissionDenied. Records REFUND_REQUEST, then REFUND_SUCCESS (charged
    amount moves to refunded; the order's charge goes down) or REFUND_FAILURE. Refused
    with INVALID on ``amount``: not a positive whole rupiah amount, or more than is left
    to refund (charged minus refunds in progress). ``refund_key`` makes retries
    idempotent at Midtrans (default: a new key per refund).
    """
    tx = transaction
    if not _may_act(actor, tx):
        raise PermissionDenied(_("You cannot refund this payment."))
    with _atomic():
        tx = TransactionItem.objects.select_for_update(of=("self",)).get(pk=tx.pk)
        count = TransactionEvent.objects.filter(
            transaction=tx, type=EventType.REFUND_REQUEST
        ).count()
        key = refund_key or f"{tx.psp_reference}-r{count + 1}"
        refundable = tx.charged_amount - refunds_pending_total(tx, except_key=key)
        value = refundable if amount is None else parse_rupiah_amount(amount, field="amount")
        if value <= 0 or value > refundable:
            raise field_error(
                "amount",
                _("You can refund at most Rp%(max)s of this payment.")
                % {"max": f"{max(refundable, 0):,}"},
                PaymentErrorCode.INVALID,
            )
        transaction_event_add(
            tx, EventType.REFUND_REQUEST, dedupe_key=f"refund:{key}:request", amount=value,
            message=reason, user=actor, psp_reference=key,
        )  # fmt: skip
    try:
        result = get_gateway().refund(tx.psp_reference, value, reason or "refund", key)
    except GatewayError as exc:
        with _atomic():
            transaction_event_add(
                tx, EventType.REFUND_FAILURE, dedupe_key=f"refund:{key}:failure", amount=value,
                message=str(exc), psp_reference=key,
            )  # fmt: skip
        logger.warning("payment_refund_refused", extra={"psp_reference": tx.psp_reference})
        raise field_error(
            "amount", _("The payment provider refused the refund."), PaymentErrorCode.INVALID
        ) from None
    with _atomic():
        tx = TransactionItem.objects.select_for_update(of=("self",)).get(pk=tx.pk)
        _evt, created = transaction_event_add(
            tx, EventType.REFUND_SUCCESS, dedupe_key=f"refund:{key}:success", amount=value,
            psp_reference=key, user=actor,
        )  # fmt: skip
        if created:
            tx.charged_amount -= value
            tx.refunded_amount += value
            if result.status in NEXT.get(tx.status, frozenset()):
                tx.status = result.status
            tx.save()
            if tx.order is not None:
                order_payment_record(order=tx.order, amount=-value, psp_reference=tx.psp_reference)
    logger.info(
        "payment_refunded",
        extra={
            "transaction_id": str(tx.pk),
            "amount": value,
            "actor_id": getattr(actor, "pk", None),
        },
    )
    return tx


def transaction_cancel(*, transaction: TransactionItem, actor: User | None) -> TransactionItem:
    """Cancel an attempt not yet paid (``transactionRequestAction(actionType: CANCEL)``):
    CANCEL_REQUEST, then Midtrans' answer applied (CANCEL_SUCCESS, reservations released).
    Refused (INVALID on ``id``) once paid or final."""
    tx = transaction
    if not _may_act(actor, tx) and not (
        actor is not None and tx.checkout is not None and tx.checkout.user_id == actor.pk
    ):
        raise PermissionDenied(_("You cannot cancel this payment."))
    if tx.status not in OPEN:
        raise field_error(
            "id", _("This payment can no longer be canceled."), PaymentErrorCode.INVALID
        )
    with _atomic():
        transaction_event_add(
            tx, EventType.CANCEL_REQUEST, dedupe_key="cancel_request", amount=tx.amount, user=actor
        )
    try:
        get_gateway().cancel(tx.psp_reference)
    except GatewayNotFound:
        pass  # a Snap page never opened: nothing to cancel at Midtrans
    except GatewayError as exc:
        with _atomic():
            transaction_event_add(
                tx, EventType.CANCEL_FAILURE, dedupe_key="cancel_failure", message=str(exc)
            )
        raise field_error(
            "id", _("The payment provider refused to cancel."), PaymentErrorCode.INVALID
        ) from None
    status = {"order_id": tx.psp_reference, "gross_amount": f"{tx.amount}.00",
              "transaction_status": "cancel", "status_code": "200"}  # fmt: skip
    return payment_apply_status(transaction_id=tx.pk, status=status)


def transaction_charge(*, transaction: TransactionItem, actor: User | None) -> TransactionItem:
    """``transactionRequestAction(actionType: CHARGE)``: Midtrans charges at once (there
    is no authorization to capture later), so this is refused with INVALID on
    ``action_type`` for whoever may act on the payment; anyone else: PermissionDenied."""
    if not _may_act(actor, transaction):
        raise PermissionDenied(_("You cannot charge this payment."))
    raise field_error(
        "action_type",
        _("Midtrans payments are charged when the buyer pays; there is nothing to charge."),
        PaymentErrorCode.INVALID,
    )


def _atomic() -> Any:
    return transaction.atomic()
