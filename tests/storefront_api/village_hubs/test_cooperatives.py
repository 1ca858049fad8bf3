from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.village_hubs.models import Cooperative, CooperativeStaff, StaffRole
from tests.factories.accounts import UserFactory
from tests.factories.village_hubs import (
    CooperativeFactory,
    HubSupplyFactory,
    ProducerFactory,
    VillageHubFactory,
)
from tests.storefront_api.village_hubs.conftest import assert_permission_denied, gid

pytestmark = pytest.mark.django_db

COOPERATIVE_CREATE = """
mutation Create($input: CooperativeCreateInput!) {
  cooperativeCreate(input: $input) {
    cooperative { id name jenis isMerahPutih hasSavingsUnit nomorIndukKoperasi phone
      village { code name district { name } regency { name } province { code name } } }
    errors { field message code }
  }
}
"""
COOPERATIVE_UPDATE = """
mutation Update($id: ID!, $input: CooperativeUpdateInput!) {
  cooperativeUpdate(id: $id, input: $input) {
    cooperative { id name phone feePercentage }
    errors { field message code }
  }
}
"""
STAFF_ADD = """
mutation StaffAdd($id: ID!, $email: String!, $role: CooperativeStaffRoleEnum) {
  cooperativeStaffAdd(id: $id, email: $email, role: $role) {
    staffMember { role user { email } }
    errors { field message code }
  }
}
"""
COOPERATIVE_PUBLIC = """
query Cooperative($id: ID!) {
  cooperative(id: $id) { name jenis isMerahPutih village { name } }
}
"""
COOPERATIVE_PRIVATE = """
query Cooperative($id: ID!) { cooperative(id: $id) { name phone nib npwp feePercentage } }
"""


def create_input(**overrides):
    return {
        "name": "Koperasi Desa Merah Putih Pecatu",
        "jenis": "KSU",
        "villageCode": "51.03.05.2001",
        "isMerahPutih": True,
        "nomorIndukKoperasi": "5103 0500 0000 0001",
        "phone": "0812-3456-7890",
        **overrides,
    }


def test_platform_staff_registers_a_cooperative(api, world):
    result = api(COOPERATIVE_CREATE, {"input": create_input()}, as_user=world.platform_staff)
    payload = result["data"]["cooperativeCreate"]
    assert payload["errors"] == []
    cooperative = payload["cooperative"]
    assert cooperative["jenis"] == "KSU"
    assert cooperative["hasSavingsUnit"] is True  # Merah Putih runs a savings unit
    assert cooperative["nomorIndukKoperasi"] == "5103050000000001"
    assert cooperative["phone"] == "+6281234567890"
    assert cooperative["village"] == {
        "code": "51.03.05.2001",
        "name": "Pecatu",
        "district": {"name": "Kuta Selatan"},
        "regency": {"name": "Kabupaten Badung"},
        "province": {"code": "51", "name": "Bali"},
    }


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"nomorIndukKoperasi": "12345"}, "nomorIndukKoperasi", "INVALID_NIK_KOPERASI"),
        ({"phone": "12"}, "phone", "INVALID_PHONE"),
        ({"villageCode": "99.99.99.9999"}, "villageCode", "NOT_FOUND"),
        ({"nib": "abc"}, "nib", "INVALID_NIB"),
    ],
)
def test_cooperative_create_reports_bad_input_and_saves_nothing(api, world, overrides, field, code):
    before = Cooperative.objects.count()
    result = api(
        COOPERATIVE_CREATE, {"input": create_input(**overrides)}, as_user=world.platform_staff
    )
    payload = result["data"]["cooperativeCreate"]
    assert payload["cooperative"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [(field, code)]
    assert Cooperative.objects.count() == before


@pytest.mark.parametrize("who", [None, "customer", "admin_a", "operator_1"])
def test_only_platform_staff_registers_cooperatives(api, world, who):
    user = getattr(world, who) if who else None
    before = Cooperative.objects.count()
    assert_permission_denied(api(COOPERATIVE_CREATE, {"input": create_input()}, as_user=user))
    assert Cooperative.objects.count() == before


def test_cooperative_admin_updates_own_cooperative(api, world):
    result = api(
        COOPERATIVE_UPDATE,
        {"id": gid("Cooperative", world.coop_a.pk), "input": {"phone": "+62 361 123456"}},
        as_user=world.admin_a,
    )
    payload = result["data"]["cooperativeUpdate"]
    assert payload["errors"] == []
    assert payload["cooperative"]["phone"] == "+62361123456"


@pytest.mark.parametrize("who", [None, "customer", "admin_b", "staff_a", "operator_1"])
def test_cooperative_update_outside_scope_is_denied_and_changes_nothing(api, world, who):
    user = getattr(world, who) if who else None
    result = api(
        COOPERATIVE_UPDATE,
        {"id": gid("Cooperative", world.coop_a.pk), "input": {"name": "Diambil alih"}},
        as_user=user,
    )
    assert_permission_denied(result)
    world.coop_a.refresh_from_db()
    assert world.coop_a.name == "Koperasi Pecatu Makmur"


def test_cooperative_admin_cannot_deactivate(api, world):
    result = api(
        COOPERATIVE_UPDATE,
        {"id": gid("Cooperative", world.coop_a.pk), "input": {"isActive": False}},
        as_user=world.admin_a,
    )
    assert_permission_denied(result)
    world.coop_a.refresh_from_db()
    assert world.coop_a.is_active is True


def test_cooperative_update_bad_input_changes_nothing(api, world):
    result = api(
        COOPERATIVE_UPDATE,
        {
            "id": gid("Cooperative", world.coop_a.pk),
            "input": {"name": "Baru", "nomorIndukKoperasi": "0001"},
        },
        as_user=world.admin_a,
    )
    payload = result["data"]["cooperativeUpdate"]
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("nomorIndukKoperasi", "INVALID_NIK_KOPERASI")
    ]
    world.coop_a.refresh_from_db()
    assert world.coop_a.name == "Koperasi Pecatu Makmur"


@pytest.mark.parametrize(
    ("cooperative_id", "code"),
    [("not-an-id", "GRAPHQL_ERROR"), (gid("Producer", 1), "GRAPHQL_ERROR")],
)
def test_cooperative_update_bad_ids(api, world, cooperative_id, code):
    result = api(
        COOPERATIVE_UPDATE,
        {"id": cooperative_id, "input": {"name": "X"}},
        as_user=world.platform_staff,
    )
    errors = result["data"]["cooperativeUpdate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("id", code)]


def test_cooperative_update_unknown_id_is_not_found(api, world):
    result = api(
        COOPERATIVE_UPDATE,
        {"id": gid("Cooperative", 999999), "input": {"name": "X"}},
        as_user=world.platform_staff,
    )
    errors = result["data"]["cooperativeUpdate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("id", "NOT_FOUND")]


def test_cooperative_admin_adds_staff(api, world):
    newcomer = UserFactory(email="wayan@pecatu.id")
    result = api(
        STAFF_ADD,
        {"id": gid("Cooperative", world.coop_a.pk), "email": "WAYAN@pecatu.id", "role": "ADMIN"},
        as_user=world.admin_a,
    )
    payload = result["data"]["cooperativeStaffAdd"]
    assert payload["errors"] == []
    assert payload["staffMember"] == {"role": "ADMIN", "user": {"email": "wayan@pecatu.id"}}
    assert CooperativeStaff.objects.get(user=newcomer).role == StaffRole.ADMIN


def test_cooperative_staff_add_unknown_email(api, world):
    result = api(
        STAFF_ADD,
        {"id": gid("Cooperative", world.coop_a.pk), "email": "nobody@example.com"},
        as_user=world.admin_a,
    )
    errors = result["data"]["cooperativeStaffAdd"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("email", "NOT_FOUND")]


@pytest.mark.parametrize("who", ["staff_a", "admin_b", "customer"])
def test_non_admins_cannot_add_staff(api, world, who):
    newcomer = UserFactory()
    result = api(
        STAFF_ADD,
        {"id": gid("Cooperative", world.coop_a.pk), "email": newcomer.email},
        as_user=getattr(world, who),
    )
    assert_permission_denied(result)
    assert not CooperativeStaff.objects.filter(user=newcomer).exists()


def test_public_profile_is_readable_anonymously(api, world):
    result = api(COOPERATIVE_PUBLIC, {"id": gid("Cooperative", world.coop_a.pk)})
    assert result["data"]["cooperative"] == {
        "name": "Koperasi Pecatu Makmur",
        "jenis": "PRODUSEN",
        "isMerahPutih": False,
        "village": {"name": "Pecatu"},
    }


@pytest.mark.parametrize("who", [None, "customer", "admin_b"])
def test_private_fields_are_denied_outside_the_cooperative(api, world, who):
    user = getattr(world, who) if who else None
    result = api(COOPERATIVE_PRIVATE, {"id": gid("Cooperative", world.coop_a.pk)}, as_user=user)
    assert {error["extensions"]["exception"]["code"] for error in result["errors"]} == {
        "PermissionDenied"
    }
    assert result["data"]["cooperative"]["phone"] is None


@pytest.mark.parametrize("who", ["staff_a", "platform_staff"])
def test_private_fields_for_staff(api, world, who):
    world.coop_a.fee_percentage = Decimal("2.50")
    world.coop_a.save()
    result = api(
        COOPERATIVE_PRIVATE,
        {"id": gid("Cooperative", world.coop_a.pk)},
        as_user=getattr(world, who),
    )
    assert "errors" not in result
    assert result["data"]["cooperative"]["feePercentage"] == 2.5  # Saleor's Decimal: a JSON number


def test_inactive_cooperatives_are_hidden_from_the_public(api, world):
    hidden = CooperativeFactory(is_active=False)
    assert api(COOPERATIVE_PUBLIC, {"id": gid("Cooperative", hidden.pk)})["data"] == {
        "cooperative": None
    }


COOPERATIVES_PAGE = """
query Page($first: Int!) {
  cooperatives(first: $first) {
    totalCount
    edges { node {
      id name
      village { code name district { name } regency { name } province { name } }
      producers(first: 5) {
        edges { node { id name pirtExpired village { name } } }
        pageInfo { hasNextPage }
      }
      hubs { id name slug }
    } }
  }
}
"""


def test_cooperatives_page_query_count_does_not_grow_with_page_size(api, world):
    hubs = [VillageHubFactory() for _ in range(3)]
    for index in range(22):
        cooperative = CooperativeFactory()
        for _ in range(index % 7):
            ProducerFactory(cooperative=cooperative)
        HubSupplyFactory(cooperative=cooperative, hub=hubs[index % 3])

    def count(first: int) -> tuple[int, dict]:
        with CaptureQueriesContext(connection) as queries:
            result = api(COOPERATIVES_PAGE, {"first": first})
        assert "errors" not in result, result
        return len(queries), result

    small, small_result = count(2)
    large, large_result = count(20)
    assert len(large_result["data"]["cooperatives"]["edges"]) == 20
    assert small == large, (small, large)
    pages = [edge["node"]["producers"] for edge in large_result["data"]["cooperatives"]["edges"]]
    assert max(len(page["edges"]) for page in pages) == 5
    assert any(page["pageInfo"]["hasNextPage"] for page in pages)
    assert (small, large) == (5, 5)
