"""The downloaded import template imports unchanged on the demo data, as a new
cooperative admin would try it first."""

from __future__ import annotations

import pytest
from django.db import transaction

from marketplace.accounts.models import User
from marketplace.catalog.models import Product
from marketplace.demo.data import demo_data_load
from tests.storefront_api.test_bulk_import_api import upload

pytestmark = pytest.mark.django_db


def test_downloaded_templates_import_unchanged_for_the_demo_cooperative(client, settings, tmp_path):
    # given the demo data (loaded once; each upload below is rolled back afterwards)
    settings.MEDIA_ROOT = str(tmp_path)
    demo_data_load()
    pengurus = User.objects.get(email="pengurus.kud-pecatu@lumbung.test")
    for file_format in ("csv", "xlsx"):
        response = client.get(f"/import-template/products.{file_format}")
        assert response.status_code == 200
        with transaction.atomic():
            # when the pengurus uploads the template unchanged, naming no cooperative
            body = upload(client, response.content, user=pengurus, filename=f"t.{file_format}")

            # then its example row is a new product of KUD Mina Segara Pecatu at Pecatu
            assert body["data"]["productBulkImport"] == {
                "productsCreated": 1,
                "variantsCreated": 1,
                "errors": [],
            }, file_format
            product = Product.objects.get(name="Keripik Tempe Original")
            assert product.cooperative.name == "KUD Mina Segara Pecatu"
            assert (product.category.slug, product.product_type.slug) == (
                "keripik-camilan",
                "produk-desa",
            )
            (variant,) = product.variants.all()
            assert (variant.sku, variant.name) == ("KTO-250", "250 g")
            listing = variant.channel_listings.get()
            assert (listing.channel.slug, listing.price_amount) == ("pecatu", 15_000)
            assert variant.stocks.get().quantity == 20
            transaction.set_rollback(True)
        assert not Product.objects.filter(name="Keripik Tempe Original").exists()
