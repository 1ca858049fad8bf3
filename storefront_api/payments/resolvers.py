"""Payment fields of ``Checkout`` and ``Order``, computed from their transactions and
granted refunds as Saleor computes them (whole rupiah):

* checkout ``chargeStatus``: what its transactions charged (or are charging) against the
  checkout's total from its pricing (discounts included): NONE / PARTIAL / FULL /
  OVERCHARGED, FULL for a total of 0; ``authorizeStatus``: NONE / PARTIAL / FULL;
  ``totalBalance`` = charged − total.
* order ``chargeStatus`` is stored (measured against the total minus granted refunds);
  ``authorizeStatus`` and ``totalBalance`` follow the same rule here; the refund and
  pending totals add up the order's transactions; granted refunds come from
  ``payments``. Loaders keep the query count flat for lists.
"""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.checkout.models import Checkout
from marketplace.orders.models import Order
from marketplace.payments import selectors
from marketplace.payments.models import OrderGrantedRefund, OrderGrantedRefundStatus
from storefront_api.core.types import money
from storefront_api.payments.dataloaders import (
    EventsByTransactionIdLoader,
    GrantedRefundsByOrderIdLoader,
    TransactionsByCheckoutIdLoader,
    TransactionsByOrderIdLoader,
)


def checkout_transactions(checkout: Checkout, info: graphene.ResolveInfo) -> list:
    return TransactionsByCheckoutIdLoader(info.context).load_from(checkout, key=lambda c: c.pk)


def _checkout_covered(checkout: Checkout, info: graphene.ResolveInfo) -> tuple[int, int]:
    """(authorized, charged) by the checkout's transactions, pending charges included."""
    authorized = charged = 0
    for tx in checkout_transactions(checkout, info):
        amounts = selectors.transaction_amounts(tx, events=())  # events: refunds only
        authorized += amounts.authorized + amounts.authorize_pending
        charged += amounts.charged + amounts.charge_pending
    return authorized, charged


def charge_status(charged: int, total: int) -> str:
    """Saleor's charge status of ``charged`` against ``total`` (enum values)."""
    total = max(total, 0)
    if charged == total:
        return "full"
    if charged <= 0:
        return "none"
    return "partial" if charged < total else "overcharged"


def authorize_status(covered: int, total: int) -> str:
    """Saleor's authorize status: ``covered`` (authorized + charged) against ``total``."""
    total = max(total, 0)
    if total == 0 or covered >= total:
        return "full"
    return "none" if covered <= 0 else "partial"


def checkout_charge_status(checkout: Checkout, total: int, info: graphene.ResolveInfo) -> str:
    return charge_status(_checkout_covered(checkout, info)[1], total)


def checkout_authorize_status(checkout: Checkout, total: int, info: graphene.ResolveInfo) -> str:
    authorized, charged = _checkout_covered(checkout, info)
    return authorize_status(authorized + charged, total)


def checkout_total_balance(checkout: Checkout, total: int, info: graphene.ResolveInfo) -> int:
    return _checkout_covered(checkout, info)[1] - total


# --- orders ------------------------------------------------------------------------------


def order_transactions(order: Order, info: graphene.ResolveInfo) -> list:
    return TransactionsByOrderIdLoader(info.context).load_from(order, key=lambda o: o.pk)


def order_granted_refunds(order: Order, info: graphene.ResolveInfo) -> list[OrderGrantedRefund]:
    return GrantedRefundsByOrderIdLoader(info.context).load_from(order, key=lambda o: o.pk)


def _granted(order: Order, info: graphene.ResolveInfo) -> int:
    return sum(grant.amount for grant in order_granted_refunds(order, info))


def _order_amounts(order: Order, info: graphene.ResolveInfo) -> list[selectors.TransactionAmounts]:
    transactions = order_transactions(order, info)
    loader = EventsByTransactionIdLoader(info.context)
    return [
        selectors.transaction_amounts(tx, loader.load_from(tx, key=lambda t: t.pk))
        for tx in transactions
    ]


def _money(amount: int, currency: str) -> dict[str, Any]:
    found = money(amount, currency)
    assert found is not None  # money() is None only for a None amount
    return found


def order_total(order: Order, info: graphene.ResolveInfo, name: str) -> dict[str, Any]:
    """Σ of one ``TransactionAmounts`` field over the order's transactions, as Money."""
    return _money(sum(getattr(a, name) for a in _order_amounts(order, info)), order.currency)


def order_authorize_status(order: Order, info: graphene.ResolveInfo) -> str:
    return authorize_status(
        int(order.total_charged_amount), int(order.total_amount) - _granted(order, info)
    )


def order_total_balance(order: Order, info: graphene.ResolveInfo) -> dict[str, Any]:
    target = max(int(order.total_amount) - _granted(order, info), 0)
    return _money(int(order.total_charged_amount) - target, order.currency)


def order_total_granted_refund(order: Order, info: graphene.ResolveInfo) -> dict[str, Any]:
    return _money(_granted(order, info), order.currency)


def order_total_remaining_grant(order: Order, info: graphene.ResolveInfo) -> dict[str, Any]:
    """Granted and neither paid back nor being paid back."""
    waiting = (OrderGrantedRefundStatus.NONE, OrderGrantedRefundStatus.FAILURE)
    remaining = sum(g.amount for g in order_granted_refunds(order, info) if g.status in waiting)
    return _money(remaining, order.currency)
