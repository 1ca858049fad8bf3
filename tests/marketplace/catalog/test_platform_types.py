"""The platform's product types reach every database through a data migration (not only
the demo's), defined once in ``marketplace.catalog.platform_types``, created once."""

from __future__ import annotations

import pytest

from marketplace.catalog.models import Attribute, AttributeVariant, ProductType
from marketplace.catalog.platform_types import SIZE_VALUES, platform_product_types_ensure
from tests.helpers import run_data_migration

pytestmark = pytest.mark.django_db

MIGRATION = "0004_platform_product_types"


def _run_the_migration() -> None:
    run_data_migration("catalog", "marketplace.catalog", MIGRATION, "create_platform_product_types")


def _packaged_food() -> tuple[ProductType, AttributeVariant]:
    product_type = ProductType.objects.get(slug="makanan-kemasan")
    (assignment,) = AttributeVariant.objects.filter(product_type=product_type)
    return product_type, assignment


@pytest.mark.usefixtures("empty_taxonomy")
def test_the_migration_gives_a_bare_database_packaged_food_sold_by_size():
    _run_the_migration()

    product_type, assignment = _packaged_food()
    assert (product_type.name, product_type.has_variants) == ("Makanan kemasan", True)
    assert assignment.attribute.slug == "ukuran-berat"
    assert assignment.variant_selection  # a shop picks the size: 250 g or 500 g
    assert assignment.attribute.input_type == "dropdown"
    values = list(assignment.attribute.values.order_by("sort_order"))
    assert [value.name for value in values] == list(SIZE_VALUES)
    assert [value.slug for value in values][3:5] == ["250-g", "500-g"]


@pytest.mark.usefixtures("empty_taxonomy")
def test_migration_and_demo_loader_create_them_once_and_keep_staffs_changes():
    _run_the_migration()
    product_type, _assignment = _packaged_food()
    product_type.name = "Makanan kemasan (UMKM)"  # renamed by platform staff
    product_type.save()

    again = platform_product_types_ensure()  # what the demo loader calls
    _run_the_migration()

    assert again["makanan-kemasan"].pk == product_type.pk
    assert ProductType.objects.count() == 1
    assert Attribute.objects.count() == 1
    assert AttributeVariant.objects.count() == 1
    assert ProductType.objects.get().name == "Makanan kemasan (UMKM)"
