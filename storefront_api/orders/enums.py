"""Enums of orders: statuses, events, discounts and error codes."""

from __future__ import annotations

import graphene

from marketplace.orders import error_codes as order_error_codes
from marketplace.orders.models import FulfillmentStatus as FulfillmentStatusChoices
from marketplace.orders.models import OrderStatus as OrderStatusChoices
from storefront_api.core.enums import to_graphene_enum

OrderErrorCode = to_graphene_enum(order_error_codes.OrderErrorCode)
OrderStatusEnum = to_graphene_enum(
    OrderStatusChoices, name="OrderStatus", description="Status of an order."
)
FulfillmentStatusEnum = to_graphene_enum(
    FulfillmentStatusChoices, name="FulfillmentStatus", description="Status of a fulfillment."
)
_CHARGE = [
    ("NONE", "none"),
    ("PARTIAL", "partial"),
    ("FULL", "full"),
    ("OVERCHARGED", "overcharged"),
]
_AUTHORIZE = [("NONE", "none"), ("PARTIAL", "partial"), ("FULL", "full")]
OrderChargeStatusEnum = graphene.Enum(
    "OrderChargeStatusEnum", _CHARGE, description="How much of the order is charged."
)
OrderAuthorizeStatusEnum = graphene.Enum(
    "OrderAuthorizeStatusEnum", _AUTHORIZE, description="How much of the order is authorized."
)
_ORDER_EVENTS = """
DRAFT_CREATED
DRAFT_CREATED_FROM_REPLACE
ADDED_PRODUCTS
REMOVED_PRODUCTS
PLACED
PLACED_FROM_DRAFT
PLACED_AUTOMATICALLY_FROM_PAID_CHECKOUT
OVERSOLD_ITEMS
CANCELED
EXPIRED
ORDER_MARKED_AS_PAID
ORDER_FULLY_PAID
ORDER_REPLACEMENT_CREATED
ORDER_DISCOUNT_ADDED
ORDER_DISCOUNT_AUTOMATICALLY_UPDATED
ORDER_DISCOUNT_UPDATED
ORDER_DISCOUNT_DELETED
ORDER_LINE_DISCOUNT_UPDATED
ORDER_LINE_DISCOUNT_REMOVED
ORDER_LINE_PRODUCT_DELETED
ORDER_LINE_VARIANT_DELETED
UPDATED_ADDRESS
EMAIL_SENT
CONFIRMED
PAYMENT_AUTHORIZED
PAYMENT_CAPTURED
EXTERNAL_SERVICE_NOTIFICATION
PAYMENT_REFUNDED
PAYMENT_VOIDED
PAYMENT_FAILED
TRANSACTION_EVENT
TRANSACTION_CHARGE_REQUESTED
TRANSACTION_REFUND_REQUESTED
TRANSACTION_CANCEL_REQUESTED
TRANSACTION_MARK_AS_PAID_FAILED
INVOICE_REQUESTED
INVOICE_GENERATED
INVOICE_UPDATED
INVOICE_SENT
FULFILLMENT_CANCELED
FULFILLMENT_RESTOCKED_ITEMS
FULFILLMENT_FULFILLED_ITEMS
FULFILLMENT_REFUNDED
FULFILLMENT_RETURNED
FULFILLMENT_REPLACED
FULFILLMENT_AWAITS_APPROVAL
TRACKING_UPDATED
NOTE_ADDED
NOTE_UPDATED
OTHER
"""
OrderEventsEnum = graphene.Enum(
    "OrderEventsEnum",
    [(name, name.lower()) for name in _ORDER_EVENTS.split()],
    description="The type of an order event (values as stored in OrderEvent.type).",
)
OrderStatusFilter = graphene.Enum(
    "OrderStatusFilter",
    [
        ("READY_TO_FULFILL", "ready_to_fulfill"),
        ("READY_TO_CAPTURE", "ready_to_capture"),
        ("UNFULFILLED", "unfulfilled"),
        ("UNCONFIRMED", "unconfirmed"),
        ("PARTIALLY_FULFILLED", "partially fulfilled"),
        ("FULFILLED", "fulfilled"),
        ("CANCELED", "canceled"),
    ],
    description="Order statuses to filter on.",
)
OrderDiscountType = graphene.Enum(
    "OrderDiscountType",
    [
        ("SALE", "sale"),
        ("VOUCHER", "voucher"),
        ("MANUAL", "manual"),
        ("PROMOTION", "promotion"),
        ("ORDER_PROMOTION", "order_promotion"),
    ],
    description="The kind of an order discount.",
)
