"""Write use cases of online payments (Saleor's transaction API on Midtrans).

* ``transaction_initialize`` — a new payment attempt for a checkout (Snap page or one
  Core API method); the base of ``transactionInitialize``/``transactionProcess``.
* ``payment_apply_status`` — the state machine: applies a Midtrans status *confirmed by
  Get Status*, forward only, recording Saleor-style events; settlement turns the checkout
  into an order exactly once.
* ``payment_notification_process`` — one stored HTTP notification (STYLE example d).
* ``legacy_payment_create`` — Saleor's deprecated ``checkoutPaymentCreate``: a Snap
  attempt as ``transaction_initialize``, the same one on a repeated call.
* ``transaction_process`` — ``transactionProcess``: Get Status now, applied.
* ``transaction_refund`` / ``transaction_cancel`` / ``transaction_charge`` —
  ``transactionRequestAction``.
* ``order_grant_refund_create`` / ``granted_refund_process`` — Saleor's granted refunds
  (``orderGrantRefundCreate``, ``transactionRequestRefundForGrantedRefund``).
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
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace import permissions
from marketplace.accounts.models import User
from marketplace.checkout import validation as checkout_validation
from marketplace.checkout.models import Checkout
from marketplace.checkout.selectors import checkout_lines, checkout_totals
from marketplace.checkout.services import checkout_complete
from marketplace.checkout.stock import check_and_reserve, release_reservations
from marketplace.core.exceptions import field_error
from marketplace.core.money import parse_rupiah_amount
from marketplace.orders import reporting
from marketplace.orders.models import Order, OrderLine, PaymentMethod
from marketplace.orders.services import order_charge_status_update, order_payment_recorded
from marketplace.payments.error_codes import PaymentErrorCode
from marketplace.payments.gateway import (
    GatewayError,
    GatewayNotFound,
    GatewayUnavailable,
    get_gateway,
)
from marketplace.payments.models import (
    OrderGrantedRefund,
    OrderGrantedRefundLine,
    OrderGrantedRefundStatus,
    PaymentMethodType,
    PaymentNotification,
    TransactionEvent,
    TransactionEventType,
    TransactionItem,
)
from marketplace.payments.selectors import (
    LEGACY_PAYMENT_KEY_PREFIX,
    granted_refund_total,
    legacy_payment_pending,
    user_may_manage_order_payments,
)

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


def _order_payment_recorded(*, order: Order, amount: int, psp_reference: str) -> None:
    """``orders.services.order_payment_recorded`` with the refunds granted on the order,
    so its charge status is measured as Saleor's (total minus granted refunds)."""
    order_payment_recorded(
        order=order,
        amount=amount,
        psp_reference=psp_reference,
        granted_refund_amount=granted_refund_total(order_id=order.pk),
    )


# --- initializing a payment --------------------------------------------------------------


def _idempotent_attempt(
    checkout_id: object, idempotency_key: str, method: str, amount: int | None
) -> TransactionItem | None:
    """The attempt an earlier call with this idempotency key started, if any; the same
    key with another method or amount is refused (Saleor: UNIQUE)."""
    if not idempotency_key:
        return None
    tx = TransactionItem.objects.filter(
        checkout_token=checkout_id, idempotency_key=idempotency_key
    ).first()
    if tx is not None and (tx.method != method or (amount is not None and amount != tx.amount)):
        raise field_error(
            "idempotency_key",
            _("Different transaction with provided idempotency key already exists."),
            PaymentErrorCode.UNIQUE,
        )
    return tx


def _new_attempt(
    checkout: Checkout, method: str, *, amount: int | None = None, idempotency_key: str = ""
) -> tuple[TransactionItem, bool]:
    with transaction.atomic():
        locked = Checkout.objects.select_for_update(of=("self",)).filter(pk=checkout.pk).first()
        if locked is None:
            raise field_error("id", _("Checkout not found."), PaymentErrorCode.NOT_FOUND)
        earlier = _idempotent_attempt(locked.pk, idempotency_key, method, amount)
        if earlier is not None:  # a retry that raced the first call
            return earlier, False
        lines = list(checkout_lines(checkout=locked).select_related("variant"))
        if not lines:
            raise field_error(
                "id", _("Cannot pay for a checkout without lines."), PaymentErrorCode.INVALID
            )
        if not checkout_validation.has_contact(locked):
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
        if amount is not None and amount > totals.total:
            raise field_error(
                "amount",
                _("The amount is more than the Rp%(due)s owed for this checkout.")
                % {"due": f"{totals.total:,}"},
                PaymentErrorCode.INVALID,
            )
        if amount is not None and amount < totals.total:
            raise field_error(
                "amount",
                _("Pay the whole Rp%(due)s at once: payments in parts are not available.")
                % {"due": f"{totals.total:,}"},
                PaymentErrorCode.INVALID,
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
            idempotency_key=idempotency_key,
        )
        _event(tx, EventType.CHARGE_REQUEST, dedupe_key="charge_request", amount=tx.amount)
    return tx, True


def transaction_initialize(
    *,
    checkout: Checkout,
    method: str,
    redirect_url: str | None = None,
    amount: object = None,
    idempotency_key: str = "",
) -> TransactionItem:
    """Start a payment attempt of the checkout's total (Saleor's ``transactionInitialize``).

    ``method``: ``snap`` (Midtrans' page, every method) or one of ``PaymentMethodType``.
    Creates the ``TransactionItem`` (psp reference ``LMB-<checkout>-<attempt>``) with a
    ``CHARGE_REQUEST`` event, re-reserves the stock, asks Midtrans, and records
    ``CHARGE_ACTION_REQUIRED`` with ``data`` for the buyer: Snap ``token`` and
    ``redirect_url``, or ``qr_string`` / ``va_number`` / ``bill_key`` / ``payment_code``,
    and ``expires_at``. ``amount`` (optional, whole rupiah) must be the checkout's whole
    total: Midtrans is paid in one go. ``idempotency_key``: a retry with the same key
    returns the attempt the first call started (nothing new at Midtrans); the same key
    with another method or amount is refused (UNIQUE on ``idempotency_key``).
    Refused (PaymentErrorCode on ``payment_method`` / ``id`` / ``amount``): unknown
    method (INVALID), checkout not found (NOT_FOUND), no lines, no e-mail, no delivery,
    an amount that is not the whole total in whole rupiah (INVALID), already paid
    (TRANSACTION_ALREADY_PROCESSED), INSUFFICIENT_STOCK (checkout code on ``quantity``).
    A gateway refusal records ``CHARGE_FAILURE`` and raises INVALID; an unreachable
    gateway raises GRAPHQL_ERROR (the attempt is left for reconciliation, which asks
    Midtrans whether it exists).
    """
    if method not in PaymentMethodType.values:
        raise field_error("payment_method", _("Unknown payment method."), PaymentErrorCode.INVALID)
    value = None if amount is None else parse_rupiah_amount(amount, field="amount")
    earlier = _idempotent_attempt(checkout.pk, idempotency_key, method, value)
    if earlier is not None:
        return earlier
    # Under the checkout's lock: a concurrent retry with the same key gets this attempt.
    tx, created = _new_attempt(checkout, method, amount=value, idempotency_key=idempotency_key)
    if not created:
        return tx
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


def legacy_payment_create(
    *, checkout: Checkout, redirect_url: str | None = None
) -> TransactionItem:
    """A Snap attempt for Saleor's legacy ``checkoutPaymentCreate``: the checkout's
    waiting legacy attempt when it is for the checkout's current total, else a new
    ``transaction_initialize`` (Snap, the whole total). The idempotency key counts the
    attempts made before, so concurrent calls start one attempt and a call after a failed
    or expired one starts a fresh one. As Saleor, refuses first a checkout that could not
    become an order (PaymentErrorCode: NO_CHECKOUT_LINES, CHECKOUT_EMAIL_NOT_SET,
    SHIPPING_METHOD_NOT_SET, SHIPPING_ADDRESS_NOT_SET); then errors as
    ``transaction_initialize``."""
    if not checkout_lines(checkout=checkout).exists():
        raise field_error(
            "lines", _("Cannot pay for a checkout without lines."),
            PaymentErrorCode.NO_CHECKOUT_LINES,
        )  # fmt: skip
    if not checkout.email:
        raise field_error(
            "email", _("Checkout email must be set."), PaymentErrorCode.CHECKOUT_EMAIL_NOT_SET
        )
    if checkout.collection_point_id is None and checkout.shipping_method_id is None:
        raise field_error(
            "shipping_method",
            _("Choose a pickup point or a shipping method."),
            PaymentErrorCode.SHIPPING_METHOD_NOT_SET,
        )
    if checkout.shipping_method_id is not None and checkout.shipping_address_id is None:
        raise field_error(
            "shipping_address",
            _("Shipping address is not set."),
            PaymentErrorCode.SHIPPING_ADDRESS_NOT_SET,
        )
    total = checkout_totals(checkout=checkout).total
    pending = legacy_payment_pending(checkout_id=checkout.pk)
    if pending is not None and pending.amount == total:
        return pending
    made = TransactionItem.objects.filter(checkout_token=checkout.pk).count()
    return transaction_initialize(
        checkout=checkout,
        method=PaymentMethodType.SNAP,
        redirect_url=redirect_url,
        amount=total,
        idempotency_key=f"{LEGACY_PAYMENT_KEY_PREFIX}{made}",
    )


def transaction_process(*, transaction: TransactionItem) -> TransactionItem:
    """Ask Midtrans for the attempt's status now and apply it (Saleor's
    ``transactionProcess``): the buyer is back from the Snap page, or is waiting on a QR
    code or a virtual account. An attempt Midtrans does not know yet (a Snap page not
    paid) is returned unchanged. Refused: INVALID on ``id`` when Midtrans refuses or
    answers for another amount; GRAPHQL_ERROR when it cannot be reached."""
    tx = transaction
    try:
        status = get_gateway().fetch_status(tx.psp_reference)
    except GatewayNotFound:
        return TransactionItem.objects.get(pk=tx.pk)
    except GatewayUnavailable:
        raise field_error(
            None,
            _("The payment provider cannot be reached. Try again in a moment."),
            PaymentErrorCode.GRAPHQL_ERROR,
        ) from None
    except GatewayError:
        raise field_error(
            "id", _("The payment provider refused to give this payment's status."),
            PaymentErrorCode.INVALID,
        ) from None  # fmt: skip
    try:
        return payment_apply_status(transaction_id=tx.pk, status=status)
    except ValueError:
        raise field_error(
            "id",
            _("The payment provider's answer does not match this payment."),
            PaymentErrorCode.INVALID,
        ) from None


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
        _order_payment_recorded(
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
                _order_payment_recorded(
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
            _order_payment_recorded(order=tx.order, amount=-added, psp_reference=tx.psp_reference)
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
                _order_payment_recorded(
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
    if permissions.is_platform_staff(actor):
        return True
    if tx.order_id is None:
        return False
    return permissions.can_manage_order_payments(actor, tx.order)


def _pending_refunds(tx: TransactionItem, *, except_key: str = "") -> int:
    """Refunds requested and not answered; ``except_key``'s own request (a retry of the
    same refund) does not count."""
    events = TransactionEvent.objects.filter(transaction=tx, dedupe_key__contains=":refund:")
    requested: dict[str, int] = {}
    done: set[str] = set()
    for event in events:
        key, _sep, kind = event.dedupe_key.rpartition(":")
        if kind == "request":
            requested[key] = event.amount
        else:
            done.add(key)
    skip = f"{tx.pk}:refund:{except_key}"
    return sum(amount for key, amount in requested.items() if key not in done and key != skip)


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
        refundable = tx.charged_amount - _pending_refunds(tx, except_key=key)
        value = refundable if amount is None else parse_rupiah_amount(amount, field="amount")
        if value <= 0 or value > refundable:
            raise field_error(
                "amount",
                _("You can refund at most Rp%(max)s of this payment.")
                % {"max": f"{max(refundable, 0):,}"},
                PaymentErrorCode.INVALID,
            )
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
                _order_payment_recorded(
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


# --- granted refunds ---------------------------------------------------------------------


def _may_manage_order(actor: User | None, order: Order) -> bool:
    return user_may_manage_order_payments(actor, order)


GrantLineInput = tuple[object, int, str]  # (order line pk, quantity, reason)


def _line_error(line_pk: object, field: str, message: str, code: PaymentErrorCode) -> dict:
    return {"line_id": line_pk, "field": field, "message": message, "code": code.value}


def _grant_lines(order: Order, lines: Sequence[GrantLineInput]) -> list[OrderGrantedRefundLine]:
    """The lines of a new grant; refused (INVALID on ``lines``, the problem of each line
    in ``params["lines"]``) when a line is not the order's, given twice, or asks for more
    units than are left to grant."""
    order_lines = OrderLine.objects.filter(order=order).in_bulk(
        [pk for pk, _quantity, _reason in lines]
    )
    granted: dict[object, int] = {}
    for line_pk, quantity in OrderGrantedRefundLine.objects.filter(
        granted_refund__order=order
    ).values_list("order_line_id", "quantity"):
        granted[line_pk] = granted.get(line_pk, 0) + quantity
    errors: list[dict] = []
    result: list[OrderGrantedRefundLine] = []
    seen: set[object] = set()
    for line_pk, quantity, reason in lines:
        line = order_lines.get(line_pk)
        if line is None:
            errors.append(
                _line_error(
                    line_pk,
                    "id",
                    _("This line is not part of the order."),
                    PaymentErrorCode.NOT_FOUND,
                )  # fmt: skip
            )
            continue
        if line.pk in seen:
            errors.append(
                _line_error(line_pk, "id", _("A line is given twice."), PaymentErrorCode.INVALID)
            )
            continue
        seen.add(line.pk)
        left = line.quantity - granted.get(line.pk, 0)
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity <= 0:
            errors.append(
                _line_error(
                    line_pk,
                    "quantity",
                    _("The quantity should be higher than zero."),
                    PaymentErrorCode.INVALID,
                )  # fmt: skip
            )
        elif quantity > left:
            errors.append(
                _line_error(
                    line_pk,
                    "quantity",
                    _(
                        "Cannot grant refund for more than the available quantity of the line "
                        "(%(left)d)."
                    )
                    % {"left": left},
                    PaymentErrorCode.QUANTITY_GREATER_THAN_AVAILABLE,
                )  # fmt: skip
            )
        else:
            result.append(
                OrderGrantedRefundLine(order_line=line, quantity=quantity, reason=reason or "")
            )
    if errors:
        raise ValidationError(
            {
                "lines": ValidationError(
                    _("Provided input for lines is invalid."),
                    code=PaymentErrorCode.INVALID.value,
                    params={"lines": errors},
                )
            }
        )
    return result


@transaction.atomic
def order_grant_refund_create(
    *,
    order: Order,
    transaction_item: TransactionItem,
    actor: User,
    amount: object = None,
    lines: Sequence[GrantLineInput] = (),
    grant_refund_for_shipping: bool = False,
    reason: str = "",
) -> OrderGrantedRefund:
    """Grant a refund on an order, to be paid back through one of its transactions
    (Saleor's ``orderGrantRefundCreate``). Nothing moves at Midtrans yet.

    Only platform staff and operators of the order's hub: else PermissionDenied.
    ``amount`` (whole rupiah) defaults to the lines' prices × quantities plus shipping
    when ``grant_refund_for_shipping``, capped at what the transaction charged.
    Refused (PaymentErrorCode): none of amount, lines, shipping (REQUIRED on each), a
    transaction of another order (NOT_FOUND on ``transaction_id``), line problems
    (INVALID on ``lines``), shipping granted before (SHIPPING_COSTS_ALREADY_GRANTED),
    an amount that is not positive whole rupiah (INVALID) or more than the transaction
    charged (AMOUNT_GREATER_THAN_AVAILABLE). The order's charge status is measured again
    (overcharged until the grant is paid back).
    """
    if not _may_manage_order(actor, order):
        raise PermissionDenied(_("You cannot grant refunds on this order."))
    if amount is None and not lines and not grant_refund_for_shipping:
        message = _("You must provide at least one of `amount`, `lines`, `grantRefundForShipping`.")
        raise ValidationError(
            {
                field: ValidationError(message, code=PaymentErrorCode.REQUIRED.value)
                for field in ("amount", "lines", "grant_refund_for_shipping")
            }
        )
    order = Order.objects.select_for_update(of=("self",)).get(pk=order.pk)
    if transaction_item.order_id != order.pk:
        raise field_error(
            "transaction_id",
            _("This payment is not one of the order's payments."),
            PaymentErrorCode.NOT_FOUND,
        )
    value = None if amount is None else parse_rupiah_amount(amount, field="amount")
    grant_lines = _grant_lines(order, lines) if lines else []
    if (
        grant_refund_for_shipping
        and OrderGrantedRefund.objects.filter(order=order, shipping_costs_included=True).exists()
    ):
        raise field_error(
            "grant_refund_for_shipping",
            _("Shipping costs have already been granted."),
            PaymentErrorCode.SHIPPING_COSTS_ALREADY_GRANTED,
        )
    tx = TransactionItem.objects.get(pk=transaction_item.pk)
    if value is None:
        value = sum(int(line.order_line.unit_price_amount) * line.quantity for line in grant_lines)
        if grant_refund_for_shipping:
            value += int(order.shipping_price_amount)
        value = min(value, tx.charged_amount)
    elif value > tx.charged_amount:
        raise field_error(
            "amount",
            _("Amount cannot be greater than the charged amount of provided transaction."),
            PaymentErrorCode.AMOUNT_GREATER_THAN_AVAILABLE,
        )
    if value <= 0:
        raise field_error(
            "amount",
            _("There is nothing to refund: the amount would be Rp0."),
            PaymentErrorCode.AMOUNT_GREATER_THAN_AVAILABLE
            if tx.charged_amount <= 0
            else PaymentErrorCode.INVALID,
        )
    grant = OrderGrantedRefund.objects.create(
        order=order,
        transaction=tx,
        amount=value,
        currency=order.currency,
        reason=(reason or "").strip(),
        user=actor,
        shipping_costs_included=bool(grant_refund_for_shipping),
    )
    for line in grant_lines:
        line.granted_refund = grant
    OrderGrantedRefundLine.objects.bulk_create(grant_lines)
    order_charge_status_update(
        order=order, granted_refund_amount=granted_refund_total(order_id=order.pk)
    )
    logger.info(
        "payment_refund_granted",
        extra={"order_id": str(order.pk), "granted_refund_id": grant.pk, "amount": value,
               "actor_id": actor.pk},
    )  # fmt: skip
    return grant


def _grant_status(grant_id: int, status: str) -> None:
    OrderGrantedRefund.objects.filter(pk=grant_id).update(status=status, updated_at=timezone.now())


def granted_refund_process(
    *,
    granted_refund: OrderGrantedRefund,
    actor: User,
    transaction_item: TransactionItem | None = None,
) -> TransactionItem:
    """Pay a granted refund back through its transaction (Saleor's
    ``transactionRequestRefundForGrantedRefund``), with the grant's fixed refund key so
    a retry never refunds twice at Midtrans.

    Only platform staff and operators of the order's hub: else PermissionDenied.
    Refused (PaymentErrorCode on ``granted_refund_id``): already in progress
    (REFUND_IS_PENDING), already paid back (REFUND_ALREADY_PROCESSED), more than the
    transaction still holds (AMOUNT_GREATER_THAN_AVAILABLE); ``transaction_item`` other
    than the grant's (INVALID on ``id``); the provider's refusal (INVALID, the grant's
    status becomes ``failure`` and it may be tried again). The grant's status is
    ``pending`` while Midtrans is asked, then ``success``; the refund events carry the
    grant's refund key as ``psp_reference``; reporting is told after commit (a line
    refunded whole leaves the cooperative's sales).
    """
    grant = granted_refund
    if not _may_manage_order(actor, grant.order):
        raise PermissionDenied(_("You cannot refund this order."))
    if transaction_item is not None and transaction_item.pk != grant.transaction_id:
        raise ValidationError(
            {
                "granted_refund_id": ValidationError(
                    _("The granted refund belongs to another transaction."),
                    code=PaymentErrorCode.INVALID.value,
                ),
                "id": ValidationError(
                    _("The transaction is not the one of the granted refund."),
                    code=PaymentErrorCode.INVALID.value,
                ),
            }
        )
    with transaction.atomic():
        grant = OrderGrantedRefund.objects.select_for_update().get(pk=grant.pk)
        if grant.status == OrderGrantedRefundStatus.PENDING:
            raise field_error(
                "granted_refund_id",
                _("The refund request is already in progress."),
                PaymentErrorCode.REFUND_IS_PENDING,
            )
        if grant.status == OrderGrantedRefundStatus.SUCCESS:
            raise field_error(
                "granted_refund_id",
                _("The granted refund is already processed."),
                PaymentErrorCode.REFUND_ALREADY_PROCESSED,
            )
        tx = TransactionItem.objects.get(pk=grant.transaction_id)
        available = tx.charged_amount - _pending_refunds(tx, except_key=grant.refund_key)
        if grant.amount > available:
            raise field_error(
                "granted_refund_id",
                _("The granted refund of Rp%(amount)s is more than the Rp%(available)s the "
                  "payment still holds.") % {"amount": f"{grant.amount:,}",
                                             "available": f"{max(available, 0):,}"},
                PaymentErrorCode.AMOUNT_GREATER_THAN_AVAILABLE,
            )  # fmt: skip
        grant.status = OrderGrantedRefundStatus.PENDING
        grant.save(update_fields=["status", "updated_at"])
    try:
        tx = transaction_refund(
            transaction=tx,
            amount=grant.amount,
            actor=actor,
            reason=grant.reason or "granted refund",
            refund_key=grant.refund_key,
        )
    except ValidationError as exc:
        _grant_status(grant.pk, OrderGrantedRefundStatus.FAILURE)
        messages = [
            error.messages[0]
            for errors in getattr(exc, "error_dict", {NON_FIELD_ERRORS: exc.error_list}).values()
            for error in errors
        ]
        raise field_error("granted_refund_id", messages[0], PaymentErrorCode.INVALID) from None
    except GatewayUnavailable:
        # Unknown whether Midtrans refunded: may be tried again with the same key.
        _grant_status(grant.pk, OrderGrantedRefundStatus.NONE)
        raise field_error(
            None,
            _("The payment provider cannot be reached. Try again in a moment."),
            PaymentErrorCode.GRAPHQL_ERROR,
        ) from None
    except Exception:
        _grant_status(grant.pk, OrderGrantedRefundStatus.NONE)
        raise
    _grant_status(grant.pk, OrderGrantedRefundStatus.SUCCESS)
    # The grant's lines leave the paid sales only now that it is paid back.
    reporting.notify_order_sales_changed(grant.order_id)
    logger.info(
        "payment_granted_refund_processed",
        extra={"granted_refund_id": grant.pk, "transaction_id": str(tx.pk)},
    )
    return tx


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
