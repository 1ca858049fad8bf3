"""KeyedQuery: a loader query compiled once answers exactly as the queryset it stands for,
with any keys, and always reads the rows as they are now."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    Attribute,
    AttributeValue,
    Category,
    ProductVariantChannelListing,
)
from marketplace.channels.models import Channel
from storefront_api.core.prepared import KeyedQuery
from tests.factories.catalog import (
    CategoryFactory,
    ProductFactory,
    ProductVariantChannelListingFactory,
    ProductVariantFactory,
)

pytestmark = pytest.mark.django_db

CATEGORIES = KeyedQuery(Category.objects.all, "pk")
PRICES_BY_PRODUCT = KeyedQuery(
    lambda: ProductVariantChannelListing.objects.annotate(
        product_id=F("variant__product_id")
    ).order_by("pk"),
    "variant__product_id",
)
VALUES_BY_PRODUCT = KeyedQuery(
    lambda: AssignedProductAttributeValue.objects.select_related("value__attribute").order_by(
        "sort_order", "pk"
    ),
    "product_id",
)
CHANNELS_BY_SLUG = KeyedQuery(Channel.objects.all, "slug")


def _fields(obj: object) -> dict[str, object]:
    return {k: v for k, v in vars(obj).items() if k != "_state"}


def test_same_rows_in_the_same_order_as_the_queryset_for_any_number_of_keys():
    parent = CategoryFactory(name="Pangan")
    categories = [CategoryFactory(parent=parent, name=f"Sayur {n}") for n in range(5)]
    for keys in ([categories[0].pk], [c.pk for c in categories[:3]], [c.pk for c in categories]):
        expected = list(Category.objects.filter(pk__in=keys))
        found = CATEGORIES.fetch(keys)
        assert [_fields(c) for c in found] == [_fields(c) for c in expected]
        assert all(not c._state.adding and c._state.db == "default" for c in found)


def test_unknown_none_and_no_keys_find_nothing_without_a_query_for_no_keys():
    category = CategoryFactory()
    assert [c.pk for c in CATEGORIES.fetch([category.pk, 987_654, None])] == [category.pk]
    with CaptureQueriesContext(connection) as queries:
        assert CATEGORIES.fetch([]) == []
        assert CATEGORIES.fetch([None]) == []
    assert len(queries) == 0


def test_annotations_and_joined_keys_come_through():
    variant = ProductVariantFactory()
    other = ProductVariantFactory()
    listing = ProductVariantChannelListingFactory(variant=variant, price_amount=Decimal(12_500))
    ProductVariantChannelListingFactory(variant=other)
    (found,) = PRICES_BY_PRODUCT.fetch([variant.product_id])
    assert found.pk == listing.pk
    assert found.product_id == variant.product_id
    assert found.price_amount == Decimal(12_500)


def test_select_related_objects_are_filled_in_one_query():
    product = ProductFactory()
    attribute = Attribute.objects.create(name="Rasa", slug="rasa")
    value = AttributeValue.objects.create(attribute=attribute, name="Pedas", slug="pedas")
    AssignedProductAttributeValue.objects.create(product=product, value=value)
    with CaptureQueriesContext(connection) as queries:
        (row,) = VALUES_BY_PRODUCT.fetch([product.pk])
        assert row.value.name == "Pedas"
        assert row.value.attribute.slug == "rasa"
    assert len(queries) == 1


def test_text_keys_and_a_change_right_after_is_read_at_once():
    channel = Channel.objects.create(
        name="Pecatu", slug="pecatu-test", currency_code="IDR", default_country="ID"
    )
    assert [c.name for c in CHANNELS_BY_SLUG.fetch(["pecatu-test", "o'brien, {x}"])] == ["Pecatu"]
    Channel.objects.filter(pk=channel.pk).update(name="Pecatu Baru")
    assert [c.name for c in CHANNELS_BY_SLUG.fetch(["pecatu-test"])] == ["Pecatu Baru"]


def test_a_queryset_with_prefetches_is_refused():
    query = KeyedQuery(lambda: Category.objects.prefetch_related("children"), "pk")
    with pytest.raises(ValueError, match="without prefetches"):
        query.fetch([1])
