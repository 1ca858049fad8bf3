from __future__ import annotations

from collections import defaultdict
from typing import Any

import graphene
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.core.exceptions import field_error
from marketplace.orders import services
from marketplace.orders.error_codes import OrderErrorCode
from marketplace.orders.models import OrderLine
from storefront_api.core.ids import decode_global_id
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.orders.mutations.base import order_from_global_id
from storefront_api.orders.types import Fulfillment, Order, OrderError


class OrderFulfillStockInput(graphene.InputObjectType):
    quantity = graphene.Int(required=True, description="The number of line items to be fulfilled.")
    warehouse = graphene.ID(
        required=True, description="ID of the warehouse (ignored: the allocations decide)."
    )


class OrderFulfillLineInput(graphene.InputObjectType):
    order_line_id = graphene.ID(description="The ID of the order line.")
    stocks = graphene.List(
        graphene.NonNull(OrderFulfillStockInput),
        required=True,
        description="List of stock items to create.",
    )


class OrderFulfillInput(graphene.InputObjectType):
    lines = graphene.List(
        graphene.NonNull(OrderFulfillLineInput), required=True, description="List of items."
    )
    notify_customer = graphene.Boolean(description="If true, send an email notification.")
    allow_stock_to_be_exceeded = graphene.Boolean(
        default_value=False, description="Ignored: stock was allocated at checkout."
    )
    tracking_number = graphene.String(description="Fulfillment tracking number (ignored).")


class OrderFulfill(BaseMutation):
    fulfillments = graphene.List(
        graphene.NonNull(Fulfillment), description="List of created fulfillments."
    )
    order = graphene.Field(Order, description="Fulfilled order.")

    class Arguments:
        order = graphene.ID(description="ID of the order to be fulfilled.")
        input = OrderFulfillInput(
            required=True, description="Fields required to create a fulfillment."
        )

    class Meta:
        description = (
            "Prepares order lines: one fulfillment per cooperative; for a pickup order it waits "
            "for approval (ready at the hub) until the hub hands it over "
            "(`orderFulfillmentApprove`). Cooperative staff fulfil "
            "only their cooperative's lines of a confirmed order."
        )
        error_type_class = OrderError
        error_type_field = "order_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: Any, order: str | None = None
    ) -> OrderFulfill:
        instance = order_from_global_id(order or "", field="order")
        wanted: list[tuple[str, int]] = []
        for line in input.get("lines") or []:
            pk = decode_global_id(
                line.get("order_line_id") or "", only_type="OrderLine", field="order_line_id"
            )
            wanted.append((pk, sum(stock["quantity"] for stock in line["stocks"])))
        lines = {
            str(line.pk): line
            for line in OrderLine.objects.select_related("cooperative").filter(
                order=instance, pk__in=[pk for pk, _quantity in wanted]
            )
        }
        if len(lines) != len({pk for pk, _quantity in wanted}):
            raise field_error(
                "order_line_id", _("Order line not found in this order."), OrderErrorCode.NOT_FOUND
            )
        by_cooperative: dict[int, list[tuple[OrderLine, int]]] = defaultdict(list)
        for pk, quantity in wanted:
            by_cooperative[lines[pk].cooperative_id].append((lines[pk], quantity))
        if not by_cooperative:
            raise field_error("lines", _("Choose lines to fulfil."), OrderErrorCode.REQUIRED)
        fulfillments = []
        with transaction.atomic():
            for items in by_cooperative.values():
                fulfillments.append(
                    services.order_fulfill_lines(
                        order=instance,
                        cooperative=items[0][0].cooperative,
                        lines=items,
                        actor=info.context.user,
                    )
                )
        instance.refresh_from_db()
        return cls(fulfillments=fulfillments, order=instance, errors=[])
