"""``PaymentGateway`` on Midtrans (Snap and Core API) through the official client.

Amounts are whole rupiah; ``gross_amount`` always equals Σ price × quantity of the items
(one per checkout line, named after the product and its cooperative, plus shipping).
Client errors become ``GatewayError`` / ``GatewayNotFound`` (4xx) or
``GatewayUnavailable`` (network, 429, 5xx). Neither the server key nor the client's raw
HTTP data ever reaches an exception message or a log line.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import midtransclient
import requests
from django.conf import settings
from django.utils import timezone

from marketplace.payments.interface import (
    ChargeResult,
    GatewayError,
    GatewayNotFound,
    GatewayUnavailable,
    PaymentRequest,
    RefundResult,
)
from marketplace.payments.midtrans.client import core_client, snap_client
from marketplace.payments.selectors import payment_request_for

if TYPE_CHECKING:
    from marketplace.checkout.models import Checkout
    from marketplace.payments.models import TransactionItem

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 15.0
DEFAULT_EXPIRY_MINUTES = 60
SNAP_PAYMENTS = [
    "other_qris", "gopay", "shopeepay", "bca_va", "bni_va", "bri_va", "permata_va",
    "echannel", "other_va", "indomaret", "alfamart",
]  # fmt: skip
VA_BANKS = {"bca_va": "bca", "bni_va": "bni", "bri_va": "bri", "permata_va": "permata"}
CSTORES = ("indomaret", "alfamart")


class _TimeoutRequests:
    """``requests`` with a timeout: the client itself sets none."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", self.timeout)
        return requests.request(method, url, **kwargs)


def _with_timeout(client: Any) -> Any:
    timeout = float(getattr(settings, "MIDTRANS_TIMEOUT_SECONDS", DEFAULT_TIMEOUT_SECONDS))
    client.http_client.http_client = _TimeoutRequests(timeout)
    return client


def _error_text(body: dict[str, Any] | None) -> str:
    if not isinstance(body, dict):
        return ""
    messages = body.get("error_messages")
    if isinstance(messages, list):
        return "; ".join(str(message) for message in messages)[:300]
    return str(body.get("status_message") or "")[:300]


def _call(action: str, psp_reference: str, call: Callable[[], Any]) -> Any:
    """Run one client call, translating its errors (without the client's raw data)."""
    try:
        return call()
    except midtransclient.MidtransAPIError as exc:
        body = exc.api_response_dict if isinstance(exc.api_response_dict, dict) else {}
        status = exc.http_status_code
        try:
            body_status = int(body.get("status_code") or 0)
        except (TypeError, ValueError):
            body_status = 0
        code = status if status and status >= 400 else body_status
        text = _error_text(body)
        logger.warning(
            "midtrans_api_error",
            extra={"action": action, "psp_reference": psp_reference, "http_status": code},
        )
        if code == 404:
            raise GatewayNotFound(f"Midtrans {action}: not found", status_code=404) from None
        if code == 429 or code >= 500:
            raise GatewayUnavailable(f"Midtrans {action}: HTTP {code}") from None
        raise GatewayError(
            f"Midtrans {action} refused (HTTP {code}): {text}", status_code=code
        ) from None
    except (requests.RequestException, midtransclient.JSONDecodeError) as exc:
        logger.warning(
            "midtrans_unreachable",
            extra={"action": action, "psp_reference": psp_reference, "error": type(exc).__name__},
        )
        raise GatewayUnavailable(f"Midtrans {action}: {type(exc).__name__}") from None


def _parse_time(value: object) -> datetime.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.datetime.strptime(value[:19] + " +0700", "%Y-%m-%d %H:%M:%S %z")
    except ValueError:
        return None


def _body(request: PaymentRequest) -> dict[str, Any]:
    body: dict[str, Any] = {
        "transaction_details": {"order_id": request.psp_reference, "gross_amount": request.amount},
        "item_details": [
            {
                key: value
                for key, value in {
                    "id": item.id,
                    "price": item.price,
                    "quantity": item.quantity,
                    "name": item.name,
                    "merchant_name": item.merchant_name,
                    "category": item.category,
                }.items()
                if value != ""
            }
            for item in request.items
        ],
    }
    customer = {"email": request.email, "first_name": request.first_name}
    customer = {key: value for key, value in customer.items() if value}
    if customer:
        body["customer_details"] = customer
    return body


def _expiry_minutes() -> int:
    return int(getattr(settings, "MIDTRANS_EXPIRY_MINUTES", DEFAULT_EXPIRY_MINUTES))


class MidtransGateway:
    """Midtrans Snap + Core API (sandbox unless ``MIDTRANS_IS_PRODUCTION``)."""

    name = "midtrans"

    def _request(
        self, transaction: TransactionItem, checkout: Checkout, redirect_url: str | None
    ) -> PaymentRequest:
        request = payment_request_for(
            transaction=transaction,
            checkout=checkout,
            redirect_url=redirect_url,
            expiry_minutes=_expiry_minutes(),
        )
        total = sum(item.price * item.quantity for item in request.items)
        assert total == request.amount  # noqa: S101 - Midtrans refuses a mismatch
        return request

    def create_snap(
        self, transaction: TransactionItem, checkout: Checkout, *, redirect_url: str | None = None
    ) -> ChargeResult:
        """Create a Snap transaction; data: ``token``, ``redirect_url``, ``expires_at``."""
        request = self._request(transaction, checkout, redirect_url)
        body = _body(request)
        body["enabled_payments"] = SNAP_PAYMENTS
        body["expiry"] = {"unit": "minutes", "duration": request.expiry_minutes}
        if redirect_url:
            body["callbacks"] = {"finish": redirect_url}
        client = _with_timeout(snap_client())
        answer = _call(
            "snap_create", request.psp_reference, lambda: client.create_transaction(body)
        )
        expires_at = timezone.now() + datetime.timedelta(minutes=request.expiry_minutes or 0)
        return ChargeResult(
            status="",
            data={
                "token": answer.get("token", ""),
                "redirect_url": answer.get("redirect_url", ""),
                "expires_at": expires_at.isoformat(),
            },
            expires_at=expires_at,
        )

    def charge(self, transaction: TransactionItem, checkout: Checkout, method: str) -> ChargeResult:
        """Charge through ``/v2/charge``; data holds what the buyer needs for ``method``."""
        request = self._request(transaction, checkout, None)
        body = _body(request)
        body["custom_expiry"] = {"expiry_duration": request.expiry_minutes, "unit": "minute"}
        if method == "qris":
            body["payment_type"] = "qris"
            body["qris"] = {"acquirer": "gopay"}
        elif method in VA_BANKS:
            body["payment_type"] = "bank_transfer"
            body["bank_transfer"] = {"bank": VA_BANKS[method]}
        elif method == "echannel":
            body["payment_type"] = "echannel"
            body["echannel"] = {"bill_info1": "Payment:", "bill_info2": "Lumbung"}
        elif method in ("gopay", "shopeepay"):
            body["payment_type"] = method
            body[method] = {"enable_callback": False} if method == "gopay" else {}
        elif method in CSTORES:
            body["payment_type"] = "cstore"
            body["cstore"] = {"store": method, "message": "Lumbung"}
            if method == "alfamart":
                body["cstore"]["alfamart_free_text_1"] = "Lumbung"
        else:
            raise GatewayError(f"Unsupported Midtrans method: {method}")
        client = _with_timeout(core_client())
        answer = _call("charge", request.psp_reference, lambda: client.charge(body))
        expires_at = _parse_time(answer.get("expiry_time")) or (
            timezone.now() + datetime.timedelta(minutes=request.expiry_minutes or 0)
        )
        return ChargeResult(
            status=str(answer.get("transaction_status") or "pending"),
            data={**_buyer_data(method, answer), "expires_at": expires_at.isoformat()},
            expires_at=expires_at,
            gateway_transaction_id=str(answer.get("transaction_id") or ""),
        )

    def fetch_status(self, psp_reference: str) -> dict[str, Any]:
        """Get Status (``GET /v2/{order_id}/status``); GatewayNotFound when unknown."""
        client = _with_timeout(core_client())
        return _call("status", psp_reference, lambda: client.transactions.status(psp_reference))

    def refund(self, psp_reference: str, amount: int, reason: str, refund_key: str) -> RefundResult:
        """Refund through ``POST /v2/{order_id}/refund`` (idempotent on ``refund_key``)."""
        client = _with_timeout(core_client())
        params = {"refund_key": refund_key, "amount": int(amount), "reason": reason[:255]}
        answer = _call(
            "refund", psp_reference, lambda: client.transactions.refund(psp_reference, params)
        )
        return RefundResult(
            status=str(answer.get("transaction_status") or ""),
            amount=int(float(answer.get("refund_amount") or amount)),
            refund_key=str(answer.get("refund_key") or refund_key),
            raw={key: value for key, value in answer.items() if key != "signature_key"},
        )

    def cancel(self, psp_reference: str) -> dict[str, Any]:
        """Cancel (``POST /v2/{order_id}/cancel``) a transaction not yet paid."""
        client = _with_timeout(core_client())
        return _call("cancel", psp_reference, lambda: client.transactions.cancel(psp_reference))


def _action_urls(answer: dict[str, Any]) -> dict[str, str]:
    return {
        str(action.get("name")): str(action.get("url"))
        for action in answer.get("actions") or []
        if isinstance(action, dict)
    }


def _buyer_data(method: str, answer: dict[str, Any]) -> dict[str, Any]:
    """What the storefront shows, from a charge answer (never the signature or keys)."""
    data: dict[str, Any] = {"payment_type": answer.get("payment_type", "")}
    actions = _action_urls(answer)
    if method == "qris":
        data["qr_string"] = answer.get("qr_string", "")
        data["qr_url"] = actions.get("generate-qr-code", "")
    elif method in VA_BANKS:
        numbers = answer.get("va_numbers") or []
        number = answer.get("permata_va_number") or (numbers[0].get("va_number") if numbers else "")
        data["bank"] = VA_BANKS[method]
        data["va_number"] = number or ""
    elif method == "echannel":
        data["bill_key"] = answer.get("bill_key", "")
        data["biller_code"] = answer.get("biller_code", "")
    elif method in ("gopay", "shopeepay"):
        data["deeplink_url"] = actions.get("deeplink-redirect", "")
        data["qr_url"] = actions.get("generate-qr-code", "")
    elif method in CSTORES:
        data["store"] = method
        data["payment_code"] = answer.get("payment_code", "")
    return data
