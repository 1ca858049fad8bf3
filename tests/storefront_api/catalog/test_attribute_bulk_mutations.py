"""Saleor's bulk attribute mutations, value reordering and ``externalReference`` lookups:
platform staff only, Saleor's result and error shapes, refusals change nothing."""

from __future__ import annotations

import pytest

from marketplace.catalog.models import Attribute, AttributeValue
from tests.storefront_api.catalog.conftest import gid, permission_denied, token_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_taxonomy")]

BULK_CREATE = """
mutation ($attributes: [AttributeCreateInput!]!, $policy: ErrorPolicyEnum) {
  attributeBulkCreate(attributes: $attributes, errorPolicy: $policy) {
    count
    results { attribute { slug name externalReference choices(first: 5) {
      edges { node { name externalReference } } } } errors { path message code } }
    errors { path code }
  }
}
"""


def _bulk_create(gql, user, attributes, policy=None):
    variables = {"attributes": attributes, "policy": policy}
    return gql.execute(BULK_CREATE, variables, token=token_for(user))


def test_platform_staff_create_attributes_in_bulk(gql, world):
    result = _bulk_create(
        gql,
        world.platform,
        [
            {
                "name": "Rasa",
                "type": "PRODUCT_TYPE",
                "externalReference": "erp-rasa",
                "isVariantOnly": False,
                "values": [{"name": "Pedas", "externalReference": "erp-pedas"}, {"name": "Manis"}],
            },
            {
                "name": "Berat bersih",
                "slug": "berat",
                "type": "PRODUCT_TYPE",
                "inputType": "NUMERIC",
            },
        ],
    )

    payload = result["data"]["attributeBulkCreate"]
    assert payload["count"] == 2
    assert payload["errors"] == []
    [rasa, berat] = payload["results"]
    assert rasa["errors"] == []
    assert berat["errors"] == []
    assert rasa["attribute"]["slug"] == "rasa"
    assert rasa["attribute"]["externalReference"] == "erp-rasa"
    assert [edge["node"] for edge in rasa["attribute"]["choices"]["edges"]] == [
        {"name": "Pedas", "externalReference": "erp-pedas"},
        {"name": "Manis", "externalReference": None},
    ]
    assert berat["attribute"]["slug"] == "berat"
    assert Attribute.objects.get(external_reference="erp-rasa").values.count() == 2


def test_a_refused_row_rejects_everything_by_default_and_only_itself_if_asked(gql, world):
    Attribute.objects.create(name="Asal", slug="asal")
    rows = [
        {"name": "Rasa", "type": "PRODUCT_TYPE"},
        {"name": "Asal lagi", "slug": "asal", "type": "PRODUCT_TYPE"},  # slug taken
        {"name": "Tanggal", "type": "PRODUCT_TYPE", "inputType": "DATE", "values": [{"name": "x"}]},
    ]

    result = _bulk_create(gql, world.platform, rows)

    payload = result["data"]["attributeBulkCreate"]
    assert payload["count"] == 0
    assert [r["attribute"] for r in payload["results"]] == [None, None, None]
    assert payload["results"][0]["errors"] == []
    [taken] = payload["results"][1]["errors"]
    assert (taken["path"], taken["code"]) == ("slug", "UNIQUE")
    assert taken["message"]
    [no_values] = payload["results"][2]["errors"]
    assert (no_values["path"], no_values["code"]) == ("values", "INVALID")
    assert set(Attribute.objects.values_list("slug", flat=True)) == {"asal"}  # nothing saved

    result = _bulk_create(gql, world.platform, rows, policy="REJECT_FAILED_ROWS")

    payload = result["data"]["attributeBulkCreate"]
    assert payload["count"] == 1
    assert payload["results"][0]["attribute"]["slug"] == "rasa"
    assert payload["results"][1]["attribute"] is None
    assert set(Attribute.objects.values_list("slug", flat=True)) == {"asal", "rasa"}


def test_bulk_create_refuses_duplicated_rows_and_what_lumbung_does_not_have(gql, world):
    collection_type = gid("ProductType", 1)
    result = _bulk_create(
        gql,
        world.platform,
        [
            {"name": "Rasa", "slug": "rasa", "type": "PRODUCT_TYPE"},
            {"name": "Rasa 2", "slug": "RASA", "type": "PRODUCT_TYPE"},
            {
                "name": "Koleksi",
                "type": "PRODUCT_TYPE",
                "inputType": "SINGLE_REFERENCE",
                "entityType": "COLLECTION",
                "referenceTypes": [collection_type],
            },
            {
                "name": "Warna",
                "type": "PRODUCT_TYPE",
                "values": [{"name": "Merah", "value": "#f00"}],
            },
        ],
    )

    results = result["data"]["attributeBulkCreate"]["results"]
    codes = [[(e["path"], e["code"]) for e in r["errors"]] for r in results]
    assert codes == [
        [("slug", "DUPLICATED_INPUT_ITEM")],
        [("slug", "DUPLICATED_INPUT_ITEM")],
        [("referenceTypes", "INVALID")],
        [("values", "INVALID")],
    ]
    assert not Attribute.objects.exists()


BULK_UPDATE = """
mutation ($attributes: [AttributeBulkUpdateInput!]!) {
  attributeBulkUpdate(attributes: $attributes) {
    count results { attribute { name slug } errors { path code } } errors { code }
  }
}
"""


def test_bulk_update_by_id_or_external_reference(gql, world):
    rasa = Attribute.objects.create(name="Rasa", slug="rasa", external_reference="erp-rasa")
    asal = Attribute.objects.create(name="Asal", slug="asal")
    rows = [
        {"externalReference": "erp-rasa", "fields": {"name": "Cita rasa"}},
        {"id": gid("Attribute", asal.pk), "fields": {"name": "Daerah asal"}},
    ]
    result = gql.execute(BULK_UPDATE, {"attributes": rows}, token=token_for(world.platform))

    payload = result["data"]["attributeBulkUpdate"]
    assert payload["count"] == 2
    assert [r["attribute"]["name"] for r in payload["results"]] == ["Cita rasa", "Daerah asal"]
    rasa.refresh_from_db()
    assert rasa.name == "Cita rasa"

    # an unknown external reference: that row's error, nothing changed
    rows = [
        {"externalReference": "erp-rasa", "fields": {"name": "Rasa lagi"}},
        {"externalReference": "erp-nope", "fields": {"name": "x"}},
    ]
    result = gql.execute(BULK_UPDATE, {"attributes": rows}, token=token_for(world.platform))
    payload = result["data"]["attributeBulkUpdate"]
    assert payload["count"] == 0
    assert payload["results"][1]["errors"] == [{"path": "externalReference", "code": "NOT_FOUND"}]
    rasa.refresh_from_db()
    assert rasa.name == "Cita rasa"


DELETES = """
mutation ($attributes: [ID!]!, $values: [ID!]!) {
  attributeValueBulkDelete(ids: $values) { count errors { field code } }
  attributeBulkDelete(ids: $attributes) { count errors { field code } attributeErrors { code } }
}
"""


def test_bulk_deletes_remove_rows_and_refuse_unknown_ids(gql, world):
    rasa = Attribute.objects.create(name="Rasa", slug="rasa")
    pedas = AttributeValue.objects.create(attribute=rasa, name="Pedas", slug="pedas")
    asal = Attribute.objects.create(name="Asal", slug="asal")
    token = token_for(world.platform)

    refused = gql.execute(
        DELETES,
        {"attributes": [gid("Attribute", asal.pk), gid("Attribute", 999_999)], "values": []},
        token=token,
    )["data"]["attributeBulkDelete"]
    assert refused["count"] == 0
    assert refused["errors"] == [{"field": "ids", "code": "NOT_FOUND"}]
    assert Attribute.objects.count() == 2

    result = gql.execute(
        DELETES,
        {"attributes": [gid("Attribute", asal.pk)], "values": [gid("AttributeValue", pedas.pk)]},
        token=token,
    )["data"]
    assert result["attributeValueBulkDelete"] == {"count": 1, "errors": []}
    assert result["attributeBulkDelete"] == {"count": 1, "errors": [], "attributeErrors": []}
    assert list(Attribute.objects.values_list("slug", flat=True)) == ["rasa"]
    assert not AttributeValue.objects.exists()


REORDER = """
mutation ($attribute: ID!, $moves: [ReorderInput!]!) {
  attributeReorderValues(attributeId: $attribute, moves: $moves) {
    attribute { choices(first: 5) { edges { node { name } } } } errors { field code }
  }
}
"""


def test_values_are_reordered_by_relative_moves(gql, world):
    rasa = Attribute.objects.create(name="Rasa", slug="rasa")
    values = [
        AttributeValue.objects.create(attribute=rasa, name=name, slug=name.lower(), sort_order=i)
        for i, name in enumerate(["Pedas", "Manis", "Asin"])
    ]
    other = AttributeValue.objects.create(
        attribute=Attribute.objects.create(name="Asal", slug="asal"), name="Bali", slug="bali"
    )
    variables = {
        "attribute": gid("Attribute", rasa.pk),
        "moves": [{"id": gid("AttributeValue", values[2].pk), "sortOrder": -2}],
    }
    payload = gql.execute(REORDER, variables, token=token_for(world.platform))["data"][
        "attributeReorderValues"
    ]
    names = [edge["node"]["name"] for edge in payload["attribute"]["choices"]["edges"]]
    assert names == ["Asin", "Pedas", "Manis"]

    # a value of another attribute: NOT_FOUND, order unchanged
    variables["moves"] = [{"id": gid("AttributeValue", other.pk), "sortOrder": 1}]
    payload = gql.execute(REORDER, variables, token=token_for(world.platform))["data"][
        "attributeReorderValues"
    ]
    assert payload == {"attribute": None, "errors": [{"field": "moves", "code": "NOT_FOUND"}]}
    order = AttributeValue.objects.filter(attribute=rasa).order_by("sort_order")
    assert [value.name for value in order] == ["Asin", "Pedas", "Manis"]


BY_REFERENCE = """
mutation ($ref: String, $valueRef: String, $id: ID) {
  attributeValueUpdate(externalReference: $valueRef, input: {name: "Sangat pedas"}) {
    attributeValue { name externalReference } errors { field code } }
  attributeUpdate(id: $id, externalReference: $ref, input: {name: "Cita rasa"}) {
    attribute { name } errors { field code } }
}
"""


def test_attributes_and_values_are_found_by_external_reference(gql, world):
    rasa = Attribute.objects.create(name="Rasa", slug="rasa", external_reference="erp-rasa")
    AttributeValue.objects.create(
        attribute=rasa, name="Pedas", slug="pedas", external_reference="erp-pedas"
    )
    token = token_for(world.platform)
    data = gql.execute(BY_REFERENCE, {"ref": "erp-rasa", "valueRef": "erp-pedas"}, token=token)[
        "data"
    ]
    assert data["attributeValueUpdate"] == {
        "attributeValue": {"name": "Sangat pedas", "externalReference": "erp-pedas"},
        "errors": [],
    }
    assert data["attributeUpdate"] == {"attribute": {"name": "Cita rasa"}, "errors": []}
    found = gql.execute('query { attribute(externalReference: "erp-rasa") { name } }')
    assert found["data"]["attribute"] == {"name": "Cita rasa"}
    # both an ID and an external reference: refused, nothing changed
    both = {"ref": "erp-rasa", "valueRef": "erp-pedas", "id": gid("Attribute", rasa.pk)}
    data = gql.execute(BY_REFERENCE, both, token=token)["data"]
    assert data["attributeUpdate"] == {
        "attribute": None,
        "errors": [{"field": None, "code": "GRAPHQL_ERROR"}],
    }
    DELETE = (
        """mutation { attributeDelete(externalReference: "erp-rasa") { attribute { name } } }"""
    )
    assert gql.execute(DELETE, token=token)["data"]["attributeDelete"] == {
        "attribute": {"name": "Cita rasa"}
    }
    assert not Attribute.objects.exists()


@pytest.mark.parametrize("role", ["anonymous", "customer", "staff_a", "operator1"])
def test_only_platform_staff_use_the_bulk_mutations(gql, world, role):
    rasa = Attribute.objects.create(name="Rasa", slug="rasa")
    value = AttributeValue.objects.create(attribute=rasa, name="Pedas", slug="pedas")
    token = token_for(world.user(role))
    created = _bulk_create(gql, world.user(role), [{"name": "Asal", "type": "PRODUCT_TYPE"}])
    assert permission_denied(created)
    assert created["data"]["attributeBulkCreate"] is None
    variables = {
        "attributes": [gid("Attribute", rasa.pk)],
        "values": [gid("AttributeValue", value.pk)],
    }
    assert permission_denied(gql.execute(DELETES, variables, token=token))
    moves = {"attribute": gid("Attribute", rasa.pk), "moves": []}
    assert permission_denied(gql.execute(REORDER, moves, token=token))
    updated = gql.execute(
        BULK_UPDATE,
        {"attributes": [{"id": gid("Attribute", rasa.pk), "fields": {"name": "x"}}]},
        token=token,
    )
    assert permission_denied(updated)
    assert list(Attribute.objects.values_list("slug", "name")) == [("rasa", "Rasa")]
    assert AttributeValue.objects.count() == 1
