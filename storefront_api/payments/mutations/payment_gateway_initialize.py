from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.checkout.models import Checkout
from marketplace.core.exceptions import field_error
from marketplace.core.money import parse_rupiah_amount
from marketplace.payments.error_codes import PaymentErrorCode
from storefront_api.catalog.scalars import PositiveDecimal
from storefront_api.core.mutations import BaseMutation
from storefront_api.payments.gateways import (
    MIDTRANS_GATEWAY_ID,
    GatewayOption,
    checkout_gateways,
    order_gateways,
)
from storefront_api.payments.mutations.base import checkout_or_order
from storefront_api.payments.scalars import JSON
from storefront_api.payments.types import (
    PaymentGatewayConfig,
    PaymentGatewayConfigError,
    PaymentGatewayInitializeError,
)


class PaymentGatewayToInitialize(graphene.InputObjectType):
    id = graphene.String(
        required=True,
        description="The identifier of the payment gateway: `lumbung.payments.midtrans` or "
        "`lumbung.payments.pay-at-pickup`.",
    )
    data = JSON(
        description="For `transactionInitialize`: `{paymentMethod, redirectUrl}` (Midtrans)."
    )

    class Meta:
        description = "A payment gateway to initialize."


def _config(option: GatewayOption) -> PaymentGatewayConfig:
    if option.problem:
        return PaymentGatewayConfig(
            id=option.id,
            data=None,
            errors=[PaymentGatewayConfigError(field="id", message=option.problem, code="invalid")],
        )
    return PaymentGatewayConfig(id=option.id, data=option.data, errors=[])


class PaymentGatewayInitialize(BaseMutation):
    gateway_configs = graphene.List(
        graphene.NonNull(PaymentGatewayConfig),
        description="List of payment gateway configurations.",
    )

    class Arguments:
        amount = PositiveDecimal(
            description="The amount to pay (whole rupiah); by default what is still owed."
        )
        id = graphene.ID(required=True, description="The ID of the checkout or order.")
        payment_gateways = graphene.List(
            graphene.NonNull(PaymentGatewayToInitialize),
            description="List of payment gateways to initialize; by default the usable ones.",
        )

    class Meta:
        description = (
            "Lists the payment gateways of a checkout or order with what a storefront needs "
            "to use them: `lumbung.payments.midtrans` (Midtrans' client key, never the "
            "server key, and its payment methods: Snap and QRIS, bank virtual accounts, "
            "Mandiri bill, GoPay, ShopeePay, Indomaret, Alfamart) and "
            "`lumbung.payments.pay-at-pickup` (cash at the village hub). Without "
            "`paymentGateways` only the usable ones are listed; a requested gateway that "
            "cannot be used comes with its `errors`."
        )
        error_type_class = PaymentGatewayInitializeError

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        /,
        *,
        id: str,
        amount: Any = None,
        payment_gateways: list[Any] | None = None,
    ) -> PaymentGatewayInitialize:
        source = checkout_or_order(id)
        if isinstance(source, Checkout):
            options = checkout_gateways(source)
        else:
            options = order_gateways(source)
        if amount is not None:
            value = parse_rupiah_amount(amount, field="amount")
            due = max((option.data or {}).get("amount", 0) for option in options)
            if value <= 0 or value > due:
                raise field_error(
                    "amount",
                    _("The amount must be more than Rp0 and at most the Rp%(due)s owed.")
                    % {"due": f"{due:,}"},
                    PaymentErrorCode.INVALID,
                )
            for option in options:
                if option.id == MIDTRANS_GATEWAY_ID and option.data and value < due:
                    option.problem = _(
                        "Pay the whole Rp%(due)s at once: payments in parts are not available."
                    ) % {"due": f"{due:,}"}
        by_id = {option.id: option for option in options}
        if payment_gateways is None:
            configs = [_config(option) for option in options if not option.problem]
        else:
            configs = []
            for requested in payment_gateways:
                found = by_id.get(requested["id"])
                if found is None:
                    configs.append(
                        PaymentGatewayConfig(
                            id=requested["id"],
                            data=None,
                            errors=[
                                PaymentGatewayConfigError(
                                    field="id",
                                    message=_("Payment gateway not found."),
                                    code="not_found",
                                )
                            ],
                        )
                    )
                else:
                    configs.append(_config(found))
        return cls(gateway_configs=configs, errors=[])
