"""Filter and sort inputs of the catalog queries: Saleor's input types, with the subset
of their fields Lumbung accepts, and the functions applying them to querysets."""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Exists, OuterRef, Q, QuerySet

from marketplace.catalog.models import Category, Product, ProductVariant
from storefront_api.core.enums import CategorySortField, OrderDirection, ProductOrderField
from storefront_api.core.ids import decode_int_pk


class ProductFilterInput(graphene.InputObjectType):
    categories = graphene.List(graphene.NonNull(graphene.ID), description="Category IDs.")
    has_category = graphene.Boolean(description="Whether products have a category.")
    search = graphene.String(description="Search by name, slug or SKU.")
    product_types = graphene.List(graphene.NonNull(graphene.ID), description="Product type IDs.")
    ids = graphene.List(graphene.NonNull(graphene.ID), description="Product IDs.")
    slugs = graphene.List(graphene.NonNull(graphene.String), description="Product slugs.")


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
    text = text.strip()
    if not text:
        return queryset
    sku = ProductVariant.objects.filter(product=OuterRef("pk"), sku__iexact=text)
    return queryset.filter(Q(name__icontains=text) | Q(slug__icontains=text) | Q(Exists(sku)))


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
    return queryset


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
