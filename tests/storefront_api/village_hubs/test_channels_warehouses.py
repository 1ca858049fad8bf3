from __future__ import annotations

import pytest

from marketplace.channels.models import Channel
from marketplace.warehouses.models import Warehouse
from tests.factories.warehouses import WarehouseFactory
from tests.storefront_api.village_hubs.conftest import assert_permission_denied, gid

pytestmark = pytest.mark.django_db

CHANNEL_CREATE = """
mutation Create($input: ChannelCreateInput!) {
  channelCreate(input: $input) {
    channel { id slug name currencyCode isActive defaultCountry { code country }
      stockSettings { allocationStrategy }
      orderSettings { allowUnpaidOrders expireOrdersAfter deleteExpiredOrdersAfter
        markAsPaidStrategy } }
    errors { field message code }
    channelErrors { code }
  }
}
"""
CHANNEL_UPDATE = """
mutation Update($id: ID!, $input: ChannelUpdateInput!) {
  channelUpdate(id: $id, input: $input) { channel { name } errors { field code } }
}
"""
WAREHOUSE_CREATE = """
mutation Create($input: WarehouseCreateInput!) {
  createWarehouse(input: $input) {
    warehouse { id name slug isPrivate clickAndCollectOption villageHub { slug }
      address { streetAddress1 streetAddress2 city cityArea countryArea postalCode
        country { code } phone } }
    errors { field message code }
  }
}
"""
WAREHOUSE_UPDATE = """
mutation Update($id: ID!, $input: WarehouseUpdateInput!) {
  updateWarehouse(id: $id, input: $input) { warehouse { name } errors { field code } }
}
"""


def channel_input(**overrides):
    return {
        "name": "Pasar Daring",
        "slug": "pasar-daring",
        "currencyCode": "idr",
        "defaultCountry": "ID",
        "stockSettings": {"allocationStrategy": "PRIORITIZE_HIGH_STOCK"},
        "orderSettings": {"allowUnpaidOrders": True, "expireOrdersAfter": 60},
        **overrides,
    }


def test_platform_staff_create_channel(api, world):
    result = api(CHANNEL_CREATE, {"input": channel_input()}, as_user=world.platform_staff)
    payload = result["data"]["channelCreate"]
    assert payload["errors"] == payload["channelErrors"] == []
    channel = payload["channel"]
    assert channel["currencyCode"] == "IDR"
    assert channel["defaultCountry"] == {"code": "ID", "country": "Indonesia"}
    assert channel["stockSettings"] == {"allocationStrategy": "PRIORITIZE_HIGH_STOCK"}
    assert channel["orderSettings"] == {
        "allowUnpaidOrders": True,
        "expireOrdersAfter": 60,
        "deleteExpiredOrdersAfter": 60,
        "markAsPaidStrategy": "TRANSACTION_FLOW",
    }


def test_channel_create_duplicate_slug(api, world):
    result = api(
        CHANNEL_CREATE, {"input": channel_input(slug="gerai-pecatu")}, as_user=world.platform_staff
    )
    errors = result["data"]["channelCreate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("slug", "UNIQUE")]


@pytest.mark.parametrize("who", [None, "customer", "operator_1", "admin_a"])
def test_channel_mutations_need_platform_staff(api, world, who):
    user = getattr(world, who) if who else None
    before = Channel.objects.count()
    assert_permission_denied(api(CHANNEL_CREATE, {"input": channel_input()}, as_user=user))
    result = api(
        CHANNEL_UPDATE,
        {"id": gid("Channel", world.hub_1.channel_id), "input": {"name": "X"}},
        as_user=user,
    )
    assert_permission_denied(result)
    assert Channel.objects.count() == before
    world.hub_1.channel.refresh_from_db()
    assert world.hub_1.channel.name == "Gerai Pecatu"


def test_channel_update(api, world):
    result = api(
        CHANNEL_UPDATE,
        {"id": gid("Channel", world.hub_1.channel_id), "input": {"name": "Gerai Baru"}},
        as_user=world.platform_staff,
    )
    assert result["data"]["channelUpdate"] == {"channel": {"name": "Gerai Baru"}, "errors": []}


def test_anonymous_channel_shows_only_public_fields(api, world):
    public = api(
        '{ channel(slug: "gerai-pecatu") { id slug countries { code } villageHub { slug } } }'
    )
    assert public["data"]["channel"]["countries"] == [{"code": "ID"}]
    assert public["data"]["channel"]["villageHub"] == {"slug": "gerai-pecatu"}
    assert_permission_denied(api('{ channel(slug: "gerai-pecatu") { name currencyCode } }'))
    assert_permission_denied(api("{ channels { slug } }"))


def test_hub_operator_sees_own_channel_settings(api, world):
    result = api(
        '{ channel(slug: "gerai-pecatu") { name orderSettings { allowUnpaidOrders } } }',
        as_user=world.operator_1,
    )
    assert result["data"]["channel"] == {
        "name": "Gerai Pecatu",
        "orderSettings": {"allowUnpaidOrders": True},
    }
    assert_permission_denied(
        api('{ channel(slug: "gerai-kudus") { name } }', as_user=world.operator_1)
    )
    channels = api("{ channels { slug } }", as_user=world.operator_1)
    assert channels["data"]["channels"] == [{"slug": "gerai-pecatu"}]


def test_operator_creates_pickup_point_for_own_hub(api, world):
    result = api(
        WAREHOUSE_CREATE,
        {
            "input": {
                "name": "Balai Desa Pecatu",
                "villageHub": gid("VillageHub", world.hub_1.pk),
                "address": {"streetAddress1": "Jl. Raya Uluwatu 5", "phone": "0361 111 222"},
            }
        },
        as_user=world.operator_1,
    )
    payload = result["data"]["createWarehouse"]
    assert payload["errors"] == []
    warehouse = payload["warehouse"]
    assert warehouse["slug"] == "balai-desa-pecatu"
    assert (warehouse["isPrivate"], warehouse["clickAndCollectOption"]) == (False, "LOCAL")
    assert warehouse["address"] == {
        "streetAddress1": "Jl. Raya Uluwatu 5",
        "streetAddress2": "Pecatu",
        "city": "Kabupaten Badung",
        "cityArea": "Kuta Selatan",
        "countryArea": "Bali",
        "postalCode": "80362",
        "country": {"code": "ID"},
        "phone": "+62361111222",
    }
    assert Warehouse.objects.get(slug="balai-desa-pecatu").channels.get() == world.hub_1.channel


@pytest.mark.parametrize(
    ("extra", "field", "code"),
    [
        ({"villageCode": "11.11"}, "villageCode", "NOT_FOUND"),
        ({"slug": "taken"}, "slug", "UNIQUE"),
        ({"villageHub": "bad-id"}, "villageHub", "GRAPHQL_ERROR"),
    ],
)
def test_warehouse_create_bad_input(api, world, extra, field, code):
    WarehouseFactory(slug="taken")
    result = api(
        WAREHOUSE_CREATE,
        {
            "input": {
                "name": "Gudang",
                "villageHub": gid("VillageHub", world.hub_1.pk),
                "address": {},
                **extra,
            }
        },
        as_user=world.platform_staff,
    )
    errors = result["data"]["createWarehouse"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(field, code)]
    assert Warehouse.objects.count() == 1


def test_operator_cannot_create_or_update_pickup_points_of_another_hub(api, world):
    other = WarehouseFactory(village_hub=world.hub_2, name="Balai Kudus")
    created = api(
        WAREHOUSE_CREATE,
        {
            "input": {
                "name": "Gudang",
                "villageHub": gid("VillageHub", world.hub_2.pk),
                "address": {},
            }
        },
        as_user=world.operator_1,
    )
    assert_permission_denied(created)
    updated = api(
        WAREHOUSE_UPDATE,
        {"id": gid("Warehouse", other.pk), "input": {"name": "Diambil"}},
        as_user=world.operator_1,
    )
    assert_permission_denied(updated)
    other.refresh_from_db()
    assert other.name == "Balai Kudus"
    assert Warehouse.objects.count() == 1


def test_operator_updates_and_lists_own_pickup_points(api, world):
    own = WarehouseFactory(village_hub=world.hub_1, name="Balai Pecatu")
    WarehouseFactory(village_hub=world.hub_2)
    result = api(
        WAREHOUSE_UPDATE,
        {"id": gid("Warehouse", own.pk), "input": {"name": "Balai Desa", "isPrivate": False}},
        as_user=world.operator_1,
    )
    assert result["data"]["updateWarehouse"] == {"warehouse": {"name": "Balai Desa"}, "errors": []}
    listed = api(
        "{ warehouses(first: 10, filter: {isPrivate: false}) "
        "{ totalCount edges { node { name } } } }",
        as_user=world.operator_1,
    )
    assert listed["data"]["warehouses"] == {
        "totalCount": 1,
        "edges": [{"node": {"name": "Balai Desa"}}],
    }
    assert_permission_denied(
        api("{ warehouses(first: 10) { totalCount } }", as_user=world.customer)
    )
