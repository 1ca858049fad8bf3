"""Lumbung's own search filters (category, cooperative, producer, hub, price band, halal,
P-IRT, in stock) and the facet counts of a result (category, cooperative, price band,
permits, in stock), for the API's ``products`` and the shop's pages alike.

:func:`facet_counts` counts in the database; the Elasticsearch backend counts the same
facets with aggregations (``elastic.facet_counts``) into the same :class:`Facets`, and
``marketplace.catalog.search.search_facets`` chooses between them."""

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
    Subquery,
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
    category_ids: list[int] | None = None
    cooperative_ids: list[int] | None = None
    producer_ids: list[int] | None = None
    hub_ids: list[int] | None = None
    halal: bool | None = None
    pirt: bool | None = None
    in_stock: bool | None = None
    price_band: int | None = None  # index into price_bands(): the cheapest size's price


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
    in_stock: int


def price_bands() -> list[tuple[int, int | None]]:
    """(lowest price, price the band stops below or ``None``) of each price band."""
    return list(zip((0, *PRICE_BAND_LIMITS), (*PRICE_BAND_LIMITS, None), strict=True))


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


def _cheapest_price(channel: Channel | None) -> Subquery:
    """The cheapest price of a product's sizes in ``channel`` (in any channel: ``None``)."""
    listings = ProductVariantChannelListing.objects.filter(
        variant__product=OuterRef("pk"), price_amount__isnull=False
    )
    if channel is not None:
        listings = listings.filter(channel=channel)
    cheapest = listings.order_by().values("variant__product").annotate(low=Min("price_amount"))
    return Subquery(cheapest.values("low"))


def products_filter(
    queryset: QuerySet[Product], filters: SearchFilters, *, channel: Channel | None = None
) -> QuerySet[Product]:
    """``queryset`` narrowed by every filter that is set (the price band by the cheapest
    size's price in ``channel``, or in any channel)."""
    if filters.category_ids is not None:
        queryset = queryset.filter(category_id__in=filters.category_ids)
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
    if filters.price_band is not None:
        low, high = price_bands()[filters.price_band]
        queryset = queryset.alias(cheapest_price=_cheapest_price(channel))
        queryset = queryset.filter(cheapest_price__gte=low)
        if high is not None:
            queryset = queryset.filter(cheapest_price__lt=high)
    return queryset


def _band() -> Case:
    whens = [When(price__lt=limit, then=Value(i)) for i, limit in enumerate(PRICE_BAND_LIMITS)]
    return Case(*whens, default=Value(len(PRICE_BAND_LIMITS)), output_field=IntegerField())


def facet_counts(queryset: QuerySet[Product], *, channel: Channel | None) -> Facets:
    """How many products of ``queryset`` fall in each category, cooperative, price band
    (the cheapest variant's price in ``channel``, or in any channel), permit and are in
    stock, in four queries."""
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
    # The same cheapest price as the price band filter. (A Min over the joined listings
    # grouped by band counted rows of the join, not products in their band.)
    prices = base.annotate(price=_cheapest_price(channel))
    counts = [0] * (len(PRICE_BAND_LIMITS) + 1)
    for band, count in (
        prices.filter(price__isnull=False)
        .annotate(band=_band())
        .values("band")
        .annotate(n=Count("pk"))
        .values_list("band", "n")
    ):
        counts[band] = count
    bands = [
        PriceBandCount(minimum=low, maximum=high, count=count)
        for (low, high), count in zip(price_bands(), counts, strict=True)
    ]
    flags = base.aggregate(
        halal=Count("pk", filter=_halal_q()),
        pirt=Count("pk", filter=_pirt_q()),
        in_stock=Count("pk", filter=Q(_in_stock())),
    )
    return Facets(
        categories=categories,
        cooperatives=cooperatives,
        price_bands=bands,
        halal=flags["halal"],
        pirt=flags["pirt"],
        in_stock=flags["in_stock"],
    )
