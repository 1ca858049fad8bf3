"""Error codes of checkout use cases: the values of Saleor's ``CheckoutErrorCode``.

Names and values are Saleor's (names upper case on the wire, values lower case here),
so Saleor clients can branch on them unchanged.
"""

from __future__ import annotations

from enum import Enum


class CheckoutErrorCode(Enum):
    """Why a checkout operation failed."""

    BILLING_ADDRESS_NOT_SET = "billing_address_not_set"
    CHECKOUT_NOT_FULLY_PAID = "checkout_not_fully_paid"
    GRAPHQL_ERROR = "graphql_error"
    PRODUCT_NOT_PUBLISHED = "product_not_published"
    PRODUCT_UNAVAILABLE_FOR_PURCHASE = "product_unavailable_for_purchase"
    INSUFFICIENT_STOCK = "insufficient_stock"
    INVALID = "invalid"
    INVALID_SHIPPING_METHOD = "invalid_shipping_method"
    NOT_FOUND = "not_found"
    PAYMENT_ERROR = "payment_error"
    PRICE_OVERRIDE_REASON_WITHOUT_OVERRIDE = "price_override_reason_without_override"
    QUANTITY_GREATER_THAN_LIMIT = "quantity_greater_than_limit"
    REQUIRED = "required"
    SHIPPING_ADDRESS_NOT_SET = "shipping_address_not_set"
    SHIPPING_METHOD_NOT_APPLICABLE = "shipping_method_not_applicable"
    DELIVERY_METHOD_NOT_APPLICABLE = "delivery_method_not_applicable"
    SHIPPING_METHOD_NOT_SET = "shipping_method_not_set"
    SHIPPING_NOT_REQUIRED = "shipping_not_required"
    TAX_ERROR = "tax_error"
    UNIQUE = "unique"
    VOUCHER_NOT_APPLICABLE = "voucher_not_applicable"
    GIFT_CARD_NOT_APPLICABLE = "gift_card_not_applicable"
    ZERO_QUANTITY = "zero_quantity"
    MISSING_CHANNEL_SLUG = "missing_channel_slug"
    CHANNEL_INACTIVE = "channel_inactive"
    UNAVAILABLE_VARIANT_IN_CHANNEL = "unavailable_variant_in_channel"
    EMAIL_NOT_SET = "email_not_set"
    NO_LINES = "no_lines"
    INACTIVE_PAYMENT = "inactive_payment"
    NON_EDITABLE_GIFT_LINE = "non_editable_gift_line"
    NON_REMOVABLE_GIFT_LINE = "non_removable_gift_line"
    SHIPPING_CHANGE_FORBIDDEN = "shipping_change_forbidden"
    MISSING_ADDRESS_DATA = "missing_address_data"


class CheckoutCreateFromOrderErrorCode(Enum):
    """Why no checkout was created from an order (Saleor's values)."""

    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    ORDER_NOT_FOUND = "order_not_found"
    CHANNEL_INACTIVE = "channel_inactive"
    TAX_ERROR = "tax_error"


class CheckoutCreateFromOrderUnavailableVariantErrorCode(Enum):
    """Why an order line was left out of the checkout created from its order."""

    NOT_FOUND = "not_found"
    PRODUCT_UNAVAILABLE_FOR_PURCHASE = "product_unavailable_for_purchase"
    UNAVAILABLE_VARIANT_IN_CHANNEL = "unavailable_variant_in_channel"
    PRODUCT_NOT_PUBLISHED = "product_not_published"
    QUANTITY_GREATER_THAN_LIMIT = "quantity_greater_than_limit"
    INSUFFICIENT_STOCK = "insufficient_stock"
