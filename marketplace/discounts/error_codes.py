"""Error codes of voucher management: the values of Saleor's ``DiscountErrorCode`` and
``VoucherCodeBulkDeleteErrorCode``. Checkout refusals use ``CheckoutErrorCode``."""

from __future__ import annotations

from enum import Enum


class DiscountErrorCode(Enum):
    """Why a voucher operation failed."""

    ALREADY_EXISTS = "already_exists"
    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    UNIQUE = "unique"
    CANNOT_MANAGE_PRODUCT_WITHOUT_VARIANT = "cannot_manage_product_without_variant"
    DUPLICATED_INPUT_ITEM = "duplicated_input_item"
    VOUCHER_ALREADY_USED = "voucher_already_used"


class VoucherCodeBulkDeleteErrorCode(Enum):
    """Why deleting voucher codes failed."""

    GRAPHQL_ERROR = "graphql_error"
    NOT_FOUND = "not_found"
    INVALID = "invalid"
