"""Reads for object-level scoping: which cooperatives and hubs a user may manage.

The rules are ``marketplace.permissions``' (platform staff manage everything; cooperative
staff their cooperatives; hub operators their hubs); these turn them into querysets.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet

from marketplace import permissions
from marketplace.accounts.models import User
from marketplace.village_hubs.models import (
    Cooperative,
    CooperativeStaff,
    HubOperator,
    Producer,
    StaffRole,
    VillageHub,
)


def cooperatives_managed_by(user: User | AnonymousUser) -> QuerySet[Cooperative]:
    """Cooperatives the user may manage: all for platform staff, else those they work for."""
    if permissions.is_platform_staff(user):
        return Cooperative.objects.all()
    if not permissions.is_signed_in(user):
        return Cooperative.objects.none()
    return Cooperative.objects.filter(staff_members__user=user)


def user_can_manage_cooperative(user: User | AnonymousUser, cooperative: Cooperative) -> bool:
    """Whether the user may manage this cooperative (and its producers)."""
    return permissions.can_work_for_cooperative(user, cooperative.pk)


def hubs_operated_by(user: User | AnonymousUser) -> QuerySet[VillageHub]:
    """Village hubs the user may operate: all for platform staff, else their own."""
    if permissions.is_platform_staff(user):
        return VillageHub.objects.all()
    if not permissions.is_signed_in(user):
        return VillageHub.objects.none()
    return VillageHub.objects.filter(operators__user=user)


def user_can_operate_hub(user: User | AnonymousUser, hub: VillageHub) -> bool:
    """Whether the user may operate this village hub."""
    return permissions.can_operate_hub(user, hub.pk)


# --- Role-aware scoping and visibility (added for the management API) ---------------------


def cooperatives_administered_by(user: User | AnonymousUser) -> QuerySet[Cooperative]:
    """Cooperatives whose data and staff the user may change: all for platform staff,
    else those where the user is an ``admin`` (pengurus)."""
    if permissions.is_platform_staff(user):
        return Cooperative.objects.all()
    if not permissions.is_signed_in(user):
        return Cooperative.objects.none()
    return Cooperative.objects.filter(staff_members__user=user, staff_members__role=StaffRole.ADMIN)


def user_can_administer_cooperative(user: User | AnonymousUser, cooperative: Cooperative) -> bool:
    """Whether the user may change this cooperative's data and add its staff (pengurus)."""
    return permissions.can_administer_cooperative(user, cooperative.pk)


def cooperatives_visible_to(user: User | AnonymousUser) -> QuerySet[Cooperative]:
    """Cooperatives the user may see: active ones, plus every one the user manages."""
    if permissions.is_platform_staff(user):
        return Cooperative.objects.all()
    visible = Q(is_active=True)
    if permissions.is_signed_in(user):
        visible |= Q(pk__in=CooperativeStaff.objects.filter(user=user).values("cooperative"))
    return Cooperative.objects.filter(visible)


def producers_visible_to(user: User | AnonymousUser) -> QuerySet[Producer]:
    """Producers the user may see: active ones of active cooperatives, plus every producer
    of the cooperatives the user manages."""
    if permissions.is_platform_staff(user):
        return Producer.objects.all()
    visible = Q(is_active=True, cooperative__is_active=True)
    if permissions.is_signed_in(user):
        managed = CooperativeStaff.objects.filter(user=user).values("cooperative")
        visible |= Q(cooperative__in=managed)
    return Producer.objects.filter(visible)


def hubs_visible_to(user: User | AnonymousUser) -> QuerySet[VillageHub]:
    """Village hubs the user may see: active ones, plus the hubs the user operates."""
    if permissions.is_platform_staff(user):
        return VillageHub.objects.all()
    visible = Q(is_active=True)
    if permissions.is_signed_in(user):
        visible |= Q(pk__in=HubOperator.objects.filter(user=user).values("hub"))
    return VillageHub.objects.filter(visible)


# --- accounts: who would be left without a manager if a user went (account deletion) ------


def cooperatives_only_administered_by(user: User) -> QuerySet[Cooperative]:
    """Cooperatives where ``user`` is the only admin (pengurus): without them nobody but
    platform staff could change the cooperative or add its staff."""
    other_admins = CooperativeStaff.objects.filter(
        cooperative=OuterRef("pk"), role=StaffRole.ADMIN
    ).exclude(user=user)
    return (
        Cooperative.objects.filter(staff_members__user=user, staff_members__role=StaffRole.ADMIN)
        .exclude(Exists(other_admins))
        .order_by("name", "pk")
    )


def hubs_only_operated_by(user: User) -> QuerySet[VillageHub]:
    """Active village hubs ``user`` is the only operator of: without them nobody at the
    hub could hand out orders or take cash."""
    other_operators = HubOperator.objects.filter(hub=OuterRef("pk")).exclude(user=user)
    return (
        VillageHub.objects.filter(is_active=True, operators__user=user)
        .exclude(Exists(other_operators))
        .order_by("name", "pk")
    )


# --- the shop's front page ---------------------------------------------------------------


def hubs_search(*, query: str = "") -> QuerySet[VillageHub]:
    """Active village hubs whose name, village, district, regency or province contains
    ``query`` (every word of it, ignoring case), by name, with their region loaded."""
    hubs = VillageHub.objects.filter(is_active=True).select_related(
        "village__district__regency__province"
    )
    for word in query.split():
        hubs = hubs.filter(
            Q(name__icontains=word)
            | Q(village__name__icontains=word)
            | Q(village__district__name__icontains=word)
            | Q(village__district__regency__name__icontains=word)
            | Q(village__district__regency__province__name__icontains=word)
        )
    return hubs.order_by("name", "pk")
