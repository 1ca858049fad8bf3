"""Finding what a payment mutation acts on, and the data it returns to the buyer."""

from __future__ import annotations

import ipaddress
import uuid
from typing import Any

from django.utils.translation import gettext as _
from graphene.utils.str_converters import to_camel_case
from graphql_relay import from_global_id

from marketplace.checkout.models import Checkout
from marketplace.core.exceptions import field_error
from marketplace.orders.models import Order
from marketplace.payments.error_codes import PaymentErrorCode
from marketplace.payments.models import OrderGrantedRefund, TransactionEvent, TransactionItem
from storefront_api.checkout.utils import checkout_get
from storefront_api.core.ids import decode_global_id


def _uuid(value: str, *, field: str, original: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise field_error(
            field, _("Couldn't resolve id: %(id)s.") % {"id": original},
            PaymentErrorCode.GRAPHQL_ERROR,
        ) from None  # fmt: skip


def checkout_or_order(value: str, *, field: str = "id") -> Checkout | Order:
    """The checkout or order of a ``Checkout`` / ``Order`` global ID. Errors on
    ``field``: GRAPHQL_ERROR (not an ID), INVALID (another type), NOT_FOUND."""
    try:
        type_name, pk = from_global_id(value)
    except (TypeError, ValueError, UnicodeDecodeError):
        type_name, pk = "", ""
    if not type_name or not pk:
        raise field_error(
            field, _("Couldn't resolve id: %(id)s.") % {"id": value},
            PaymentErrorCode.GRAPHQL_ERROR,
        )  # fmt: skip
    if type_name not in ("Checkout", "Order"):
        raise field_error(
            field, _("Must receive a Checkout or Order id."), PaymentErrorCode.INVALID
        )
    key = _uuid(pk, field=field, original=value)
    found: Checkout | Order | None
    if type_name == "Checkout":
        found = checkout_get(key)
    else:
        found = Order.objects.select_related("channel").filter(pk=key).first()
    if found is None:
        raise field_error(
            field,
            _("Couldn't find the checkout.") if type_name == "Checkout" else _("Order not found."),
            PaymentErrorCode.NOT_FOUND,
        )
    return found


def transaction_from(id: str | None, token: Any, *, field: str = "id") -> TransactionItem:
    """The transaction named by its ``TransactionItem`` global ID or its token (UUID)."""
    if id:
        key = _uuid(decode_global_id(id, only_type="TransactionItem", field=field), field=field,
                    original=id)  # fmt: skip
    elif token:
        key = token if isinstance(token, uuid.UUID) else _uuid(str(token), field="token",
                                                                original=str(token))  # fmt: skip
    else:
        raise field_error(
            "id",
            _("At least one of arguments is required: 'id', 'token'."),
            PaymentErrorCode.GRAPHQL_ERROR,
        )
    tx = TransactionItem.objects.select_related("order", "checkout").filter(pk=key).first()
    if tx is None:
        raise field_error(
            field if id else "token", _("Payment transaction not found."),
            PaymentErrorCode.NOT_FOUND,
        )  # fmt: skip
    return tx


def granted_refund_from(value: str, *, field: str = "granted_refund_id") -> OrderGrantedRefund:
    """The granted refund of an ``OrderGrantedRefund`` global ID."""
    pk = decode_global_id(value, only_type="OrderGrantedRefund", field=field)
    grant = (
        OrderGrantedRefund.objects.select_related("order", "transaction").filter(pk=int(pk)).first()
        if pk.isdigit()
        else None
    )
    if grant is None:
        raise field_error(field, _("Granted refund not found."), PaymentErrorCode.NOT_FOUND)
    return grant


def clean_customer_ip_address(value: str | None) -> None:
    """Saleor's ``customerIpAddress``: an IPv4 or IPv6 address (Lumbung does not pass it
    on to Midtrans); anything else is INVALID."""
    if value is None:
        return
    try:
        ipaddress.ip_address(value.strip())
    except ValueError:
        raise field_error(
            "customer_ip_address", _("Provided customerIpAddress is invalid."),
            PaymentErrorCode.INVALID,
        ) from None  # fmt: skip


def buyer_data(tx: TransactionItem) -> dict[str, Any]:
    """What the storefront needs to let the buyer pay: ``paymentMethod`` plus, as Midtrans
    answered, ``token`` and ``redirectUrl`` (Snap) or ``qrString`` / ``qrUrl`` (QRIS),
    ``bank`` and ``vaNumber`` (virtual account), ``billKey`` and ``billerCode`` (Mandiri),
    ``deeplinkUrl`` (e-wallets), ``store`` and ``paymentCode`` (Indomaret, Alfamart), and
    ``expiresAt``. Never a key or a signature."""
    data = {to_camel_case(key): value for key, value in (tx.data or {}).items()}
    return {"paymentMethod": tx.method, "pspReference": tx.psp_reference, **data}


def last_event(tx: TransactionItem) -> TransactionEvent | None:
    return tx.events.order_by("-created_at", "-pk").first()
