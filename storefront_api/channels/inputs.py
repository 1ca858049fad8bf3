"""Inputs of the channel mutations."""

from __future__ import annotations

import graphene

from storefront_api.channels.enums import AllocationStrategyEnum, MarkAsPaidStrategyEnum
from storefront_api.core.enums import CountryCode
from storefront_api.village_hubs.scalars import Day, Minute


class StockSettingsInput(graphene.InputObjectType):
    allocation_strategy = AllocationStrategyEnum(
        required=True, description="Allocation strategy options."
    )


class OrderSettingsInput(graphene.InputObjectType):
    automatically_confirm_all_new_orders = graphene.Boolean(
        description="When enabled, all new orders are confirmed automatically."
    )
    automatically_fulfill_non_shippable_gift_card = graphene.Boolean(
        description="When enabled, non-shippable gift cards are fulfilled automatically."
    )
    expire_orders_after = graphene.InputField(
        Minute, description="Minutes after which unpaid orders expire; 0 or null: never."
    )
    delete_expired_orders_after = graphene.InputField(
        Day, description="Days (1–120) after which expired orders are deleted."
    )
    mark_as_paid_strategy = MarkAsPaidStrategyEnum(
        description="Strategy used when an order is marked as paid."
    )
    allow_unpaid_orders = graphene.Boolean(
        description="Whether orders can be placed without payment (paid at pickup)."
    )


class CheckoutSettingsInput(graphene.InputObjectType):
    use_legacy_error_flow = graphene.Boolean(description="Use the legacy checkout error flow.")
    automatically_complete_fully_paid_checkouts = graphene.Boolean(
        description="Complete fully paid checkouts automatically."
    )
    allow_legacy_gift_card_use = graphene.Boolean(description="Allow legacy gift card use.")


class _ChannelInputBase(graphene.InputObjectType):
    is_active = graphene.Boolean(description="Whether the channel is active.")
    stock_settings = graphene.InputField(StockSettingsInput, description="Stock settings.")
    order_settings = graphene.InputField(OrderSettingsInput, description="Order settings.")
    checkout_settings = graphene.InputField(CheckoutSettingsInput, description="Checkout settings.")


class ChannelCreateInput(_ChannelInputBase):
    name = graphene.String(required=True, description="Name of the channel.")
    slug = graphene.String(required=True, description="Slug of the channel.")
    currency_code = graphene.String(required=True, description="Currency of the channel.")
    default_country = CountryCode(required=True, description="Default country of the channel.")


class ChannelUpdateInput(_ChannelInputBase):
    name = graphene.String(description="Name of the channel.")
    slug = graphene.String(description="Slug of the channel.")
    default_country = CountryCode(description="Default country of the channel.")
