"""Reads of warehouses and stock: availability per channel and object-level scoping.

Platform staff manage every warehouse and stock; hub operators manage their hubs' pickup
points; cooperative staff manage their cooperatives' own warehouses and the stock of
their cooperatives' variants.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import F, Q, QuerySet, Sum

from marketplace import permissions
from marketplace.accounts.models import User
from marketplace.catalog.models import ProductVariant
from marketplace.channels.models import Channel
from marketplace.village_hubs.models import CooperativeStaff, HubOperator, HubSupply
from marketplace.warehouses.models import Stock, Warehouse

_is_signed_in = permissions.is_signed_in
_is_platform_staff = permissions.is_platform_staff


def stock_available(*, variant: ProductVariant, channel: Channel) -> int:
    """Units of ``variant`` free to sell in ``channel``: sum of quantity − allocated over
    the warehouses serving the channel. (Checkout reservations will be subtracted here.)"""
    total = Stock.objects.filter(product_variant=variant, warehouse__channels=channel).aggregate(
        available=Sum(F("quantity") - F("quantity_allocated"))
    )["available"]
    return max(int(total or 0), 0)


def warehouses_stockable_by_cooperative(*, cooperative_id: int) -> QuerySet[Warehouse]:
    """Warehouses a cooperative may keep stock in: its own and the pickup points of the
    village hubs it supplies."""
    supplied_hubs = HubSupply.objects.filter(cooperative_id=cooperative_id).values("hub")
    return Warehouse.objects.filter(
        Q(cooperative_id=cooperative_id) | Q(village_hub__in=supplied_hubs)
    )


def warehouses_manageable_by(user: User | AnonymousUser) -> QuerySet[Warehouse]:
    """Warehouses the user may edit: all for platform staff; hub operators their hubs'
    pickup points; cooperative staff their cooperatives' own warehouses."""
    if _is_platform_staff(user):
        return Warehouse.objects.all()
    if not _is_signed_in(user):
        return Warehouse.objects.none()
    hubs = HubOperator.objects.filter(user=user).values("hub")
    cooperatives = CooperativeStaff.objects.filter(user=user).values("cooperative")
    return Warehouse.objects.filter(Q(village_hub__in=hubs) | Q(cooperative__in=cooperatives))


def user_can_manage_warehouse(user: User | AnonymousUser, warehouse: Warehouse) -> bool:
    """Whether the user may edit this warehouse (not its stock: see below)."""
    return warehouses_manageable_by(user).filter(pk=warehouse.pk).exists()


def stocks_manageable_by(user: User | AnonymousUser) -> QuerySet[Stock]:
    """Stock rows the user may change: all for platform staff, else those of variants of
    their cooperatives' products."""
    if _is_platform_staff(user):
        return Stock.objects.all()
    if not _is_signed_in(user):
        return Stock.objects.none()
    cooperatives = CooperativeStaff.objects.filter(user=user).values("cooperative")
    return Stock.objects.filter(product_variant__product__cooperative__in=cooperatives)


def user_can_manage_variant_stock(user: User | AnonymousUser, variant: ProductVariant) -> bool:
    """Whether the user may set this variant's stock quantities."""
    if _is_platform_staff(user):
        return True
    if not _is_signed_in(user):
        return False
    return CooperativeStaff.objects.filter(
        user=user, cooperative_id=variant.product.cooperative_id
    ).exists()
