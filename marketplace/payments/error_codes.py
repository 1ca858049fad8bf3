"""Error codes of payment use cases: values of Saleor's ``TransactionInitializeErrorCode``,
``TransactionProcessErrorCode``, ``TransactionRequestActionErrorCode``,
``TransactionRequestRefundForGrantedRefundErrorCode`` and ``OrderGrantRefundCreate(Line)
ErrorCode`` (the union; each mutation folds the codes its enum lacks onto INVALID)."""

from __future__ import annotations

from enum import Enum


class PaymentErrorCode(Enum):
    """Why a payment operation failed."""

    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    UNIQUE = "unique"
    CHECKOUT_COMPLETION_IN_PROGRESS = "checkout_completion_in_progress"
    TRANSACTION_ALREADY_PROCESSED = "transaction_already_processed"
    AMOUNT_GREATER_THAN_AVAILABLE = "amount_greater_than_available"
    REFUND_ALREADY_PROCESSED = "refund_already_processed"
    REFUND_IS_PENDING = "refund_is_pending"
    SHIPPING_COSTS_ALREADY_GRANTED = "shipping_costs_already_granted"
    QUANTITY_GREATER_THAN_AVAILABLE = "quantity_greater_than_available"
    NOT_CONFIGURED = "not_configured"
    # Saleor's legacy ``PaymentErrorCode`` (``checkoutPaymentCreate``).
    PARTIAL_PAYMENT_NOT_ALLOWED = "partial_payment_not_allowed"
    NOT_SUPPORTED_GATEWAY = "not_supported_gateway"
    NO_CHECKOUT_LINES = "no_checkout_lines"
    CHECKOUT_EMAIL_NOT_SET = "checkout_email_not_set"
    SHIPPING_METHOD_NOT_SET = "shipping_method_not_set"
    SHIPPING_ADDRESS_NOT_SET = "shipping_address_not_set"
