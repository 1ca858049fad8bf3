from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.checkout import services
from marketplace.checkout.complete import COMPLETION_RELATIONS
from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.checkout.models import Checkout as CheckoutModel
from marketplace.core.exceptions import field_error
from marketplace.core.metadata import metadata_clean
from marketplace.payments.selectors import legacy_payment_pending
from storefront_api.checkout.mutations.base import (
    CheckoutBaseMutation,
    CheckoutIdArguments,
)
from storefront_api.checkout.types import CheckoutError
from storefront_api.checkout.utils import checkout_get, checkout_pk, require_checkout_owner
from storefront_api.core.metadata import MetadataInput, metadata_input_items
from storefront_api.core.permissions import order_placed_by_request
from storefront_api.payments.mutations.base import buyer_data

PAY_AT_PICKUP = "pay_at_pickup"
COMPLETION_PREFETCHED = tuple(name for name in COMPLETION_RELATIONS if name != "channel")


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
            graphene.NonNull(MetadataInput),
            description="Order public metadata, added to the checkout's.",
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
            "Completes the checkout into an order. Paid online (Midtrans): the checkout "
            "became a paid order when the payment settled, and this returns that order. "
            "Pay at pickup: the village hub must allow unpaid orders and the delivery must "
            "be one of its pickup points; otherwise CHECKOUT_NOT_FULLY_PAID. Completing a "
            "checkout again returns the same order. Legacy Payments API: while the payment "
            "`checkoutPaymentCreate` started waits for the buyer, `confirmationNeeded` is "
            "true and `confirmationData` holds the Snap page (`redirectUrl`, `token`)."
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
        # Only what completion reads: its lock then takes these over (marketplace.checkout
        # .locks); the addresses go to the order by id.
        checkout = checkout_get(pk, prefetched=COMPLETION_PREFETCHED)
        require_checkout_owner(info, checkout)
        pending = None if checkout is None else legacy_payment_pending(checkout_id=checkout.pk)
        if pending is not None:
            # Saleor's legacy Payments API: the payment checkoutPaymentCreate started waits
            # for the buyer on Midtrans' page; its settlement places the order.
            return cls(
                order=None,
                confirmation_needed=True,
                confirmation_data=buyer_data(pending),
                errors=[],
            )
        if checkout is not None and checkout.collection_point_id is None:
            if checkout.shipping_method_id is not None:
                # Shipped orders are paid online first (the settlement places the order):
                # only pickup orders can be placed unpaid, to be paid at the hub.
                raise field_error(
                    "id",
                    _("Provided payment methods can not cover the checkout's total amount"),
                    CheckoutErrorCode.CHECKOUT_NOT_FULLY_PAID,
                )
        # A checkout completed meanwhile (its payment settled, or a concurrent call) is
        # gone: the service returns its order, placed exactly once under the checkout's
        # lock whoever comes first.
        order_metadata = metadata_clean(
            items=metadata_input_items(args.get("metadata")), field="metadata"
        )
        order = services.checkout_complete(
            checkout=checkout or CheckoutModel(pk=pk),
            payment_mode=PAY_AT_PICKUP,
            order_metadata=order_metadata,
        )
        if checkout is not None:  # this call placed it (not a replay of a completed one)
            order_placed_by_request(info.context, order.pk)
        return cls(order=order, confirmation_needed=False, confirmation_data=None, errors=[])
