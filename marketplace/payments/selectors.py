"""Reads of payments: what a checkout's payment asks for, a checkout's transactions."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from marketplace.checkout.models import Checkout
from marketplace.checkout.selectors import checkout_totals
from marketplace.payments.interface import PaymentItem, PaymentRequest
from marketplace.payments.models import TransactionItem

ITEM_NAME_MAX = 50
SHIPPING_ITEM_ID = "SHIPPING"


def _cut(text: str, limit: int = ITEM_NAME_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def payment_items_for_checkout(*, checkout: Checkout) -> tuple[PaymentItem, ...]:
    """The checkout's priced lines (product and its cooperative) and shipping, as gateway
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
    if totals.shipping:
        method = checkout.shipping_method.name if checkout.shipping_method_id else ""
        items.append(
            PaymentItem(
                id=SHIPPING_ITEM_ID,
                name=_cut(_("Shipping: %(method)s") % {"method": method}),
                price=totals.shipping,
                quantity=1,
            )
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


def transactions_of_checkout(*, checkout_id: object) -> QuerySet[TransactionItem]:
    """Every payment attempt made for a checkout (also after it became an order)."""
    return TransactionItem.objects.filter(checkout_token=checkout_id).order_by("attempt")
