from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.checkout import services
from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.checkout.models import Checkout as CheckoutModel
from marketplace.core.exceptions import field_error
from storefront_api.checkout.mutations.base import (
    CheckoutBaseMutation,
    CheckoutIdArguments,
)
from storefront_api.checkout.types import CheckoutError
from storefront_api.checkout.utils import checkout_get, checkout_pk
from storefront_api.core.metadata import MetadataInput

PAY_AT_PICKUP = "pay_at_pickup"


class CheckoutComplete(CheckoutBaseMutation):
    order = graphene.Field("storefront_api.orders.types.Order", description="Placed order.")
    confirmation_needed = graphene.Boolean(
        required=True,
        description="Set to true if payment needs to be confirmed before checkout is complete.",
    )
    confirmation_data = graphene.JSONString(
        description="Confirmation data used to process additional authorization steps."
    )

    class Arguments(CheckoutIdArguments):
        metadata = graphene.List(
            graphene.NonNull(MetadataInput), description="Order public metadata (not stored)."
        )
        payment_data = graphene.JSONString(description="Client-side generated data (ignored).")
        redirect_url = graphene.String(
            description="URL of a view where users should be redirected."
        )
        store_source = graphene.Boolean(
            default_value=False,
            description="Ignored.",
            deprecation_reason="Use checkoutPaymentCreate for this action.",
        )

    class Meta:
        description = (
            "Completes the checkout into an order. Pay at pickup: the village hub must allow "
            "unpaid orders and the delivery must be one of its pickup points; otherwise "
            "CHECKOUT_NOT_FULLY_PAID. Completing a checkout again returns the same order."
        )
        error_type_class = CheckoutError
        error_type_field = "checkout_errors"

    @classmethod
    def handle_errors(cls, exc: Any) -> Any:
        payload = super().handle_errors(exc)
        payload.confirmation_needed = False
        return payload

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, **args: Any
    ) -> CheckoutComplete:
        pk = checkout_pk(
            id=args.get("id"), token=args.get("token"), checkout_id=args.get("checkout_id")
        )
        checkout = checkout_get(pk)
        if checkout is not None and checkout.collection_point_id is None:
            if checkout.shipping_method_id is not None:
                # No online gateway yet: only pickup orders can be paid later, at the hub.
                raise field_error(
                    "id",
                    _("Provided payment methods can not cover the checkout's total amount"),
                    CheckoutErrorCode.CHECKOUT_NOT_FULLY_PAID,
                )
        # A checkout completed meanwhile is gone: the service returns its order.
        order = services.checkout_complete(
            checkout=checkout or CheckoutModel(pk=pk), payment_mode=PAY_AT_PICKUP
        )
        return cls(order=order, confirmation_needed=False, confirmation_data=None, errors=[])
