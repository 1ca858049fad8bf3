"""Catalog rows built directly (not through the services)."""

from __future__ import annotations

from decimal import Decimal

import factory

from marketplace.catalog.models import (
    Category,
    Product,
    ProductChannelListing,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from tests.factories.channels import ChannelFactory
from tests.factories.village_hubs import CooperativeFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Makanan ringan {n}")
    slug = factory.Sequence(lambda n: f"makanan-ringan-{n}")
    parent = None
    level = factory.LazyAttribute(lambda o: 0 if o.parent is None else o.parent.level + 1)


class ProductTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductType

    name = factory.Sequence(lambda n: f"Olahan pangan {n}")
    slug = factory.Sequence(lambda n: f"olahan-pangan-{n}")
    has_variants = True


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    product_type = factory.SubFactory(ProductTypeFactory)
    category = factory.SubFactory(CategoryFactory)
    cooperative = factory.SubFactory(CooperativeFactory)
    producer = None
    name = factory.Sequence(lambda n: f"Keripik tempe {n}")
    slug = factory.Sequence(lambda n: f"keripik-tempe-{n}")
    description = factory.LazyFunction(
        lambda: {"blocks": [{"type": "paragraph", "data": {"text": "Camilan renyah"}}]}
    )
    description_plaintext = "Camilan renyah"
    weight_grams = 250


class ProductVariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductVariant

    product = factory.SubFactory(ProductFactory)
    sku = factory.Sequence(lambda n: f"KT-{n:05d}")
    name = "250 g"
    sort_order = 0


class ProductChannelListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductChannelListing

    product = factory.SubFactory(ProductFactory)
    channel = factory.SubFactory(ChannelFactory)
    is_published = True
    published_at = None
    visible_in_listings = True


class ProductVariantChannelListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductVariantChannelListing

    variant = factory.SubFactory(ProductVariantFactory)
    channel = factory.SubFactory(ChannelFactory)
    price_amount = Decimal(15_000)
    currency = "IDR"
