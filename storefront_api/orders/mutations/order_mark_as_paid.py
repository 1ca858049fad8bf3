from __future__ import annotations

from typing import Any

import graphene

from marketplace.orders import services
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.orders.mutations.base import order_from_global_id
from storefront_api.orders.types import Order, OrderError


class OrderMarkAsPaid(BaseMutation):
    order = graphene.Field(Order, description="Order marked as paid.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the order to mark paid.")
        transaction_reference = graphene.String(
            description="The reference of the payment (ignored: cash at the hub)."
        )

    class Meta:
        description = (
            "Records the buyer's cash payment at the village hub. Only operators of the "
            "order's hub and platform staff; an order already paid is returned unchanged."
        )
        error_type_class = OrderError
        error_type_field = "order_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, **data: Any
    ) -> OrderMarkAsPaid:
        order = order_from_global_id(id)
        order = services.order_confirm_payment_at_pickup(order=order, operator=info.context.user)
        return cls(order=order, errors=[])
