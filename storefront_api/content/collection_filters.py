"""``filter``, ``where`` and ``sortBy`` of the ``collections`` list: Saleor's
``CollectionFilterInput``, ``CollectionWhereInput`` and ``CollectionSortingInput``.

Publication filters and sorts read the list's channel (the query's ``channel``, else the
deprecated ``channel`` of the input, else Saleor's default channel). Lumbung's
collections carry no metadata: a ``metadata`` filter matches none.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from marketplace.content.models import Collection, CollectionChannelListing, CollectionProduct
from storefront_api.catalog.filters import CHANNEL_DEPRECATION, ChannelScope
from storefront_api.core.enums import OrderDirection
from storefront_api.core.filter_inputs import MetadataFilter, metadata_q
from storefront_api.core.ids import decode_int_pk

_CHANNEL_REQUIRED = (
    " This option requires a channel filter to work as the values can vary between channels."
)

CollectionPublished = graphene.Enum(
    "CollectionPublished",
    [("PUBLISHED", "published"), ("HIDDEN", "hidden")],
    description="Whether a collection is published in the channel.",
)


class CollectionFilterInput(graphene.InputObjectType):
    published = CollectionPublished()
    search = graphene.String()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))
    channel = graphene.String(
        description="Specifies the channel by which the data should be filtered.",
        deprecation_reason=CHANNEL_DEPRECATION,
    )


class CollectionWhereInput(graphene.InputObjectType):
    metadata = graphene.List(graphene.NonNull(MetadataFilter), description="Filter by metadata.")
    ids = graphene.List(graphene.NonNull(graphene.ID))
    AND = graphene.List(
        graphene.NonNull(lambda: CollectionWhereInput),
        name="AND",
        description="List of conditions that must be met.",
    )
    OR = graphene.List(
        graphene.NonNull(lambda: CollectionWhereInput),
        name="OR",
        description="A list of conditions of which at least one must be met.",
    )


class CollectionSortField(graphene.Enum):
    NAME = "name"
    AVAILABILITY = "availability"
    PRODUCT_COUNT = "product_count"
    PUBLICATION_DATE = "publication_date"
    PUBLISHED_AT = "published_at"

    @property
    def description(self) -> str:
        text = {
            "NAME": "name.",
            "AVAILABILITY": "availability." + _CHANNEL_REQUIRED,
            "PRODUCT_COUNT": "product count.",
            "PUBLICATION_DATE": "publication date." + _CHANNEL_REQUIRED,
            "PUBLISHED_AT": "published at." + _CHANNEL_REQUIRED,
        }[self.name]
        return f"Sort collections by {text}"

    @property
    def deprecation_reason(self) -> str | None:
        return "Use `PUBLISHED_AT` instead." if self.name == "PUBLICATION_DATE" else None


class CollectionSortingInput(graphene.InputObjectType):
    direction = OrderDirection(
        required=True, description="Specifies the direction in which to sort collections."
    )
    channel = graphene.String(
        description="Specifies the channel in which to sort the data.",
        deprecation_reason=CHANNEL_DEPRECATION,
    )
    field = CollectionSortField(
        required=True, description="Sort collections by the selected field."
    )


def _value(member: Any) -> Any:
    return getattr(member, "value", member)


def filter_collections(
    queryset: QuerySet[Collection], data: dict[str, Any] | None, *, channel: ChannelScope
) -> QuerySet[Collection]:
    """Collections matching a ``CollectionFilterInput``."""
    data = data or {}
    if data.get("search"):
        text = data["search"]
        queryset = queryset.filter(Q(name__icontains=text) | Q(slug__icontains=text))
    if data.get("ids") is not None:
        ids = [decode_int_pk(v, only_type="Collection", field="ids") for v in data["ids"]]
        queryset = queryset.filter(pk__in=ids)
    if data.get("slugs") is not None:
        queryset = queryset.filter(slug__in=data["slugs"])
    if data.get("published") is not None:
        listings = CollectionChannelListing.objects.filter(
            collection=OuterRef("pk"),
            channel__slug=channel.slug,
            is_published=_value(data["published"]) == "published",
        )
        queryset = queryset.filter(Exists(listings))
    return queryset.filter(metadata_q(data.get("metadata"), has_metadata=False))


def _listing_value(channel: ChannelScope, field: str) -> Subquery:
    listing = CollectionChannelListing.objects.filter(
        collection=OuterRef("pk"), channel__slug=channel.slug
    ).values(field)
    return Subquery(listing[:1])


def sort_collections(
    queryset: QuerySet[Collection], sort_by: dict[str, Any] | None, *, channel: ChannelScope
) -> tuple[QuerySet[Collection], list[str]]:
    """``queryset`` annotated for ``sort_by`` and its order (none without one: the
    collections' own ordering)."""
    if not sort_by:
        return queryset, []
    prefix = "-" if _value(sort_by["direction"]) == "desc" else ""
    if sort_by.get("channel"):
        channel = ChannelScope(sort_by["channel"])
    field = _value(sort_by["field"])
    if field == "availability":
        queryset = queryset.annotate(sort_published=_listing_value(channel, "is_published"))
        order = ["sort_published", "slug"]
    elif field in {"publication_date", "published_at"}:
        queryset = queryset.annotate(sort_published_at=_listing_value(channel, "published_at"))
        order = ["sort_published_at", "slug"]
    elif field == "product_count":
        products = (
            CollectionProduct.objects.filter(collection=OuterRef("pk"))
            .order_by()
            .values("collection")
            .annotate(n=Count("pk"))
            .values("n")
        )
        queryset = queryset.annotate(
            product_count=Coalesce(Subquery(products), 0, output_field=IntegerField())
        )
        order = ["product_count", "slug"]
    else:
        order = ["name", "slug"]
    return queryset, [f"{prefix}{name}" for name in order]
