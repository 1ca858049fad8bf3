"""What a Saleor storefront needs from the demo besides products: each hub's village
courier as a shipping method, the ``navbar`` and ``footer`` menus and the
``featured-products`` collection published in every hub's channel. Idempotent: rows
already there are left as they are.

Menus and collections are platform-wide in Saleor (a slug names one menu); a storefront
asks ``menu(slug: "navbar", channel: <hub>)`` and sees the items whose collection is
published in that hub's channel, and ``collection(slug: "featured-products", channel:)``
lists only the products sold there.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from marketplace.catalog.models import Category, Product
from marketplace.content.models import Collection, Menu
from marketplace.content.services import (
    CollectionListingInput,
    collection_add_products,
    collection_channel_listing_update,
    collection_create,
    menu_create,
    menu_item_create,
)
from marketplace.shipping.models import ShippingMethod
from marketplace.shipping.services import shipping_method_create
from marketplace.village_hubs.models import VillageHub

COURIER_PRICE = 10_000  # Rp10.000 anywhere in the hub's regency
FEATURED_SLUG = "featured-products"
FEATURED_PER_HUB = 4
NAVBAR_CATEGORIES = ("kopi", "madu", "keripik-camilan", "tenun")
FOOTER_CATEGORIES = ("beras", "gula-aren", "sambal", "anyaman")
_PUBLISHED_AT = datetime(2025, 1, 1, tzinfo=UTC)


def storefront_content_ensure(hubs: Sequence[VillageHub]) -> None:
    for hub in hubs:
        courier_ensure(hub)
    featured = featured_collection_ensure(hubs)
    menu_ensure("navbar", "Navbar", NAVBAR_CATEGORIES, featured)
    menu_ensure("footer", "Footer", FOOTER_CATEGORIES, featured)


def courier_ensure(hub: VillageHub) -> ShippingMethod:
    """The hub's kurir desa: a flat rate, only within the hub's regency."""
    regency = hub.village.district.regency
    method = ShippingMethod.objects.filter(channel=hub.channel, regency=regency).first()
    if method is not None:
        return method
    return shipping_method_create(
        channel=hub.channel,
        name=f"Kurir Desa {hub.village.name}",
        price_amount=COURIER_PRICE,
        regency=regency,
        description=f"Diantar kurir desa ke alamat di {regency.name}, 1-2 hari.",
    )


def featured_collection_ensure(hubs: Sequence[VillageHub]) -> Collection:
    """``featured-products``: a product of each of a few categories of each hub,
    published in every hub's channel."""
    collection = Collection.objects.filter(slug=FEATURED_SLUG).first()
    if collection is None:
        collection = collection_create(
            name="Produk Pilihan",
            slug=FEATURED_SLUG,
            description={"blocks": [{"type": "paragraph", "data": {"text": "Pilihan dari desa."}}]},
        )
    present = set(collection.collection_products.values_list("product_id", flat=True))
    wanted: list[Product] = []
    for hub in hubs:
        wanted.extend(p for p in _one_per_category(hub) if p.pk not in present)
    if wanted:
        collection_add_products(collection=collection, products=wanted)
    listed = set(collection.channel_listings.values_list("channel_id", flat=True))
    add = [
        CollectionListingInput(channel=hub.channel, is_published=True, published_at=_PUBLISHED_AT)
        for hub in hubs
        if hub.channel.pk not in listed
    ]
    if add:
        collection_channel_listing_update(collection=collection, add=add)
    return collection


def _one_per_category(hub: VillageHub) -> list[Product]:
    """The hub's first product of each of its first few categories (a varied window)."""
    chosen: dict[int | None, Product] = {}
    products = Product.objects.filter(channel_listings__channel=hub.channel).order_by("pk")
    for product in products.only("pk", "category_id"):
        chosen.setdefault(product.category_id, product)
        if len(chosen) == FEATURED_PER_HUB:
            break
    return list(chosen.values())


def menu_ensure(slug: str, name: str, category_slugs: Sequence[str], featured: Collection) -> Menu:
    """A menu linking the featured collection and a few categories."""
    menu = Menu.objects.filter(slug=slug).first()
    if menu is not None:
        return menu
    menu = menu_create(name=name, slug=slug)
    menu_item_create(menu=menu, name=featured.name, collection=featured)
    categories = {c.slug: c for c in Category.objects.filter(slug__in=category_slugs)}
    for category_slug in category_slugs:
        category = categories.get(category_slug)
        if category is not None:
            menu_item_create(menu=menu, name=category.name, category=category)
    return menu
