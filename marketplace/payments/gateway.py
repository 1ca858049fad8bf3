"""The payment gateway seam: services talk to a ``PaymentGateway``; ``get_gateway()``
returns the Midtrans adapter (the only gateway for now)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from marketplace.payments.interface import ChargeResult, RefundResult

if TYPE_CHECKING:
    from marketplace.checkout.models import Checkout
    from marketplace.payments.models import TransactionItem


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


def get_gateway() -> PaymentGateway:
    """The configured gateway (reads settings on each call)."""
    from marketplace.payments.midtrans.adapter import MidtransGateway

    return MidtransGateway()
