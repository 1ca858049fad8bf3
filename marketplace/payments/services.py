"""Write use cases of online payments (Saleor's transaction API on Midtrans).

* ``transaction_initialize`` — a new payment attempt for a checkout (Snap page or one
  Core API method); the base of ``transactionInitialize``/``transactionProcess``.
* ``payment_apply_status`` — the state machine: applies a Midtrans status *confirmed by
  Get Status*, forward only, recording Saleor-style events; settlement turns the checkout
  into an order exactly once.
* ``payment_notification_process`` — one stored HTTP notification (STYLE example d).
* ``transaction_refund`` / ``transaction_cancel`` — ``transactionRequestAction``.
* ``payments_reconcile_pending`` — Get Status for attempts pending past their expiry.

Locking order: the checkout row (when the attempt still has one), then the transaction
row, then what ``checkout_complete`` / ``orders.services`` lock. Completing a checkout
deletes it and nulls ``TransactionItem.checkout`` under the checkout's lock, so taking
the checkout first means the two never wait on each other in opposite orders. Gateway
calls are made outside database transactions (no lock held over HTTP).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.models import User
from marketplace.checkout.models import Checkout
from marketplace.checkout.selectors import checkout_lines, checkout_totals
from marketplace.checkout.services import checkout_complete
from marketplace.checkout.stock import check_and_reserve, release_reservations
from marketplace.core.exceptions import field_error
from marketplace.core.money import parse_rupiah_amount
from marketplace.orders.models import Order, PaymentMethod
from marketplace.orders.services import order_payment_recorded
from marketplace.payments.error_codes import PaymentErrorCode
from marketplace.payments.gateway import (
    GatewayError,
    GatewayNotFound,
    GatewayUnavailable,
    get_gateway,
)
from marketplace.payments.models import (
    PaymentMethodType,
    PaymentNotification,
    TransactionEvent,
    TransactionEventType,
    TransactionItem,
)
from marketplace.village_hubs.models import VillageHub
from marketplace.village_hubs.selectors import user_can_operate_hub

logger = logging.getLogger(__name__)

EventType = TransactionEventType

PAID = frozenset({"settlement", "capture"})
FAILED = frozenset({"deny", "expire", "failure"})
REFUNDED = frozenset({"refund", "partial_refund"})
CHARGED_BACK = frozenset({"chargeback", "partial_chargeback"})
OPEN = frozenset({"", "pending", "authorize"})
# Forward-only transitions (docs.midtrans.com "transaction status cycle"). Settlement →
# deny is Mandiri bill's provider reversal. Statuses that may repeat with new content
# (more refunds, a challenged capture accepted) are allowed onto themselves.
NEXT: dict[str, frozenset[str]] = {
    "": frozenset({"pending", "authorize", "capture", "settlement", "cancel"} | FAILED),
    "pending": frozenset({"authorize", "capture", "settlement", "cancel"} | FAILED),
    "authorize": frozenset({"capture", "settlement", "cancel"} | FAILED),
    "capture": frozenset({"capture", "settlement", "cancel", "deny"} | REFUNDED | CHARGED_BACK),
    "settlement": frozenset({"deny"} | REFUNDED | CHARGED_BACK),
    "partial_refund": REFUNDED | CHARGED_BACK,
    "partial_chargeback": REFUNDED | CHARGED_BACK,
}


# --- helpers -----------------------------------------------------------------------------


def _event(
    tx: TransactionItem,
    event_type: str,
    *,
    dedupe_key: str,
    amount: int = 0,
    message: str = "",
    psp_reference: str = "",
    user: User | None = None,
) -> tuple[TransactionEvent, bool]:
    """Record an event once per ``dedupe_key`` (scoped to the transaction)."""
    return TransactionEvent.objects.get_or_create(
        dedupe_key=f"{tx.pk}:{dedupe_key}",
        defaults={
            "transaction": tx,
            "type": event_type,
            "amount": int(amount),
            "currency": tx.currency,
            "psp_reference": psp_reference or tx.psp_reference,
            "message": message[:512],
            "created_by": user if user is not None and user.is_authenticated else None,
        },
    )


def _lock_checkout_then_transaction(transaction_id: object) -> TransactionItem | None:
    checkout_id = (
        TransactionItem.objects.filter(pk=transaction_id)
        .values_list("checkout_id", flat=True)
        .first()
    )
    if checkout_id is not None:
        list(Checkout.objects.select_for_update(of=("self",)).filter(pk=checkout_id))
    return TransactionItem.objects.select_for_update(of=("self",)).filter(pk=transaction_id).first()


def parse_gross_amount(value: object) -> int | None:
    """Midtrans' ``gross_amount`` (``"24145.00"``) as whole rupiah; None when malformed
    or with a fraction."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount != amount.to_integral_value() or amount < 0:
        return None
    return int(amount)


def _other_attempts_alive(tx: TransactionItem) -> bool:
    return (
        TransactionItem.objects.filter(checkout_token=tx.checkout_token)
        .exclude(pk=tx.pk)
        .filter(status__in=OPEN | PAID)
        .exists()
    )


# --- initializing a payment --------------------------------------------------------------


def _new_attempt(checkout: Checkout, method: str) -> TransactionItem:
    with transaction.atomic():
        locked = Checkout.objects.select_for_update(of=("self",)).filter(pk=checkout.pk).first()
        if locked is None:
            raise field_error("id", _("Checkout not found."), PaymentErrorCode.NOT_FOUND)
        lines = list(checkout_lines(checkout=locked).select_related("variant"))
        if not lines:
            raise field_error(
                "id", _("Cannot pay for a checkout without lines."), PaymentErrorCode.INVALID
            )
        if not locked.email:
            raise field_error("id", _("Checkout email must be set."), PaymentErrorCode.INVALID)
        if locked.collection_point_id is None and locked.shipping_method_id is None:
            raise field_error(
                "id", _("Choose a pickup point or a shipping method."), PaymentErrorCode.INVALID
            )
        totals = checkout_totals(checkout=locked)
        if totals.total <= 0 or len(totals.lines) != len(lines):
            raise field_error(
                "id", _("Some products have no price in this shop."), PaymentErrorCode.INVALID
            )
        if TransactionItem.objects.filter(checkout_token=locked.pk, status__in=PAID).exists():
            raise field_error(
                "id",
                _("This checkout is already paid."),
                PaymentErrorCode.TRANSACTION_ALREADY_PROCESSED,
            )
        # The stock must still be there, and stays held while the buyer pays.
        check_and_reserve(checkout=locked, lines=lines, now=timezone.now())
        last = (
            TransactionItem.objects.filter(checkout_token=locked.pk)
            .order_by("-attempt")
            .values_list("attempt", flat=True)
            .first()
        )
        attempt = (last or 0) + 1
        tx = TransactionItem.objects.create(
            checkout=locked,
            checkout_token=locked.pk,
            psp_reference=f"LMB-{locked.pk.hex[:20]}-{attempt}",
            attempt=attempt,
            method=method,
            amount=totals.total,
        )
        _event(tx, EventType.CHARGE_REQUEST, dedupe_key="charge_request", amount=tx.amount)
    return tx


def transaction_initialize(
    *, checkout: Checkout, method: str, redirect_url: str | None = None
) -> TransactionItem:
    """Start a payment attempt of the checkout's total (Saleor's ``transactionInitialize``).

    ``method``: ``snap`` (Midtrans' page, every method) or one of ``PaymentMethodType``.
    Creates the ``TransactionItem`` (psp reference ``LMB-<checkout>-<attempt>``) with a
    ``CHARGE_REQUEST`` event, re-reserves the stock, asks Midtrans, and records
    ``CHARGE_ACTION_REQUIRED`` with ``data`` for the buyer: Snap ``token`` and
    ``redirect_url``, or ``qr_string`` / ``va_number`` / ``bill_key`` / ``payment_code``,
    and ``expires_at``. Refused (PaymentErrorCode on ``payment_method`` / ``id``): unknown
    method (INVALID), checkout not found (NOT_FOUND), no lines, no e-mail, no delivery
    (INVALID), already paid (TRANSACTION_ALREADY_PROCESSED), INSUFFICIENT_STOCK (checkout
    code on ``quantity``). A gateway refusal records ``CHARGE_FAILURE`` and raises
    INVALID; an unreachable gateway raises GRAPHQL_ERROR (the attempt is left for
    reconciliation, which asks Midtrans whether it exists).
    """
    if method not in PaymentMethodType.values:
        raise field_error("payment_method", _("Unknown payment method."), PaymentErrorCode.INVALID)
    tx = _new_attempt(checkout, method)
    gateway = get_gateway()
    try:
        if method == PaymentMethodType.SNAP:
            result = gateway.create_snap(tx, checkout, redirect_url=redirect_url)
        else:
            result = gateway.charge(tx, checkout, method)
    except GatewayError as exc:
        with transaction.atomic():
            tx = TransactionItem.objects.select_for_update().get(pk=tx.pk)
            tx.status = "failure" if tx.status in OPEN else tx.status
            tx.message = str(exc)[:512]
            tx.save(update_fields=["status", "message", "modified_at"])
            _event(
                tx, EventType.CHARGE_FAILURE, dedupe_key="charge_failure", amount=tx.amount,
                message=str(exc),
            )  # fmt: skip
        logger.warning("payment_initialize_refused", extra={"psp_reference": tx.psp_reference})
        raise field_error(
            "payment_method",
            _("The payment provider refused this payment. Try another method."),
            PaymentErrorCode.INVALID,
        ) from None
    except GatewayUnavailable:
        with transaction.atomic():
            tx = TransactionItem.objects.select_for_update().get(pk=tx.pk)
            tx.expires_at = timezone.now()
            tx.save(update_fields=["expires_at", "modified_at"])
            _event(
                tx, EventType.INFO, dedupe_key="gateway_unavailable",
                message="Midtrans could not be reached; reconciliation will check.",
            )  # fmt: skip
        logger.warning("payment_initialize_unavailable", extra={"psp_reference": tx.psp_reference})
        raise field_error(
            None,
            _("The payment provider cannot be reached. Try again in a moment."),
            PaymentErrorCode.GRAPHQL_ERROR,
        ) from None
    with transaction.atomic():
        tx = TransactionItem.objects.select_for_update().get(pk=tx.pk)
        tx.data = result.data
        tx.expires_at = result.expires_at
        if result.gateway_transaction_id and not tx.midtrans_transaction_id:
            tx.midtrans_transaction_id = result.gateway_transaction_id
        if tx.status == "" and result.status in ("", "pending"):
            tx.status = result.status
        tx.save()
        _event(
            tx,
            EventType.CHARGE_ACTION_REQUIRED,
            dedupe_key="charge_action_required",
            amount=tx.amount,
            message=_("Waiting for the buyer to pay."),
        )
    logger.info(
        "payment_initialized",
        extra={"transaction_id": str(tx.pk), "psp_reference": tx.psp_reference, "method": method},
    )
    return tx


# --- the state machine -------------------------------------------------------------------


def _enqueue_auto_refund(transaction_id: object) -> None:
    from marketplace.payments.tasks import payment_auto_refund_task

    payment_auto_refund_task.delay(str(transaction_id))


def _settled_without_order(tx: TransactionItem, reason: str) -> None:
    """Money came in but no order can be placed: keep the payment, refund it."""
    _event(
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
        order_payment_recorded(
            order=order, amount=tx.charged_amount, psp_reference=tx.psp_reference
        )
    logger.info(
        "payment_attached_to_order",
        extra={"transaction_id": str(tx.pk), "order_id": str(order.pk)},
    )


def _settle(tx: TransactionItem) -> None:
    if tx.order_id is not None:
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
    order = (
        Order.objects.filter(checkout_token=tx.checkout_token).first()
        if tx.checkout_token
        else None
    )
    if order is not None:
        _attach_to_order(tx, order)
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
        _evt, created = _event(
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
    log = {"transaction_id": str(tx.pk), "psp_reference": tx.psp_reference, "status": new}
    if new == current and new not in NEXT.get(current, frozenset()):
        return tx  # the same status again: nothing new
    if new not in NEXT.get(current, frozenset()):
        _event(
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
            _event(
                tx, EventType.INFO, dedupe_key=f"capture:{fraud}",
                message=f"Card payment flagged by Midtrans ({fraud}).",
            )  # fmt: skip
        else:
            _evt, settled_now = _event(
                tx, EventType.CHARGE_SUCCESS, dedupe_key="charge_success", amount=tx.amount
            )
            if settled_now:
                tx.charged_amount = tx.amount
    elif new in FAILED or new == "cancel":
        if current in PAID and tx.charged_amount > 0:  # Mandiri settlement → deny reversal
            reversed_amount = tx.charged_amount
            _event(
                tx, EventType.CHARGE_FAILURE, dedupe_key="charge_reversed", amount=reversed_amount,
                message="Midtrans reversed the settled payment.",
            )  # fmt: skip
            tx.charged_amount = 0
            tx.save()
            if tx.order_id is not None:
                order_payment_recorded(
                    order=tx.order, amount=-reversed_amount, psp_reference=tx.psp_reference
                )
            logger.error("payment_reversed", extra=log)
        else:
            event_type = EventType.CANCEL_SUCCESS if new == "cancel" else EventType.CHARGE_FAILURE
            _event(tx, event_type, dedupe_key=f"failed:{new}", amount=tx.amount, message=tx.message)
            if tx.checkout_id is not None and not _other_attempts_alive(tx):
                released = release_reservations(checkout_id=tx.checkout_id)
                log["reservations_released"] = released
    elif new in REFUNDED:
        added = _apply_refunds(tx, status)
        if added and tx.order_id is not None:
            tx.save()
            order_payment_recorded(order=tx.order, amount=-added, psp_reference=tx.psp_reference)
    elif new in CHARGED_BACK:
        amount = parse_gross_amount(str(status.get("chargeback_amount", ""))) or tx.charged_amount
        amount = min(amount, tx.charged_amount)
        _evt, created = _event(
            tx, EventType.CHARGE_BACK, dedupe_key=f"chargeback:{new}:{amount}", amount=amount
        )
        if created and amount:
            tx.charged_amount -= amount
            tx.save()
            if tx.order_id is not None:
                order_payment_recorded(
                    order=tx.order, amount=-amount, psp_reference=tx.psp_reference
                )
    tx.save()
    if settled_now:
        _settle(tx)
    logger.info("payment_status_applied", extra=log)
    return tx


def payment_apply_status(*, transaction_id: object, status: Mapping[str, Any]) -> TransactionItem:
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


# --- refunds and cancelation -------------------------------------------------------------


def _may_act(actor: User | None, tx: TransactionItem) -> bool:
    if actor is None:
        return True  # the system itself (automatic refunds)
    if actor.is_authenticated and actor.is_active and (actor.is_staff or actor.is_superuser):
        return True
    if tx.order_id is None:
        return False
    hub = VillageHub.objects.filter(channel_id=tx.order.channel_id).first()
    return hub is not None and user_can_operate_hub(actor, hub)


def _pending_refunds(tx: TransactionItem) -> int:
    events = TransactionEvent.objects.filter(transaction=tx, dedupe_key__contains=":refund:")
    requested: dict[str, int] = {}
    done: set[str] = set()
    for event in events:
        key, _sep, kind = event.dedupe_key.rpartition(":")
        if kind == "request":
            requested[key] = event.amount
        else:
            done.add(key)
    return sum(amount for key, amount in requested.items() if key not in done)


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
        refundable = tx.charged_amount - _pending_refunds(tx)
        value = refundable if amount is None else parse_rupiah_amount(amount, field="amount")
        if value <= 0 or value > refundable:
            raise field_error(
                "amount",
                _("You can refund at most Rp%(max)s of this payment.")
                % {"max": f"{max(refundable, 0):,}"},
                PaymentErrorCode.INVALID,
            )
        count = TransactionEvent.objects.filter(
            transaction=tx, type=EventType.REFUND_REQUEST
        ).count()
        key = refund_key or f"{tx.psp_reference}-r{count + 1}"
        _event(
            tx, EventType.REFUND_REQUEST, dedupe_key=f"refund:{key}:request", amount=value,
            message=reason, user=actor, psp_reference=key,
        )  # fmt: skip
    try:
        result = get_gateway().refund(tx.psp_reference, value, reason or "refund", key)
    except GatewayError as exc:
        with _atomic():
            _event(
                tx, EventType.REFUND_FAILURE, dedupe_key=f"refund:{key}:failure", amount=value,
                message=str(exc), psp_reference=key,
            )  # fmt: skip
        logger.warning("payment_refund_refused", extra={"psp_reference": tx.psp_reference})
        raise field_error(
            "amount", _("The payment provider refused the refund."), PaymentErrorCode.INVALID
        ) from None
    with _atomic():
        tx = TransactionItem.objects.select_for_update(of=("self",)).get(pk=tx.pk)
        _evt, created = _event(
            tx, EventType.REFUND_SUCCESS, dedupe_key=f"refund:{key}:success", amount=value,
            psp_reference=key, user=actor,
        )  # fmt: skip
        if created:
            tx.charged_amount -= value
            tx.refunded_amount += value
            if result.status in NEXT.get(tx.status, frozenset()):
                tx.status = result.status
            tx.save()
            if tx.order_id is not None:
                order_payment_recorded(
                    order=tx.order, amount=-value, psp_reference=tx.psp_reference
                )
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
        actor is not None and tx.checkout_id and tx.checkout.user_id == actor.pk
    ):
        raise PermissionDenied(_("You cannot cancel this payment."))
    if tx.status not in OPEN:
        raise field_error(
            "id", _("This payment can no longer be canceled."), PaymentErrorCode.INVALID
        )
    with _atomic():
        _event(
            tx, EventType.CANCEL_REQUEST, dedupe_key="cancel_request", amount=tx.amount, user=actor
        )
    try:
        get_gateway().cancel(tx.psp_reference)
    except GatewayNotFound:
        pass  # a Snap page never opened: nothing to cancel at Midtrans
    except GatewayError as exc:
        with _atomic():
            _event(tx, EventType.CANCEL_FAILURE, dedupe_key="cancel_failure", message=str(exc))
        raise field_error(
            "id", _("The payment provider refused to cancel."), PaymentErrorCode.INVALID
        ) from None
    status = {"order_id": tx.psp_reference, "gross_amount": f"{tx.amount}.00",
              "transaction_status": "cancel", "status_code": "200"}  # fmt: skip
    return payment_apply_status(transaction_id=tx.pk, status=status)


def _atomic() -> Any:
    return transaction.atomic()


# --- reconciliation ----------------------------------------------------------------------


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
