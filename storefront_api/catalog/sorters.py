"""``sortBy`` of the product and category lists: Saleor's ``ProductOrder`` (every
``ProductOrderField``, ``channel``, ``attributeId``) and ``CategorySortingInput``.

A sort names the fields of the order (annotations computed in the same query, so a page
costs the same whatever its size); the connection adds the primary key and walks the
order with keyset cursors. Channel-dependent sorts (price, minimal price, publication)
use the sort's deprecated ``channel``, else the list's channel, else Saleor's default
channel (an error when there are several).
"""

from __future__ import annotations

from typing import Any

import graphene
from django.contrib.postgres.aggregates import StringAgg
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from graphql import GraphQLError

from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    AttributeProduct,
    Category,
    Product,
)
from marketplace.content.models import CollectionProduct
from storefront_api.catalog.channel_expressions import listing_value, min_variant_price
from storefront_api.catalog.filters import CHANNEL_DEPRECATION, ChannelScope
from storefront_api.core.enums import OrderDirection
from storefront_api.core.ids import decode_int_pk

_CHANNEL_REQUIRED = (
    " This option requires a channel filter to work as the values can vary between channels."
)


class ProductOrderField(graphene.Enum):
    NAME = "name"
    RANK = "rank"
    PRICE = "price"
    MINIMAL_PRICE = "minimal_price"
    LAST_MODIFIED = "last_modified"
    DATE = "date"
    TYPE = "type"
    PUBLISHED = "published"
    PUBLICATION_DATE = "publication_date"
    PUBLISHED_AT = "published_at"
    LAST_MODIFIED_AT = "last_modified_at"
    COLLECTION = "collection"
    RATING = "rating"
    CREATED_AT = "created_at"

    @property
    def description(self) -> str:
        return f"Sort products by {_PRODUCT_DESCRIPTIONS[self.name]}"

    @property
    def deprecation_reason(self) -> str | None:
        if self.name in {"LAST_MODIFIED", "DATE"}:
            return "Use `LAST_MODIFIED_AT` instead."
        if self.name == "PUBLICATION_DATE":
            return "Use `PUBLISHED_AT` instead."
        return None


_PRODUCT_DESCRIPTIONS = {
    "NAME": "name.",
    "RANK": "rank. Note: This option is available only with the `search` filter.",
    "PRICE": "price." + _CHANNEL_REQUIRED,
    "MINIMAL_PRICE": "a minimal price of a product's variant." + _CHANNEL_REQUIRED,
    "LAST_MODIFIED": "update date.",
    "DATE": "update date.",
    "TYPE": "type.",
    "PUBLISHED": "publication status." + _CHANNEL_REQUIRED,
    "PUBLICATION_DATE": "publication date." + _CHANNEL_REQUIRED,
    "PUBLISHED_AT": "publication date." + _CHANNEL_REQUIRED,
    "LAST_MODIFIED_AT": "update date.",
    "COLLECTION": "collection. Note: This option is available only for the "
    "`Collection.products` query." + _CHANNEL_REQUIRED,
    "RATING": "rating.",
    "CREATED_AT": "creation date.",
}


class ProductOrder(graphene.InputObjectType):
    direction = OrderDirection(
        required=True, description="Specifies the direction in which to sort products."
    )
    channel = graphene.String(
        description="Specifies the channel in which to sort the data.",
        deprecation_reason=CHANNEL_DEPRECATION,
    )
    attribute_id = graphene.ID(
        description="Sort product by the selected attribute's values.\nNote: this doesn't "
        "take translations into account yet."
    )
    field = ProductOrderField(description="Sort products by the selected field.")


# field -> (annotations needing the channel slug, order fields)
_PLAIN_ORDER = {
    "name": ["name", "slug"],
    "last_modified": ["updated_at", "name", "slug"],
    "date": ["updated_at", "name", "slug"],
    "last_modified_at": ["updated_at", "name", "slug"],
    "created_at": ["created_at", "name", "slug"],
    "rating": ["rating", "name", "slug"],
    "type": ["type_name", "name", "slug"],
    "collection": ["collection_sort_order"],
}
_CHANNEL_ORDER = {
    "price": ("sort_price", lambda slug: min_variant_price(slug)),
    "minimal_price": ("sort_price", lambda slug: min_variant_price(slug)),
    "published": ("sort_published", lambda slug: listing_value(slug, "is_published")),
    "publication_date": ("sort_published_at", lambda slug: listing_value(slug, "published_at")),
    "published_at": ("sort_published_at", lambda slug: listing_value(slug, "published_at")),
}


def _value(member: Any) -> Any:
    return getattr(member, "value", member)


def _by_attribute(queryset: QuerySet[Product], attribute_id: str) -> tuple[QuerySet, list[str]]:
    """Saleor's attribute sort: products with values of the attribute first (by their
    values' names, in the values' order), then those whose type has the attribute but no
    value, then the rest."""
    pk = decode_int_pk(attribute_id, only_type="Attribute", field="attributeId")
    names = (
        AssignedProductAttributeValue.objects.filter(product=OuterRef("pk"), value__attribute_id=pk)
        .order_by()
        .values("product")
        .annotate(
            joined=StringAgg("value__name", ",", order_by=("value__sort_order", "value__name"))
        )
        .values("joined")
    )
    has_attribute = AttributeProduct.objects.filter(
        product_type=OuterRef("product_type_id"), attribute_id=pk
    )
    queryset = queryset.annotate(sort_attribute_values=Subquery(names)).annotate(
        sort_attribute_rank=Case(
            When(sort_attribute_values__isnull=False, then=Value(0)),
            When(Exists(has_attribute), then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
    )
    return queryset, ["sort_attribute_rank", "sort_attribute_values", "name", "slug"]


def sort_products(
    queryset: QuerySet[Product],
    sort_by: dict[str, Any] | None,
    *,
    channel: ChannelScope,
    collection: Any = None,
) -> tuple[QuerySet[Product], list[str]]:
    """``queryset`` annotated for ``sort_by`` and the order (``-`` for descending).

    Without ``sort_by``: by rank when searching (as Saleor), else by slug."""
    searching = "search_rank" in queryset.query.annotations
    if not sort_by:
        return queryset, (["-search_rank", "slug"] if searching else ["slug"])
    field, attribute_id = _value(sort_by.get("field")), sort_by.get("attribute_id")
    if field is not None and attribute_id is not None:
        raise GraphQLError("You must provide either `field` or `attributeId` to sort the products.")
    prefix = "-" if _value(sort_by["direction"]) == "desc" else ""
    if attribute_id is not None:
        queryset, order = _by_attribute(queryset, attribute_id)
        return queryset, [f"{prefix}{name}" for name in order]
    field = field or "name"
    if field == "rank":
        if not searching:
            raise GraphQLError("Sorting by RANK is available only when using a search filter.")
        return queryset, [f"{prefix}search_rank", "slug"]  # equal ranks: by slug, as default
    if field == "collection":
        if collection is None:
            raise GraphQLError(
                "Sorting by COLLECTION is available only for the `Collection.products` query."
            )
        position = CollectionProduct.objects.filter(collection=collection, product=OuterRef("pk"))
        queryset = queryset.annotate(
            collection_sort_order=Subquery(position.values("sort_order")[:1])
        )
    if field == "type":
        queryset = queryset.annotate(type_name=F("product_type__name"))
    if field in _CHANNEL_ORDER:
        name, expression = _CHANNEL_ORDER[field]
        if sort_by.get("channel"):
            channel = ChannelScope(sort_by["channel"])
        queryset = queryset.annotate(**{name: expression(channel.slug)})
        order = [name, "name", "slug"]
    else:
        order = _PLAIN_ORDER[field]
    return queryset, [f"{prefix}{name}" for name in order]


# --- categories --------------------------------------------------------------------------


class CategorySortField(graphene.Enum):
    NAME = "name"
    PRODUCT_COUNT = "product_count"
    SUBCATEGORY_COUNT = "subcategory_count"

    @property
    def description(self) -> str:
        return f"Sort categories by {self.name.lower().replace('_', ' ')}."


class CategorySortingInput(graphene.InputObjectType):
    direction = OrderDirection(
        required=True, description="Specifies the direction in which to sort categories."
    )
    channel = graphene.String(
        description="Specifies the channel in which to sort the data.",
        deprecation_reason=CHANNEL_DEPRECATION,
    )
    field = CategorySortField(required=True, description="Sort categories by the selected field.")


def sort_categories(
    queryset: QuerySet[Category], sort_by: dict[str, Any] | None
) -> tuple[QuerySet[Category], list[str]]:
    """Categories by name, by their products (their subcategories' included, as Saleor)
    or by their direct subcategories."""
    if not sort_by:
        return queryset, ["level", "name"]
    prefix = "-" if _value(sort_by["direction"]) == "desc" else ""
    field = _value(sort_by["field"])
    if field == "product_count":
        counts = _cumulative_product_counts()
        queryset = queryset.annotate(
            product_count=Case(
                *[When(pk=pk, then=Value(n)) for pk, n in counts.items() if n],
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        order = ["product_count", "name", "slug"]
    elif field == "subcategory_count":
        children = (
            Category.objects.filter(parent=OuterRef("pk"))
            .order_by()
            .values("parent")
            .annotate(n=Count("pk"))
            .values("n")
        )
        queryset = queryset.annotate(
            subcategory_count=Coalesce(Subquery(children), 0, output_field=IntegerField())
        )
        order = ["subcategory_count", "name", "slug"]
    else:
        order = ["name", "slug"]
    return queryset, [f"{prefix}{name}" for name in order]


def _cumulative_product_counts() -> dict[int, int]:
    """Products of each category and all its subcategories (two queries)."""
    parents = dict(Category.objects.values_list("pk", "parent_id"))
    counts = dict.fromkeys(parents, 0)
    direct = Product.objects.filter(category__isnull=False).order_by().values("category")
    for category_id, n in direct.annotate(n=Count("pk")).values_list("category", "n"):
        node: int | None = category_id
        seen: set[int] = set()
        while node is not None and node not in seen:  # up to the root
            seen.add(node)
            counts[node] = counts.get(node, 0) + n
            node = parents.get(node)
    return counts


# --- product media -----------------------------------------------------------------------


class MediaChoicesSortField(graphene.Enum):
    ID = "id"

    @property
    def description(self) -> str:
        return "Sort media by ID."


class MediaSortingInput(graphene.InputObjectType):
    direction = OrderDirection(
        required=True, description="Specifies the direction in which to sort media."
    )
    field = MediaChoicesSortField(required=True, description="Sort media by the selected field.")


def sort_media(media: list[Any], sort_by: dict[str, Any] | None) -> list[Any]:
    """A product's media (loaded in their own order) in ``sort_by``'s order: by id."""
    if not sort_by:
        return media
    return sorted(media, key=lambda item: item.pk, reverse=_value(sort_by["direction"]) == "desc")
