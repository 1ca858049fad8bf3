"""Writes of shipping methods."""

from __future__ import annotations

import logging

from django.db import transaction

from marketplace.channels.models import Channel
from marketplace.regions.models import Regency
from marketplace.shipping.models import ShippingMethod

logger = logging.getLogger(__name__)


@transaction.atomic
def shipping_method_create(
    *,
    channel: Channel,
    name: str,
    price_amount: int,
    regency: Regency | None = None,
    description: str = "",
) -> ShippingMethod:
    """A flat-rate method of ``channel``; with ``regency`` it delivers only there."""
    method = ShippingMethod(
        channel=channel,
        name=name,
        price_amount=price_amount,
        regency=regency,
        description=description,
    )
    method.full_clean()
    method.save()
    logger.info("shipping_method_created", extra={"shipping_method_id": method.pk})
    return method
