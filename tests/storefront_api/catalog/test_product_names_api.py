"""productCreate / productUpdate / productBulkImport refuse blank or invisible product
names with an error on ``name`` (issue 13 item 6), and change nothing."""

from __future__ import annotations

import pytest

from marketplace.catalog.models import Product
from tests.storefront_api.catalog.conftest import gid, token_for
from tests.storefront_api.catalog.test_product_mutations import (
    PRODUCT_CREATE,
    PRODUCT_UPDATE,
    create_input,
)
from tests.storefront_api.test_bulk_import_api import coop, csv_content, staff_of, upload

pytestmark = pytest.mark.django_db

__all__ = ["coop"]  # the bulk import's fixture, used below

MESSAGE = "Enter a name with at least one visible character."


@pytest.mark.parametrize("name", ["   ", "\u200b", "\ufeff", " \u200b\u2060 "])
def test_product_create_refuses_an_invisible_name(gql, world, name):
    count = Product.objects.count()
    result = gql.execute(
        PRODUCT_CREATE, {"input": create_input(world, name=name)}, token=token_for(world.staff_a)
    )
    payload = result["data"]["productCreate"]
    assert payload["product"] is None
    assert payload["errors"] == [{"field": "name", "message": MESSAGE, "code": "REQUIRED"}]
    assert Product.objects.count() == count


def test_product_update_refuses_an_invisible_name(gql, world):
    result = gql.execute(
        PRODUCT_UPDATE,
        {"id": gid("Product", world.product_a.pk), "input": {"name": "\u200b\u200b"}},
        token=token_for(world.staff_a),
    )
    assert result["data"]["productUpdate"] == {
        "product": None,
        "errors": [{"field": "name", "message": MESSAGE, "code": "REQUIRED"}],
    }
    world.product_a.refresh_from_db()
    assert world.product_a.name != "\u200b\u200b"


def test_bulk_import_refuses_an_invisible_name(client, coop):
    content = csv_content("\u200b\ufeff;keripik-camilan;produk-desa;;;Rp15.000;;pecatu;ya")
    body = upload(client, content, user=staff_of(coop), cooperative=coop)
    result = body["data"]["productBulkImport"]
    assert (result["productsCreated"], result["variantsCreated"]) == (0, 0)
    assert result["errors"] == [
        {
            "row": 2,
            "column": "nama_produk",
            "field": "file",
            "message": MESSAGE,
            "code": "INVALID",
        }
    ]
    assert not Product.objects.exists()
