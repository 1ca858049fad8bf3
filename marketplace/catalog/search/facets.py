"""Lumbung's own search filters (cooperative, producer, hub, halal, P-IRT, in stock) and the
facet counts of a result (category, cooperative, price band, permits), for the API's
``products`` and the shop's pages alike. Backend-neutral: they read the result queryset."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from marketplace.catalog.models import Product, ProductVariantChannelListing
from marketplace.channels.models import Channel
from marketplace.warehouses.models import Stock

# Upper bounds of the price bands in rupiah (the last band has none).
PRICE_BAND_LIMITS = (25_000, 50_000, 100_000, 250_000)


@dataclass(frozen=True)
class SearchFilters:
    cooperative_ids: list[int] | None = None
    producer_ids: list[int] | None = None
    hub_ids: list[int] | None = None
    halal: bool | None = None
    pirt: bool | None = None
    in_stock: bool | None = None


@dataclass(frozen=True)
class FacetCount:
    id: int
    name: str
    count: int


@dataclass(frozen=True)
class PriceBandCount:
    minimum: int
    maximum: int | None  # None: no upper bound
    count: int


@dataclass(frozen=True)
class Facets:
    categories: list[FacetCount]
    cooperatives: list[FacetCount]
    price_bands: list[PriceBandCount]
    halal: int
    pirt: int


def _halal_q() -> Q:
    valid = Q(producer__halal_certificate_expires_on__isnull=True) | Q(
        producer__halal_certificate_expires_on__gte=timezone.localdate()
    )
    return ~Q(producer__halal_certificate_number="") & Q(producer__isnull=False) & valid


def _pirt_q() -> Q:
    return ~Q(producer__pirt_number="") & Q(producer__isnull=False)


def _in_stock() -> Exists:
    return Exists(
        Stock.objects.filter(
            product_variant__product=OuterRef("pk"), quantity__gt=F("quantity_allocated")
        )
    )


def products_filter(queryset: QuerySet[Product], filters: SearchFilters) -> QuerySet[Product]:
    """``queryset`` narrowed by every filter that is set."""
    if filters.cooperative_ids is not None:
        queryset = queryset.filter(cooperative_id__in=filters.cooperative_ids)
    if filters.producer_ids is not None:
        queryset = queryset.filter(producer_id__in=filters.producer_ids)
    if filters.hub_ids is not None:
        listed = ProductVariantChannelListing.objects.filter(
            variant__product=OuterRef("pk"), channel__village_hub__in=filters.hub_ids
        )
        queryset = queryset.filter(Exists(listed))
    for wanted, condition in ((filters.halal, _halal_q()), (filters.pirt, _pirt_q())):
        if wanted is not None:
            queryset = queryset.filter(condition) if wanted else queryset.exclude(condition)
    if filters.in_stock is not None:
        queryset = queryset.filter(_in_stock() if filters.in_stock else ~_in_stock())
    return queryset


def _band() -> Case:
    whens = [When(price__lt=limit, then=Value(i)) for i, limit in enumerate(PRICE_BAND_LIMITS)]
    return Case(*whens, default=Value(len(PRICE_BAND_LIMITS)), output_field=IntegerField())


def facet_counts(queryset: QuerySet[Product], *, channel: Channel | None) -> Facets:
    """How many products of ``queryset`` fall in each category, cooperative, price band
    (the cheapest variant's price in ``channel``, or in any channel) and permit."""
    base = Product.objects.filter(pk__in=queryset.order_by().values("pk")).order_by()
    categories = [
        FacetCount(id=row["category_id"], name=row["category__name"], count=row["n"])
        for row in base.filter(category__isnull=False)
        .values("category_id", "category__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "category__name")
    ]
    cooperatives = [
        FacetCount(id=row["cooperative_id"], name=row["cooperative__name"], count=row["n"])
        for row in base.values("cooperative_id", "cooperative__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "cooperative__name")
    ]
    listings = Q(variants__channel_listings__price_amount__isnull=False)
    if channel is not None:
        listings &= Q(variants__channel_listings__channel=channel)
    prices = base.annotate(price=Min("variants__channel_listings__price_amount", filter=listings))
    counts = [0] * (len(PRICE_BAND_LIMITS) + 1)
    for band, count in (
        prices.filter(price__isnull=False)
        .annotate(band=_band())
        .values("band")
        .annotate(n=Count("pk"))
        .values_list("band", "n")
    ):
        counts[band] = count
    lows = (0, *PRICE_BAND_LIMITS)
    highs = (*PRICE_BAND_LIMITS, None)
    bands = [
        PriceBandCount(minimum=low, maximum=high, count=count)
        for low, high, count in zip(lows, highs, counts, strict=True)
    ]
    return Facets(
        categories=categories,
        cooperatives=cooperatives,
        price_bands=bands,
        halal=base.filter(_halal_q()).count(),
        pirt=base.filter(_pirt_q()).count(),
    )
