from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from graphql_relay import to_global_id

from marketplace.accounts import tokens
from marketplace.accounts.models import User
from marketplace.catalog.models import ProductVariant
from marketplace.village_hubs.models import Cooperative, VillageHub
from marketplace.warehouses.models import Warehouse
from tests.factories.checkout import pickup_point, sellable_variant
from tests.factories.regions import village_pecatu
from tests.factories.village_hubs import (
    CooperativeFactory,
    CooperativeStaffFactory,
    HubOperatorFactory,
    VillageHubFactory,
)

ADDRESS = {
    "firstName": "Made",
    "lastName": "Wirawan",
    "streetAddress1": "Jl. Uluwatu No. 12",
    "city": "Kabupaten Badung",
    "cityArea": "Kuta Selatan",
    "countryArea": "Bali",
    "postalCode": "80361",
    "country": "ID",
    "phone": "0812-3456-7890",
}


def gid(type_name: str, pk: Any) -> str:
    return to_global_id(type_name, str(pk))


def token_for(user: User) -> str:
    return tokens.create_access_token(user)


@dataclass
class Shop:
    """A village hub selling two cooperatives' goods, picked up at its pickup point."""

    hub: VillageHub
    point: Warehouse
    coop_a: Cooperative
    coop_b: Cooperative
    beras: ProductVariant  # coop A, 10 in stock, Rp 65.000
    kopi: ProductVariant  # coop B, 10 in stock, Rp 40.000
    operator: User
    other_operator: User  # operates another hub
    staff_a: User
    staff_b: User


@pytest.fixture
def shop(db: None) -> Shop:
    village = village_pecatu()
    hub = VillageHubFactory(name="Gerai Pecatu", slug="gerai-pecatu", village=village)
    hub.channel.automatically_confirm_all_new_orders = False  # confirmed once paid
    hub.channel.save(update_fields=["automatically_confirm_all_new_orders"])
    point = pickup_point(hub, name="Titik ambil Balai Desa")
    coop_a = CooperativeFactory(name="Koperasi Tani Pecatu", village=village)
    coop_b = CooperativeFactory(name="Koperasi Kopi Kintamani", village=village)
    beras = sellable_variant(hub, point, price=65_000, cooperative=coop_a, name="Beras merah")
    kopi = sellable_variant(hub, point, price=40_000, cooperative=coop_b, name="Kopi arabika")
    return Shop(
        hub=hub,
        point=point,
        coop_a=coop_a,
        coop_b=coop_b,
        beras=beras,
        kopi=kopi,
        operator=HubOperatorFactory(hub=hub).user,
        other_operator=HubOperatorFactory().user,
        staff_a=CooperativeStaffFactory(cooperative=coop_a).user,
        staff_b=CooperativeStaffFactory(cooperative=coop_b).user,
    )
