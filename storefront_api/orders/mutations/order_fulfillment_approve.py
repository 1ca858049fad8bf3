from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.core.exceptions import field_error
from marketplace.orders import services
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.orders.models import Fulfillment as FulfillmentModel
from storefront_api.core.ids import decode_int_pk
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.orders.types import Fulfillment, Order, OrderError


class FulfillmentApprove(BaseMutation):
    fulfillment = graphene.Field(Fulfillment, description="An approved fulfillment.")
    order = graphene.Field(Order, description="Order which fulfillment was approved.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a fulfillment to approve.")
        notify_customer = graphene.Boolean(
            required=True, description="True if confirmation email should be send (ignored)."
        )
        allow_stock_to_be_exceeded = graphene.Boolean(
            default_value=False, description="Ignored: the units were allocated at checkout."
        )

    class Meta:
        description = (
            "Hands the goods a cooperative prepared (a fulfillment WAITING_FOR_APPROVAL) to the "
            "buyer at the village hub's counter. Only the hub's operators and platform staff; "
            "refused with CANNOT_FULFILL_UNPAID_ORDER until the order is paid."
        )
        error_type_class = OrderError
        error_type_field = "order_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, **data: Any
    ) -> FulfillmentApprove:
        pk = decode_int_pk(id, only_type="Fulfillment")
        fulfillment = FulfillmentModel.objects.filter(pk=pk).select_related("order").first()
        if fulfillment is None:
            raise field_error("id", _("Fulfillment not found."), OrderErrorCode.NOT_FOUND)
        fulfillment = services.order_fulfillment_approve(
            fulfillment=fulfillment, actor=info.context.user
        )
        fulfillment.order.refresh_from_db()
        return cls(fulfillment=fulfillment, order=fulfillment.order, errors=[])
