"""Enums of channels (Saleor's names)."""

from __future__ import annotations

import graphene

from marketplace.channels import error_codes as channel_error_codes
from marketplace.channels.models import AllocationStrategy, MarkAsPaidStrategy
from storefront_api.core.enums import to_graphene_enum

ChannelErrorCode = to_graphene_enum(channel_error_codes.ChannelErrorCode)
AllocationStrategyEnum = graphene.Enum(
    "AllocationStrategyEnum",
    [
        ("PRIORITIZE_SORTING_ORDER", AllocationStrategy.PRIORITIZE_SORTING_ORDER.value),
        ("PRIORITIZE_HIGH_STOCK", AllocationStrategy.PRIORITIZE_HIGH_STOCK.value),
    ],
    description="Determine the allocation strategy for the channel.",
)
MarkAsPaidStrategyEnum = graphene.Enum(
    "MarkAsPaidStrategyEnum",
    [
        ("TRANSACTION_FLOW", MarkAsPaidStrategy.TRANSACTION_FLOW.value),
        ("PAYMENT_FLOW", MarkAsPaidStrategy.PAYMENT_FLOW.value),
    ],
    description="Determine the mark as paid strategy for the channel.",
)
