"""Filter and sort inputs of the catalog queries: Saleor's input types, with the subset
of their fields Lumbung accepts, and the functions applying them to querysets."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Q, QuerySet

from marketplace.catalog.models import Category, Product
from marketplace.catalog.search import products_search
from marketplace.catalog.search.facets import SearchFilters, products_filter
from storefront_api.core.enums import CategorySortField, OrderDirection, ProductOrderField
from storefront_api.core.ids import decode_int_pk


class ProductFilterInput(graphene.InputObjectType):
    categories = graphene.List(graphene.NonNull(graphene.ID), description="Category IDs.")
    has_category = graphene.Boolean(description="Whether products have a category.")
    search = graphene.String(description="Search by name, slug or SKU.")
    product_types = graphene.List(graphene.NonNull(graphene.ID), description="Product type IDs.")
    ids = graphene.List(graphene.NonNull(graphene.ID), description="Product IDs.")
    slugs = graphene.List(graphene.NonNull(graphene.String), description="Product slugs.")
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


class ProductOrder(graphene.InputObjectType):
    direction = OrderDirection(required=True, description="Sort direction.")
    field = ProductOrderField(description="Field to sort by.")


class CategoryFilterInput(graphene.InputObjectType):
    search = graphene.String(description="Search by name or slug.")
    ids = graphene.List(graphene.NonNull(graphene.ID), description="Category IDs.")
    slugs = graphene.List(graphene.NonNull(graphene.String), description="Category slugs.")


class CategorySortingInput(graphene.InputObjectType):
    direction = OrderDirection(required=True, description="Sort direction.")
    field = CategorySortField(required=True, description="Field to sort by.")


_PRODUCT_SORT_FIELDS = {
    "name": "name",
    "last_modified": "updated_at",
    "last_modified_at": "updated_at",
    "date": "updated_at",
    "rating": "rating",
    "created_at": "created_at",
}


def _value(member: Any) -> Any:
    return getattr(member, "value", member)


def product_search(queryset: QuerySet[Product], text: str) -> QuerySet[Product]:
    """The catalog's search (``marketplace.catalog.search``): names, categories, attributes,
    producers, cooperatives, villages, descriptions; typos and Indonesian spellings."""
    if not text.strip():
        return queryset
    return products_search(queryset, text)


def filter_products(
    queryset: QuerySet[Product], data: dict[str, Any] | None, *, search: str | None = None
) -> QuerySet[Product]:
    data = data or {}
    if search:
        queryset = product_search(queryset, search)
    if data.get("search"):
        queryset = product_search(queryset, data["search"])
    if data.get("categories") is not None:
        ids = [
            decode_int_pk(v, only_type="Category", field="categories") for v in data["categories"]
        ]
        queryset = queryset.filter(category_id__in=ids)
    if data.get("has_category") is not None:
        queryset = queryset.filter(category__isnull=not data["has_category"])
    if data.get("product_types") is not None:
        ids = [
            decode_int_pk(v, only_type="ProductType", field="productTypes")
            for v in data["product_types"]
        ]
        queryset = queryset.filter(product_type_id__in=ids)
    if data.get("ids") is not None:
        ids = [decode_int_pk(v, only_type="Product", field="ids") for v in data["ids"]]
        queryset = queryset.filter(pk__in=ids)
    if data.get("slugs") is not None:
        queryset = queryset.filter(slug__in=data["slugs"])
    return products_filter(queryset, _search_filters(data))


def _ids(data: dict[str, Any], key: str, type_name: str) -> list[int] | None:
    if data.get(key) is None:
        return None
    return [decode_int_pk(v, only_type=type_name, field=key) for v in data[key]]


def _search_filters(data: dict[str, Any]) -> SearchFilters:
    """Lumbung's own filters (``marketplace.catalog.search.facets``)."""
    return SearchFilters(
        cooperative_ids=_ids(data, "cooperatives", "Cooperative"),
        producer_ids=_ids(data, "producers", "Producer"),
        hub_ids=_ids(data, "hubs", "VillageHub"),
        halal=data.get("halal"),
        pirt=data.get("pirt"),
        in_stock=data.get("in_stock"),
    )


def product_order_by(sort_by: dict[str, Any] | None) -> list[str]:
    if not sort_by:
        return ["slug"]
    field = _PRODUCT_SORT_FIELDS[_value(sort_by.get("field")) or "name"]
    prefix = "-" if _value(sort_by["direction"]) == "desc" else ""
    return [f"{prefix}{field}"] if field == "slug" else [f"{prefix}{field}", f"{prefix}slug"]


def filter_categories(
    queryset: QuerySet[Category], data: dict[str, Any] | None
) -> QuerySet[Category]:
    data = data or {}
    if data.get("search"):
        text = data["search"].strip()
        queryset = queryset.filter(Q(name__icontains=text) | Q(slug__icontains=text))
    if data.get("ids") is not None:
        ids = [decode_int_pk(v, only_type="Category", field="ids") for v in data["ids"]]
        queryset = queryset.filter(pk__in=ids)
    if data.get("slugs") is not None:
        queryset = queryset.filter(slug__in=data["slugs"])
    return queryset


def category_order_by(sort_by: dict[str, Any] | None) -> list[str]:
    if not sort_by:
        return ["level", "name"]
    prefix = "-" if _value(sort_by["direction"]) == "desc" else ""
    return [f"{prefix}name", f"{prefix}slug"]


# --- storefront browsing: Saleor's `where` filter ----------------------------------------


class StringFilterInput(graphene.InputObjectType):
    eq = graphene.String(description="The value equal to.")
    one_of = graphene.List(graphene.NonNull(graphene.String), description="The value included in.")


class GlobalIDFilterInput(graphene.InputObjectType):
    eq = graphene.ID(description="The value equal to.")
    one_of = graphene.List(graphene.NonNull(graphene.ID), description="The value included in.")


class ProductWhereInput(graphene.InputObjectType):
    ids = graphene.List(graphene.NonNull(graphene.ID), description="Filter by product IDs.")
    name = graphene.InputField(StringFilterInput, description="Filter by product name.")
    slug = graphene.InputField(StringFilterInput, description="Filter by product slug.")
    product_type = graphene.InputField(GlobalIDFilterInput, description="Filter by product type.")
    category = graphene.InputField(GlobalIDFilterInput, description="Filter by product category.")
    collection = graphene.InputField(GlobalIDFilterInput, description="Filter by collection.")
    has_category = graphene.Boolean(description="Filter by product with category assigned.")
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


def _string_q(field: str, data: dict[str, Any] | None) -> Q:
    condition = Q()
    if data and data.get("eq") is not None:
        condition &= Q(**{field: data["eq"]})
    if data and data.get("one_of") is not None:
        condition &= Q(**{f"{field}__in": data["one_of"]})
    return condition


def _ids(data: dict[str, Any] | None, type_name: str, field: str) -> list[int] | None:
    if not data:
        return None
    values = [data["eq"]] if data.get("eq") is not None else data.get("one_of")
    if values is None:
        return None
    return [decode_int_pk(value, only_type=type_name, field=field) for value in values]


def product_where_q(data: dict[str, Any] | None) -> Q:
    """Saleor's ``ProductWhereInput`` as a condition (AND of fields; AND/OR lists)."""
    from marketplace.content.models import CollectionProduct

    data = data or {}
    condition = Q()
    if data.get("ids") is not None:
        condition &= Q(
            pk__in=[decode_int_pk(v, only_type="Product", field="ids") for v in data["ids"]]
        )
    condition &= _string_q("name", data.get("name"))
    condition &= _string_q("slug", data.get("slug"))
    if (ids := _ids(data.get("product_type"), "ProductType", "productType")) is not None:
        condition &= Q(product_type_id__in=ids)
    if (ids := _ids(data.get("category"), "Category", "category")) is not None:
        condition &= Q(category_id__in=ids)
    if (ids := _ids(data.get("collection"), "Collection", "collection")) is not None:
        in_collection = CollectionProduct.objects.filter(collection_id__in=ids)
        condition &= Q(pk__in=in_collection.values("product_id"))
    if data.get("has_category") is not None:
        condition &= Q(category__isnull=not data["has_category"])
    for item in data.get("AND") or []:
        condition &= product_where_q(item)
    if data.get("OR"):
        any_of = Q(pk__in=[])
        for item in data["OR"]:
            any_of |= product_where_q(item)
        condition &= any_of
    return condition
