"""Reads of shipping methods."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, QuerySet

from marketplace.accounts.models import Address
from marketplace.channels.models import Channel
from marketplace.regions.models import Regency
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


@dataclass(frozen=True)
class ShippingZone:
    """One delivery area of a channel, as Saleor's ``ShippingZone``: the channel's active
    methods delivering in one regency (its village couriers), or anywhere in the
    channel's country (``regency`` None). Not stored: grouped from the methods."""

    channel: Channel
    regency: Regency | None
    methods: tuple[ShippingMethod, ...]

    @property
    def key(self) -> str:
        """``<channel pk>-<regency code>``, ``<channel pk>-<country>`` country-wide."""
        area = self.regency.pk if self.regency is not None else self.channel.default_country
        return f"{self.channel.pk}-{area}"


def shipping_zones_by_channel(*, channel_ids: Iterable[int]) -> dict[int, list[ShippingZone]]:
    """The zones of each channel (one query): the country-wide zone first, then the
    regencies by code; each zone's methods cheapest first. A channel without active
    methods has no zones."""
    methods = (
        ShippingMethod.objects.filter(channel_id__in=list(channel_ids), is_active=True)
        .select_related("regency", "channel")
        .order_by("channel_id", F("regency_id").asc(nulls_first=True), "price_amount", "pk")
    )
    grouped: dict[tuple[int, str | None], list[ShippingMethod]] = {}
    for method in methods:
        grouped.setdefault((method.channel_id, method.regency_id), []).append(method)
    zones: dict[int, list[ShippingZone]] = defaultdict(list)
    for (channel_id, _regency_id), members in grouped.items():
        first = members[0]
        zones[channel_id].append(
            ShippingZone(channel=first.channel, regency=first.regency, methods=tuple(members))
        )
    return dict(zones)


def shipping_zones_exist() -> bool:
    """Whether some selling channel has an active shipping method (a zone)."""
    return ShippingMethod.objects.filter(is_active=True, channel__is_active=True).exists()
