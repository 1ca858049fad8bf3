"""A product's name must show something: blank or invisible names (only spaces,
zero-width characters, fillers) are refused on ``name`` by the services and by the bulk
import, and nothing is saved (issue 13 item 6)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from marketplace.catalog import services
from marketplace.catalog.models import Product
from marketplace.core.validators import has_visible_character
from marketplace.imports.products import product_bulk_import
from tests.factories.catalog import CategoryFactory, ProductFactory, ProductTypeFactory
from tests.factories.village_hubs import CooperativeFactory, HubSupplyFactory, VillageHubFactory
from tests.factories.warehouses import WarehouseFactory

pytestmark = pytest.mark.django_db

INVISIBLE = {
    "spaces": "   ",
    "no-break-spaces": "\u00a0\u00a0",
    "zero-width-space": "\u200b",
    "byte-order-mark": "\ufeff",
    "zero-width-joiners": "\u200c\u200d\u2060",
    "hangul-filler": "\u3164",
    "braille-blank": "\u2800",
    "tab-and-newline": "\t\n",
    "mixed": " \u200b\ufeff\u3000 ",
}


@pytest.mark.parametrize("name", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_invisible_names_are_not_visible(name):
    assert has_visible_character(name) is False


@pytest.mark.parametrize("name", ["Kopi", "\u200bKopi\u200b", "★", "1", "Kécap", "咖啡"])
def test_names_with_something_to_see_are_visible(name):
    assert has_visible_character(name) is True


@pytest.mark.parametrize("name", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_product_create_refuses_an_invisible_name(name):
    cooperative = CooperativeFactory()
    with translation.override("en"), pytest.raises(ValidationError) as exc_info:
        services.product_create(
            product_type=ProductTypeFactory(), cooperative=cooperative, name=name
        )
    [error] = exc_info.value.error_dict["name"]
    assert error.code == "required"
    with translation.override("en"):
        assert error.messages == ["Enter a name with at least one visible character."]
    assert not Product.objects.exists()


def test_product_create_refuses_a_nul_in_the_name():
    with pytest.raises(ValidationError) as exc_info:
        services.product_create(
            product_type=ProductTypeFactory(), cooperative=CooperativeFactory(), name="Ko\x00pi"
        )
    assert exc_info.value.error_dict["name"][0].code == "null_characters_not_allowed"
    assert not Product.objects.exists()


def test_product_update_refuses_an_invisible_name_and_keeps_the_old_one():
    product = ProductFactory(name="Keripik Tempe")
    with pytest.raises(ValidationError) as exc_info:
        services.product_update(product=product, name="\u200b\ufeff")
    assert exc_info.value.error_dict["name"][0].code == "required"
    product.refresh_from_db()
    assert product.name == "Keripik Tempe"


def test_a_name_with_invisible_characters_around_it_is_kept():
    product = services.product_create(
        product_type=ProductTypeFactory(), cooperative=CooperativeFactory(), name="\u200bKopi"
    )
    assert product.name == "\u200bKopi"


def test_bulk_import_refuses_an_invisible_name_on_its_row():
    cooperative = CooperativeFactory()
    hub = VillageHubFactory(slug="gerai-desa-pecatu")
    HubSupplyFactory(hub=hub, cooperative=cooperative)
    WarehouseFactory(village_hub=hub, channels=[hub.channel])
    CategoryFactory(slug="makanan-ringan")
    ProductTypeFactory(slug="olahan-pangan")
    buffer = io.StringIO()
    csv.writer(buffer).writerows(
        [
            ["nama_produk", "kategori", "jenis_produk", "harga", "toko_desa"],
            ["Keripik Tempe", "makanan-ringan", "olahan-pangan", "15000", "gerai-desa-pecatu"],
            ["\u200b\ufeff\u3164", "makanan-ringan", "olahan-pangan", "9000", "gerai-desa-pecatu"],
        ]
    )
    with translation.override("en"):
        result = product_bulk_import(
            cooperative=cooperative, file=buffer.getvalue().encode(), filename="produk.csv"
        )
    assert [(error.row, error.column, error.message) for error in result.errors] == [
        (3, "nama_produk", "Enter a name with at least one visible character.")
    ]
    assert not Product.objects.exists()
