"""Enums of checkouts: their error codes and payment statuses."""

from __future__ import annotations

import graphene

from marketplace.checkout import error_codes as checkout_error_codes
from storefront_api.core.enums import to_graphene_enum

CheckoutErrorCode = to_graphene_enum(checkout_error_codes.CheckoutErrorCode)
CheckoutCreateFromOrderErrorCode = to_graphene_enum(
    checkout_error_codes.CheckoutCreateFromOrderErrorCode
)
CheckoutCreateFromOrderUnavailableVariantErrorCode = to_graphene_enum(
    checkout_error_codes.CheckoutCreateFromOrderUnavailableVariantErrorCode
)
DeliveryOptionsCalculateErrorCode = graphene.Enum(
    "DeliveryOptionsCalculateErrorCode",
    [("GRAPHQL_ERROR", "graphql_error"), ("NOT_FOUND", "not_found"), ("INVALID", "invalid")],
    description="Why delivery options could not be calculated.",
)
CheckoutChargeStatusEnum = graphene.Enum(
    "CheckoutChargeStatusEnum",
    [("NONE", "none"), ("PARTIAL", "partial"), ("FULL", "full"), ("OVERCHARGED", "overcharged")],
    description="How much of the checkout is charged.",
)
CheckoutAuthorizeStatusEnum = graphene.Enum(
    "CheckoutAuthorizeStatusEnum",
    [("NONE", "none"), ("PARTIAL", "partial"), ("FULL", "full")],
    description="How much of the checkout is authorized.",
)
