"""Enums of discounts: vouchers, their codes and discount value types."""

from __future__ import annotations

import graphene

from marketplace.discounts import error_codes as discount_error_codes
from storefront_api.core.enums import to_graphene_enum

DiscountErrorCode = to_graphene_enum(discount_error_codes.DiscountErrorCode)
VoucherCodeBulkDeleteErrorCode = to_graphene_enum(
    discount_error_codes.VoucherCodeBulkDeleteErrorCode
)
DiscountValueTypeEnum = graphene.Enum(
    "DiscountValueTypeEnum",
    [("FIXED", "fixed"), ("PERCENTAGE", "percentage")],
    description="How a discount is given.",
)
VoucherTypeEnum = graphene.Enum(
    "VoucherTypeEnum",
    [("SHIPPING", "shipping"), ("ENTIRE_ORDER", "entire_order"),
     ("SPECIFIC_PRODUCT", "specific_product")],
    description="What a voucher discounts.",
)  # fmt: skip
VoucherDiscountType = graphene.Enum(
    "VoucherDiscountType",
    [("FIXED", "fixed"), ("PERCENTAGE", "percentage"), ("SHIPPING", "shipping")],
    description="A voucher's kind of discount (shipping vouchers are their own kind).",
)
DiscountStatusEnum = graphene.Enum(
    "DiscountStatusEnum",
    [("ACTIVE", "active"), ("EXPIRED", "expired"), ("SCHEDULED", "scheduled")],
    description="Whether a voucher runs now, has ended, or starts later.",
)


class VoucherSortField(graphene.Enum):
    CODE = "code"
    NAME = "name"
    START_DATE = "start_date"
    END_DATE = "end_date"
    VALUE = "value"
    TYPE = "type"
    USAGE_LIMIT = "usage_limit"
    MINIMUM_SPENT_AMOUNT = "minimum_spent_amount"

    @property
    def deprecation_reason(self) -> str | None:
        return "Use `NAME` instead." if self.name == "CODE" else None
