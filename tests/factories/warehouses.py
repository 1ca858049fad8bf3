"""Warehouses and stock built directly (not through the services)."""

from __future__ import annotations

import factory

from marketplace.warehouses.models import Stock, Warehouse
from tests.factories.catalog import ProductVariantFactory
from tests.factories.regions import VillageFactory


class WarehouseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Warehouse
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Gudang {n}")
    slug = factory.Sequence(lambda n: f"gudang-{n}")
    village = factory.SubFactory(VillageFactory)
    street_address = "Jl. Raya Uluwatu No. 2"
    postal_code = "80362"
    village_hub = None
    cooperative = None

    @factory.post_generation
    def channels(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.channels.set(extracted)


class StockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stock

    warehouse = factory.SubFactory(WarehouseFactory)
    product_variant = factory.SubFactory(ProductVariantFactory)
    quantity = 10
    quantity_allocated = 0
