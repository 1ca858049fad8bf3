"""Reads of shipping methods."""

from __future__ import annotations

from django.db.models import QuerySet

from marketplace.accounts.models import Address
from marketplace.channels.models import Channel
from marketplace.shipping.areas import method_serves_address
from marketplace.shipping.models import ShippingMethod


def shipping_methods_for_channel(*, channel: Channel) -> QuerySet[ShippingMethod]:
    """Active shipping methods offered in ``channel``, cheapest first."""
    return (
        ShippingMethod.objects.filter(channel=channel, is_active=True)
        .select_related("regency")
        .order_by("price_amount", "pk")
    )


def shipping_methods_for_address(
    *, channel: Channel, address: Address | None
) -> list[ShippingMethod]:
    """The active methods of ``channel`` that deliver to ``address`` (its country, and
    the method's regency when it has one), cheapest first. Without an address, only
    methods with no regency (Saleor lists none before the address is known)."""
    return [
        method
        for method in shipping_methods_for_channel(channel=channel)
        if method_serves_address(method=method, address=address, country=channel.default_country)
    ]
