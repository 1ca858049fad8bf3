"""What every payment write records: an event on the transaction (once per dedupe key)
and, when money moved on an order, the order's charge."""

from __future__ import annotations

from marketplace.accounts.models import User
from marketplace.orders.models import Order
from marketplace.orders.services import order_payment_recorded
from marketplace.payments.models import TransactionEvent, TransactionItem
from marketplace.payments.selectors import granted_refund_total


def transaction_event_add(
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


def order_payment_record(*, order: Order, amount: int, psp_reference: str) -> None:
    """``orders.services.order_payment_recorded`` with the refunds granted on the order,
    so its charge status is measured as Saleor's (total minus granted refunds)."""
    order_payment_recorded(
        order=order,
        amount=amount,
        psp_reference=psp_reference,
        granted_refund_amount=granted_refund_total(order_id=order.pk),
    )
