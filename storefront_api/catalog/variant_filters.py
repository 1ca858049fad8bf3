"""``filter``, ``where``, ``search`` and ``sortBy`` of the variant lists
(``Product.productVariants`` and ``Query.productVariants``): Saleor's
``ProductVariantFilterInput``, ``ProductVariantWhereInput`` and
``ProductVariantSortingInput``.

Stock availability reads the list's channel (the query's ``channel``, else the product's,
else Saleor's default channel). Lumbung has no pre-orders: ``isPreorder`` true matches no
variant, false every variant.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Q

from storefront_api.catalog.attribute_value_filters import (
    AssignedAttributeWhereInput,
    variants_attributes_q,
)
from storefront_api.catalog.filters import (
    PREORDER_DEPRECATION,
    ChannelScope,
    ProductStockFilterInput,
    StockAvailability,
    ids_of,
    stock_availability_q,
    stocks_q,
)
from storefront_api.core.enums import OrderDirection
from storefront_api.core.filter_inputs import (
    NOTHING,
    DateTimeRangeInput,
    MetadataFilter,
    StringFilterInput,
    check_one_filter_argument,
    metadata_q,
    range_q,
    sort_order,
    value_filter_q,
)


class ProductVariantFilterInput(graphene.InputObjectType):
    search = graphene.String()
    sku = graphene.List(graphene.NonNull(graphene.String))
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    is_preorder = graphene.Boolean(deprecation_reason=PREORDER_DEPRECATION)
    updated_at = graphene.InputField(DateTimeRangeInput)


class ProductVariantWhereInput(graphene.InputObjectType):
    metadata = graphene.List(graphene.NonNull(MetadataFilter), description="Filter by metadata.")
    ids = graphene.List(graphene.NonNull(graphene.ID), description="Filter by product variant IDs.")
    sku = graphene.InputField(StringFilterInput, description="Filter by product variant SKU.")
    updated_at = graphene.InputField(
        DateTimeRangeInput, description="Filter by when was the most recent update."
    )
    attributes = graphene.List(
        graphene.NonNull(AssignedAttributeWhereInput),
        description="Filter by attributes associated with the variant.",
    )
    stock_availability = StockAvailability(description="Filter by stock availability.")
    stocks = graphene.InputField(ProductStockFilterInput, description="Filter by stock.")
    AND = graphene.List(
        graphene.NonNull(lambda: ProductVariantWhereInput),
        name="AND",
        description="List of conditions that must be met.",
    )
    OR = graphene.List(
        graphene.NonNull(lambda: ProductVariantWhereInput),
        name="OR",
        description="A list of conditions of which at least one must be met.",
    )


class ProductVariantSortField(graphene.Enum):
    LAST_MODIFIED_AT = "last_modified_at"

    @property
    def description(self) -> str:
        return "Sort products variants by last modified at."


class ProductVariantSortingInput(graphene.InputObjectType):
    direction = OrderDirection(
        required=True, description="Specifies the direction in which to sort productVariants."
    )
    field = ProductVariantSortField(
        required=True, description="Sort productVariants by the selected field."
    )


def variant_list_arguments() -> dict[str, graphene.Argument]:
    """``filter``, ``where`` and ``sortBy`` as both variant lists declare them."""
    return {
        "filter": graphene.Argument(
            ProductVariantFilterInput,
            description="Filtering options for product variant.",
            deprecation_reason="Use `where` filter instead.",
        ),
        "where": graphene.Argument(
            ProductVariantWhereInput, description="Where filtering options."
        ),
        "sort_by": graphene.Argument(
            ProductVariantSortingInput, description="Sort productVariants."
        ),
    }


def _search_q(text: str | None) -> Q:
    text = (text or "").strip()
    if not text:
        return Q()
    return Q(name__icontains=text) | Q(sku__icontains=text) | Q(product__name__icontains=text)


def _filter_q(data: dict[str, Any]) -> Q:
    condition = _search_q(data.get("search")) & metadata_q(data.get("metadata"))
    if data.get("sku") is not None:
        condition &= Q(sku__in=data["sku"])
    if data.get("is_preorder"):
        condition &= NOTHING
    return condition & range_q("updated_at", data.get("updated_at"))


def _where_q(data: dict[str, Any], channel: ChannelScope) -> Q:
    condition = metadata_q(data.get("metadata")) & value_filter_q("sku", data.get("sku"))
    condition &= range_q("updated_at", data.get("updated_at"))
    condition &= variants_attributes_q(data.get("attributes"))
    if data.get("ids") is not None:
        condition &= Q(pk__in=ids_of(data["ids"], "ProductVariant", "ids"))
    if data.get("stock_availability") is not None:
        condition &= stock_availability_q(data["stock_availability"], channel, of_variants=True)
    if data.get("stocks") is not None:
        condition &= stocks_q(data["stocks"], of_variants=True)
    for item in data.get("AND") or []:
        condition &= _where_q(item, channel)
    if data.get("OR"):
        any_of = NOTHING
        for item in data["OR"]:
            any_of |= _where_q(item, channel)
        condition &= any_of
    return condition


def variants_condition(args: dict[str, Any], channel: ChannelScope) -> Q:
    """The variants a list's ``filter``/``where``/``search``/``ids`` arguments keep."""
    check_one_filter_argument(args)
    condition = _search_q(args.get("search")) & _filter_q(args.get("filter") or {})
    condition &= _where_q(args.get("where") or {}, channel)
    if args.get("ids") is not None:
        condition &= Q(pk__in=ids_of(args["ids"], "ProductVariant", "ids"))
    return condition


def variants_order(args: dict[str, Any], default: list[str]) -> list[str]:
    """The order of a variant list (``default`` without ``sortBy``)."""
    return sort_order(
        args.get("sort_by"), {"last_modified_at": ["updated_at", "sort_order"]}, default
    )
