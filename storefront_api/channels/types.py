"""Channels with Saleor's shape: one per village hub; its settings are visible to the
channel's staff."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.channels.models import Channel as ChannelModel
from storefront_api.channels.enums import (
    AllocationStrategyEnum,
    ChannelErrorCode,
    MarkAsPaidStrategyEnum,
)
from storefront_api.core.enums import CountryCode
from storefront_api.core.metadata import NoStoredMetadata
from storefront_api.core.types import COUNTRY_DISPLAY, Error, country_display, plain
from storefront_api.village_hubs import access
from storefront_api.village_hubs.dataloaders import VillageHubByChannelIdLoader
from storefront_api.village_hubs.scalars import Day, Minute
from storefront_api.warehouses.dataloaders import WarehousesByChannelIdLoader
from storefront_api.warehouses.types import Warehouse


class StockSettings(graphene.ObjectType):
    allocation_strategy = AllocationStrategyEnum(
        required=True,
        description="Allocation strategy defines the preference of warehouses for allocations "
        "and reservations.",
    )

    class Meta:
        description = "Represents the channel stock settings."


class OrderSettings(graphene.ObjectType):
    automatically_confirm_all_new_orders = graphene.Boolean(
        required=True,
        description="When enabled, all non-shippable gift card orders are confirmed automatically.",
    )
    automatically_fulfill_non_shippable_gift_card = graphene.Boolean(
        required=True,
        description="When enabled, non-shippable gift cards are fulfilled automatically.",
    )
    expire_orders_after = graphene.Field(
        Minute, description="Minutes after which unpaid orders expire; null: never."
    )
    mark_as_paid_strategy = MarkAsPaidStrategyEnum(
        required=True, description="Strategy used when an order is marked as paid."
    )
    delete_expired_orders_after = graphene.Field(
        Day, required=True, description="Days after which expired orders are deleted."
    )
    allow_unpaid_orders = graphene.Boolean(
        required=True,
        description="Whether orders can be placed without payment (paid at pickup).",
    )

    class Meta:
        description = "Represents the channel-specific order settings."


class CheckoutSettings(graphene.ObjectType):
    use_legacy_error_flow = graphene.Boolean(
        required=True, description="Whether checkout errors use the legacy flow."
    )
    automatically_complete_fully_paid_checkouts = graphene.Boolean(
        required=True, description="Whether fully paid checkouts complete automatically."
    )
    automatic_completion_delay = graphene.Field(
        Minute, description="Minutes to wait before completing a fully paid checkout."
    )
    allow_legacy_gift_card_use = graphene.Boolean(
        required=True, description="Whether gift cards may be used the legacy way."
    )

    class Meta:
        description = "Represents the channel-specific checkout settings."


def _channel_staff(info: graphene.ResolveInfo, channel: ChannelModel) -> None:
    access.require(access.can_see_channel_settings(info, channel.pk))


class Channel(NoStoredMetadata, graphene.ObjectType):
    slug = graphene.String(required=True, description="Slug of the channel.")
    name = graphene.String(
        required=True, description="Name of the channel. Requires staff of the channel."
    )
    is_active = graphene.Boolean(
        required=True, description="Whether the channel is active. Requires staff."
    )
    currency_code = graphene.String(
        required=True, description="Currency of the channel. Requires staff."
    )
    has_orders = graphene.Boolean(
        required=True, description="Whether the channel has orders. Requires platform staff."
    )
    default_country = graphene.Field(
        COUNTRY_DISPLAY, required=True, description="Default country of the channel."
    )
    warehouses = graphene.List(
        graphene.NonNull(lambda: Warehouse),
        required=True,
        description="Warehouses serving the channel. Requires staff.",
    )
    countries = graphene.List(
        graphene.NonNull(COUNTRY_DISPLAY), description="List of shippable countries."
    )
    stock_settings = graphene.Field(
        StockSettings, required=True, description="Stock settings of the channel."
    )
    order_settings = graphene.Field(
        OrderSettings, required=True, description="Order settings of the channel."
    )
    checkout_settings = graphene.Field(
        CheckoutSettings, required=True, description="Checkout settings of the channel."
    )
    village_hub = graphene.Field(
        "storefront_api.village_hubs.types.VillageHub",
        description="The village hub selling through this channel.",
    )
    available_shipping_methods_per_country = graphene.List(
        graphene.NonNull("storefront_api.shipping.zones.ShippingMethodsPerCountry"),
        countries=graphene.List(
            graphene.NonNull(CountryCode),
            description="List of countries to filter shipping methods.",
        ),
        description="Shipping methods that are available for the channel, per country.",
    )

    @staticmethod
    def resolve_available_shipping_methods_per_country(
        root: ChannelModel, info: graphene.ResolveInfo, countries: list[Any] | None = None
    ) -> Any:
        from storefront_api.shipping.zones import resolve_channel_shipping_methods_per_country

        return resolve_channel_shipping_methods_per_country(root, info, countries)

    class Meta:
        description = "Represents channel."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ChannelModel)

    @staticmethod
    def resolve_name(root: ChannelModel, info: graphene.ResolveInfo) -> str:
        _channel_staff(info, root)
        return root.name

    @staticmethod
    def resolve_is_active(root: ChannelModel, info: graphene.ResolveInfo) -> bool:
        _channel_staff(info, root)
        return root.is_active

    @staticmethod
    def resolve_currency_code(root: ChannelModel, info: graphene.ResolveInfo) -> str:
        _channel_staff(info, root)
        return root.currency_code

    @staticmethod
    def resolve_has_orders(root: ChannelModel, info: graphene.ResolveInfo) -> bool:
        access.require(access.is_platform_staff(access.viewer(info)))
        return False  # orders do not exist yet

    @staticmethod
    def resolve_default_country(root: ChannelModel, info: graphene.ResolveInfo) -> Any:
        _channel_staff(info, root)
        return country_display(root.default_country)

    @staticmethod
    def resolve_warehouses(root: ChannelModel, info: graphene.ResolveInfo) -> Any:
        _channel_staff(info, root)
        return WarehousesByChannelIdLoader(info.context).load_from(root, key=lambda c: c.pk)

    @staticmethod
    def resolve_countries(root: ChannelModel, info: graphene.ResolveInfo) -> Any:
        return [country_display(root.default_country)]

    @staticmethod
    def resolve_stock_settings(root: ChannelModel, info: graphene.ResolveInfo) -> Any:
        _channel_staff(info, root)
        return StockSettings(allocation_strategy=plain(root.allocation_strategy))

    @staticmethod
    def resolve_order_settings(root: ChannelModel, info: graphene.ResolveInfo) -> Any:
        _channel_staff(info, root)
        return OrderSettings(
            automatically_confirm_all_new_orders=root.automatically_confirm_all_new_orders,
            automatically_fulfill_non_shippable_gift_card=(
                root.automatically_fulfill_non_shippable_gift_card
            ),
            expire_orders_after=root.expire_orders_after,
            mark_as_paid_strategy=plain(root.mark_as_paid_strategy),
            delete_expired_orders_after=root.delete_expired_orders_after,
            allow_unpaid_orders=root.allow_unpaid_orders,
        )

    @staticmethod
    def resolve_checkout_settings(root: ChannelModel, info: graphene.ResolveInfo) -> Any:
        _channel_staff(info, root)
        return root

    @staticmethod
    def resolve_village_hub(root: ChannelModel, info: graphene.ResolveInfo) -> Any:
        return VillageHubByChannelIdLoader(info.context).load_from(root, key=lambda c: c.pk)


class ChannelError(Error):
    code = ChannelErrorCode(required=True, description="The error code.")
