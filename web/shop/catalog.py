"""What the shop's pages show of a hub's catalogue, read through the domain's selectors.

A page of product cards costs a fixed number of queries whatever its length: the
products (with cooperative, producer and their villages), their first photos, their
variants' prices in the hub's channel and the stock left (``quantity_available_by_variant``,
as the API's ``quantityAvailable``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from marketplace.accounts.models import User
from marketplace.catalog import images
from marketplace.catalog.models import (
    Category,
    Product,
    ProductMedia,
    ProductVariant,
    ProductVariantChannelListing,
)
from marketplace.catalog.search import rank_products
from marketplace.catalog.search.facets import Facets, SearchFilters, price_bands, products_filter
from marketplace.catalog.selectors import ProductPermits, product_permits, products_visible_to
from marketplace.checkout.selectors import quantity_available_by_variant
from marketplace.core.money import format_rupiah
from marketplace.village_hubs.models import Cooperative, VillageHub
from marketplace.village_hubs.selectors import hubs_visible_to

CARD_THUMBNAIL = 256
# Columns a page never shows: the rich-text description, metadata and the search vector
# are the widest of a product row.
_UNSHOWN = ("description", "metadata", "private_metadata", "search_vector")
PAGE_THUMBNAIL = 512


@dataclass(frozen=True)
class Thumbnail:
    url: str
    width: int
    height: int
    alt: str


@dataclass
class VariantView:
    variant: ProductVariant
    price: int | None
    available: int

    @property
    def label(self) -> str:
        return self.variant.name or self.variant.sku or ""


@dataclass
class ProductCard:
    product: Product
    url: str
    thumbnail: Thumbnail | None
    price: int | None
    price_max: int | None
    available: int
    village: str
    permits: ProductPermits
    nib: str
    variants: list[VariantView] = field(default_factory=list)


def hub_for_shop(*, slug: str, user: User | AnonymousUser) -> VillageHub:
    """The hub whose shop this is (one the visitor may see), with its channel; else 404."""
    hub = (
        hubs_visible_to(user)
        .select_related("channel", "village__district__regency__province")
        .filter(slug=slug)
        .first()
    )
    if hub is None:
        raise Http404("No such village shop.")
    return hub


def _thumbnail(media: ProductMedia | None, size: int) -> Thumbnail | None:
    if media is None or not media.image:
        return None
    served = images.thumbnail_size_for(size)
    width, height = media.width or served, media.height or served
    scale = min(served / max(width, height), 1)
    return Thumbnail(
        url=reverse("thumbnail-format", args=[str(media.pk), served, "webp"]),
        width=max(round(width * scale), 1),
        height=max(round(height * scale), 1),
        alt=media.alt or "",
    )


def products_for_shop(
    *,
    hub: VillageHub,
    user: User | AnonymousUser,
    query: str = "",
    category: Category | None,
    filters: SearchFilters | None = None,
) -> QuerySet[Product]:
    """The products the hub's shop lists for this visitor, narrowed by the facet filters
    (the API's rules, ``marketplace.catalog.search.facets``) and searched with the
    catalog's search (best match first) or by name."""
    products = (
        products_visible_to(user=user, channel=hub.channel)
        .select_related("cooperative__village", "producer__village", "category")
        .defer(*_UNSHOWN, "description_plaintext")
    )
    if category is not None:
        products = products.filter(category=category)
    if filters is not None:
        products = products_filter(products, filters, channel=hub.channel)
    if query.strip():
        return rank_products(products, query)
    return products.order_by("name", "pk")


def categories_for_shop(*, hub: VillageHub, user: User | AnonymousUser) -> QuerySet[Category]:
    """The categories that have a product in the hub's shop, by name."""
    visible = products_visible_to(user=user, channel=hub.channel)
    return Category.objects.filter(products__in=visible).distinct().order_by("name")


def product_cards(
    products: list[Product], *, hub: VillageHub, thumbnail_size: int = CARD_THUMBNAIL
) -> list[ProductCard]:
    """Cards for these products in the hub's channel, in four queries for any number."""
    ids = [product.pk for product in products]
    first_media: dict[int, ProductMedia] = {}
    for media in ProductMedia.objects.filter(product_id__in=ids).order_by(
        "product_id", "sort_order", "pk"
    ):
        first_media.setdefault(media.product_id, media)
    variants: dict[int, list[VariantView]] = {pk: [] for pk in ids}
    listings = (
        ProductVariantChannelListing.objects.filter(
            channel=hub.channel, variant__product_id__in=ids, price_amount__isnull=False
        )
        .select_related("variant")
        .order_by("variant__sort_order", "variant__pk")
    )
    rows = list(listings)
    available = quantity_available_by_variant(
        channel=hub.channel, variant_ids=[row.variant_id for row in rows]
    )
    for row in rows:
        variant = row.variant
        quantity = available.get(variant.pk, 0) if variant.track_inventory else 10**6
        variants[variant.product_id].append(
            VariantView(variant=variant, price=int(row.price_amount), available=quantity)
        )
    cards = []
    for product in products:
        own = variants[product.pk]
        prices = [view.price for view in own if view.price is not None]
        producer = product.producer
        village = producer.village if producer is not None else None
        village = village or product.cooperative.village
        cards.append(
            ProductCard(
                product=product,
                url=reverse("web:product", args=[hub.slug, product.slug]),
                thumbnail=_thumbnail(first_media.get(product.pk), thumbnail_size),
                price=min(prices) if prices else None,
                price_max=max(prices) if prices else None,
                available=sum(min(view.available, 10**6) for view in own),
                village=village.name if village is not None else "",
                permits=product_permits(product),
                nib=producer.nib if producer is not None else "",
                variants=own,
            )
        )
    return cards


def product_for_shop(*, hub: VillageHub, user: User | AnonymousUser, slug: str) -> ProductCard:
    """One product of the hub's shop as its page shows it; 404 when not sold there."""
    product = (
        products_visible_to(user=user, channel=hub.channel, in_listings=False)
        .select_related("cooperative__village", "producer__village", "category")
        .defer(*_UNSHOWN)
        .filter(slug=slug)
        .first()
    )
    if product is None:
        raise Http404("No such product in this shop.")
    return product_cards([product], hub=hub, thumbnail_size=PAGE_THUMBNAIL)[0]


# --- Facets ------------------------------------------------------------------------------

# The search page's parameters, in the order its links spell them.
FILTER_PARAMETERS = ("q", "kategori", "koperasi", "harga", "halal", "pirt", "tersedia")


@dataclass(frozen=True)
class FacetOption:
    label: str
    count: int
    url: str  # the page with this option added, or removed when it is active
    active: bool


@dataclass(frozen=True)
class FacetGroup:
    name: str  # the parameter
    title: str
    options: list[FacetOption]


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    remove_url: str


@dataclass(frozen=True)
class ShopFacets:
    categories: FacetGroup
    groups: list[FacetGroup]  # cooperative, price, permits, stock
    active: list[ActiveFilter]
    page_query: str  # the current parameters, for the pages' links


def shop_url(hub: VillageHub, current: dict[str, str], **changes: str | None) -> str:
    """The hub's search page with the ``current`` parameters changed (``None``: left out)."""
    wanted = {**current, **changes}
    query = urlencode([(k, wanted[k]) for k in FILTER_PARAMETERS if wanted.get(k)])
    base = reverse("web:hub", args=[hub.slug])
    return f"{base}?{query}" if query else base


def search_filters(chosen: dict[str, int], category: Category | None) -> SearchFilters:
    """The domain's filters for the parameters chosen (``ShopFilterForm.filters``)."""
    return SearchFilters(
        category_ids=[category.pk] if category is not None else None,
        cooperative_ids=[chosen["koperasi"]] if "koperasi" in chosen else None,
        price_band=chosen.get("harga"),
        halal=True if chosen.get("halal") else None,
        pirt=True if chosen.get("pirt") else None,
        in_stock=True if chosen.get("tersedia") else None,
    )


def price_band_label(band: int) -> str:
    """ "Di bawah Rp25.000", "Rp25.000–Rp50.000", "Rp250.000 ke atas"."""
    low, high = price_bands()[band]
    if low == 0 and high is not None:
        return _("Under %(high)s") % {"high": format_rupiah(high)}
    if high is None:
        return _("%(low)s and more") % {"low": format_rupiah(low)}
    return _("%(low)s–%(high)s") % {"low": format_rupiah(low), "high": format_rupiah(high)}


def shop_facets(
    *,
    hub: VillageHub,
    facets: Facets,
    current: dict[str, str],
    categories: list[Category],
) -> ShopFacets:
    """Links for each facet option (with its count) and for removing each active filter,
    every link keeping the search text and the other filters."""

    def url(**changes: str | None) -> str:
        return shop_url(hub, current, **changes)

    def option(name: str, value: str, label: str, count: int) -> FacetOption:
        active = current.get(name) == value
        return FacetOption(label, count, url(**{name: None if active else value}), active)

    def group(name: str, title: str, options: list[FacetOption]) -> FacetGroup:
        return FacetGroup(name, title, [o for o in options if o.count or o.active])

    slugs = {c.pk: c for c in categories}
    category_options = [
        option("kategori", slugs[f.id].slug, f.name, f.count)
        for f in facets.categories
        if f.id in slugs
    ]
    cooperative_options = [
        option("koperasi", str(f.id), f.name, f.count) for f in facets.cooperatives
    ]
    chosen_cooperative = current.get("koperasi")
    if chosen_cooperative and not any(o.active for o in cooperative_options):
        name = Cooperative.objects.filter(pk=chosen_cooperative).values_list("name", flat=True)
        label = name.first() or _("Cooperative")
        cooperative_options.append(option("koperasi", chosen_cooperative, label, 0))
    price_options = [
        option("harga", str(i), price_band_label(i), band.count)
        for i, band in enumerate(facets.price_bands)
    ]
    groups = [
        group("koperasi", _("Cooperative"), cooperative_options),
        group("harga", _("Price"), price_options),
        group(
            "izin",
            _("Permits"),
            [
                option("halal", "1", _("Halal"), facets.halal),
                option("pirt", "1", _("P-IRT"), facets.pirt),
            ],
        ),
        group("tersedia", _("Stock"), [option("tersedia", "1", _("In stock"), facets.in_stock)]),
    ]
    categories_group = group("kategori", _("Category"), category_options)
    active = [
        ActiveFilter(o.label, o.url)
        for g in (categories_group, *groups)
        for o in g.options
        if o.active
    ]
    if current.get("kategori") and not any(o.active for o in categories_group.options):
        chosen = next((c for c in categories if c.slug == current["kategori"]), None)
        if chosen is not None:
            active.insert(0, ActiveFilter(chosen.name, url(kategori=None)))
    page_query = urlencode([(k, current[k]) for k in FILTER_PARAMETERS if current.get(k)])
    return ShopFacets(categories_group, groups, active, page_query)
