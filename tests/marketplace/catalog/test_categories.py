from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from marketplace.catalog import services
from marketplace.catalog.models import Category, ProductChannelListing
from marketplace.catalog.selectors import category_descendants
from tests.factories.catalog import CategoryFactory, ProductChannelListingFactory, ProductFactory

pytestmark = pytest.mark.django_db


def test_category_tree_levels_and_descendants():
    # given
    pangan = services.category_create(name="Pangan")
    camilan = services.category_create(name="Camilan", parent=pangan)
    keripik = services.category_create(name="Keripik", parent=camilan)
    kerajinan = services.category_create(name="Kerajinan")
    # when
    descendants = list(category_descendants(category=pangan))
    # then
    assert (pangan.level, camilan.level, keripik.level) == (0, 1, 2)
    assert descendants == [camilan, keripik]
    assert list(category_descendants(category=camilan, include_self=True)) == [camilan, keripik]
    assert not category_descendants(category=kerajinan).exists()


def test_category_update_moves_subtree_and_relevels():
    # given
    pangan = services.category_create(name="Pangan")
    camilan = services.category_create(name="Camilan")
    keripik = services.category_create(name="Keripik", parent=camilan)
    # when
    services.category_update(category=camilan, parent=pangan)
    # then
    keripik.refresh_from_db()
    camilan.refresh_from_db()
    assert (camilan.level, keripik.level) == (1, 2)
    assert list(category_descendants(category=pangan)) == [camilan, keripik]


def test_category_update_refuses_cycle():
    # given
    pangan = services.category_create(name="Pangan")
    camilan = services.category_create(name="Camilan", parent=pangan)
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.category_update(category=pangan, parent=camilan)
    # then
    assert exc_info.value.error_dict["parent"][0].code == "invalid"
    pangan.refresh_from_db()
    assert pangan.parent is None
    assert pangan.level == 0


def test_category_delete_deletes_subtree_and_unpublishes_products():
    # given
    pangan = CategoryFactory()
    camilan = CategoryFactory(parent=pangan)
    other = CategoryFactory()
    product = ProductFactory(category=camilan, search_index_dirty=False)
    untouched = ProductFactory(category=other)
    ProductChannelListingFactory(product=product, is_published=True)
    ProductChannelListingFactory(product=untouched, is_published=True)
    # when
    services.category_delete(category=pangan)
    # then
    assert list(Category.objects.all()) == [other]
    product.refresh_from_db()
    assert product.category is None
    assert product.search_index_dirty is True
    assert ProductChannelListing.objects.get(product=product).is_published is False
    assert ProductChannelListing.objects.get(product=untouched).is_published is True


def test_category_create_sanitizes_description():
    # when
    category = services.category_create(
        name="Kopi",
        description={"blocks": [{"type": "paragraph", "data": {"text": "<script>x</script>Kopi"}}]},
    )
    # then
    assert category.description["blocks"][0]["data"]["text"] == "Kopi"
    assert category.description_plaintext == "Kopi"
