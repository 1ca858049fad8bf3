"""Order queries and mutations (Saleor's names) and Lumbung's ``orderByPickupCode``."""

from __future__ import annotations

import uuid
from typing import Any

import graphene
from django.db.models import QuerySet
from graphql_relay import from_global_id

from marketplace.orders import selectors
from marketplace.orders.models import Order as OrderModel
from marketplace.village_hubs.models import VillageHub
from marketplace.village_hubs.selectors import (
    cooperatives_managed_by,
    hubs_operated_by,
    user_can_operate_hub,
)
from storefront_api.core.connection import connection_args, resolve_connection
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.orders.filters import OrderFilterInput, filter_orders
from storefront_api.orders.mutations.order_cancel import OrderCancel
from storefront_api.orders.mutations.order_fulfill import OrderFulfill
from storefront_api.orders.mutations.order_fulfillment_approve import FulfillmentApprove
from storefront_api.orders.mutations.order_mark_as_paid import OrderMarkAsPaid
from storefront_api.orders.types import Order, OrderCountableConnection
from storefront_api.village_hubs import access


def _order_by_uuid(value: Any) -> OrderModel | None:
    try:
        pk = value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        return None
    return OrderModel.objects.filter(pk=pk).first()


def orders_visible_to(user: Any) -> QuerySet[OrderModel]:
    """Platform staff: every order; hub operators: their hubs' orders; cooperative staff:
    orders with their lines (showing only those lines). Anyone else: PermissionDenied."""
    if not access.is_signed_in(user):
        raise PermissionDenied()
    if access.is_platform_staff(user):
        return OrderModel.objects.all()
    if hubs_operated_by(user).exists():
        return selectors.orders_for_hub_operator(user)
    if cooperatives_managed_by(user).exists():
        return selectors.orders_for_cooperative(user)
    raise PermissionDenied()


class RefundSettings(graphene.ObjectType):
    reason_reference_type = graphene.Field(
        "storefront_api.content.types.PageType",
        description="Model type used for refund reasons (none: Lumbung records a refund's "
        "reason as text on the granted refund).",
    )

    class Meta:
        description = "Refund related settings from site settings."


class ReturnSettings(graphene.ObjectType):
    reason_reference_type = graphene.Field(
        "storefront_api.content.types.PageType",
        description="Model type used for return reasons (none: Lumbung takes no returns "
        "through the API).",
    )

    class Meta:
        description = "Return related settings from site settings."


class OrderQueries(graphene.ObjectType):
    refund_settings = graphene.Field(
        RefundSettings,
        required=True,
        description="Refunds related settings, global for the entire shop.",
        resolver=lambda root, info: RefundSettings(reason_reference_type=None),
    )
    return_settings = graphene.Field(
        ReturnSettings,
        required=True,
        description="Returns related settings, global for the entire shop.",
        resolver=lambda root, info: ReturnSettings(reason_reference_type=None),
    )
    order = graphene.Field(
        Order,
        id=graphene.ID(description="ID of an order."),
        external_reference=graphene.String(description="External ID of an order (unused)."),
        description=(
            "Look up an order by ID. As Saleor: whoever knows the id reads it with personal "
            "data obfuscated and no pickup code; the signed-in buyer, the hub's operators and "
            "platform staff see everything; a cooperative's staff see only their lines."
        ),
    )
    order_by_token = graphene.Field(
        Order,
        token=graphene.UUID(required=True, description="The order's token."),
        description="Look up an order by token (personal data as `order`).",
        deprecation_reason="Use `order` instead.",
    )
    orders = graphene.Field(
        OrderCountableConnection,
        channel=graphene.String(
            description="Slug of a channel for which the data should be returned."
        ),
        filter=OrderFilterInput(description="Filtering options for orders."),
        **connection_args(),
        description=(
            "List of orders: platform staff all; hub operators their hubs'; cooperative staff "
            "the orders with their lines (only those lines)."
        ),
    )
    order_by_pickup_code = graphene.Field(
        Order,
        channel=graphene.String(required=True, description="Slug of the village hub's channel."),
        code=graphene.String(required=True, description="The pickup code the buyer tells."),
        description="The open order with this pickup code at a village hub (hub operators).",
    )

    @staticmethod
    def resolve_order(
        root: Any, info: graphene.ResolveInfo, id: str | None = None, **kw: Any
    ) -> Any:
        if not id:
            return None
        try:
            type_name, pk = from_global_id(id)
        except (TypeError, ValueError, UnicodeDecodeError):
            return None
        if type_name != "Order":
            return None
        return _order_by_uuid(pk)

    @staticmethod
    def resolve_order_by_token(root: Any, info: graphene.ResolveInfo, token: Any) -> Any:
        return _order_by_uuid(token)

    @staticmethod
    def resolve_orders(
        root: Any,
        info: graphene.ResolveInfo,
        channel: str | None = None,
        filter: Any = None,
        **args: Any,
    ) -> Any:
        orders = filter_orders(orders_visible_to(access.viewer(info)), filter)
        if channel:
            orders = orders.filter(channel__slug=channel)
        return resolve_connection(
            orders, info, args, OrderCountableConnection, order_by=["-number"]
        )

    @staticmethod
    def resolve_order_by_pickup_code(
        root: Any, info: graphene.ResolveInfo, channel: str, code: str
    ) -> Any:
        user = access.viewer(info)
        hub = VillageHub.objects.filter(channel__slug=channel).first()
        if hub is None or not user_can_operate_hub(user, hub):
            raise PermissionDenied()
        return selectors.order_by_pickup_code(hub, code)


def resolve_user_orders(user: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
    """``User.orders``: the user's own orders (``me.orders``)."""
    viewer = access.viewer(info)
    if not access.is_signed_in(viewer) or (
        viewer.pk != user.pk and not access.is_platform_staff(viewer)
    ):
        raise PermissionDenied()
    return resolve_connection(
        selectors.orders_of_user(user), info, args, OrderCountableConnection, order_by=["-number"]
    )


class OrderMutations(graphene.ObjectType):
    order_mark_as_paid = OrderMarkAsPaid.Field()
    order_cancel = OrderCancel.Field()
    order_fulfill = OrderFulfill.Field()
    order_fulfillment_approve = FulfillmentApprove.Field()
