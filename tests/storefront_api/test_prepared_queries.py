"""KeyedQuery and PreparedQuery: a query compiled once answers exactly as the queryset it
stands for, with any keys or values, always reads the rows as they are now, and refuses a
queryset whose SQL would hide something other than its values."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import F
from django.db.models.signals import post_init, pre_init
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    Attribute,
    AttributeValue,
    Category,
    Product,
    ProductMedia,
    ProductVariantChannelListing,
)
from marketplace.channels.models import Channel
from storefront_api.core.prepared import KeyedQuery, PreparedQuery
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
PRODUCTS = KeyedQuery(Product.objects.all, "pk")
MEDIA_BY_PRODUCT = KeyedQuery(lambda: ProductMedia.objects.order_by("pk"), "product_id")


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


def test_empty_metadata_is_a_dict_of_each_row_s_own():
    products = [ProductFactory(), ProductFactory(metadata={"asal": "Pecatu"})]
    found = {p.pk: p for p in PRODUCTS.fetch([p.pk for p in products])}
    first, second = found[products[0].pk], found[products[1].pk]
    another = PRODUCTS.fetch([products[0].pk])[0]
    assert (first.metadata, first.private_metadata, second.metadata) == ({}, {}, {"asal": "Pecatu"})
    first.metadata["seen"] = "ya"
    assert (another.metadata, first.private_metadata) == ({}, {})


def test_instances_are_built_as_django_builds_them_signals_included():
    product = ProductFactory()
    for n in range(2):
        ProductMedia.objects.create(
            product=product, image=f"products/kopi-{n}.jpg", alt=f"Kopi {n}", sort_order=n
        )
    seen: list[tuple[str, object, dict[str, object]]] = []

    def before(sender, args, kwargs, **_):
        seen.append(("pre", sender, {"args": args, "kwargs": kwargs}))

    def after(sender, instance, **_):
        seen.append(("post", sender, _fields(instance)))

    pre_init.connect(before, sender=ProductMedia)
    post_init.connect(after, sender=ProductMedia)
    try:
        expected = list(ProductMedia.objects.filter(product=product).order_by("pk"))
        django_signals, seen[:] = list(seen), []
        found = MEDIA_BY_PRODUCT.fetch([product.pk])
    finally:
        pre_init.disconnect(before, sender=ProductMedia)
        post_init.disconnect(after, sender=ProductMedia)
    assert seen == django_signals
    assert len(seen) == 4
    assert [list(vars(m)) for m in found] == [list(vars(m)) for m in expected]
    assert [_fields(m) for m in found] == [_fields(m) for m in expected]
    assert [(m._state.adding, m._state.db) for m in found] == [(False, "default")] * 2
    assert [m.image.url for m in found] == [m.image.url for m in expected]
    assert found[0].product == product
    found[0].product_id = ProductFactory().pk  # a new id drops the cached product
    assert found[0].product.pk == found[0].product_id


def test_integer_keys_of_any_size_and_digit_strings_find_the_same_rows():
    categories = [CategoryFactory(name=f"Buah {n}") for n in range(3)]
    pks = [c.pk for c in categories]
    assert [c.pk for c in CATEGORIES.fetch([pks[2], 2**40, pks[0], -1])] == [pks[0], pks[2]]
    assert [c.pk for c in CATEGORIES.fetch([str(pks[1]), str(pks[2])])] == pks[1:]
    assert [c.pk for c in CATEGORIES.fetch(pks * 2)] == pks


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


def _categories_named(shape, name):
    return Category.objects.filter(name=name).order_by("pk")[:shape]


NAMED = PreparedQuery(_categories_named, stand_ins={"name": ("\x01satu", "\x01dua")})


def test_a_prepared_query_runs_with_each_call_s_values_and_shape():
    CategoryFactory(name="Beras")
    CategoryFactory(name="Beras")
    CategoryFactory(name="Kopi")
    assert [c.name for c in NAMED.fetch(5, name="Beras")] == ["Beras", "Beras"]
    assert [c.name for c in NAMED.fetch(1, name="Beras")] == ["Beras"]
    assert [c.name for c in NAMED.fetch(5, name="Kopi")] == ["Kopi"]
    assert NAMED.fetch(5, name="Teh") == []


def test_a_prepared_query_refuses_what_is_not_one_of_its_values():
    hidden_time = PreparedQuery(
        lambda shape, name: Category.objects.filter(name=name, created_at__lte=_now()),
        stand_ins={"name": ("\x01satu", "\x01dua")},
    )
    with pytest.raises(ValueError, match="not a value"):
        hidden_time.fetch(name="Beras")
    unused = PreparedQuery(
        lambda shape, name, level: Category.objects.filter(name=name),
        stand_ins={"name": ("\x01satu", "\x01dua"), "level": (-71, -72)},
    )
    with pytest.raises(ValueError, match="must reach its SQL"):
        unused.fetch(name="Beras", level=0)
    changing = PreparedQuery(
        lambda shape, name: Category.objects.filter(name=name)[: len(name)],
        stand_ins={"name": ("\x01satu", "\x01sembilan")},
    )
    with pytest.raises(ValueError, match="must not depend"):
        changing.fetch(name="Beras")
    with pytest.raises(TypeError, match="takes exactly"):
        NAMED.fetch(5, nama="Beras")


def _now():
    return timezone.now()
