"""Reads of shipping methods."""

from __future__ import annotations

from django.db.models import QuerySet

from marketplace.channels.models import Channel
from marketplace.shipping.models import ShippingMethod


def shipping_methods_for_channel(*, channel: Channel) -> QuerySet[ShippingMethod]:
    """Active shipping methods offered in ``channel``, cheapest first."""
    return ShippingMethod.objects.filter(channel=channel, is_active=True).order_by(
        "price_amount", "pk"
    )
