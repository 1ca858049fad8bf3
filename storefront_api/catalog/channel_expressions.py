"""Per-channel facts of a product as SQL expressions (correlated subqueries on the
product's ``pk``), for sorting and filtering product lists in one query whatever the
page size: its cheapest variant price, its channel listing's fields, its stock."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, F, OuterRef, Q, Subquery, Sum

from marketplace.catalog.models import (
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.warehouses.models import Stock


def variant_prices(channel_slug: str) -> Any:
    """Priced variant listings of the outer product in the channel."""
    return ProductVariantChannelListing.objects.filter(
        variant__product=OuterRef("pk"), channel__slug=channel_slug, price_amount__isnull=False
    )


def min_variant_price(channel_slug: str) -> Subquery:
    """The cheapest variant price of the outer product in the channel (NULL: unpriced).

    Saleor's ``MINIMAL_PRICE`` is that price after catalogue promotions; Lumbung has no
    catalogue promotions (vouchers apply at checkout), so both are this price."""
    cheapest = variant_prices(channel_slug).order_by("price_amount").values("price_amount")
    return Subquery(cheapest[:1])


def listing_value(channel_slug: str, field: str) -> Subquery:
    """``field`` of the outer product's listing in the channel (NULL: not listed)."""
    listing = ProductChannelListing.objects.filter(
        product=OuterRef("pk"), channel__slug=channel_slug
    ).values(field)
    return Subquery(listing[:1])


def listed_with(channel_slug: str, condition: Q) -> Q:
    """Products whose listing in the channel meets ``condition``."""
    listings = ProductChannelListing.objects.filter(
        condition, product=OuterRef("pk"), channel__slug=channel_slug
    )
    return Q(Exists(listings))


def in_stock(channel_slug: str, *, of: str = "product_variant__product") -> Q:
    """Products (``of`` the default) or variants (``of="product_variant"``) with stock free
    to sell (quantity above what orders hold) in a warehouse serving the channel."""
    stocks = Stock.objects.filter(
        warehouse__channels__slug=channel_slug,
        quantity__gt=F("quantity_allocated"),
        **{of: OuterRef("pk")},
    )
    return Q(Exists(stocks))


def variant_total_within(quantity: dict[str, Any] | None, warehouse_ids: list[int] | None) -> Q:
    """Variants whose total stock (in ``warehouse_ids``, or everywhere) is within the
    ``gte``/``lte`` bounds of ``quantity`` (a condition on the variant itself)."""
    stocks = Stock.objects.filter(product_variant=OuterRef("pk"))
    if warehouse_ids is not None:
        stocks = stocks.filter(warehouse_id__in=warehouse_ids)
    total = Subquery(
        stocks.order_by().values("product_variant").annotate(total=Sum("quantity")).values("total")
    )
    condition = Q()
    if quantity and quantity.get("gte") is not None:
        condition &= Q(total__gte=quantity["gte"])
    if quantity and quantity.get("lte") is not None:
        condition &= Q(total__lte=quantity["lte"])
    ids = ProductVariant.objects.annotate(total=total).filter(condition).values("pk")
    return Q(pk__in=ids)


def variant_quantity_within(quantity: dict[str, Any] | None, warehouse_ids: list[int] | None) -> Q:
    """Products with a variant whose total stock (in ``warehouse_ids``, or everywhere) is
    within the ``gte``/``lte`` bounds of ``quantity``."""
    variants = ProductVariant.objects.filter(
        variant_total_within(quantity, warehouse_ids), product=OuterRef("pk")
    )
    return Q(Exists(variants))
