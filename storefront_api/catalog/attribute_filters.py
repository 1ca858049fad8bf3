"""``attributes(filter:, channel:)``: Saleor's ``AttributeFilterInput``.

Served: ``search`` (name or slug), ``ids``, ``slugs``, ``type`` (Lumbung's attributes all
describe products: ``PAGE_TYPE`` matches none), ``valueRequired``,
``visibleInStorefront``, ``filterableInStorefront``, and, as Saleor, ``inCategory``
(the category and its subcategories) / ``inCollection``: attributes of the product
types of the products the requestor sees there, in the ``channel`` given (the root
argument, or the deprecated ``filter.channel``). Lumbung's attributes carry no metadata
and none of Saleor's flags ``isVariantOnly``, ``availableInGrid`` and
``filterableInDashboard``: every attribute has Saleor's defaults for them (not variant
only, available in the grid, filterable in the dashboard), and a ``metadata`` filter
matches none.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Exists, OuterRef, Q, QuerySet

from marketplace.catalog.models import Attribute, AttributeProduct, AttributeVariant, Category
from marketplace.catalog.selectors import category_descendants, products_visible_to
from marketplace.channels.models import Channel
from storefront_api.catalog.enums import AttributeTypeEnum
from storefront_api.core.filter_inputs import MetadataFilter, metadata_q
from storefront_api.core.ids import decode_int_pk
from storefront_api.village_hubs.utils import enum_value

FLAG_DEPRECATION = (
    "This flag is not used by Saleor. Keep the logic in the storefront or use `Attribute` "
    "metadata instead."
)
DASHBOARD_FLAG_DEPRECATION = (
    "This flag is not used by Saleor. Keep the logic in the dashboard or use `Attribute` "
    "metadata instead."
)
# Saleor's attribute flags Lumbung's attributes do not store -> the value they all have
_FIXED_FLAGS = {
    "is_variant_only": False,
    "available_in_grid": True,
    "filterable_in_dashboard": True,
}


class AttributeFilterInput(graphene.InputObjectType):
    value_required = graphene.Boolean()
    is_variant_only = graphene.Boolean()
    visible_in_storefront = graphene.Boolean()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    type = AttributeTypeEnum()
    in_collection = graphene.ID()
    in_category = graphene.ID()
    slugs = graphene.List(graphene.NonNull(graphene.String))
    filterable_in_storefront = graphene.Boolean(
        description="Whether the attribute can be filtered in storefront.",
        deprecation_reason=FLAG_DEPRECATION,
    )
    available_in_grid = graphene.Boolean(
        description="Whether the attribute can be displayed in the admin product list.",
        deprecation_reason=FLAG_DEPRECATION,
    )
    filterable_in_dashboard = graphene.Boolean(
        description="Whether the attribute can be filtered in dashboard.",
        deprecation_reason=DASHBOARD_FLAG_DEPRECATION,
    )
    channel = graphene.String(
        description="Specifies the channel by which the data should be filtered.",
        deprecation_reason="Use root-level channel argument instead.",
    )


def _of_products(products: Any) -> Q:
    type_ids = products.values("product_type_id")
    return Q(
        Exists(
            AttributeProduct.objects.filter(attribute=OuterRef("pk"), product_type_id__in=type_ids)
        )
    ) | Q(
        Exists(
            AttributeVariant.objects.filter(attribute=OuterRef("pk"), product_type_id__in=type_ids)
        )
    )


def _visible_products(user: Any, channel_slug: str | None) -> Any:
    channel = None
    if channel_slug is not None:
        channel = Channel.objects.filter(slug=channel_slug).first()
        if channel is None:
            return None
    return products_visible_to(user=user, channel=channel)


def filter_attributes(
    queryset: QuerySet[Attribute], data: Any, *, user: Any, channel: str | None = None
) -> QuerySet[Attribute]:
    """``queryset`` narrowed by an ``AttributeFilterInput`` (``None``: unchanged)."""
    if not data:
        return queryset
    channel = channel or data.get("channel")
    for field in ("value_required", "visible_in_storefront", "filterable_in_storefront"):
        if data.get(field) is not None:
            queryset = queryset.filter(**{field: data[field]})
    for field, fixed in _FIXED_FLAGS.items():
        if data.get(field) is not None and data[field] != fixed:
            queryset = queryset.none()
    queryset = queryset.filter(metadata_q(data.get("metadata"), has_metadata=False))
    if data.get("search"):
        text = data["search"].strip()
        queryset = queryset.filter(Q(name__icontains=text) | Q(slug__icontains=text))
    if data.get("ids") is not None:
        pks = [decode_int_pk(value, only_type="Attribute") for value in data["ids"]]
        queryset = queryset.filter(pk__in=pks)
    if data.get("slugs") is not None:
        queryset = queryset.filter(slug__in=data["slugs"])
    if data.get("type") is not None and enum_value(data["type"]) != "product-type":
        queryset = queryset.none()
    for field in ("in_category", "in_collection"):
        if data.get(field):
            queryset = queryset.filter(in_listing_q(field, data[field], user=user, channel=channel))
    return queryset


def in_listing_q(field: str, value: str, *, user: Any, channel: str | None) -> Q:
    """``inCategory`` (the category and its subcategories) / ``inCollection``: attributes
    of the product types of the products ``user`` sees there in ``channel``."""
    nothing = Q(pk__in=[])
    products = _visible_products(user, channel)
    if products is None:
        return nothing
    if field == "in_category":
        pk = decode_int_pk(value, only_type="Category")
        category = Category.objects.filter(pk=pk).first()
        if category is None:
            return nothing
        tree = category_descendants(category=category, include_self=True)
        products = products.filter(category__in=tree)
    else:
        pk = decode_int_pk(value, only_type="Collection")
        products = products.filter(collections__pk=pk)
    return _of_products(products)
