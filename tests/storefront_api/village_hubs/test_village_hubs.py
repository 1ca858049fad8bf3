from __future__ import annotations

import pytest

from marketplace.channels.models import Channel
from marketplace.village_hubs.models import HubOpeningHours, HubOperator, VillageHub
from tests.factories.accounts import UserFactory
from tests.factories.village_hubs import CooperativeFactory, HubSupplyFactory
from tests.storefront_api.village_hubs.conftest import assert_permission_denied, gid

pytestmark = pytest.mark.django_db

HUB_CREATE = """
mutation Create($input: VillageHubCreateInput!) {
  villageHubCreate(input: $input) {
    villageHub { id name slug timeZone village { code }
      channel { slug currencyCode defaultCountry { code } isActive
        orderSettings { allowUnpaidOrders } } }
    errors { field message code }
  }
}
"""
HUB_UPDATE = """
mutation Update($id: ID!, $input: VillageHubUpdateInput!) {
  villageHubUpdate(id: $id, input: $input) {
    villageHub { name phone address }
    errors { field message code }
  }
}
"""
OPENING_HOURS_SET = """
mutation Hours($id: ID!, $hours: [HubOpeningHoursInput!]!) {
  villageHubOpeningHoursSet(id: $id, openingHours: $hours) {
    villageHub { openingHours { weekday opens closes } }
    errors { field message code }
  }
}
"""
SUPPLY_SET = """
mutation Supply($id: ID!, $cooperatives: [ID!]!) {
  hubSupplySet(id: $id, cooperatives: $cooperatives) {
    villageHub { cooperatives { name } }
    errors { field message code }
  }
}
"""
OPERATOR_ADD = """
mutation Operator($id: ID!, $email: String!) {
  hubOperatorAdd(id: $id, email: $email) { villageHub { slug } errors { field code } }
}
"""


def test_village_hub_create_opens_an_idr_channel_allowing_unpaid_orders(api, world):
    result = api(
        HUB_CREATE,
        {"input": {"name": "Gerai Desa Yoboi", "villageCode": "51.03.05.2001"}},
        as_user=world.platform_staff,
    )
    payload = result["data"]["villageHubCreate"]
    assert payload["errors"] == []
    hub = payload["villageHub"]
    assert hub["slug"] == "gerai-desa-yoboi"
    assert hub["timeZone"] == "WITA"
    assert hub["channel"] == {
        "slug": "gerai-desa-yoboi",
        "currencyCode": "IDR",
        "defaultCountry": {"code": "ID"},
        "isActive": True,
        "orderSettings": {"allowUnpaidOrders": True},
    }
    assert Channel.objects.get(slug="gerai-desa-yoboi").allow_unpaid_orders is True


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"slug": "gerai-pecatu"}, "slug", "UNIQUE"),
        ({"villageCode": "51.03.05.9999"}, "villageCode", "NOT_FOUND"),
        ({"phone": "555"}, "phone", "INVALID_PHONE"),
    ],
)
def test_village_hub_create_bad_input_creates_nothing(api, world, overrides, field, code):
    hubs, channels = VillageHub.objects.count(), Channel.objects.count()
    result = api(
        HUB_CREATE,
        {"input": {"name": "Gerai Baru", "villageCode": "51.03.05.2001", **overrides}},
        as_user=world.platform_staff,
    )
    payload = result["data"]["villageHubCreate"]
    assert payload["villageHub"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [(field, code)]
    assert (VillageHub.objects.count(), Channel.objects.count()) == (hubs, channels)


@pytest.mark.parametrize("who", [None, "customer", "operator_1", "admin_a"])
def test_only_platform_staff_open_hubs(api, world, who):
    user = getattr(world, who) if who else None
    result = api(
        HUB_CREATE, {"input": {"name": "Gerai", "villageCode": "51.03.05.2001"}}, as_user=user
    )
    assert_permission_denied(result)
    assert VillageHub.objects.count() == 2


def test_operator_updates_contact_of_own_hub(api, world):
    result = api(
        HUB_UPDATE,
        {"id": gid("VillageHub", world.hub_1.pk), "input": {"phone": "0361 765 432"}},
        as_user=world.operator_1,
    )
    payload = result["data"]["villageHubUpdate"]
    assert payload["errors"] == []
    assert payload["villageHub"]["phone"] == "+62361765432"


def test_operator_cannot_rename_hub(api, world):
    result = api(
        HUB_UPDATE,
        {"id": gid("VillageHub", world.hub_1.pk), "input": {"name": "Lain"}},
        as_user=world.operator_1,
    )
    assert_permission_denied(result)
    world.hub_1.refresh_from_db()
    assert world.hub_1.name == "Gerai Pecatu"


def test_hub_update_bad_phone_changes_nothing(api, world):
    result = api(
        HUB_UPDATE,
        {"id": gid("VillageHub", world.hub_1.pk), "input": {"phone": "12", "address": "Jl. X"}},
        as_user=world.operator_1,
    )
    errors = result["data"]["villageHubUpdate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("phone", "INVALID_PHONE")]
    world.hub_1.refresh_from_db()
    assert (world.hub_1.phone, world.hub_1.address) == ("", "")


def test_platform_staff_renames_hub_and_its_channel(api, world):
    result = api(
        HUB_UPDATE,
        {"id": gid("VillageHub", world.hub_1.pk), "input": {"name": "Gerai Pecatu Baru"}},
        as_user=world.platform_staff,
    )
    assert result["data"]["villageHubUpdate"]["errors"] == []
    world.hub_1.channel.refresh_from_db()
    assert world.hub_1.channel.name == "Gerai Pecatu Baru"


@pytest.mark.parametrize(
    ("mutation", "variables"),
    [
        (HUB_UPDATE, {"input": {"phone": "+6281234567890"}}),
        (OPENING_HOURS_SET, {"hours": []}),
        (SUPPLY_SET, {"cooperatives": []}),
    ],
)
def test_hub_1_operator_is_denied_on_hub_2(api, world, mutation, variables):
    HubSupplyFactory(hub=world.hub_2, cooperative=world.coop_b)
    result = api(
        mutation, {"id": gid("VillageHub", world.hub_2.pk), **variables}, as_user=world.operator_1
    )
    assert_permission_denied(result)
    world.hub_2.refresh_from_db()
    assert world.hub_2.phone == ""
    assert world.hub_2.supplies.count() == 1


def test_operator_sets_opening_hours(api, world):
    result = api(
        OPENING_HOURS_SET,
        {
            "id": gid("VillageHub", world.hub_1.pk),
            "hours": [
                {"weekday": "FRIDAY", "opens": "13:00:00", "closes": "17:00:00"},
                {"weekday": "FRIDAY", "opens": "08:00:00", "closes": "11:30:00"},
            ],
        },
        as_user=world.operator_1,
    )
    payload = result["data"]["villageHubOpeningHoursSet"]
    assert payload["errors"] == []
    assert payload["villageHub"]["openingHours"] == [
        {"weekday": "FRIDAY", "opens": "08:00:00", "closes": "11:30:00"},
        {"weekday": "FRIDAY", "opens": "13:00:00", "closes": "17:00:00"},
    ]


def test_opening_hours_take_hh_mm_and_refuse_what_is_not_a_time(api, world):
    variables = {
        "id": gid("VillageHub", world.hub_1.pk),
        "hours": [{"weekday": "MONDAY", "opens": "08:00", "closes": "jam 5"}],
    }
    refused = api(OPENING_HOURS_SET, variables, as_user=world.operator_1)
    errors = refused["data"]["villageHubOpeningHoursSet"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("openingHours", "INVALID")]
    assert not HubOpeningHours.objects.exists()

    variables["hours"][0]["closes"] = "17:00"
    accepted = api(OPENING_HOURS_SET, variables, as_user=world.operator_1)
    hours = accepted["data"]["villageHubOpeningHoursSet"]["villageHub"]["openingHours"]
    assert hours == [{"weekday": "MONDAY", "opens": "08:00:00", "closes": "17:00:00"}]


def test_overlapping_opening_hours_are_refused(api, world):
    result = api(
        OPENING_HOURS_SET,
        {
            "id": gid("VillageHub", world.hub_1.pk),
            "hours": [
                {"weekday": "MONDAY", "opens": "08:00:00", "closes": "12:00:00"},
                {"weekday": "MONDAY", "opens": "11:00:00", "closes": "15:00:00"},
            ],
        },
        as_user=world.operator_1,
    )
    errors = result["data"]["villageHubOpeningHoursSet"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("openingHours", "INVALID_OPENING_HOURS")]
    assert not HubOpeningHours.objects.exists()


def test_hub_supply_set_replaces_the_list(api, world):
    extra = CooperativeFactory(name="Koperasi Amerta")
    HubSupplyFactory(hub=world.hub_1, cooperative=world.coop_b)
    result = api(
        SUPPLY_SET,
        {
            "id": gid("VillageHub", world.hub_1.pk),
            "cooperatives": [gid("Cooperative", world.coop_a.pk), gid("Cooperative", extra.pk)],
        },
        as_user=world.operator_1,
    )
    payload = result["data"]["hubSupplySet"]
    assert payload["errors"] == []
    assert payload["villageHub"]["cooperatives"] == [
        {"name": "Koperasi Amerta"},
        {"name": "Koperasi Pecatu Makmur"},
    ]
    assert set(world.hub_1.supplies.values_list("cooperative_id", flat=True)) == {
        world.coop_a.pk,
        extra.pk,
    }


@pytest.mark.parametrize(
    ("cooperative_id", "code"),
    [("nope", "GRAPHQL_ERROR"), (gid("Cooperative", 999999), "NOT_FOUND")],
)
def test_hub_supply_set_bad_ids_change_nothing(api, world, cooperative_id, code):
    HubSupplyFactory(hub=world.hub_1, cooperative=world.coop_b)
    result = api(
        SUPPLY_SET,
        {"id": gid("VillageHub", world.hub_1.pk), "cooperatives": [cooperative_id]},
        as_user=world.operator_1,
    )
    errors = result["data"]["hubSupplySet"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("cooperatives", code)]
    assert list(world.hub_1.supplies.values_list("cooperative_id", flat=True)) == [world.coop_b.pk]


def test_platform_staff_adds_hub_operator(api, world):
    newcomer = UserFactory(email="ketut@pecatu.id")
    result = api(
        OPERATOR_ADD,
        {"id": gid("VillageHub", world.hub_2.pk), "email": "ketut@pecatu.id"},
        as_user=world.platform_staff,
    )
    assert result["data"]["hubOperatorAdd"]["errors"] == []
    assert HubOperator.objects.filter(hub=world.hub_2, user=newcomer).exists()


@pytest.mark.parametrize("who", [None, "operator_1", "admin_a"])
def test_only_platform_staff_add_hub_operators(api, world, who):
    newcomer = UserFactory()
    user = getattr(world, who) if who else None
    result = api(
        OPERATOR_ADD,
        {"id": gid("VillageHub", world.hub_1.pk), "email": newcomer.email},
        as_user=user,
    )
    assert_permission_denied(result)
    assert not HubOperator.objects.filter(user=newcomer).exists()


def test_public_hub_listing(api, world):
    HubSupplyFactory(hub=world.hub_1, cooperative=world.coop_a)
    result = api(
        "{ villageHubs(first: 10) { totalCount edges { node { slug cooperatives { name } } } } }"
    )
    assert result["data"]["villageHubs"] == {
        "totalCount": 2,
        "edges": [
            {"node": {"slug": "gerai-kudus", "cooperatives": []}},
            {
                "node": {
                    "slug": "gerai-pecatu",
                    "cooperatives": [{"name": "Koperasi Pecatu Makmur"}],
                }
            },
        ],
    }
    by_slug = api('{ villageHub(slug: "gerai-pecatu") { name village { name } } }')
    assert by_slug["data"]["villageHub"] == {"name": "Gerai Pecatu", "village": {"name": "Pecatu"}}
