"""Paying for a checkout (Saleor's ``transactionInitialize`` / ``transactionProcess`` and
the legacy ``checkoutPaymentCreate``): a new attempt of the checkout's whole total, on
Midtrans' Snap page or one Core API method, and the buyer's return.

Locking order: the checkout row, then the transaction row. Gateway calls are made outside
database transactions (no lock held over HTTP).
"""

from __future__ import annotations

import logging
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.checkout import validation as checkout_validation
from marketplace.checkout.models import Checkout
from marketplace.checkout.selectors import checkout_lines, checkout_totals
from marketplace.checkout.stock import check_and_reserve
from marketplace.core.exceptions import field_error
from marketplace.core.money import parse_rupiah_amount
from marketplace.payments.error_codes import PaymentErrorCode
from marketplace.payments.gateway import get_gateway
from marketplace.payments.interface import (
    ChargeResult,
    GatewayError,
    GatewayNotFound,
    GatewayUnavailable,
)
from marketplace.payments.models import PaymentMethodType, TransactionEventType, TransactionItem
from marketplace.payments.selectors import LEGACY_PAYMENT_KEY_PREFIX, legacy_payment_pending
from marketplace.payments.services.records import transaction_event_add
from marketplace.payments.services.transaction_status import payment_apply_status
from marketplace.payments.statuses import OPEN, PAID

logger = logging.getLogger(__name__)

EventType = TransactionEventType


def _idempotent_attempt(
    checkout_id: UUID | str, idempotency_key: str, method: str, amount: int | None
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
        transaction_event_add(
            tx, EventType.CHARGE_REQUEST, dedupe_key="charge_request", amount=tx.amount
        )
    return tx, True


def _attempt_refused(tx: TransactionItem, exc: GatewayError) -> ValidationError:
    """Midtrans refused the attempt: it fails (CHARGE_FAILURE); INVALID to raise."""
    with transaction.atomic():
        tx = TransactionItem.objects.select_for_update().get(pk=tx.pk)
        tx.status = "failure" if tx.status in OPEN else tx.status
        tx.message = str(exc)[:512]
        tx.save(update_fields=["status", "message", "modified_at"])
        transaction_event_add(
            tx, EventType.CHARGE_FAILURE, dedupe_key="charge_failure", amount=tx.amount,
            message=str(exc),
        )  # fmt: skip
    logger.warning("payment_initialize_refused", extra={"psp_reference": tx.psp_reference})
    return field_error(
        "payment_method",
        _("The payment provider refused this payment. Try another method."),
        PaymentErrorCode.INVALID,
    )


def _attempt_unreachable(tx: TransactionItem) -> ValidationError:
    """Midtrans could not be reached: the attempt is left for reconciliation, which asks
    Midtrans whether it exists; GRAPHQL_ERROR to raise."""
    with transaction.atomic():
        tx = TransactionItem.objects.select_for_update().get(pk=tx.pk)
        tx.expires_at = timezone.now()
        tx.save(update_fields=["expires_at", "modified_at"])
        transaction_event_add(
            tx, EventType.INFO, dedupe_key="gateway_unavailable",
            message="Midtrans could not be reached; reconciliation will check.",
        )  # fmt: skip
    logger.warning("payment_initialize_unavailable", extra={"psp_reference": tx.psp_reference})
    return field_error(
        None,
        _("The payment provider cannot be reached. Try again in a moment."),
        PaymentErrorCode.GRAPHQL_ERROR,
    )


def _attempt_waiting(tx: TransactionItem, result: ChargeResult) -> TransactionItem:
    """Midtrans took the attempt: keep what the buyer needs to pay
    (CHARGE_ACTION_REQUIRED)."""
    with transaction.atomic():
        tx = TransactionItem.objects.select_for_update().get(pk=tx.pk)
        tx.data = result.data
        tx.expires_at = result.expires_at
        if result.gateway_transaction_id and not tx.midtrans_transaction_id:
            tx.midtrans_transaction_id = result.gateway_transaction_id
        if tx.status == "" and result.status in ("", "pending"):
            tx.status = result.status
        tx.save()
        transaction_event_add(
            tx,
            EventType.CHARGE_ACTION_REQUIRED,
            dedupe_key="charge_action_required",
            amount=tx.amount,
            message=_("Waiting for the buyer to pay."),
        )
    return tx


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
        raise _attempt_refused(tx, exc) from None
    except GatewayUnavailable:
        raise _attempt_unreachable(tx) from None
    tx = _attempt_waiting(tx, result)
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
