"""What the shop's pages show of a hub's catalogue, read through the domain's selectors.

A page of product cards costs a fixed number of queries whatever its length: the
products (with cooperative, producer and their villages), their first photos, their
variants' prices in the hub's channel and the stock left (``quantity_available_by_variant``,
as the API's ``quantityAvailable``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse

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
from marketplace.catalog.selectors import ProductPermits, product_permits, products_visible_to
from marketplace.checkout.selectors import quantity_available_by_variant
from marketplace.village_hubs.models import VillageHub
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
    *, hub: VillageHub, user: User | AnonymousUser, query: str = "", category: Category | None
) -> QuerySet[Product]:
    """The products the hub's shop lists for this visitor, searched with the catalog's
    search (best match first) or by name."""
    products = (
        products_visible_to(user=user, channel=hub.channel)
        .select_related("cooperative__village", "producer__village", "category")
        .defer(*_UNSHOWN, "description_plaintext")
    )
    if category is not None:
        products = products.filter(category=category)
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
        village = product.producer.village if product.producer_id else None
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
                nib=product.producer.nib if product.producer_id else "",
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
