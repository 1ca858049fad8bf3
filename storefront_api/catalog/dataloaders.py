"""Batch loaders of the catalog: one query per level of a response, whatever its size
(see :mod:`storefront_api.core.dataloaders`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    AttributeValue,
    AttributeVariant,
    Category,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    Thumbnail,
)
from marketplace.village_hubs.models import Producer
from marketplace.warehouses.models import Stock
from storefront_api.core.dataloaders import BaseLoader, by_pk, grouped
from storefront_api.core.prepared import KeyedQuery


class StockAnnotations(TypedDict):
    """What :class:`StocksByVariantIdLoader` annotates on each stock."""

    cooperative_id: int  # of the variant's product
    hub_id: int | None  # the warehouse's village hub (none for other warehouses)


class VariantValueAnnotations(TypedDict):
    """What :class:`AssignedValuesByVariantIdLoader` annotates on each assigned value."""

    variant_selection: bool  # the attribute selects variants on the product's type


if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    #: a stock as :class:`StocksByVariantIdLoader` loads it
    StockRow = WithAnnotations[Stock, StockAnnotations]
    #: an assigned value as :class:`AssignedValuesByVariantIdLoader` loads it
    VariantValueRow = WithAnnotations[AssignedVariantAttributeValue, VariantValueAnnotations]

_CATEGORIES = KeyedQuery(Category.objects.all, "pk")
_PRODUCT_TYPES = KeyedQuery(ProductType.objects.all, "pk")
_PRODUCTS = KeyedQuery(Product.objects.all, "pk")
_PRODUCERS = KeyedQuery(Producer.objects.all, "pk")
_VARIANTS = KeyedQuery(
    lambda: ProductVariant.objects.annotate(cooperative_id=F("product__cooperative_id")).order_by(
        "sort_order", "pk"
    ),
    "product_id",
)
_PRODUCT_LISTINGS = KeyedQuery(
    lambda: ProductChannelListing.objects.annotate(
        cooperative_id=F("product__cooperative_id")
    ).order_by("pk"),
    "product_id",
)
_VARIANT_LISTINGS = KeyedQuery(
    lambda: ProductVariantChannelListing.objects.annotate(
        cooperative_id=F("variant__product__cooperative_id")
    ).order_by("pk"),
    "variant_id",
)
_STOCKS = KeyedQuery(
    lambda: Stock.objects.annotate(
        cooperative_id=F("product_variant__product__cooperative_id"),
        hub_id=F("warehouse__village_hub_id"),
    ).order_by("pk"),
    "product_variant_id",
)
_MEDIA = KeyedQuery(lambda: ProductMedia.objects.order_by("sort_order", "pk"), "product_id")
_THUMBNAILS = KeyedQuery(Thumbnail.objects.all, "media_id")
_VARIANTS_BY_ID = KeyedQuery(
    lambda: ProductVariant.objects.annotate(cooperative_id=F("product__cooperative_id")), "pk"
)
_PRICES_BY_PRODUCT = KeyedQuery(
    lambda: ProductVariantChannelListing.objects.annotate(
        product_id=F("variant__product_id")
    ).order_by("pk"),
    "variant__product_id",
)
_PRODUCT_VALUES = KeyedQuery(
    lambda: AssignedProductAttributeValue.objects.select_related("value__attribute").order_by(
        "sort_order", "pk"
    ),
    "product_id",
)


class CategoryByIdLoader(BaseLoader[int, Category | None]):
    def batch_load(self, keys: Sequence[int]) -> list[Category | None]:
        return by_pk(_CATEGORIES.fetch(keys), keys)


class ProductTypeByIdLoader(BaseLoader[int, ProductType | None]):
    def batch_load(self, keys: Sequence[int]) -> list[ProductType | None]:
        return by_pk(_PRODUCT_TYPES.fetch(keys), keys)


class ProductByIdLoader(BaseLoader[int, Product | None]):
    def batch_load(self, keys: Sequence[int]) -> list[Product | None]:
        return by_pk(_PRODUCTS.fetch(keys), keys)


class ProducerByIdLoader(BaseLoader[int, Producer | None]):
    def batch_load(self, keys: Sequence[int]) -> list[Producer | None]:
        return by_pk(_PRODUCERS.fetch(keys), keys)


class VariantsByProductIdLoader(BaseLoader[int, list[ProductVariant]]):
    """Variants of each product, with ``cooperative_id`` of their product annotated."""

    def batch_load(self, keys: Sequence[int]) -> list[list[ProductVariant]]:
        return grouped(_VARIANTS.fetch(keys), "product_id", keys)


class _FilteredByParentLoader(BaseLoader[tuple[int, str], list[Any]]):
    """Rows of each parent that one list's arguments keep, in the list's order: keys are
    ``(parent id, arguments key)``, each arguments key :meth:`register`-ed first with its
    condition and order; one query per arguments key, whatever the number of parents."""

    parent_field = ""

    def rows(self) -> QuerySet:
        raise NotImplementedError

    def register(self, args_key: str, condition: Q, order: list[str]) -> None:
        self.__dict__.setdefault("lists", {})[args_key] = (condition, order)

    def batch_load(self, keys: Sequence[tuple[int, str]]) -> list[list[Any]]:
        parents: dict[str, list[int]] = defaultdict(list)
        for parent_id, args_key in keys:
            parents[args_key].append(parent_id)
        found: dict[tuple[int, str], list[Any]] = defaultdict(list)
        for args_key, ids in parents.items():
            condition, order = self.__dict__["lists"][args_key]
            rows = self.rows().filter(condition, **{f"{self.parent_field}__in": ids})
            for row in rows.order_by(*order, "pk"):
                found[(getattr(row, self.parent_field), args_key)].append(row)
        return [found.get(key, []) for key in keys]


class FilteredVariantsByProductIdLoader(_FilteredByParentLoader):
    """``Product.productVariants(filter:, where:, sortBy:)`` of a page of products."""

    parent_field = "product_id"

    def rows(self) -> QuerySet:
        return ProductVariant.objects.annotate(cooperative_id=F("product__cooperative_id"))


class ChoicesByAttributeIdLoader(_FilteredByParentLoader):
    """``Attribute.choices(...)`` of a page of attributes."""

    parent_field = "attribute_id"

    def rows(self) -> QuerySet:
        return AttributeValue.objects.select_related("attribute")


class ProductChannelListingsByProductIdLoader(BaseLoader[int, list[ProductChannelListing]]):
    """Listings of each product, with ``cooperative_id`` of the product annotated."""

    def batch_load(self, keys: Sequence[int]) -> list[list[ProductChannelListing]]:
        return grouped(_PRODUCT_LISTINGS.fetch(keys), "product_id", keys)


class VariantChannelListingsByVariantIdLoader(BaseLoader[int, list[ProductVariantChannelListing]]):
    """Prices of each variant, with ``cooperative_id`` of the product annotated."""

    def batch_load(self, keys: Sequence[int]) -> list[list[ProductVariantChannelListing]]:
        return grouped(_VARIANT_LISTINGS.fetch(keys), "variant_id", keys)


class StocksByVariantIdLoader(BaseLoader[int, "list[StockRow]"]):
    """Stock of each variant, with the product's ``cooperative_id`` and the warehouse's
    ``hub_id`` annotated (for permission checks without further queries)."""

    def batch_load(self, keys: Sequence[int]) -> list[list[StockRow]]:
        return grouped(_STOCKS.fetch(keys), "product_variant_id", keys)


class MediaByProductIdLoader(BaseLoader[int, list[ProductMedia]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[ProductMedia]]:
        return grouped(_MEDIA.fetch(keys), "product_id", keys)


class ThumbnailsByMediaIdLoader(BaseLoader[int, list[Thumbnail]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[Thumbnail]]:
        return grouped(_THUMBNAILS.fetch(keys), "media_id", keys)


class VariantByIdLoader(BaseLoader[int, ProductVariant | None]):
    def batch_load(self, keys: Sequence[int]) -> list[ProductVariant | None]:
        return by_pk(_VARIANTS_BY_ID.fetch(keys), keys)


# --- storefront browsing: prices, availability, attributes -------------------------------


class VariantListingsByProductIdLoader(BaseLoader[int, list[ProductVariantChannelListing]]):
    """Prices of every variant of each product (all channels), ``product_id`` annotated."""

    def batch_load(self, keys: Sequence[int]) -> list[list[ProductVariantChannelListing]]:
        return grouped(_PRICES_BY_PRODUCT.fetch(keys), "product_id", keys)


class AvailableQuantityByVariantAndChannelLoader(BaseLoader[tuple[int, int], int]):
    """Units of a variant free to buy in a channel: quantity − allocated − active checkout
    reservations over the channel's warehouses (not capped; see ``quantityAvailable``)."""

    def batch_load(self, keys: Sequence[tuple[int, int]]) -> list[int]:
        from django.utils import timezone

        from marketplace.checkout.selectors import quantity_available_by_variant

        by_channel: dict[int, set[int]] = defaultdict(set)
        for variant_id, channel_id in keys:
            by_channel[channel_id].add(variant_id)
        totals: dict[tuple[int, int], int] = {}
        now = timezone.now()
        for channel_id, variant_ids in by_channel.items():
            available = quantity_available_by_variant(
                channel=channel_id, variant_ids=variant_ids, now=now
            )
            for variant_id, quantity in available.items():
                totals[(variant_id, channel_id)] = quantity
        return [totals.get(key, 0) for key in keys]


class AssignedValuesByProductIdLoader(BaseLoader[int, list[AssignedProductAttributeValue]]):
    """Attribute values set on each product, with value and attribute."""

    def batch_load(self, keys: Sequence[int]) -> list[list[AssignedProductAttributeValue]]:
        return grouped(_PRODUCT_VALUES.fetch(keys), "product_id", keys)


def _variant_values() -> QuerySet[VariantValueRow]:
    selection = AttributeVariant.objects.filter(
        attribute_id=OuterRef("value__attribute_id"),
        product_type_id=OuterRef("variant__product__product_type_id"),
        variant_selection=True,
    )
    return (
        AssignedVariantAttributeValue.objects.select_related("value__attribute")
        .annotate(variant_selection=Exists(selection))
        .order_by("sort_order", "pk")
    )


_VARIANT_VALUES = KeyedQuery(_variant_values, "variant_id")


class AssignedValuesByVariantIdLoader(BaseLoader[int, "list[VariantValueRow]"]):
    """Attribute values set on each variant, with value and attribute, and whether the
    attribute is used for variant selection on the product's type (``variant_selection``)."""

    def batch_load(self, keys: Sequence[int]) -> list[list[VariantValueRow]]:
        return grouped(_VARIANT_VALUES.fetch(keys), "variant_id", keys)
