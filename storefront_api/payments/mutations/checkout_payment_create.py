"""Saleor's deprecated legacy ``checkoutPaymentCreate`` on Midtrans Snap.

The legacy flow of an "action required" gateway (as Saleor's Adyen plugin): the client
creates a payment of the checkout's whole total, then calls ``checkoutComplete``, which
answers ``confirmationNeeded: true`` with the Snap page in ``confirmationData`` while the
buyer has not paid; when Midtrans reports the payment settled the checkout becomes a
paid order, which ``checkoutComplete`` then returns. The payment is a Snap attempt of the
transaction API (``payments.services.checkout_payments.legacy_payment_create``), so it is
also listed in ``Checkout.transactions``. Pay at pickup needs no payment: it is refused with
NOT_SUPPORTED_GATEWAY, and the client completes the checkout directly.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from marketplace.accounts.services import storefront_url_validate
from marketplace.checkout.selectors import checkout_totals
from marketplace.core.exceptions import field_error
from marketplace.core.money import parse_rupiah_amount
from marketplace.payments.error_codes import PaymentErrorCode
from marketplace.payments.services import checkout_payments
from storefront_api.catalog.scalars import PositiveDecimal
from storefront_api.checkout.mutations.base import CheckoutIdArguments
from storefront_api.checkout.utils import checkout_get, checkout_pk, require_checkout_owner
from storefront_api.core.metadata import MetadataInput
from storefront_api.core.mutations import BaseMutation
from storefront_api.payments.enums import StorePaymentMethodEnum
from storefront_api.payments.gateways import (
    MIDTRANS_GATEWAY_ID,
    PAY_AT_PICKUP_GATEWAY_ID,
    midtrans_configured,
)
from storefront_api.payments.types import Payment, PaymentError

LEGACY_DEPRECATION = (
    "The legacy Payments API is deprecated and will be removed. Use the Transactions API instead."
)


class PaymentInput(graphene.InputObjectType):
    gateway = graphene.String(
        required=True,
        description=f"The gateway: `{MIDTRANS_GATEWAY_ID}` (Midtrans' Snap page).",
    )
    token = graphene.String(
        description="Client-side payment token (ignored: Midtrans Snap issues its own, "
        "returned in `Payment.token`)."
    )
    amount = PositiveDecimal(
        description="Whole rupiah: the checkout's total (the default); payments in parts "
        "are PARTIAL_PAYMENT_NOT_ALLOWED."
    )
    return_url = graphene.String(
        description="Where Midtrans' Snap page sends the buyer back (a storefront host)."
    )
    store_payment_method = StorePaymentMethodEnum(
        default_value="none",
        description="Only NONE: Lumbung stores no payment methods.",
    )
    metadata = graphene.List(
        graphene.NonNull(MetadataInput),
        description="Not kept for Midtrans payments: must be empty.",
    )

    class Meta:
        description = "A legacy payment of a checkout (deprecated legacy Payments API)."


def _clean_input(data: dict[str, Any], total: int) -> str | None:
    """Refuse what the legacy input asks that Lumbung cannot do; the return URL."""
    gateway = data["gateway"]
    if gateway == PAY_AT_PICKUP_GATEWAY_ID:
        raise field_error(
            "gateway",
            _("Paying at the village hub needs no payment: complete the checkout."),
            PaymentErrorCode.NOT_SUPPORTED_GATEWAY,
        )
    if gateway != MIDTRANS_GATEWAY_ID:
        raise field_error(
            "gateway",
            _("The gateway %(gateway)s is not available for this checkout.") % {"gateway": gateway},
            PaymentErrorCode.NOT_SUPPORTED_GATEWAY,
        )
    if not midtrans_configured():
        raise field_error(
            "gateway",
            _("Online payment is not configured for this shop."),
            PaymentErrorCode.NOT_SUPPORTED_GATEWAY,
        )
    if data.get("amount") is not None:
        amount = parse_rupiah_amount(data["amount"], field="amount")
        if amount != total:
            raise field_error(
                "amount",
                _("Partial payments are not allowed: the amount must be the Rp%(total)s owed.")
                % {"total": f"{total:,}"},
                PaymentErrorCode.PARTIAL_PAYMENT_NOT_ALLOWED,
            )
    if getattr(data.get("store_payment_method"), "value", data.get("store_payment_method")) not in (
        None,
        "none",
    ):
        raise field_error(
            "store_payment_method",
            _("Payment methods cannot be stored for later."),
            PaymentErrorCode.INVALID,
        )
    if data.get("metadata"):
        raise field_error(
            "metadata", _("Online payments keep no metadata."), PaymentErrorCode.INVALID
        )
    return_url = (data.get("return_url") or "").strip()
    if not return_url:
        return None
    try:
        return storefront_url_validate(url=return_url, field="return_url")
    except ValidationError as exc:
        message = exc.error_dict["return_url"][0].messages[0]
        raise field_error("return_url", message, PaymentErrorCode.INVALID) from None


class CheckoutPaymentCreate(BaseMutation):
    checkout = graphene.Field(
        "storefront_api.checkout.types.Checkout", description="Related checkout object."
    )
    payment = graphene.Field(Payment, description="A newly created payment.")

    class Arguments(CheckoutIdArguments):
        input = PaymentInput(required=True, description="Data required to create a new payment.")

    class Meta:
        description = (
            "Create a new payment for given checkout (deprecated legacy Payments API): a "
            "Midtrans Snap payment of the checkout's whole total. Calling it again returns "
            "the same payment while the buyer has not paid. Then `checkoutComplete` answers "
            "`confirmationNeeded` with the Snap page (`redirectUrl`, `token`) until Midtrans "
            "reports the payment settled, and the paid order after."
        )
        error_type_class = PaymentError
        error_type_field = "payment_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, **args: Any
    ) -> CheckoutPaymentCreate:
        pk = checkout_pk(
            id=args.get("id"), token=args.get("token"), checkout_id=args.get("checkout_id")
        )
        checkout = checkout_get(pk)
        if checkout is None:
            raise field_error("id", _("Couldn't find the checkout."), PaymentErrorCode.NOT_FOUND)
        require_checkout_owner(info, checkout)
        return_url = _clean_input(args["input"], checkout_totals(checkout=checkout).total)
        try:
            tx = checkout_payments.legacy_payment_create(checkout=checkout, redirect_url=return_url)
        except ValidationError as exc:
            error_dict = getattr(exc, "error_dict", None) or {}
            if "payment_method" in error_dict:  # the gateway refused or the method
                raise ValidationError({"gateway": error_dict["payment_method"]}) from None
            raise
        return cls(checkout=checkout_get(pk), payment=tx, payment_errors=[], errors=[])
