"""Saleor's payment enums (names as on the wire, values as Saleor's database)."""

from __future__ import annotations

import graphene

from marketplace.channels.models import TransactionFlowStrategy
from marketplace.payments.models import OrderGrantedRefundStatus, TransactionEventType
from storefront_api.core.enums import to_graphene_enum


def _codes(name: str, codes: str, description: str) -> type[graphene.Enum]:
    """An error code enum: member ``CODE`` has the value ``code``."""
    return graphene.Enum(
        name, [(code, code.lower()) for code in codes.split()], description=description
    )


TransactionEventTypeEnum = to_graphene_enum(
    TransactionEventType,
    name="TransactionEventTypeEnum",
    description="Represents possible event types of a transaction.",
)
TransactionActionEnum = graphene.Enum(
    "TransactionActionEnum",
    [("CHARGE", "charge"), ("REFUND", "refund"), ("CANCEL", "cancel")],
    description="Actions that can be requested on a transaction.",
)
TransactionFlowStrategyEnum = to_graphene_enum(
    TransactionFlowStrategy,
    name="TransactionFlowStrategyEnum",
    description="Whether a payment is authorized first or charged at once.",
)
OrderGrantedRefundStatusEnum = to_graphene_enum(
    OrderGrantedRefundStatus,
    name="OrderGrantedRefundStatusEnum",
    description="Whether a granted refund was paid back.",
)

PaymentGatewayConfigErrorCode = _codes(
    "PaymentGatewayConfigErrorCode", "GRAPHQL_ERROR INVALID NOT_FOUND",
    "Why a payment gateway could not be initialized.",
)  # fmt: skip
PaymentGatewayInitializeErrorCode = _codes(
    "PaymentGatewayInitializeErrorCode", "GRAPHQL_ERROR INVALID NOT_FOUND",
    "Why payment gateways could not be initialized.",
)  # fmt: skip
TransactionInitializeErrorCode = _codes(
    "TransactionInitializeErrorCode",
    "GRAPHQL_ERROR INVALID NOT_FOUND UNIQUE CHECKOUT_COMPLETION_IN_PROGRESS",
    "Why a payment could not be started.",
)
TransactionProcessErrorCode = _codes(
    "TransactionProcessErrorCode",
    "GRAPHQL_ERROR INVALID NOT_FOUND TRANSACTION_ALREADY_PROCESSED "
    "MISSING_PAYMENT_APP_RELATION MISSING_PAYMENT_APP CHECKOUT_COMPLETION_IN_PROGRESS",
    "Why a payment could not be processed.",
)
TransactionRequestActionErrorCode = _codes(
    "TransactionRequestActionErrorCode",
    "INVALID REQUIRED GRAPHQL_ERROR NOT_FOUND MISSING_TRANSACTION_ACTION_REQUEST_WEBHOOK",
    "Why an action on a payment could not be requested.",
)
TransactionRequestRefundForGrantedRefundErrorCode = _codes(
    "TransactionRequestRefundForGrantedRefundErrorCode",
    "INVALID GRAPHQL_ERROR NOT_FOUND AMOUNT_GREATER_THAN_AVAILABLE "
    "MISSING_TRANSACTION_ACTION_REQUEST_WEBHOOK REFUND_ALREADY_PROCESSED REFUND_IS_PENDING",
    "Why a granted refund could not be paid back.",
)
OrderGrantRefundCreateErrorCode = _codes(
    "OrderGrantRefundCreateErrorCode",
    "GRAPHQL_ERROR NOT_FOUND NOT_CONFIGURED SHIPPING_COSTS_ALREADY_GRANTED "
    "AMOUNT_GREATER_THAN_AVAILABLE REQUIRED INVALID",
    "Why a refund could not be granted.",
)
OrderGrantRefundCreateLineErrorCode = _codes(
    "OrderGrantRefundCreateLineErrorCode",
    "GRAPHQL_ERROR NOT_FOUND QUANTITY_GREATER_THAN_AVAILABLE INVALID NOT_CONFIGURED",
    "Why a line could not be included in a granted refund.",
)
PaymentErrorCode = _codes(
    "PaymentErrorCode",
    "BILLING_ADDRESS_NOT_SET GRAPHQL_ERROR INVALID NOT_FOUND REQUIRED UNIQUE "
    "PARTIAL_PAYMENT_NOT_ALLOWED SHIPPING_ADDRESS_NOT_SET INVALID_SHIPPING_METHOD "
    "SHIPPING_METHOD_NOT_SET PAYMENT_ERROR NOT_SUPPORTED_GATEWAY CHANNEL_INACTIVE "
    "BALANCE_CHECK_ERROR CHECKOUT_EMAIL_NOT_SET UNAVAILABLE_VARIANT_IN_CHANNEL "
    "NO_CHECKOUT_LINES CHECKOUT_COMPLETION_IN_PROGRESS CHECKOUT_HAS_TRANSACTION",
    "Why a legacy payment could not be created.",
)
StorePaymentMethodEnum = graphene.Enum(
    "StorePaymentMethodEnum",
    [("ON_SESSION", "on_session"), ("OFF_SESSION", "off_session"), ("NONE", "none")],
    description="Whether a payment method is stored for later (Midtrans: never).",
)
PaymentChargeStatusEnum = graphene.Enum(
    "PaymentChargeStatusEnum",
    [
        ("NOT_CHARGED", "not-charged"),
        ("PENDING", "pending"),
        ("PARTIALLY_CHARGED", "partially-charged"),
        ("FULLY_CHARGED", "fully-charged"),
        ("PARTIALLY_REFUNDED", "partially-refunded"),
        ("FULLY_REFUNDED", "fully-refunded"),
        ("REFUSED", "refused"),
        ("CANCELLED", "cancelled"),
    ],
    description="Legacy payment status of an order.",
)
