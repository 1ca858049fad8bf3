"""Saleor's ``ShippingZone`` and ``ShippingMethodType`` over Lumbung's village couriers,
and ``Channel.availableShippingMethodsPerCountry``.

A zone is not stored: it is a channel's active flat-rate methods grouped by the regency
they deliver in (``marketplace.shipping.selectors.ShippingZone``), plus one country-wide
zone for the methods without a regency. Every zone lies in Indonesia, its only country;
its warehouses are the channel's pickup points (all the channel's warehouses for its
staff); prices are flat, so there are no weight limits or postal-code rules. Zones of a
channel that does not sell now are shown to its staff only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.shipping.selectors import ShippingZone as ZoneData
from marketplace.shipping.selectors import shipping_zones_by_channel
from marketplace.warehouses.models import ClickAndCollectOption
from storefront_api.catalog.storefront import list_connection
from storefront_api.channels.types import Channel
from storefront_api.core.connection import CountableConnection
from storefront_api.core.dataloaders import BaseLoader
from storefront_api.core.enums import CountryCode, LanguageCodeEnum
from storefront_api.core.metadata import NoStoredMetadata
from storefront_api.core.types import COUNTRY_DISPLAY, Money, country_display, money
from storefront_api.shipping.types import ShippingMethodTranslation, ShippingMethodTypeEnum
from storefront_api.village_hubs import access
from storefront_api.warehouses.dataloaders import WarehousesByChannelIdLoader
from storefront_api.warehouses.types import Warehouse

PostalCodeRuleInclusionTypeEnum = graphene.Enum(
    "PostalCodeRuleInclusionTypeEnum",
    [("INCLUDE", "include"), ("EXCLUDE", "exclude")],
    description="Whether a postal code rule includes or excludes codes (Lumbung has none).",
)


class ShippingZonesByChannelIdLoader(BaseLoader[int, list[ZoneData]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[ZoneData]]:
        zones = shipping_zones_by_channel(channel_ids=keys)
        return [zones.get(key, []) for key in keys]


class ChannelIdsByWarehouseIdLoader(BaseLoader[Any, list[int]]):
    def batch_load(self, keys: Sequence[Any]) -> list[list[int]]:
        from marketplace.warehouses.models import Warehouse as WarehouseModel

        through = WarehouseModel.channels.through
        found: dict[Any, list[int]] = {}
        links = through.objects.filter(warehouse_id__in=keys).order_by("channel_id")
        for warehouse_id, channel_id in links.values_list("warehouse_id", "channel_id"):
            found.setdefault(warehouse_id, []).append(channel_id)
        return [found.get(key, []) for key in keys]


def visible_zones(info: graphene.ResolveInfo, zones: list[ZoneData]) -> list[ZoneData]:
    """Zones of selling channels, and of any channel for its staff."""
    return [
        zone
        for zone in zones
        if zone.channel.is_active or access.can_see_channel_settings(info, zone.channel.pk)
    ]


class MoneyRange(graphene.ObjectType):
    start = graphene.Field(Money, description="Lower bound of a price range.")
    stop = graphene.Field(Money, description="Upper bound of a price range.")

    class Meta:
        description = "Represents a range of amounts of money."


class ShippingMethodPostalCodeRule(graphene.ObjectType):
    start = graphene.String(description="Start address range.")
    end = graphene.String(description="End address range.")
    inclusion_type = PostalCodeRuleInclusionTypeEnum(
        description="Inclusion type of the postal code rule."
    )

    class Meta:
        description = "Represents shipping method postal code rule (Lumbung has none)."
        interfaces = (graphene.relay.Node,)


class ShippingMethodType(NoStoredMetadata, graphene.ObjectType):
    name = graphene.String(required=True, description="Shipping method name.")
    description = graphene.JSONString(description="Shipping method description.")
    type = ShippingMethodTypeEnum(description="Type of the shipping method (a flat price).")
    translation = graphene.Field(
        ShippingMethodTranslation,
        language_code=LanguageCodeEnum(
            required=True, description="A language code to return the translation for."
        ),
        description="Returns translated shipping method fields for the given language code.",
    )
    maximum_order_price = graphene.Field(
        Money, description="The price of the cart above which this method does not apply (none)."
    )
    minimum_order_price = graphene.Field(
        Money, description="The price of the cart below which this method does not apply (none)."
    )
    postal_code_rules = graphene.List(
        graphene.NonNull(ShippingMethodPostalCodeRule),
        description="Postal code ranges rule of exclusion or inclusion of the shipping method "
        "(none: a village courier's area is its regency).",
    )
    minimum_order_weight = graphene.Field(
        "storefront_api.core.types.Weight", description="Minimum order weight (none)."
    )
    maximum_order_weight = graphene.Field(
        "storefront_api.core.types.Weight", description="Maximum order weight (none)."
    )
    maximum_delivery_days = graphene.Int(description="Maximum number of days for delivery.")
    minimum_delivery_days = graphene.Int(description="Minimal number of days for delivery.")

    class Meta:
        description = (
            "Shipping method are the methods you'll use to get customer's orders to them. "
            "Lumbung's are flat-rate village couriers of one channel."
        )
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ZoneMethod)

    @staticmethod
    def resolve_id(root: ZoneMethod, info: graphene.ResolveInfo) -> str:
        return str(root.method.pk)

    @staticmethod
    def resolve_name(root: ZoneMethod, info: graphene.ResolveInfo) -> str:
        return root.method.name

    @staticmethod
    def resolve_description(root: ZoneMethod, info: graphene.ResolveInfo) -> Any:
        text = root.method.description
        return {"blocks": [{"type": "paragraph", "data": {"text": text}}]} if text else None

    @staticmethod
    def resolve_type(root: ZoneMethod, info: graphene.ResolveInfo) -> str:
        return "price"

    @staticmethod
    def resolve_translation(root: ZoneMethod, info: graphene.ResolveInfo, **kwargs: Any) -> None:
        return None

    @staticmethod
    def resolve_postal_code_rules(root: ZoneMethod, info: graphene.ResolveInfo) -> list:
        return []

    @staticmethod
    def _none(root: ZoneMethod, info: graphene.ResolveInfo) -> None:
        return None

    resolve_maximum_order_price = _none
    resolve_minimum_order_price = _none
    resolve_minimum_order_weight = _none
    resolve_maximum_order_weight = _none
    resolve_maximum_delivery_days = _none
    resolve_minimum_delivery_days = _none


class ZoneMethod:
    """A method seen as Saleor's ``ShippingMethodType`` (its zone's member)."""

    def __init__(self, method: Any) -> None:
        self.method = method


class ShippingZone(NoStoredMetadata, graphene.ObjectType):
    name = graphene.String(required=True, description="Shipping zone name.")
    default = graphene.Boolean(
        required=True, description="Indicates if the shipping zone is default one."
    )
    price_range = graphene.Field(
        MoneyRange, description="Lowest and highest prices for the shipping."
    )
    countries = graphene.List(
        graphene.NonNull(COUNTRY_DISPLAY),
        required=True,
        description="List of countries available for the method.",
    )
    shipping_methods = graphene.List(
        graphene.NonNull(ShippingMethodType),
        description="List of shipping methods available for orders shipped to countries "
        "within this shipping zone.",
    )
    warehouses = graphene.List(
        graphene.NonNull(Warehouse),
        required=True,
        description="List of warehouses for shipping zone.",
    )
    channels = graphene.List(
        graphene.NonNull(Channel), required=True, description="List of channels for shipping zone."
    )
    description = graphene.String(description="Description of a shipping zone.")

    class Meta:
        description = (
            "Represents a shipping zone: a village hub channel's couriers delivering in one "
            "regency (kabupaten/kota), or anywhere in Indonesia."
        )
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ZoneData)

    @staticmethod
    def resolve_id(root: ZoneData, info: graphene.ResolveInfo) -> str:
        return root.key

    @staticmethod
    def resolve_name(root: ZoneData, info: graphene.ResolveInfo) -> str:
        if root.regency is not None:
            return root.regency.name
        return country_display(root.channel.default_country)["country"]

    @staticmethod
    def resolve_default(root: ZoneData, info: graphene.ResolveInfo) -> bool:
        return False

    @staticmethod
    def resolve_price_range(root: ZoneData, info: graphene.ResolveInfo) -> MoneyRange:
        prices = [int(method.price_amount) for method in root.methods]
        currency = root.channel.currency_code
        return MoneyRange(start=money(min(prices), currency), stop=money(max(prices), currency))

    @staticmethod
    def resolve_countries(root: ZoneData, info: graphene.ResolveInfo) -> list[Any]:
        return [country_display(root.channel.default_country)]

    @staticmethod
    def resolve_shipping_methods(root: ZoneData, info: graphene.ResolveInfo) -> list[ZoneMethod]:
        return [ZoneMethod(method) for method in root.methods]

    @staticmethod
    def resolve_warehouses(root: ZoneData, info: graphene.ResolveInfo) -> list[Any]:
        warehouses = WarehousesByChannelIdLoader(info.context).load(root.channel.pk)
        if access.can_see_channel_settings(info, root.channel.pk):
            return warehouses
        return [
            warehouse
            for warehouse in warehouses
            if warehouse.click_and_collect_option != ClickAndCollectOption.DISABLED
        ]

    @staticmethod
    def resolve_channels(root: ZoneData, info: graphene.ResolveInfo) -> list[Any]:
        return [root.channel]

    @staticmethod
    def resolve_description(root: ZoneData, info: graphene.ResolveInfo) -> str:
        area = ShippingZone.resolve_name(root, info)
        return _("Village couriers delivering in %(area)s.") % {"area": area}


class ShippingZoneCountableConnection(CountableConnection):
    class Meta:
        node = ShippingZone


def resolve_warehouse_shipping_zones(
    root: Any, info: graphene.ResolveInfo, args: dict[str, Any]
) -> Any:
    channel_ids = ChannelIdsByWarehouseIdLoader(info.context).load(root.pk)
    zones = [
        zone
        for zones_of_channel in ShippingZonesByChannelIdLoader(info.context).load_many(channel_ids)
        for zone in zones_of_channel
    ]
    return list_connection(visible_zones(info, zones), info, args, ShippingZoneCountableConnection)


class ShippingMethodsPerCountry(graphene.ObjectType):
    country_code = CountryCode(required=True, description="The country code.")
    shipping_methods = graphene.List(
        graphene.NonNull("storefront_api.shipping.types.ShippingMethod"),
        description="List of available shipping methods.",
    )

    class Meta:
        description = "List of shipping methods available for the country."


def resolve_channel_shipping_methods_per_country(
    root: Any, info: graphene.ResolveInfo, countries: list[Any] | None = None
) -> list[ShippingMethodsPerCountry]:
    """Saleor's answer: for each requested country its methods (an empty list for a
    country the channel does not deliver to); without ``countries``, each country the
    channel delivers to (Indonesia, when it has active methods)."""
    zones = visible_zones(info, ShippingZonesByChannelIdLoader(info.context).load(root.pk))
    methods = sorted(
        (method for zone in zones for method in zone.methods),
        key=lambda method: (int(method.price_amount), method.pk),
    )
    for method in methods:
        method.channel = root  # the price's currency
    country = root.default_country.upper()
    by_country = {country: methods} if methods else {}
    codes = [getattr(code, "value", code) for code in countries] if countries else list(by_country)
    return [
        ShippingMethodsPerCountry(country_code=code, shipping_methods=by_country.get(code, []))
        for code in codes
    ]
