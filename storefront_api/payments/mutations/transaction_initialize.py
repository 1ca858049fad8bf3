from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from marketplace.accounts.services import storefront_url_validate
from marketplace.checkout.models import Checkout
from marketplace.core.exceptions import field_error
from marketplace.payments.error_codes import PaymentErrorCode
from marketplace.payments.models import PaymentMethodType, TransactionEventType
from marketplace.payments.services import checkout_payments
from storefront_api.catalog.scalars import PositiveDecimal
from storefront_api.core.mutations import BaseMutation
from storefront_api.payments.enums import TransactionFlowStrategyEnum
from storefront_api.payments.gateways import (
    MIDTRANS_GATEWAY_ID,
    PAY_AT_PICKUP_GATEWAY_ID,
    midtrans_configured,
)
from storefront_api.payments.mutations.base import (
    buyer_data,
    checkout_or_order,
    clean_customer_ip_address,
    last_event,
)
from storefront_api.payments.mutations.payment_gateway_initialize import PaymentGatewayToInitialize
from storefront_api.payments.scalars import JSON
from storefront_api.payments.types import (
    TransactionEvent,
    TransactionInitializeError,
    TransactionItem,
)

IDEMPOTENCY_KEY_MAX_LENGTH = 512


def _clean_gateway(payment_gateway: dict[str, Any]) -> tuple[str, str | None]:
    """The Midtrans method and the Snap finish URL from ``paymentGateway``."""
    gateway_id = payment_gateway["id"]
    if gateway_id == PAY_AT_PICKUP_GATEWAY_ID:
        raise field_error(
            "payment_gateway",
            _("Paying at the village hub needs no payment transaction: complete the checkout."),
            PaymentErrorCode.INVALID,
        )
    if gateway_id != MIDTRANS_GATEWAY_ID:
        raise field_error(
            "payment_gateway", _("Payment gateway not found."), PaymentErrorCode.NOT_FOUND
        )
    if not midtrans_configured():
        raise field_error(
            "payment_gateway",
            _("Online payment is not configured for this shop."),
            PaymentErrorCode.INVALID,
        )
    data = payment_gateway.get("data")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise field_error(
            "payment_gateway", _("The gateway data must be a JSON object."),
            PaymentErrorCode.INVALID,
        )  # fmt: skip
    method = data.get("paymentMethod", PaymentMethodType.SNAP.value)
    if method not in PaymentMethodType.values:
        raise field_error(
            "payment_gateway",
            _("Unknown payment method %(method)s; choose one of %(methods)s.")
            % {"method": repr(method), "methods": ", ".join(PaymentMethodType.values)},
            PaymentErrorCode.INVALID,
        )
    redirect_url = data.get("redirectUrl")
    if redirect_url is not None:
        if not isinstance(redirect_url, str):
            redirect_url = ""
        try:
            redirect_url = storefront_url_validate(url=redirect_url, field="payment_gateway")
        except ValidationError as exc:
            message = exc.error_dict["payment_gateway"][0].messages[0]
            raise field_error("payment_gateway", message, PaymentErrorCode.INVALID) from None
    return method, redirect_url


class TransactionInitialize(BaseMutation):
    transaction = graphene.Field(TransactionItem, description="The initialized transaction.")
    transaction_event = graphene.Field(
        TransactionEvent, description="The event created for the initialized transaction."
    )
    data = graphene.Field(JSON, description="The JSON data required to finalize the payment.")

    class Arguments:
        action = TransactionFlowStrategyEnum(
            description="The expected action: only CHARGE (Midtrans charges at once)."
        )
        amount = PositiveDecimal(
            description="The amount to pay, whole rupiah: the checkout's whole total (the "
            "default); Midtrans is paid in one go."
        )
        customer_ip_address = graphene.String(
            description="The customer's IP address (validated, not passed to Midtrans)."
        )
        id = graphene.ID(required=True, description="The ID of the checkout.")
        idempotency_key = graphene.String(
            description="The idempotency key: a retry with the same key returns the same "
            "transaction and starts nothing new. An empty string is INVALID."
        )
        payment_gateway = PaymentGatewayToInitialize(
            required=True,
            description='`{id: "lumbung.payments.midtrans", data: {paymentMethod, '
            "redirectUrl}}`; `paymentMethod` is `snap` (default) or a Core API method "
            "(`qris`, `bca_va`, `bni_va`, `bri_va`, `permata_va`, `echannel`, `gopay`, "
            "`shopeepay`, `indomaret`, `alfamart`); `redirectUrl` is where Snap sends the "
            "buyer back (a storefront host).",
        )

    class Meta:
        description = (
            "Starts a Midtrans payment of a checkout. Its `data` holds what the buyer "
            "needs: Snap `token` and `redirectUrl`, or `qrString` (QRIS), `vaNumber` "
            "(virtual account), `billKey` and `billerCode` (Mandiri), `deeplinkUrl` "
            "(e-wallet) or `paymentCode` (Indomaret, Alfamart), and `expiresAt`. When "
            "Midtrans reports the payment settled, the checkout becomes a paid order."
        )
        error_type_class = TransactionInitializeError

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        /,
        *,
        id: str,
        payment_gateway: dict[str, Any],
        amount: Any = None,
        action: Any = None,
        customer_ip_address: str | None = None,
        idempotency_key: str | None = None,
    ) -> TransactionInitialize:
        source = checkout_or_order(id)
        if not isinstance(source, Checkout):
            raise field_error(
                "id",
                _("A placed order is paid at the village hub, not online."),
                PaymentErrorCode.INVALID,
            )
        if idempotency_key is not None and not idempotency_key.strip():
            raise field_error(
                "idempotency_key",
                _("Cannot be provided as an empty string."),
                PaymentErrorCode.INVALID,
            )
        if idempotency_key is not None and len(idempotency_key) > IDEMPOTENCY_KEY_MAX_LENGTH:
            raise field_error(
                "idempotency_key",
                _("The idempotency key is too long (at most 512 characters)."),
                PaymentErrorCode.INVALID,
            )
        action = getattr(action, "value", action)
        if action not in (None, "charge"):
            raise field_error(
                "action",
                _("Midtrans payments are charged at once; authorization is not available."),
                PaymentErrorCode.INVALID,
            )
        clean_customer_ip_address(customer_ip_address)
        method, redirect_url = _clean_gateway(payment_gateway)
        try:
            tx = checkout_payments.transaction_initialize(
                checkout=source,
                method=method,
                redirect_url=redirect_url,
                amount=amount,
                idempotency_key=idempotency_key or "",
            )
        except ValidationError as exc:
            error_dict = getattr(exc, "error_dict", None) or {}
            if "payment_method" in error_dict:  # the method is chosen in paymentGateway
                raise ValidationError({"payment_gateway": error_dict["payment_method"]}) from None
            raise
        event = tx.events.filter(
            type=TransactionEventType.CHARGE_ACTION_REQUIRED
        ).first() or last_event(tx)
        return cls(transaction=tx, transaction_event=event, data=buyer_data(tx), errors=[])
