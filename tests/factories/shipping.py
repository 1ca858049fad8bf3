"""Shipping methods built directly."""

from __future__ import annotations

from decimal import Decimal

import factory

from marketplace.shipping.models import ShippingMethod
from tests.factories.channels import ChannelFactory


class ShippingMethodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ShippingMethod

    channel = factory.SubFactory(ChannelFactory)
    name = factory.Sequence(lambda n: f"Kurir desa {n}")
    price_amount = Decimal(5_000)
    is_active = True
