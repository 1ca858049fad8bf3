"""Saleor's ``Order.payments``, ``shippingMethods``, ``weight``, ``actions``,
``externalReference`` and ``invoices``, and ``Fulfillment``'s refunded amounts.

* ``payments``: the order's Midtrans payments through the legacy Payments API (the same
  attempts as ``transactions``), for the buyer, the hub's operators and platform staff;
  empty for someone holding only the order's id, and for a pay-at-pickup order.
* ``shippingMethods``: the channel's active methods that deliver to the order's shipping
  address (none without one), read for all the orders of a list at once.
* ``weight``: the lines' weights (variant, else product, else product type) in grams.
* ``actions``: what the viewer may still do with the payment — ``MARK_AS_PAID`` (cash
  taken at pickup) for an open, unpaid pay-at-pickup order, ``REFUND`` while some charged
  money is not refunded; only for the hub's operators and platform staff (empty
  otherwise). Midtrans charges at once, so there is never ``CAPTURE`` or ``VOID``.
* ``invoices``: Lumbung issues no invoices: empty. ``externalReference``: null.
* ``Fulfillment.totalRefundedAmount``: the price of the fulfillment's units that
  completed refunds paid back (null when none were); ``shippingRefundedAmount``: null,
  shipping belongs to the order, not to one cooperative's hand-over.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import graphene

from marketplace import permissions
from marketplace.orders.models import OPEN_STATUSES, PaymentMethod
from marketplace.orders.selectors import order_weights_grams
from marketplace.payments.models import OrderGrantedRefundStatus
from marketplace.shipping.areas import method_serves_address
from storefront_api.accounts.dataloaders import AddressByIdLoader
from storefront_api.channels.dataloaders import ChannelByIdLoader
from storefront_api.core.dataloaders import BaseLoader
from storefront_api.core.metadata import NoStoredMetadata
from storefront_api.core.types import Money, money
from storefront_api.orders.dataloaders import (
    FulfillmentLinesByFulfillmentIdLoader,
    OrderLineByIdLoader,
)
from storefront_api.payments import resolvers as payment_fields
from storefront_api.payments.dataloaders import (
    GrantedRefundLinesByGrantIdLoader,
    GrantedRefundsByOrderIdLoader,
)
from storefront_api.village_hubs import access

OrderAction = graphene.Enum(
    "OrderAction",
    [
        ("CAPTURE", "capture"),
        ("MARK_AS_PAID", "mark_as_paid"),
        ("REFUND", "refund"),
        ("VOID", "void"),
    ],  # fmt: skip
    description="Actions that can be performed on an order's payment.",
)
JobStatusEnum = graphene.Enum(
    "JobStatusEnum",
    [
        ("PENDING", "pending"),
        ("SUCCESS", "success"),
        ("FAILED", "failed"),
        ("DELETED", "deleted"),
    ],  # fmt: skip
    description="Status of a background job (an invoice's).",
)


class OrderWeightLoader(BaseLoader[object, int]):
    def batch_load(self, keys: Sequence[object]) -> list[int]:
        grams = order_weights_grams(order_ids=list(keys))
        return [grams.get(key, 0) for key in keys]


class Invoice(NoStoredMetadata, graphene.ObjectType):
    """Never instantiated: Lumbung issues no invoices."""

    status = JobStatusEnum(required=True, description="Job status.")
    created_at = graphene.DateTime(required=True, description="Created date time of job.")
    updated_at = graphene.DateTime(required=True, description="Date time of job last update.")
    message = graphene.String(description="Job message.")
    number = graphene.String(description="Invoice number.")
    external_url = graphene.String(description="URL to view an invoice.")
    url = graphene.String(description="URL to download an invoice.")
    order = graphene.Field(
        "storefront_api.orders.types.Order", description="Order related to the invoice."
    )

    class Meta:
        description = "Represents an Invoice (Lumbung issues none)."
        interfaces = (graphene.relay.Node,)


def _sees_payments(info: graphene.ResolveInfo, order: Any) -> bool:
    from storefront_api.orders.types import _access

    return _access(info, order).sees_pickup_code


class OrderExtras:
    """Mixed into ``Order``."""

    payments = graphene.List(
        graphene.NonNull("storefront_api.payments.types.Payment"),
        required=True,
        description="List of payments for the order (the buyer, hub operators and staff).",
    )
    shipping_methods = graphene.List(
        graphene.NonNull("storefront_api.shipping.types.ShippingMethod"),
        required=True,
        description="Shipping methods related to this order: those of its channel that "
        "deliver to its shipping address.",
    )
    weight = graphene.Field(
        "storefront_api.core.types.Weight",
        required=True,
        description="Weight of the order.",
    )
    actions = graphene.List(
        graphene.NonNull(OrderAction),
        required=True,
        description="List of actions that can be performed in the current state of an order "
        "(for the hub's operators and platform staff).",
    )
    external_reference = graphene.String(
        description="External ID of this order (Lumbung keeps none: always null).",
        resolver=lambda root, info: None,
    )
    invoices = graphene.List(
        graphene.NonNull(Invoice),
        required=True,
        description="List of order invoices (none: Lumbung issues no invoices).",
        resolver=lambda root, info: [],
    )

    @staticmethod
    def resolve_payments(root: Any, info: graphene.ResolveInfo) -> list[Any]:
        if not _sees_payments(info, root):
            return []
        return payment_fields.order_transactions(root, info)

    @staticmethod
    def resolve_shipping_methods(root: Any, info: graphene.ResolveInfo) -> list[Any]:
        if root.shipping_address_id is None:
            return []
        address = AddressByIdLoader(info.context).load_from(
            root, key=lambda order: order.shipping_address_id
        )
        channel = ChannelByIdLoader(info.context).load_from(
            root, key=lambda order: order.channel_id
        )
        if address is None or channel is None:
            return []
        from storefront_api.shipping.zones import ShippingZonesByChannelIdLoader

        zones = ShippingZonesByChannelIdLoader(info.context).load(channel.pk)
        methods = sorted(
            (
                method
                for zone in zones
                for method in zone.methods
                if method_serves_address(
                    method=method, address=address, country=channel.default_country
                )
            ),
            key=lambda method: (int(method.price_amount), method.pk),
        )
        for method in methods:
            method.channel = channel  # the price's currency
        return methods

    @staticmethod
    def resolve_weight(root: Any, info: graphene.ResolveInfo) -> dict[str, Any]:
        grams = OrderWeightLoader(info.context).load_from(root, key=lambda order: order.pk)
        return {"unit": "g", "value": float(grams)}

    @staticmethod
    def resolve_actions(root: Any, info: graphene.ResolveInfo) -> list[str]:
        if not permissions.can_manage_order_payments(access.viewer(info), root):
            return []
        actions = []
        if (
            root.payment_method == PaymentMethod.PAY_AT_PICKUP
            and not root.is_paid
            and root.status in OPEN_STATUSES
        ):
            actions.append("mark_as_paid")
        charged = payment_fields.order_total(root, info, "charged")["amount"]
        refunded = payment_fields.order_total(root, info, "refunded")["amount"]
        if charged - refunded > 0:
            actions.append("refund")
        return actions


def _refunded_units(info: graphene.ResolveInfo, fulfillment: Any) -> Counter:
    """Units of each line of the fulfillment's order that completed refunds paid back."""
    grants = GrantedRefundsByOrderIdLoader(info.context).load_from(
        fulfillment, key=lambda row: row.order_id
    )
    done = [grant.pk for grant in grants if grant.status == OrderGrantedRefundStatus.SUCCESS]
    units: Counter = Counter()
    for lines in GrantedRefundLinesByGrantIdLoader(info.context).load_many(done):
        for line in lines:
            units[line.order_line_id] += line.quantity
    return units


class FulfillmentRefunds:
    """Mixed into ``Fulfillment``."""

    shipping_refunded_amount = graphene.Field(
        Money,
        description="Amount of refunded shipping price (null: shipping belongs to the order, "
        "not to one cooperative's hand-over).",
        resolver=lambda root, info: None,
    )
    total_refunded_amount = graphene.Field(
        Money, description="Total refunded amount of the fulfillment's units (null if none)."
    )

    @staticmethod
    def resolve_total_refunded_amount(root: Any, info: graphene.ResolveInfo) -> Any:
        refunded = _refunded_units(info, root)
        if not refunded:
            return None
        lines = FulfillmentLinesByFulfillmentIdLoader(info.context).load_from(
            root, key=lambda row: row.pk
        )
        order_lines = OrderLineByIdLoader(info.context).load_many(
            [line.order_line_id for line in lines]
        )
        total, currency = 0, None
        for line, order_line in zip(lines, order_lines, strict=True):
            units = min(refunded[line.order_line_id], line.quantity)
            if units and order_line is not None:
                total += units * int(order_line.unit_price_amount)
                currency = order_line.currency
        return money(total, currency) if currency else None
