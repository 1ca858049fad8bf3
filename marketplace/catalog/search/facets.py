"""Lumbung's own search filters (category, cooperative, producer, hub, price band, halal,
P-IRT, in stock) and the facet counts of a result (category, cooperative, price band,
permits, in stock), for the API's ``products`` and the shop's pages alike.

:func:`facet_counts` counts in the database; the Elasticsearch backend counts the same
facets with aggregations (``elastic.facet_counts``) into the same :class:`Facets`, and
``marketplace.catalog.search.search_facets`` chooses between them."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import DenseRank
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


def _band() -> Func:
    """The price band of a product's ``price`` (``width_bucket``: how many band limits
    the price reaches); ``None`` without a price."""
    limits = Value(list(PRICE_BAND_LIMITS), output_field=ArrayField(IntegerField()))
    return Func(F("price"), limits, function="width_bucket", output_field=IntegerField())


class _RankOfGroups(Window):
    """A window over a grouped query's rows: it ranks the groups, so it is no grouping
    column itself (Django would add it to GROUP BY, which PostgreSQL refuses)."""

    def get_group_by_cols(self) -> list:
        return []


def _facet_groups(queryset: QuerySet[Product], channel: Channel | None) -> QuerySet:
    """The result's products counted by category, cooperative and price band together,
    with how many of each group are halal, P-IRT and in stock: one query whose groups
    (at most categories × cooperatives × bands) add up to every facet. Rows come by
    category name; ``cooperative_rank`` is a cooperative's place by name (the database's
    collation, as the facets' own ordering)."""
    base = Product.objects.filter(pk__in=queryset.order_by().values("pk")).order_by()
    # The same cheapest price as the price band filter. (A Min over the joined listings
    # grouped by band counted rows of the join, not products in their band.)
    return (
        base.annotate(price=_cheapest_price(channel), band=_band())
        .values("category_id", "category__name", "cooperative_id", "cooperative__name", "band")
        .annotate(
            n=Count("pk"),
            halal=Count("pk", filter=_halal_q()),
            pirt=Count("pk", filter=_pirt_q()),
            in_stock=Count("pk", filter=Q(_in_stock())),
            cooperative_rank=_RankOfGroups(DenseRank(), order_by=F("cooperative__name").asc()),
        )
        .order_by("category__name")
    )


def _by_count(counts: dict[int, list], rank: dict[int, int] | None = None) -> list[FacetCount]:
    """``{id: [name, count]}`` (in name order, unless ``rank`` gives it) as facet counts,
    most products first, then by name."""
    order = sorted(counts, key=lambda key: (-counts[key][1], rank[key] if rank else 0))
    return [FacetCount(id=key, name=counts[key][0], count=counts[key][1]) for key in order]


def facet_counts(queryset: QuerySet[Product], *, channel: Channel | None) -> Facets:
    """How many products of ``queryset`` fall in each category, cooperative, price band
    (the cheapest variant's price in ``channel``, or in any channel), permit and are in
    stock, in one query."""
    categories: dict[int, list] = {}
    cooperatives: dict[int, list] = {}
    rank: dict[int, int] = {}
    bands = [0] * (len(PRICE_BAND_LIMITS) + 1)
    flags = {"halal": 0, "pirt": 0, "in_stock": 0}
    for row in _facet_groups(queryset, channel):
        if row["category_id"] is not None:
            categories.setdefault(row["category_id"], [row["category__name"], 0])[1] += row["n"]
        coop = cooperatives.setdefault(row["cooperative_id"], [row["cooperative__name"], 0])
        coop[1] += row["n"]
        rank[row["cooperative_id"]] = row["cooperative_rank"]
        if row["band"] is not None:
            bands[row["band"]] += row["n"]
        for flag in flags:
            flags[flag] += row[flag]
    return Facets(
        categories=_by_count(categories),
        cooperatives=_by_count(cooperatives, rank),
        price_bands=[
            PriceBandCount(minimum=low, maximum=high, count=count)
            for (low, high), count in zip(price_bands(), bands, strict=True)
        ],
        halal=flags["halal"],
        pirt=flags["pirt"],
        in_stock=flags["in_stock"],
    )
