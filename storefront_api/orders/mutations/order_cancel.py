from __future__ import annotations

from typing import Any

import graphene

from marketplace.orders import services
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.orders.mutations.base import order_from_global_id
from storefront_api.orders.types import Order, OrderError


class OrderCancel(BaseMutation):
    order = graphene.Field(Order, description="Canceled order.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the order to cancel.")

    class Meta:
        description = (
            "Cancel an order and give its stock back. Platform staff, the hub's operators, or "
            "the buyer while unpaid."
        )
        error_type_class = OrderError
        error_type_field = "order_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, /, *, id: str) -> OrderCancel:
        order = order_from_global_id(id)
        order = services.order_cancel(order=order, actor=info.context.user)
        return cls(order=order, errors=[])
