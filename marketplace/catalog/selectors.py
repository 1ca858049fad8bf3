"""Reads of the catalog: category tree, permits shown on products, and object-level scoping.

Platform staff (``is_staff``/``is_superuser``) manage every product; cooperative staff
manage their cooperatives' products. Storefront visitors see only published products
listed in the channel (and visible in listings).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from marketplace import permissions
from marketplace.accounts.models import User
from marketplace.catalog.models import Category, Product, ProductChannelListing
from marketplace.channels.models import Channel
from marketplace.village_hubs.models import PIRT_TIME_ZONE, CooperativeStaff, HubSupply
from marketplace.village_hubs.selectors import user_can_manage_cooperative

_DESCENDANTS_SQL = """
    WITH RECURSIVE tree(id) AS (
        SELECT id FROM catalog_category WHERE parent_id = %s
        UNION ALL
        SELECT c.id FROM catalog_category c JOIN tree t ON c.parent_id = t.id
    )
    SELECT id FROM tree
"""


def category_descendants(*, category: Category, include_self: bool = False) -> QuerySet[Category]:
    """Every category below ``category`` (children, grandchildren, ...), one query."""
    condition = Q(pk__in=RawSQL(_DESCENDANTS_SQL, (category.pk,)))
    if include_self:
        condition |= Q(pk=category.pk)
    return Category.objects.filter(condition).order_by("level", "name", "pk")


# --- permits -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Permit:
    number: str
    expired: bool
    expires_on: datetime.date | None = None  # halal: certificate date
    expiry_year: int | None = None  # P-IRT: valid through this year


@dataclass(frozen=True)
class ProductPermits:
    """Food permits of a product's producer, for the storefront; ``None`` when absent."""

    halal: Permit | None
    pirt: Permit | None
    bpom: Permit | None


def product_permits(product: Product, *, today: datetime.date | None = None) -> ProductPermits:
    """The producer's halal, P-IRT and BPOM permits; all ``None`` without a producer.

    ``today`` defaults to the date in Asia/Jakarta (as ``Producer.pirt_expired``). Load
    products with ``select_related("producer")`` to avoid one query per product.
    """
    producer = product.producer
    if producer is None:
        return ProductPermits(halal=None, pirt=None, bpom=None)
    day = today or timezone.localdate(timezone=PIRT_TIME_ZONE)
    halal = None
    if producer.halal_certificate_number:
        expires_on = producer.halal_certificate_expires_on
        halal = Permit(
            number=producer.halal_certificate_number,
            expired=expires_on is not None and expires_on < day,
            expires_on=expires_on,
        )
    pirt = None
    if producer.pirt_number:
        pirt = Permit(
            number=producer.pirt_number,
            expired=producer.pirt_expired_on(day),
            expiry_year=producer.pirt_expiry_year,
        )
    bpom = Permit(number=producer.bpom_number, expired=False) if producer.bpom_number else None
    return ProductPermits(halal=halal, pirt=pirt, bpom=bpom)


# --- scoping -----------------------------------------------------------------------------


_is_signed_in = permissions.is_signed_in
_is_platform_staff = permissions.is_platform_staff


def products_manageable_by(user: User | AnonymousUser) -> QuerySet[Product]:
    """Products the user may edit: all for platform staff, else their cooperatives' ones."""
    if _is_platform_staff(user):
        return Product.objects.all()
    if not _is_signed_in(user):
        return Product.objects.none()
    return Product.objects.filter(
        cooperative__in=CooperativeStaff.objects.filter(user=user).values("cooperative")
    )


def user_can_manage_product(user: User | AnonymousUser, product: Product) -> bool:
    """Whether the user may edit this product (and its variants, listings and media)."""
    return user_can_manage_cooperative(user, product.cooperative)


def cooperative_supplies_channel(*, cooperative_id: int, channel: Channel) -> bool:
    """Whether the cooperative supplies the village hub selling through ``channel``."""
    return HubSupply.objects.filter(hub__channel=channel, cooperative_id=cooperative_id).exists()


def products_visible_in_channel(
    *, channel: Channel, user: User | AnonymousUser | None = None
) -> QuerySet[Product]:
    """Products listed in ``channel`` that ``user`` may see in product lists.

    Everyone sees published products (``is_published``, ``published_at`` empty or past)
    that are ``visible_in_listings``. Platform staff also see every other product listed
    in the channel; cooperative staff also see their cooperatives' listed products.
    Anonymous users never see unpublished products.
    """
    listings = ProductChannelListing.objects.filter(product=OuterRef("pk"), channel=channel)
    now = timezone.now()
    published = listings.filter(
        Q(published_at__isnull=True) | Q(published_at__lte=now),
        is_published=True,
        visible_in_listings=True,
    )
    if _is_platform_staff(user):
        return Product.objects.filter(Exists(listings))
    condition = Q(Exists(published))
    if _is_signed_in(user):
        own = CooperativeStaff.objects.filter(user=user).values("cooperative")
        condition |= Q(Exists(listings), cooperative__in=own)
    return Product.objects.filter(condition)


# --- visibility per role (added for the management API) ----------------------------------


def products_visible_to(
    *,
    user: User | AnonymousUser | None,
    channel: Channel | None = None,
    in_listings: bool = True,
    now: datetime.datetime | None = None,
) -> QuerySet[Product]:
    """Products ``user`` may see, listed in ``channel`` or, without one, anywhere.

    Everyone sees products published in an active channel (``published_at`` empty or
    past; with ``in_listings`` also ``visible_in_listings``, as in product lists; a
    single product looked up by id or slug only needs to be published). Cooperative
    staff also see their cooperatives' products (those listed in ``channel`` when one is
    given) and hub operators every product listed in the channels of their hubs. Platform
    staff see every product listed in ``channel``, or every product without one.
    ``now`` (default: the present) is the moment publication dates are compared with.
    """
    if _is_platform_staff(user):
        if channel is None:
            return Product.objects.all()
        listed = ProductChannelListing.objects.filter(product=OuterRef("pk"), channel=channel)
        return Product.objects.filter(Exists(listed))
    listings = ProductChannelListing.objects.filter(product=OuterRef("pk"))
    if channel is not None:
        listings = listings.filter(channel=channel)
    published = listings.filter(
        Q(published_at__isnull=True) | Q(published_at__lte=now or timezone.now()),
        is_published=True,
        channel__is_active=True,
    )
    if in_listings:
        published = published.filter(visible_in_listings=True)
    condition = Q(Exists(published))
    if _is_signed_in(user):
        own = CooperativeStaff.objects.filter(user=user).values("cooperative")
        if channel is None:
            condition |= Q(cooperative__in=own)
        else:
            condition |= Q(Exists(listings), cooperative__in=own)
        condition |= Q(Exists(listings.filter(channel__village_hub__operators__user=user)))
    return Product.objects.filter(condition)
