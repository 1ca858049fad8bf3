"""A small marketplace: two village hubs (channels), two cooperatives each supplying one
hub, their staff, hub operators, platform staff and a customer."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from marketplace.accounts import tokens
from marketplace.accounts.models import User
from marketplace.catalog.models import Product, ProductVariant
from marketplace.channels.models import Channel
from marketplace.village_hubs.models import Cooperative, VillageHub
from marketplace.warehouses.models import Warehouse
from storefront_api.core.ids import global_id
from tests.factories.accounts import UserFactory
from tests.factories.catalog import (
    CategoryFactory,
    ProductChannelListingFactory,
    ProductFactory,
    ProductTypeFactory,
    ProductVariantChannelListingFactory,
    ProductVariantFactory,
)
from tests.factories.village_hubs import (
    CooperativeFactory,
    CooperativeStaffFactory,
    HubOperatorFactory,
    HubSupplyFactory,
    VillageHubFactory,
)
from tests.factories.warehouses import StockFactory, WarehouseFactory


def token_for(user: User | None) -> str | None:
    return tokens.create_access_token(user) if user is not None else None


def gid(type_name: str, pk: Any) -> str:
    return global_id(type_name, pk)


@dataclass
class World:
    hub1: VillageHub
    hub2: VillageHub
    channel1: Channel
    channel2: Channel
    coop_a: Cooperative
    coop_b: Cooperative
    staff_a: User
    staff_b: User
    operator1: User
    operator2: User
    platform: User
    customer: User
    product_a: Product  # coop A, published in channel 1
    hidden_a: Product  # coop A, listed in channel 1, unpublished
    product_b: Product  # coop B, published in channel 2
    variant_a: ProductVariant
    variant_b: ProductVariant
    pickup1: Warehouse  # hub 1's pickup point
    store_b: Warehouse  # coop B's own store room

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


@pytest.fixture
def world(db: None) -> World:
    hub1, hub2 = VillageHubFactory(), VillageHubFactory()
    coop_a, coop_b = CooperativeFactory(), CooperativeFactory()
    HubSupplyFactory(hub=hub1, cooperative=coop_a)
    HubSupplyFactory(hub=hub2, cooperative=coop_b)
    staff_a = CooperativeStaffFactory(cooperative=coop_a).user
    staff_b = CooperativeStaffFactory(cooperative=coop_b).user
    operator1 = HubOperatorFactory(hub=hub1).user
    operator2 = HubOperatorFactory(hub=hub2).user
    platform = UserFactory(is_staff=True)
    customer = UserFactory()
    category = CategoryFactory(name="Camilan", slug="camilan")
    product_type = ProductTypeFactory()
    product_a = ProductFactory(
        cooperative=coop_a, category=category, product_type=product_type, slug="keripik-a"
    )
    hidden_a = ProductFactory(
        cooperative=coop_a, category=category, product_type=product_type, slug="rahasia-a"
    )
    product_b = ProductFactory(
        cooperative=coop_b, category=category, product_type=product_type, slug="keripik-b"
    )
    ProductChannelListingFactory(product=product_a, channel=hub1.channel)
    ProductChannelListingFactory(
        product=hidden_a, channel=hub1.channel, is_published=False, visible_in_listings=False
    )
    ProductChannelListingFactory(product=product_b, channel=hub2.channel)
    variant_a = ProductVariantFactory(product=product_a, sku="A-1")
    variant_b = ProductVariantFactory(product=product_b, sku="B-1")
    ProductVariantChannelListingFactory(
        variant=variant_a,
        channel=hub1.channel,
        price_amount=Decimal(15_000),
        cost_price_amount=Decimal(9_000),
    )
    ProductVariantChannelListingFactory(
        variant=variant_b,
        channel=hub2.channel,
        price_amount=Decimal(20_000),
        cost_price_amount=Decimal(12_000),
    )
    pickup1 = WarehouseFactory(village_hub=hub1, channels=[hub1.channel])
    store_b = WarehouseFactory(cooperative=coop_b, channels=[hub2.channel])
    StockFactory(warehouse=pickup1, product_variant=variant_a, quantity=7)
    StockFactory(warehouse=store_b, product_variant=variant_b, quantity=5)
    return World(
        hub1=hub1,
        hub2=hub2,
        channel1=hub1.channel,
        channel2=hub2.channel,
        coop_a=coop_a,
        coop_b=coop_b,
        staff_a=staff_a,
        staff_b=staff_b,
        operator1=operator1,
        operator2=operator2,
        platform=platform,
        customer=customer,
        product_a=product_a,
        hidden_a=hidden_a,
        product_b=product_b,
        variant_a=variant_a,
        variant_b=variant_b,
        pickup1=pickup1,
        store_b=store_b,
    )


def permission_denied(result: dict) -> bool:
    return any(
        error["extensions"]["exception"]["code"] == "PermissionDenied"
        for error in result.get("errors") or []
    )
