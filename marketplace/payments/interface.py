"""Plain data passed between payment services and a gateway adapter."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any


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
