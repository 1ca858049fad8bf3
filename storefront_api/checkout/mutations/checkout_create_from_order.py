"""``checkoutCreateFromOrder``: a customer buys one of their past orders again (a
village's weekly rice and oil, say): a new checkout with what can still be bought, and
Saleor's ``unavailableVariants`` for the rest."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.checkout import services
from marketplace.checkout.error_codes import CheckoutCreateFromOrderErrorCode as Codes
from marketplace.core.exceptions import field_error
from marketplace.orders.models import Order as OrderModel
from storefront_api.checkout.enums import (
    CheckoutCreateFromOrderErrorCode,
    CheckoutCreateFromOrderUnavailableVariantErrorCode,
)
from storefront_api.checkout.types import Checkout
from storefront_api.checkout.utils import checkout_get
from storefront_api.core.ids import decode_global_id, global_id
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.types import Error
from storefront_api.village_hubs import access


class CheckoutCreateFromOrderUnavailableVariant(graphene.ObjectType):
    message = graphene.String(required=True, description="The error message.")
    code = CheckoutCreateFromOrderUnavailableVariantErrorCode(
        required=True, description="The error code."
    )
    variant_id = graphene.ID(required=True, description="Variant ID that is unavailable.")
    line_id = graphene.ID(required=True, description="Order line ID that is unavailable.")


class CheckoutCreateFromOrderError(Error):
    code = CheckoutCreateFromOrderErrorCode(required=True, description="The error code.")


class CheckoutCreateFromOrder(BaseMutation):
    unavailable_variants = graphene.List(
        graphene.NonNull(CheckoutCreateFromOrderUnavailableVariant),
        description="Variants that were not attached to the checkout.",
    )
    checkout = graphene.Field(Checkout, description="Created checkout.")

    class Arguments:
        id = graphene.ID(
            required=True, description="ID of a order that will be used to create the checkout."
        )

    class Meta:
        description = (
            "Creates a new checkout from existing order: the signed-in buyer's own order, "
            "with the lines that can be bought now."
        )
        error_type_class = CheckoutCreateFromOrderError

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str
    ) -> CheckoutCreateFromOrder:
        pk = decode_global_id(id, only_type="Order")
        user = access.viewer(info)
        order_pk = _uuid(pk)
        orders = OrderModel.objects.select_related("channel")
        order = orders.filter(pk=order_pk).first() if order_pk is not None else None
        if order is None or not access.is_signed_in(user):
            raise field_error("id", _("Couldn't resolve to an order."), Codes.ORDER_NOT_FOUND)
        checkout, unavailable = services.checkout_create_from_order(order=order, user=user)
        return cls(
            checkout=checkout_get(checkout.pk),
            unavailable_variants=[
                CheckoutCreateFromOrderUnavailableVariant(
                    message=item.message,
                    code=item.code,
                    variant_id=global_id("ProductVariant", item.line.variant_id or ""),
                    line_id=global_id("OrderLine", item.line.pk),
                )
                for item in unavailable
            ],
        )


def _uuid(value: str) -> str | None:
    import uuid

    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None
