from __future__ import annotations

import pytest

from marketplace.village_hubs.models import Producer
from tests.factories.village_hubs import ProducerFactory
from tests.storefront_api.village_hubs.conftest import assert_permission_denied, gid

pytestmark = pytest.mark.django_db

PRODUCER_CREATE = """
mutation Create($input: ProducerCreateInput!) {
  producerCreate(input: $input) {
    producer { id name pirtNumber pirtExpiryYear bpomNumber sizeClass
      cooperative { name } village { code } }
    errors { field message code }
  }
}
"""
PRODUCER_UPDATE = """
mutation Update($id: ID!, $input: ProducerUpdateInput!) {
  producerUpdate(id: $id, input: $input) {
    producer { id name ownerName }
    errors { field message code }
  }
}
"""


def create_input(world, **overrides):
    return {
        "cooperative": gid("Cooperative", world.coop_a.pk),
        "name": "Keripik Tempe Bu Sri",
        "pirtNumber": "P-IRT No. 2063501010123-29",
        "bpomNumber": "md 235602169254",
        **overrides,
    }


@pytest.mark.parametrize("who", ["staff_a", "admin_a", "platform_staff"])
def test_cooperative_staff_register_producers(api, world, who):
    result = api(PRODUCER_CREATE, {"input": create_input(world)}, as_user=getattr(world, who))
    payload = result["data"]["producerCreate"]
    assert payload["errors"] == []
    assert payload["producer"] == {
        "id": payload["producer"]["id"],
        "name": "Keripik Tempe Bu Sri",
        "pirtNumber": "2063501010123-29",
        "pirtExpiryYear": 2029,
        "bpomNumber": "MD 235602169254",
        "sizeClass": "MIKRO",
        "cooperative": {"name": "Koperasi Pecatu Makmur"},
        "village": {"code": "51.03.05.2001"},  # the cooperative's
    }


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"pirtNumber": "PIRT 12345"}, "pirtNumber", "INVALID_PIRT_NUMBER"),
        ({"bpomNumber": "XX 1"}, "bpomNumber", "INVALID_BPOM_NUMBER"),
        ({"phone": "not a phone"}, "phone", "INVALID_PHONE"),
        ({"villageCode": "00.00"}, "villageCode", "NOT_FOUND"),
        ({"cooperative": "bogus"}, "cooperative", "GRAPHQL_ERROR"),
    ],
)
def test_producer_create_bad_input_saves_nothing(api, world, overrides, field, code):
    result = api(
        PRODUCER_CREATE, {"input": create_input(world, **overrides)}, as_user=world.staff_a
    )
    payload = result["data"]["producerCreate"]
    assert payload["producer"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [(field, code)]
    assert not Producer.objects.exists()


@pytest.mark.parametrize("who", [None, "customer", "admin_b", "operator_1"])
def test_producer_create_outside_scope_is_denied(api, world, who):
    user = getattr(world, who) if who else None
    assert_permission_denied(api(PRODUCER_CREATE, {"input": create_input(world)}, as_user=user))
    assert not Producer.objects.exists()


def test_cooperative_staff_update_own_producer(api, world):
    producer = ProducerFactory(cooperative=world.coop_a)
    result = api(
        PRODUCER_UPDATE,
        {"id": gid("Producer", producer.pk), "input": {"ownerName": "Sri Wahyuni"}},
        as_user=world.staff_a,
    )
    payload = result["data"]["producerUpdate"]
    assert payload["errors"] == []
    assert payload["producer"]["ownerName"] == "Sri Wahyuni"


def test_producer_update_of_another_cooperative_is_denied(api, world):
    producer = ProducerFactory(cooperative=world.coop_b, name="Jenang Kudus")
    result = api(
        PRODUCER_UPDATE,
        {"id": gid("Producer", producer.pk), "input": {"name": "Diambil"}},
        as_user=world.admin_a,
    )
    assert_permission_denied(result)
    producer.refresh_from_db()
    assert producer.name == "Jenang Kudus"


def test_producer_public_profile_and_private_owner(api, world):
    producer = ProducerFactory(cooperative=world.coop_a, pirt_number="2063501010123-20")
    query = """
    query P($id: ID!) { producer(id: $id) { name pirtNumber pirtExpired village { name } } }
    """
    result = api(query, {"id": gid("Producer", producer.pk)})
    assert result["data"]["producer"]["pirtExpired"] is True
    assert result["data"]["producer"]["village"] == {"name": "Pecatu"}
    private = api(
        "query P($id: ID!) { producer(id: $id) { ownerName } }",
        {"id": gid("Producer", producer.pk)},
    )
    assert_permission_denied(private)


def test_producers_filtered_by_cooperative(api, world):
    ProducerFactory(cooperative=world.coop_a, name="A1")
    ProducerFactory(cooperative=world.coop_b, name="B1")
    result = api(
        "query P($c: ID) { producers(cooperative: $c, first: 10) "
        "{ totalCount edges { node { name } } } }",
        {"c": gid("Cooperative", world.coop_a.pk)},
    )
    assert result["data"]["producers"] == {"totalCount": 1, "edges": [{"node": {"name": "A1"}}]}
