"""``Shop.availableShippingMethods(channel:, address:)``: the flat-rate deliveries of a
village hub's channel, as Saleor lists a channel's shipping methods.

A hub delivers inside Indonesia only (its channel's country): for an address in another
country the list is empty, as Saleor's shipping zones filter by country; an address with
a ``city`` (kabupaten/kota) also leaves out a village courier of another regency. An unknown
channel gives an empty list, as in Saleor; so does the channel of a hub that does not
sell now, except to platform staff and that hub's operators.
"""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts.models import Address as AddressModel
from marketplace.channels.models import Channel as ChannelModel
from marketplace.shipping.models import ShippingMethod as ShippingMethodModel
from marketplace.shipping.selectors import (
    shipping_methods_for_address,
    shipping_methods_for_channel,
)
from storefront_api.village_hubs import access
from storefront_api.village_hubs.utils import enum_value


def resolve_shop_shipping_methods(
    info: graphene.ResolveInfo, *, channel: str, address: Any = None
) -> list[ShippingMethodModel]:
    channel_obj = ChannelModel.objects.filter(slug=channel).first()
    if channel_obj is None:
        return []
    if not channel_obj.is_active and not access.can_see_channel_settings(info, channel_obj.pk):
        return []
    country = enum_value(address.get("country")) if address else None
    if country and str(country).upper() != channel_obj.default_country.upper():
        return []
    methods = list(shipping_methods_for_channel(channel=channel_obj))
    if country and address.get("city"):
        place = AddressModel(country=str(country).upper(), city=str(address["city"]))
        methods = shipping_methods_for_address(channel=channel_obj, address=place)
    for method in methods:
        method.channel = channel_obj  # the price's currency
    return methods
