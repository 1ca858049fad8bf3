"""What a Saleor storefront reads about the shop and about objects that keep no metadata,
over HTTP: Saleor's fields, answered from Lumbung's one configuration."""

from __future__ import annotations

import pytest

from tests.factories.catalog import CategoryFactory
from tests.storefront_api.conftest import GraphQLClient

pytestmark = pytest.mark.django_db

SHOP = """
{ shop {
    id schemaVersion domain { host sslEnabled url } languages { code language }
    phonePrefixes defaultWeightUnit passwordLoginMode fulfillmentAutoApprove
    fulfillmentAllowUnpaid trackInventoryByDefault includeTaxesInPrices
    availableExternalAuthentications { id } metadata { key } metafield(key: "logo")
} }
"""


def test_shop_tells_storefronts_how_lumbung_runs(gql: GraphQLClient, settings) -> None:
    settings.PUBLIC_URL = "https://pasar.desa.id"
    shop = gql.execute(SHOP)["data"]["shop"]
    assert shop["schemaVersion"] == "3.24"
    assert shop["domain"] == {
        "host": "pasar.desa.id",
        "sslEnabled": True,
        "url": "https://pasar.desa.id/graphql/",
    }
    assert [language["code"] for language in shop["languages"]] == ["ID", "EN"]
    assert shop["phonePrefixes"] == ["+62"]
    assert shop["defaultWeightUnit"] == "G"
    assert shop["passwordLoginMode"] == "ENABLED"
    # goods prepared for pickup wait for the hub's hand-over, and may wait unpaid
    assert (shop["fulfillmentAutoApprove"], shop["fulfillmentAllowUnpaid"]) == (False, True)
    assert (shop["trackInventoryByDefault"], shop["includeTaxesInPrices"]) == (True, True)
    assert shop["availableExternalAuthentications"] == []
    assert (shop["metadata"], shop["metafield"]) == ([], None)


def test_objects_without_metadata_answer_saleors_metadata_fields_empty(
    gql: GraphQLClient,
) -> None:
    category = CategoryFactory(slug="kopi")
    found = gql.execute(
        '{ category(slug: "kopi") { name metadata { key } metafield(key: "warna") '
        'metafields(keys: ["warna"]) privateMetadata { key } } }'
    )
    assert found["data"] == {
        "category": {
            "name": category.name,
            "metadata": [],
            "metafield": None,
            "metafields": {},
            "privateMetadata": [],
        }
    }
