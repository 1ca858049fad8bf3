"""Midtrans transaction statuses as the payment state machine reads them, and Midtrans'
``gross_amount`` as whole rupiah. Pure: no database."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

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
