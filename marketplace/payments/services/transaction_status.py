"""The payment state machine: a Midtrans status *confirmed by Get Status* applied to an
attempt, forward only, recording Saleor-style events; settlement turns the checkout into
an order exactly once (``checkout_complete(payment_mode="paid")``), or the money is given
back automatically when no order can be placed. ``payment_notification_process`` applies
one stored HTTP notification (STYLE example d).

Locking order: the checkout row (when the attempt still has one), then the transaction
row, then what ``checkout_complete`` / ``orders.services`` lock. Completing a checkout
deletes it and nulls ``TransactionItem.checkout`` under the checkout's lock, so taking
the checkout first means the two never wait on each other in opposite orders.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from marketplace.checkout.models import Checkout
from marketplace.checkout.services import checkout_complete
from marketplace.checkout.stock import release_reservations
from marketplace.orders.models import Order, PaymentMethod
from marketplace.payments.gateway import get_gateway
from marketplace.payments.interface import GatewayNotFound
from marketplace.payments.models import PaymentNotification, TransactionEventType, TransactionItem
from marketplace.payments.services.records import order_payment_record, transaction_event_add
from marketplace.payments.statuses import (
    CHARGED_BACK,
    FAILED,
    NEXT,
    OPEN,
    PAID,
    REFUNDED,
    parse_gross_amount,
)

logger = logging.getLogger(__name__)

EventType = TransactionEventType


def _lock_checkout_then_transaction(transaction_id: UUID | str) -> TransactionItem | None:
    checkout_id = (
        TransactionItem.objects.filter(pk=transaction_id)
        .values_list("checkout_id", flat=True)
        .first()
    )
    if checkout_id is not None:
        list(Checkout.objects.select_for_update(of=("self",)).filter(pk=checkout_id))
    return TransactionItem.objects.select_for_update(of=("self",)).filter(pk=transaction_id).first()


def _other_attempts_alive(tx: TransactionItem) -> bool:
    return (
        TransactionItem.objects.filter(checkout_token=tx.checkout_token)
        .exclude(pk=tx.pk)
        .filter(status__in=OPEN | PAID)
        .exists()
    )


def _enqueue_auto_refund(transaction_id: UUID | str) -> None:
    from marketplace.payments.tasks import payment_auto_refund_task

    payment_auto_refund_task.delay(str(transaction_id))


def _settled_without_order(tx: TransactionItem, reason: str) -> None:
    """Money came in but no order can be placed: keep the payment, refund it."""
    transaction_event_add(
        tx,
        EventType.INFO,
        dedupe_key="settled_without_order",
        message=f"Paid but no order could be placed ({reason}); refunding automatically.",
    )
    logger.error(
        "payment_settled_without_order",
        extra={"transaction_id": str(tx.pk), "psp_reference": tx.psp_reference, "reason": reason},
    )
    tx_id = tx.pk
    transaction.on_commit(lambda: _enqueue_auto_refund(tx_id))


def _attach_to_order(tx: TransactionItem, order: Order) -> None:
    """Link a settled attempt to its order and make the order's charge reflect it.

    An online order was placed as paid (``checkout_complete(payment_mode="paid")``) on
    account of its first settled attempt: that one adds nothing. Any other settled
    attempt (an order placed for payment at pickup, a second payment) adds its amount.
    """
    first_online = order.payment_method == PaymentMethod.ONLINE and not (
        TransactionItem.objects.filter(order=order, charged_amount__gt=0).exclude(pk=tx.pk).exists()
    )
    tx.order = order
    tx.save(update_fields=["order", "modified_at"])
    if not first_online:
        order_payment_record(order=order, amount=tx.charged_amount, psp_reference=tx.psp_reference)
    logger.info(
        "payment_attached_to_order",
        extra={"transaction_id": str(tx.pk), "order_id": str(order.pk)},
    )


def _settle(tx: TransactionItem) -> None:
    if tx.order is not None:
        _attach_to_order(tx, tx.order)
        return
    checkout = Checkout.objects.filter(pk=tx.checkout_token).first() if tx.checkout_token else None
    if checkout is not None:
        try:
            with transaction.atomic():
                order = checkout_complete(checkout=checkout, payment_mode="paid")
        except ValidationError as exc:
            codes = sorted(
                {error.code or "invalid" for errors in exc.error_dict.values() for error in errors}
                if hasattr(exc, "error_dict")
                else {exc.code or "invalid"}
            )
            _settled_without_order(tx, ",".join(codes))
            return
        tx.checkout = None  # deleted with the completion (SET_NULL in the database)
        _attach_to_order(tx, order)
        return
    placed = (
        Order.objects.filter(checkout_token=tx.checkout_token).first()
        if tx.checkout_token
        else None
    )
    if placed is not None:
        _attach_to_order(tx, placed)
        return
    _settled_without_order(tx, "checkout_gone")


def _apply_refunds(tx: TransactionItem, status: Mapping[str, Any]) -> int:
    """REFUND_SUCCESS per refund Midtrans reports (keyed by refund_key, so refunds we
    already recorded when making them count once). Returns the amount newly refunded."""
    refunds = status.get("refunds")
    found: list[tuple[str, int]] = []
    if isinstance(refunds, list):
        for refund in refunds:
            if not isinstance(refund, dict):
                continue
            amount = parse_gross_amount(str(refund.get("refund_amount", "")))
            key = str(refund.get("refund_key") or refund.get("refund_chargeback_id") or "")
            if amount and key:
                found.append((key, amount))
    else:
        total = parse_gross_amount(str(status.get("refund_amount", "")))
        if total and total > tx.refunded_amount:
            found.append((f"total-{total}", total - tx.refunded_amount))
    added = 0
    for key, amount in found:
        amount = min(amount, tx.charged_amount - added)
        if amount <= 0:
            continue
        _evt, created = transaction_event_add(
            tx, EventType.REFUND_SUCCESS, dedupe_key=f"refund:{key}:success", amount=amount,
            psp_reference=key,
        )  # fmt: skip
        if created:
            added += amount
    tx.charged_amount -= added
    tx.refunded_amount += added
    return added


def _apply(tx: TransactionItem, status: Mapping[str, Any]) -> TransactionItem:
    new = str(status.get("transaction_status") or "")
    code = str(status.get("status_code") or "")
    fraud = str(status.get("fraud_status") or "")
    current = tx.status
    log: dict[str, object] = {
        "transaction_id": str(tx.pk),
        "psp_reference": tx.psp_reference,
        "status": new,
    }
    if new == current and new not in NEXT.get(current, frozenset()):
        return tx  # the same status again: nothing new
    if new not in NEXT.get(current, frozenset()):
        transaction_event_add(
            tx, EventType.INFO, dedupe_key=f"ignored:{new}:{code}:{current}",
            message=f"Ignored Midtrans status {new!r} after {current!r}.",
        )  # fmt: skip
        logger.info("payment_status_ignored", extra={**log, "current": current})
        return tx
    tx.status = new
    tx.fraud_status = fraud
    if status.get("transaction_id") and not tx.midtrans_transaction_id:
        tx.midtrans_transaction_id = str(status["transaction_id"])[:64]
    tx.message = str(status.get("status_message") or "")[:512]
    settled_now = False
    if new in PAID:
        if new == "capture" and fraud != "accept":
            transaction_event_add(
                tx, EventType.INFO, dedupe_key=f"capture:{fraud}",
                message=f"Card payment flagged by Midtrans ({fraud}).",
            )  # fmt: skip
        else:
            _evt, settled_now = transaction_event_add(
                tx, EventType.CHARGE_SUCCESS, dedupe_key="charge_success", amount=tx.amount
            )
            if settled_now:
                tx.charged_amount = tx.amount
    elif new in FAILED or new == "cancel":
        if current in PAID and tx.charged_amount > 0:  # Mandiri settlement → deny reversal
            reversed_amount = tx.charged_amount
            transaction_event_add(
                tx, EventType.CHARGE_FAILURE, dedupe_key="charge_reversed", amount=reversed_amount,
                message="Midtrans reversed the settled payment.",
            )  # fmt: skip
            tx.charged_amount = 0
            tx.save()
            if tx.order is not None:
                order_payment_record(
                    order=tx.order, amount=-reversed_amount, psp_reference=tx.psp_reference
                )
            logger.error("payment_reversed", extra=log)
        else:
            event_type = EventType.CANCEL_SUCCESS if new == "cancel" else EventType.CHARGE_FAILURE
            transaction_event_add(
                tx, event_type, dedupe_key=f"failed:{new}", amount=tx.amount, message=tx.message
            )
            if tx.checkout_id is not None and not _other_attempts_alive(tx):
                released = release_reservations(checkout_id=tx.checkout_id)
                log["reservations_released"] = released
    elif new in REFUNDED:
        added = _apply_refunds(tx, status)
        if added and tx.order is not None:
            tx.save()
            order_payment_record(order=tx.order, amount=-added, psp_reference=tx.psp_reference)
    elif new in CHARGED_BACK:
        amount = parse_gross_amount(str(status.get("chargeback_amount", ""))) or tx.charged_amount
        amount = min(amount, tx.charged_amount)
        _evt, created = transaction_event_add(
            tx, EventType.CHARGE_BACK, dedupe_key=f"chargeback:{new}:{amount}", amount=amount
        )
        if created and amount:
            tx.charged_amount -= amount
            tx.save()
            if tx.order is not None:
                order_payment_record(order=tx.order, amount=-amount, psp_reference=tx.psp_reference)
    tx.save()
    if settled_now:
        _settle(tx)
    logger.info("payment_status_applied", extra=log)
    return tx


def payment_apply_status(
    *, transaction_id: UUID | str, status: Mapping[str, Any]
) -> TransactionItem:
    """Apply a Midtrans status (a Get Status body, never a bare notification) to a
    payment attempt, in one database transaction.

    Forward only: pending → settlement/capture(accept) → partial_refund/refund;
    deny/cancel/expire/failure are final; settlement never returns to pending (a stale
    status records one INFO event and changes nothing), except Mandiri's settlement →
    deny reversal. Events: CHARGE_SUCCESS (the amount), CHARGE_FAILURE, CANCEL_SUCCESS,
    REFUND_SUCCESS, CHARGE_BACK, INFO; each at most once. On settlement the checkout
    becomes an order exactly once (``checkout_complete(payment_mode="paid")``, even if the
    storefront completes it at the same time), or the payment is attached to the order
    the checkout already became; if no order can be placed (stock gone, checkout
    deleted) the payment is recorded, logged and refunded automatically. On expiry,
    denial or cancelation the checkout's stock reservations are released (unless another
    attempt of the checkout is still open). A status for another order id or amount is
    refused (ValueError) without changes.
    """
    with transaction.atomic():
        tx = _lock_checkout_then_transaction(transaction_id)
        if tx is None:
            raise ValueError("unknown payment transaction")
        if str(status.get("order_id") or "") != tx.psp_reference:
            raise ValueError("status of another Midtrans order")
        if parse_gross_amount(status.get("gross_amount")) != tx.amount:
            logger.error(
                "payment_status_amount_mismatch",
                extra={"transaction_id": str(tx.pk), "psp_reference": tx.psp_reference},
            )
            raise ValueError("gross_amount differs from the transaction amount")
        return _apply(tx, status)


def payment_notification_process(*, notification_id: int) -> None:
    """Apply one stored Midtrans notification after confirming it with Get Status.

    Safe to run twice or concurrently: the first run marks it processed. Raises
    ``GatewayUnavailable`` (the task retries) when Midtrans cannot be asked.
    """
    notification = PaymentNotification.objects.filter(pk=notification_id).first()
    if notification is None or notification.processed_at is not None:
        return
    tx = notification.payment
    try:
        status = get_gateway().fetch_status(tx.psp_reference)  # trusted; no lock held
    except GatewayNotFound:
        status = None
    with transaction.atomic():
        notification = PaymentNotification.objects.select_for_update().get(pk=notification_id)
        if notification.processed_at is not None:
            return  # another worker finished first
        notification.processed_at = timezone.now()
        notification.save(update_fields=["processed_at"])
    if status is None:
        logger.warning(
            "payment_notification_unconfirmed",
            extra={"notification_id": notification_id, "psp_reference": tx.psp_reference},
        )
        return
    if status.get("transaction_status") != notification.transaction_status:
        logger.info(
            "payment_notification_status_differs",
            extra={
                "notification_id": notification_id,
                "psp_reference": tx.psp_reference,
                "notified": notification.transaction_status,
                "confirmed": status.get("transaction_status"),
            },
        )
    payment_apply_status(transaction_id=tx.pk, status=status)
