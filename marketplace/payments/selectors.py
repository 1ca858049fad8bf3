"""Reads of payments: what a checkout's payment asks for, a checkout's or an order's
transactions, their amounts as Saleor reports them, and refunds granted on an order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace import permissions
from marketplace.accounts.models import User
from marketplace.checkout.models import Checkout
from marketplace.checkout.selectors import checkout_totals
from marketplace.orders.models import Order
from marketplace.payments.interface import PaymentItem, PaymentRequest
from marketplace.payments.models import (
    OrderGrantedRefund,
    TransactionEvent,
    TransactionEventType,
    TransactionItem,
)

ITEM_NAME_MAX = 50
SHIPPING_ITEM_ID = "SHIPPING"
DISCOUNT_ITEM_ID = "DISCOUNT"
# The idempotency keys of the Snap attempts Saleor's legacy ``checkoutPaymentCreate``
# starts (``<prefix><attempts made before>``).
LEGACY_PAYMENT_KEY_PREFIX = "checkoutPaymentCreate:"
OPEN_STATUSES = frozenset({"", "pending", "authorize"})


def _cut(text: str, limit: int = ITEM_NAME_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def payment_items_for_checkout(*, checkout: Checkout) -> tuple[PaymentItem, ...]:
    """The checkout's priced lines (product and its cooperative), shipping and any
    discount (one item with a negative price, as Midtrans wants discounts), as gateway
    items in whole rupiah; Σ price × quantity equals ``checkout_totals(...).total``."""
    totals = checkout_totals(checkout=checkout)
    items = []
    for price in totals.lines:
        variant = price.line.variant
        product = variant.product
        cooperative = product.cooperative.name
        items.append(
            PaymentItem(
                id=_cut(variant.sku or f"V{variant.pk}"),
                name=_cut(f"{product.name} - {cooperative}"),
                price=price.unit_price,
                quantity=price.line.quantity,
                merchant_name=_cut(cooperative),
            )
        )
    shipping = int(getattr(totals, "undiscounted_shipping", 0) or totals.shipping)
    if shipping:
        method = checkout.shipping_method.name if checkout.shipping_method is not None else ""
        items.append(
            PaymentItem(
                id=SHIPPING_ITEM_ID,
                name=_cut(_("Shipping: %(method)s") % {"method": method}),
                price=shipping,
                quantity=1,
            )
        )
    # Whatever the checkout's pricing took off (a voucher on lines or shipping).
    discount = sum(item.price * item.quantity for item in items) - totals.total
    if discount > 0:
        items.append(
            PaymentItem(id=DISCOUNT_ITEM_ID, name=_cut(_("Discount")), price=-discount, quantity=1)
        )
    return tuple(items)


def payment_request_for(
    *,
    transaction: TransactionItem,
    checkout: Checkout,
    redirect_url: str | None = None,
    expiry_minutes: int | None = None,
) -> PaymentRequest:
    """What the gateway is asked to charge for this attempt of the checkout."""
    items = payment_items_for_checkout(checkout=checkout)
    amount = sum(item.price * item.quantity for item in items)
    if amount != transaction.amount:  # the cart changed after the amount was fixed
        raise ValueError("checkout total differs from the transaction amount")
    user = checkout.user if checkout.user_id else None
    return PaymentRequest(
        psp_reference=transaction.psp_reference,
        amount=amount,
        items=items,
        email=checkout.email,
        first_name=(user.first_name if user is not None else "") or "",
        redirect_url=redirect_url,
        expiry_minutes=expiry_minutes,
    )


def transactions_of_checkout(*, checkout_id: UUID | str) -> QuerySet[TransactionItem]:
    """Every payment attempt made for a checkout (also after it became an order)."""
    return TransactionItem.objects.filter(checkout_token=checkout_id).order_by("attempt")


def legacy_payment_pending(*, checkout_id: UUID | str) -> TransactionItem | None:
    """The checkout's latest Snap attempt started by the legacy ``checkoutPaymentCreate``
    that is still waiting for the buyer (open and not expired), or None."""
    return (
        TransactionItem.objects.filter(
            checkout_token=checkout_id,
            idempotency_key__startswith=LEGACY_PAYMENT_KEY_PREFIX,
            status__in=OPEN_STATUSES,
        )
        .exclude(expires_at__lte=timezone.now())
        .order_by("-attempt")
        .first()
    )


@dataclass(frozen=True)
class TransactionAmounts:
    """A transaction's amounts as Saleor's ``TransactionItem`` reports them (whole
    rupiah). ``*_pending``: requested from Midtrans and not answered yet."""

    authorized: int = 0
    authorize_pending: int = 0
    charged: int = 0
    charge_pending: int = 0
    refunded: int = 0
    refund_pending: int = 0
    canceled: int = 0
    cancel_pending: int = 0


def _pending(events: Iterable[TransactionEvent], prefix: str) -> int:
    """Σ amount of ``<prefix>…:request`` events with no ``:success``/``:failure``."""
    requested: dict[str, int] = {}
    answered: set[str] = set()
    for event in events:
        _tx, _sep, key = event.dedupe_key.partition(":")
        if not key.startswith(prefix):
            continue
        name, _sep, kind = key.rpartition(":")
        if kind == "request":
            requested[name] = event.amount
        elif kind in ("success", "failure"):
            answered.add(name)
    return sum(amount for name, amount in requested.items() if name not in answered)


def transaction_amounts(
    transaction: TransactionItem, events: Iterable[TransactionEvent] | None = None
) -> TransactionAmounts:
    """Charged, refunded and what is pending for one transaction; ``events`` (the
    transaction's, when already loaded) saves a query."""
    tx = transaction
    events = list(tx.events.all() if events is None else events)
    cancel_pending = 0
    if tx.status in OPEN_STATUSES:
        types = {event.type for event in events}
        if TransactionEventType.CANCEL_REQUEST in types and not types & {
            TransactionEventType.CANCEL_SUCCESS,
            TransactionEventType.CANCEL_FAILURE,
        }:
            cancel_pending = tx.amount
    challenged = tx.status == "capture" and tx.fraud_status not in ("", "accept")
    return TransactionAmounts(
        authorized=tx.authorized_amount,
        charged=tx.charged_amount,
        charge_pending=tx.amount if challenged and tx.charged_amount == 0 else 0,
        refunded=tx.refunded_amount,
        refund_pending=_pending(events, "refund:"),
        canceled=tx.canceled_amount,
        cancel_pending=cancel_pending,
    )


def refunds_pending_total(tx: TransactionItem, *, except_key: str = "") -> int:
    """Rupiah of the refunds requested on ``tx`` and not answered yet; ``except_key``'s own
    request (a retry of the same refund) does not count."""
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


def checkout_amount_due(*, checkout: Checkout) -> int:
    """What the buyer still owes for the checkout: its total (from the checkout's
    pricing, discounts included) less what its transactions charged or are charging."""
    total = checkout_totals(checkout=checkout).total
    paid = 0
    for tx in transactions_of_checkout(checkout_id=checkout.pk).prefetch_related("events"):
        amounts = transaction_amounts(tx)
        paid += amounts.charged + amounts.charge_pending
    return max(total - paid, 0)


def granted_refund_total(*, order_id: UUID | str) -> int:
    """Σ of the refunds granted on an order (paid back or not), whole rupiah."""
    total = OrderGrantedRefund.objects.filter(order_id=order_id).aggregate(total=Sum("amount"))
    return int(total["total"] or 0)


def user_may_manage_order_payments(user: User | AnonymousUser | None, order: Order) -> bool:
    """Platform staff and operators of the order's village hub may refund the order's
    payments and grant refunds on it (Saleor: MANAGE_ORDERS / HANDLE_PAYMENTS)."""
    return permissions.can_manage_order_payments(user, order)
