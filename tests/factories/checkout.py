"""Checkouts, and a sellable setup (hub, pickup point, priced and stocked variants)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from marketplace.catalog.models import ProductVariant
from marketplace.checkout.models import Checkout, CheckoutLine, Reservation
from marketplace.village_hubs.models import Cooperative, VillageHub
from marketplace.warehouses.models import Stock, Warehouse
from tests.factories.catalog import (
    ProductChannelListingFactory,
    ProductFactory,
    ProductVariantChannelListingFactory,
    ProductVariantFactory,
)
from tests.factories.channels import ChannelFactory
from tests.factories.village_hubs import CooperativeFactory, HubSupplyFactory
from tests.factories.warehouses import StockFactory, WarehouseFactory


class CheckoutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Checkout

    channel = factory.SubFactory(ChannelFactory)
    email = factory.Sequence(lambda n: f"pembeli{n}@example.com")


class CheckoutLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckoutLine

    checkout = factory.SubFactory(CheckoutFactory)
    variant = factory.SubFactory(ProductVariantFactory)
    quantity = 1


class ReservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reservation

    checkout_line = factory.SubFactory(CheckoutLineFactory)
    stock = factory.SubFactory(StockFactory)
    quantity_reserved = 1
    reserved_until = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(minutes=20))


def pickup_point(hub: VillageHub, **kwargs: object) -> Warehouse:
    """The hub's click-and-collect warehouse, serving the hub's channel."""
    kwargs.setdefault("click_and_collect_option", Warehouse.ClickAndCollect.ALL_WAREHOUSES)
    return WarehouseFactory(
        village_hub=hub, village=hub.village, channels=[hub.channel], is_private=False, **kwargs
    )


def sellable_variant(
    hub: VillageHub,
    warehouse: Warehouse,
    *,
    price: int = 15_000,
    quantity: int = 10,
    cooperative: Cooperative | None = None,
    **product_kwargs: object,
) -> ProductVariant:
    """A variant published, available and priced in the hub's channel, stocked in
    ``warehouse``; its cooperative supplies the hub."""
    cooperative = cooperative or CooperativeFactory()
    HubSupplyFactory(hub=hub, cooperative=cooperative)
    product = ProductFactory(cooperative=cooperative, **product_kwargs)
    variant = ProductVariantFactory(product=product)
    ProductChannelListingFactory(
        product=product,
        channel=hub.channel,
        available_for_purchase_at=timezone.now() - datetime.timedelta(days=1),
    )
    ProductVariantChannelListingFactory(
        variant=variant, channel=hub.channel, price_amount=Decimal(price)
    )
    if quantity is not None:
        StockFactory(warehouse=warehouse, product_variant=variant, quantity=quantity)
    return variant


def stock_of(variant: ProductVariant, warehouse: Warehouse) -> Stock:
    return Stock.objects.get(product_variant=variant, warehouse=warehouse)
