"""``filter`` and ``where`` of the product and category lists: Saleor's
``ProductFilterInput``, ``ProductWhereInput``, ``CategoryFilterInput`` and
``CategoryWhereInput`` with every field Saleor 3.24 has, and the functions applying them.

Channel-dependent fields (price, minimal price, published, available, visible in
listings, stock availability) read the channel the list is asked for (the query's
``channel``, else the deprecated ``filter.channel``, else Saleor's default channel).
Lumbung has no gift cards and no pre-orders: ``giftCard``/``hasPreorderedVariants`` true
match no product, false every product.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import graphene
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from marketplace.catalog.models import Category, Product
from marketplace.catalog.search import products_search
from marketplace.catalog.search.facets import SearchFilters, products_filter
from marketplace.catalog.selectors import category_descendants
from marketplace.content.models import CollectionProduct
from marketplace.warehouses.models import Stock
from storefront_api.catalog.attribute_value_filters import AttributeInput, products_attributes_q
from storefront_api.catalog.channel_expressions import (
    in_stock,
    listed_with,
    min_variant_price,
    variant_prices,
    variant_quantity_within,
    variant_total_within,
)
from storefront_api.catalog.storefront import default_channel_slug
from storefront_api.core.filter_inputs import (
    NOTHING,
    DateTimeFilterInput,
    DateTimeRangeInput,
    DecimalFilterInput,
    GlobalIDFilterInput,
    IntRangeInput,
    MetadataFilter,
    PriceRangeInput,
    StringFilterInput,
    metadata_q,
    range_q,
    value_filter_q,
)
from storefront_api.core.ids import decode_int_pk

__all__ = ["GlobalIDFilterInput", "StringFilterInput"]  # re-exported for other areas

CHANNEL_DEPRECATION = "Use root-level channel argument instead."
PREORDER_DEPRECATION = (
    "Preorder is deprecated and will be removed. Model pre-sales with regular stock "
    "instead: create the planned quantity in a warehouse, or set `trackInventory` to false "
    "to sell without a stock limit."
)

StockAvailability = graphene.Enum(
    "StockAvailability",
    [("IN_STOCK", "in_stock"), ("OUT_OF_STOCK", "out_of_stock")],
    description="Whether a product has stock to sell in the channel.",
)


class ProductStockFilterInput(graphene.InputObjectType):
    warehouse_ids = graphene.List(graphene.NonNull(graphene.ID))
    quantity = graphene.InputField(IntRangeInput)


def _ids_list() -> graphene.List:
    return graphene.List(graphene.NonNull(graphene.ID))


class ProductFilterInput(graphene.InputObjectType):
    is_published = graphene.Boolean()
    collections = _ids_list()
    categories = _ids_list()
    has_category = graphene.Boolean()
    attributes = graphene.List(graphene.NonNull(AttributeInput))
    stock_availability = StockAvailability()
    stocks = graphene.InputField(ProductStockFilterInput)
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    published_from = graphene.DateTime(description="Filter by the publication date.")
    is_available = graphene.Boolean(description="Filter by availability for purchase.")
    available_from = graphene.DateTime(description="Filter by the date of availability.")
    is_visible_in_listing = graphene.Boolean(description="Filter by visibility in listings.")
    price = graphene.InputField(PriceRangeInput)
    minimal_price = graphene.InputField(
        PriceRangeInput, description="Filter by the lowest variant price after discounts."
    )
    updated_at = graphene.InputField(DateTimeRangeInput)
    product_types = _ids_list()
    gift_card = graphene.Boolean(description="Filter on whether product is a gift card or not.")
    ids = _ids_list()
    has_preordered_variants = graphene.Boolean(deprecation_reason=PREORDER_DEPRECATION)
    slugs = graphene.List(graphene.NonNull(graphene.String))
    channel = graphene.String(
        description="Specifies the channel by which the data should be filtered.",
        deprecation_reason=CHANNEL_DEPRECATION,
    )
    cooperatives = graphene.List(
        graphene.NonNull(graphene.ID), description="Lumbung: cooperative IDs."
    )
    producers = graphene.List(graphene.NonNull(graphene.ID), description="Lumbung: producer IDs.")
    hubs = graphene.List(
        graphene.NonNull(graphene.ID), description="Lumbung: village hub IDs (listed there)."
    )
    halal = graphene.Boolean(description="Lumbung: with (or without) a valid halal certificate.")
    pirt = graphene.Boolean(description="Lumbung: with (or without) a P-IRT number.")
    in_stock = graphene.Boolean(description="Lumbung: with (or without) units to sell.")


class ProductWhereInput(graphene.InputObjectType):
    metadata = graphene.List(graphene.NonNull(MetadataFilter), description="Filter by metadata.")
    ids = graphene.List(graphene.NonNull(graphene.ID), description="Filter by product IDs.")
    name = graphene.InputField(StringFilterInput, description="Filter by product name.")
    slug = graphene.InputField(StringFilterInput, description="Filter by product slug.")
    product_type = graphene.InputField(GlobalIDFilterInput, description="Filter by product type.")
    category = graphene.InputField(GlobalIDFilterInput, description="Filter by product category.")
    collection = graphene.InputField(GlobalIDFilterInput, description="Filter by collection.")
    is_available = graphene.Boolean(description="Filter by availability for purchase.")
    is_published = graphene.Boolean(description="Filter by public visibility.")
    is_visible_in_listing = graphene.Boolean(description="Filter by visibility on the channel.")
    published_from = graphene.DateTime(description="Filter by the publication date.")
    available_from = graphene.DateTime(description="Filter by the date of availability.")
    has_category = graphene.Boolean(description="Filter by product with category assigned.")
    price = graphene.InputField(DecimalFilterInput, description="Filter by product variant price.")
    minimal_price = graphene.InputField(
        DecimalFilterInput, description="Filter by the lowest variant price after discounts."
    )
    attributes = graphene.List(
        graphene.NonNull(AttributeInput), description="Filter by attributes associated."
    )
    stock_availability = StockAvailability(description="Filter by variants having stock.")
    stocks = graphene.InputField(ProductStockFilterInput, description="Filter by stock.")
    gift_card = graphene.Boolean(description="Filter on whether product is a gift card or not.")
    has_preordered_variants = graphene.Boolean(
        description="Filter by product with preordered variants.",
        deprecation_reason=PREORDER_DEPRECATION,
    )
    updated_at = graphene.InputField(DateTimeFilterInput, description="Filter by when was updated.")
    AND = graphene.List(
        graphene.NonNull(lambda: ProductWhereInput),
        name="AND",
        description="List of conditions that must be met.",
    )
    OR = graphene.List(
        graphene.NonNull(lambda: ProductWhereInput),
        name="OR",
        description="A list of conditions of which at least one must be met.",
    )


class ChannelScope:
    """The channel a product list is filtered or sorted in, found only when needed."""

    def __init__(self, slug: str | None) -> None:
        self._slug = slug

    @property
    def slug(self) -> str:
        if not self._slug:
            self._slug = default_channel_slug()  # Saleor: the only channel, else an error
        return self._slug


def ids_of(values: list[str], type_name: str, field: str) -> list[int]:
    return [decode_int_pk(v, only_type=type_name, field=field) for v in values]


def _global_ids(data: dict[str, Any] | None, type_name: str, field: str) -> list[int] | None:
    if not data:
        return None
    values = [data["eq"]] if data.get("eq") is not None else data.get("one_of")
    return None if values is None else ids_of(values, type_name, field)


def _in_collections(ids: list[int]) -> Q:
    return Q(
        Exists(CollectionProduct.objects.filter(collection_id__in=ids, product=OuterRef("pk")))
    )


def _in_categories_and_below(ids: list[int]) -> Q:
    condition = Q(category_id__in=ids)
    for pk in ids:  # Saleor's `categories` filter takes subcategories in
        condition |= Q(category__in=category_descendants(category=Category(pk=pk)))
    return condition


def _published(value: bool, channel: ChannelScope) -> Q:
    priced = Q(Exists(variant_prices(channel.slug)))
    return listed_with(channel.slug, Q(is_published=value)) & priced


def _available(value: bool, channel: ChannelScope) -> Q:
    now = timezone.now()
    if value:
        return listed_with(channel.slug, Q(available_for_purchase_at__lte=now))
    later = Q(available_for_purchase_at__gt=now) | Q(available_for_purchase_at__isnull=True)
    return listed_with(channel.slug, later)


def stock_availability_q(value: Any, channel: ChannelScope, *, of_variants: bool = False) -> Q:
    """``StockAvailability``: products (or variants) with or without stock to sell in the
    channel."""
    of = "product_variant" if of_variants else "product_variant__product"
    stocked = in_stock(channel.slug, of=of)
    return stocked if getattr(value, "value", value) == "in_stock" else ~stocked


def stocks_q(data: dict[str, Any], *, of_variants: bool = False) -> Q:
    """``ProductStockFilterInput``: products (or, ``of_variants``, variants) with stock in
    ``warehouseIds`` and, with ``quantity``, a variant whose total stock is within it."""
    ids = data.get("warehouse_ids")
    warehouses = None if ids is None else ids_of(ids, "Warehouse", "warehouseIds")
    if data.get("quantity") is None:
        if warehouses is None:
            return Q()
        of = "product_variant" if of_variants else "product_variant__product"
        stocks = Stock.objects.filter(warehouse_id__in=warehouses, **{of: OuterRef("pk")})
        return Q(Exists(stocks))
    if of_variants:
        return variant_total_within(data["quantity"], warehouses)
    return variant_quantity_within(data["quantity"], warehouses)


def _stocks(data: dict[str, Any], channel: ChannelScope) -> Q:
    return stocks_q(data)


def _price(data: dict[str, Any], channel: ChannelScope) -> Q:
    """A variant priced within ``data`` in the channel."""
    prices = variant_prices(channel.slug).filter(value_filter_q("price_amount", data))
    return Q(Exists(prices))


def _minimal_price(data: dict[str, Any], channel: ChannelScope) -> Q:
    """The cheapest variant priced within ``data``: a condition on ``minimal_price``."""
    return value_filter_q("minimal_price", data)


def _never_when_true(value: bool, channel: ChannelScope) -> Q:
    return NOTHING if value else Q()


# field -> condition, for the fields ProductFilterInput and ProductWhereInput share
_SHARED: dict[str, Callable[[Any, ChannelScope], Q]] = {
    "metadata": lambda value, channel: metadata_q(value),
    "has_category": lambda value, channel: Q(category__isnull=not value),
    "is_published": _published,
    "is_available": _available,
    "published_from": lambda value, channel: listed_with(channel.slug, Q(published_at__lte=value)),
    "available_from": lambda value, channel: listed_with(
        channel.slug, Q(available_for_purchase_at__lte=value)
    ),
    "is_visible_in_listing": lambda value, channel: listed_with(
        channel.slug, Q(visible_in_listings=value)
    ),
    "price": _price,
    "minimal_price": _minimal_price,
    "attributes": lambda value, channel: products_attributes_q(value),
    "stock_availability": stock_availability_q,
    "stocks": _stocks,
    "gift_card": _never_when_true,
    "has_preordered_variants": _never_when_true,
    "ids": lambda value, channel: Q(pk__in=ids_of(value, "Product", "ids")),
}

_FILTER_ONLY: dict[str, Callable[[Any, ChannelScope], Q]] = {
    "collections": lambda value, channel: _in_collections(
        ids_of(value, "Collection", "collections")
    ),
    "categories": lambda value, channel: _in_categories_and_below(
        ids_of(value, "Category", "categories")
    ),
    "product_types": lambda value, channel: Q(
        product_type_id__in=ids_of(value, "ProductType", "productTypes")
    ),
    "slugs": lambda value, channel: Q(slug__in=value),
    "updated_at": lambda value, channel: range_q("updated_at", value),
}


def _uses_minimal_price(data: dict[str, Any]) -> bool:
    if data.get("minimal_price") is not None:
        return True
    return any(_uses_minimal_price(item) for key in ("AND", "OR") for item in data.get(key) or [])


def _with_minimal_price(
    queryset: QuerySet[Product], data: dict[str, Any], channel: ChannelScope
) -> QuerySet[Product]:
    if _uses_minimal_price(data):
        return queryset.annotate(minimal_price=min_variant_price(channel.slug))
    return queryset


def product_search(queryset: QuerySet[Product], text: str) -> QuerySet[Product]:
    """Full-text search, ranked (``marketplace.catalog.search``: ``search_rank``)."""
    if not text.strip():
        return queryset
    return products_search(queryset, text)


def filter_products(
    queryset: QuerySet[Product],
    data: dict[str, Any] | None,
    *,
    channel: ChannelScope,
    search: str | None = None,
) -> QuerySet[Product]:
    """``queryset`` narrowed by a ``ProductFilterInput`` and the ``search`` argument."""
    data = data or {}
    if search:
        queryset = product_search(queryset, search)
    if data.get("search"):
        queryset = product_search(queryset, data["search"])
    queryset = _with_minimal_price(queryset, data, channel)
    condition = Q()
    for field, build in {**_SHARED, **_FILTER_ONLY}.items():
        if data.get(field) is not None:
            condition &= build(data[field], channel)
    return products_filter(queryset.filter(condition), _search_filters(data))


def _search_filters(data: dict[str, Any]) -> SearchFilters:
    """Lumbung's own filters (``marketplace.catalog.search.facets``)."""

    def ids(key: str, type_name: str) -> list[int] | None:
        return None if data.get(key) is None else ids_of(data[key], type_name, key)

    return SearchFilters(
        cooperative_ids=ids("cooperatives", "Cooperative"),
        producer_ids=ids("producers", "Producer"),
        hub_ids=ids("hubs", "VillageHub"),
        halal=data.get("halal"),
        pirt=data.get("pirt"),
        in_stock=data.get("in_stock"),
    )


def _where_q(data: dict[str, Any], channel: ChannelScope) -> Q:
    condition = Q()
    for field, build in _SHARED.items():
        if data.get(field) is not None:
            condition &= build(data[field], channel)
    condition &= value_filter_q("name", data.get("name"))
    condition &= value_filter_q("slug", data.get("slug"))
    condition &= value_filter_q("updated_at", data.get("updated_at"))
    if (ids := _global_ids(data.get("product_type"), "ProductType", "productType")) is not None:
        condition &= Q(product_type_id__in=ids)
    if (ids := _global_ids(data.get("category"), "Category", "category")) is not None:
        condition &= Q(category_id__in=ids)
    if (ids := _global_ids(data.get("collection"), "Collection", "collection")) is not None:
        condition &= _in_collections(ids)
    for item in data.get("AND") or []:
        condition &= _where_q(item, channel)
    if data.get("OR"):
        any_of = NOTHING
        for item in data["OR"]:
            any_of |= _where_q(item, channel)
        condition &= any_of
    return condition


def where_products(
    queryset: QuerySet[Product], data: dict[str, Any] | None, *, channel: ChannelScope
) -> QuerySet[Product]:
    """``queryset`` narrowed by a ``ProductWhereInput`` (fields AND-ed; AND/OR lists)."""
    if not data:
        return queryset
    queryset = _with_minimal_price(queryset, data, channel)
    return queryset.filter(_where_q(data, channel))


# --- categories --------------------------------------------------------------------------


class CategoryFilterInput(graphene.InputObjectType):
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))
    updated_at = graphene.InputField(DateTimeRangeInput)


class CategoryWhereInput(graphene.InputObjectType):
    metadata = graphene.List(graphene.NonNull(MetadataFilter), description="Filter by metadata.")
    ids = graphene.List(graphene.NonNull(graphene.ID))
    AND = graphene.List(
        graphene.NonNull(lambda: CategoryWhereInput),
        name="AND",
        description="List of conditions that must be met.",
    )
    OR = graphene.List(
        graphene.NonNull(lambda: CategoryWhereInput),
        name="OR",
        description="A list of conditions of which at least one must be met.",
    )


def filter_categories(
    queryset: QuerySet[Category], data: dict[str, Any] | None
) -> QuerySet[Category]:
    """Categories matching a ``CategoryFilterInput`` (they carry no metadata)."""
    data = data or {}
    if data.get("search"):
        text = data["search"].strip()
        queryset = queryset.filter(Q(name__icontains=text) | Q(slug__icontains=text))
    if data.get("ids") is not None:
        queryset = queryset.filter(pk__in=ids_of(data["ids"], "Category", "ids"))
    if data.get("slugs") is not None:
        queryset = queryset.filter(slug__in=data["slugs"])
    queryset = queryset.filter(range_q("updated_at", data.get("updated_at")))
    return queryset.filter(metadata_q(data.get("metadata"), has_metadata=False))


def where_ids_q(data: dict[str, Any] | None, type_name: str, *, has_metadata: bool) -> Q:
    """Saleor's ``<Type>WhereInput`` of ``metadata``, ``ids``, ``AND`` and ``OR``."""
    data = data or {}
    condition = metadata_q(data.get("metadata"), has_metadata=has_metadata)
    if data.get("ids") is not None:
        condition &= Q(pk__in=ids_of(data["ids"], type_name, "ids"))
    for item in data.get("AND") or []:
        condition &= where_ids_q(item, type_name, has_metadata=has_metadata)
    if data.get("OR"):
        any_of = NOTHING
        for item in data["OR"]:
            any_of |= where_ids_q(item, type_name, has_metadata=has_metadata)
        condition &= any_of
    return condition
