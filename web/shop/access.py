"""Who sees a buyer's order and payment pages: the browser session that placed the order
(its ids are kept in the session) and the signed-in account that owns it. This is the one
place the shop decides it; anyone else gets 404, as if the order did not exist."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest

from marketplace.orders.models import Order
from marketplace.payments.models import TransactionItem
from marketplace.village_hubs.models import VillageHub

ORDERS_KEY = "orders"
PAYMENTS_KEY = "payments"


def _remember(request: HttpRequest, key: str, value: object) -> None:
    known = list(request.session.get(key, []))
    if str(value) not in known:
        request.session[key] = [*known, str(value)][-50:]


def remember_order(request: HttpRequest, order: Order) -> None:
    """This browser session placed (or paid for) the order."""
    _remember(request, ORDERS_KEY, order.pk)


def remember_payment(request: HttpRequest, tx: TransactionItem) -> None:
    """This browser session started the payment."""
    _remember(request, PAYMENTS_KEY, tx.pk)


def can_see_order(request: HttpRequest, order: Order) -> bool:
    """The buyer's session or the signed-in owner; nobody else (a bare id is not enough)."""
    if str(order.pk) in request.session.get(ORDERS_KEY, []):
        return True
    user = request.user
    return bool(user.is_authenticated and order.user_id is not None and order.user_id == user.pk)


def can_see_payment(request: HttpRequest, tx: TransactionItem) -> bool:
    """The session that started the payment, or the signed-in owner of its order."""
    if str(tx.pk) in request.session.get(PAYMENTS_KEY, []):
        return True
    if tx.order_id is not None:
        order = Order.objects.filter(pk=tx.order_id).first()
        return order is not None and can_see_order(request, order)
    return False


def order_for_visitor(request: HttpRequest, *, order_id: uuid.UUID, hub: VillageHub) -> Order:
    """The hub's order the visitor may see, with its lines; else 404."""
    order = (
        Order.objects.select_related("channel", "collection_point", "billing_address")
        .filter(pk=order_id, channel_id=hub.channel_id)
        .first()
    )
    if order is None or not can_see_order(request, order):
        raise Http404("No such order.")
    return order
