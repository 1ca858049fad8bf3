"""The seam between the payment services and a gateway adapter: the plain data passed
between them, the errors an adapter raises and the ``PaymentGateway`` protocol it
implements.

Adapters (``marketplace.payments.midtrans``) import only this module of the seam; the
services reach an adapter through ``marketplace.payments.gateway.get_gateway()``, which
knows it only by its import path (``settings.PAYMENT_GATEWAY``). Dependencies go one way:
services → gateway registry → (by path) adapter → interface.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from marketplace.checkout.models import Checkout
    from marketplace.payments.models import TransactionItem


@dataclass(frozen=True)
class PaymentItem:
    """One line of what the buyer pays for, as sent to the gateway (whole rupiah)."""

    id: str
    name: str
    price: int
    quantity: int
    merchant_name: str = ""
    category: str = ""


@dataclass(frozen=True)
class PaymentRequest:
    """What to charge: ``amount`` always equals Σ price × quantity of ``items``."""

    psp_reference: str
    amount: int
    items: tuple[PaymentItem, ...]
    email: str = ""
    first_name: str = ""
    redirect_url: str | None = None
    expiry_minutes: int | None = None


@dataclass(frozen=True)
class ChargeResult:
    """The gateway's answer to a new charge: ``data`` is what the buyer needs to pay
    (Snap token and redirect URL, QR string, VA number, payment code), safe to show."""

    status: str
    data: dict[str, Any] = field(default_factory=dict)
    expires_at: datetime.datetime | None = None
    gateway_transaction_id: str = ""


@dataclass(frozen=True)
class RefundResult:
    status: str
    amount: int
    refund_key: str
    raw: dict[str, Any] = field(default_factory=dict)


class GatewayError(Exception):
    """The gateway refused the request (4xx): retrying the same request will not help.

    ``str(exc)`` never contains credentials."""

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class GatewayNotFound(GatewayError):
    """The gateway does not know this transaction (Get Status 404)."""


class GatewayUnavailable(Exception):
    """The gateway could not be reached or failed (timeout, 429, 5xx): retry later."""


class PaymentGateway(Protocol):
    """What the payment services ask of a gateway adapter."""

    name: str

    def create_snap(
        self, transaction: TransactionItem, checkout: Checkout, *, redirect_url: str | None = None
    ) -> ChargeResult:
        """Create a hosted-page (Snap) payment of ``transaction.amount`` for the checkout's
        lines; the buyer picks the method there."""
        ...

    def charge(self, transaction: TransactionItem, checkout: Checkout, method: str) -> ChargeResult:
        """Charge with one method through the Core API (QRIS, VA, e-wallet, minimarket)."""
        ...

    def fetch_status(self, psp_reference: str) -> dict[str, Any]:
        """The gateway's current status of a transaction (Midtrans Get Status body)."""
        ...

    def refund(self, psp_reference: str, amount: int, reason: str, refund_key: str) -> RefundResult:
        """Refund ``amount`` of a settled transaction; idempotent on ``refund_key``."""
        ...

    def cancel(self, psp_reference: str) -> dict[str, Any]:
        """Cancel a transaction not yet paid."""
        ...
