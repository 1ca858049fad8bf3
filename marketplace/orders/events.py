"""An order's history (Saleor's ``order/events.py``): one row per thing that happened."""

from __future__ import annotations

from marketplace.accounts.models import User
from marketplace.orders.models import Order, OrderEvent


def order_event_add(
    order: Order, event_type: str, *, user: User | None = None, **parameters: object
) -> OrderEvent:
    """Record one event of ``order``; an anonymous ``user`` is recorded as nobody."""
    return OrderEvent.objects.create(
        order=order,
        type=event_type,
        user=user if user is not None and user.is_authenticated else None,
        parameters=parameters,
    )
