"""Who may do what: the one place the rules live, for the API and the pages alike.

* **Platform staff**: a signed-in, active user with ``is_staff`` or ``is_superuser``;
  they may do everything.
* **Cooperative staff** (any role) work for their cooperatives; the cooperative's
  **admins** (pengurus, role ``admin``) also administer it.
* **Hub operators** operate their village hubs (and so the hubs' channels).
* **Orders**: the buyer (the signed-in owner), the operators of the order's hub and
  platform staff see the whole order; a cooperative's staff see the order with only
  their cooperative's lines; anyone else holding the order's id (a bare token holder)
  sees it with personal data obfuscated and without the pickup code.

What a viewer works for is read once per user object (three small queries) and kept on
it: ``request.user`` and the API's ``info.context.user`` are one object per request, so
the scope is computed once per request. Call :func:`forget_scope` after changing a
user's roles on the same object. Supervision by Dinas officers lives in
``coop_reporting.supervision`` (the domain may not import reporting) and is cached the
same way through :func:`cached_for_user`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeGuard, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from marketplace.accounts.models import User
from marketplace.channels.models import Channel
from marketplace.village_hubs.models import CooperativeStaff, HubOperator, StaffRole, VillageHub

_CACHE_ATTR = "_lumbung_permissions_cache"
T = TypeVar("T")

Viewer = User | AnonymousUser | None


def is_signed_in(user: Viewer) -> TypeGuard[User]:
    """A real, active account (not anonymous, not deactivated); where true, ``user`` is
    a :class:`User` (an anonymous user is never authenticated)."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_platform_staff(user: Viewer) -> bool:
    """Lumbung's own staff: signed in and ``is_staff`` or ``is_superuser``."""
    return is_signed_in(user) and bool(user.is_staff or user.is_superuser)


def cached_for_user(user: Viewer, key: str, compute: Callable[[], T]) -> T:
    """``compute()`` once per user object and ``key`` (nothing is kept for anonymous
    users, whose object is shared)."""
    if not is_signed_in(user):
        return compute()
    cache: dict[str, Any] = user.__dict__.setdefault(_CACHE_ATTR, {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def forget_scope(user: Viewer) -> None:
    """Drop what was cached on this user object (after changing their roles)."""
    if user is not None:
        user.__dict__.pop(_CACHE_ATTR, None)


@dataclass(frozen=True)
class ViewerScope:
    """What one user works for. Platform staff have empty id sets and ``platform_staff``."""

    user_pk: int | None = None
    signed_in: bool = False
    platform_staff: bool = False
    cooperative_ids: frozenset[int] = frozenset()
    administered_cooperative_ids: frozenset[int] = frozenset()
    hub_ids: frozenset[int] = frozenset()
    hub_channel_ids: frozenset[int] = frozenset()

    def works_for_cooperative(self, cooperative_id: int | None) -> bool:
        return self.platform_staff or cooperative_id in self.cooperative_ids

    def administers_cooperative(self, cooperative_id: int | None) -> bool:
        return self.platform_staff or cooperative_id in self.administered_cooperative_ids

    def operates_hub(self, hub_id: int | None) -> bool:
        return self.platform_staff or hub_id in self.hub_ids

    def operates_channel(self, channel_id: int | None) -> bool:
        return self.platform_staff or channel_id in self.hub_channel_ids

    @property
    def is_catalog_staff(self) -> bool:
        """Platform staff, cooperative staff or hub operators."""
        return self.platform_staff or bool(self.cooperative_ids or self.hub_ids)


def _compute_scope(user: Viewer) -> ViewerScope:
    if not is_signed_in(user):
        return ViewerScope()
    if is_platform_staff(user):
        return ViewerScope(user_pk=user.pk, signed_in=True, platform_staff=True)
    roles = list(CooperativeStaff.objects.filter(user=user).values_list("cooperative_id", "role"))
    hubs = list(HubOperator.objects.filter(user=user).values_list("hub_id", "hub__channel_id"))
    return ViewerScope(
        user_pk=user.pk,
        signed_in=True,
        cooperative_ids=frozenset(pk for pk, _role in roles),
        administered_cooperative_ids=frozenset(pk for pk, role in roles if role == StaffRole.ADMIN),
        hub_ids=frozenset(pk for pk, _channel in hubs),
        hub_channel_ids=frozenset(channel for _pk, channel in hubs if channel is not None),
    )


def scope_of(user: Viewer) -> ViewerScope:
    """The user's scope, read once per user object."""
    return cached_for_user(user, "scope", lambda: _compute_scope(user))


def channels_accessible_to(user: Viewer) -> QuerySet[Channel]:
    """Saleor's ``User.accessibleChannels`` of ``user``: every channel for platform
    staff, the channels of the hubs they operate for hub operators, none for anyone else."""
    scope = scope_of(user)
    if scope.platform_staff:
        return Channel.objects.order_by("slug")
    return Channel.objects.filter(pk__in=scope.hub_channel_ids).order_by("slug")


def can_work_for_cooperative(user: Viewer, cooperative_id: int | None) -> bool:
    """Platform staff and the cooperative's staff (any role)."""
    return scope_of(user).works_for_cooperative(cooperative_id)


def can_administer_cooperative(user: Viewer, cooperative_id: int | None) -> bool:
    """Platform staff and the cooperative's admins (pengurus)."""
    return scope_of(user).administers_cooperative(cooperative_id)


def can_operate_hub(user: Viewer, hub_id: int | None) -> bool:
    """Platform staff and the hub's operators."""
    return scope_of(user).operates_hub(hub_id)


def can_operate_channel(user: Viewer, channel_id: int | None) -> bool:
    """Platform staff and the operators of the hub selling through the channel."""
    return scope_of(user).operates_channel(channel_id)


def hub_of_channel(channel_id: int | None) -> VillageHub | None:
    """The village hub selling through a channel."""
    if channel_id is None:
        return None
    return VillageHub.objects.filter(channel_id=channel_id).first()


# --- members (anggota) -------------------------------------------------------------------
#
# A cooperative's staff (any role) see its member list with NIKs masked; its admins
# (pengurus) register members, record savings and decide applications; the NIK in clear
# is for the member themself and the cooperative's admins only, not for platform staff.
# A Dinas officer sees a cooperative's member counts, never a member
# (``coop_reporting.supervision.selectors.member_counts_for``).


def can_see_members(user: Viewer, cooperative_id: int | None) -> bool:
    """The member list (NIKs masked): platform staff and the cooperative's staff."""
    return scope_of(user).works_for_cooperative(cooperative_id)


def can_manage_members(user: Viewer, cooperative_id: int | None) -> bool:
    """Register and change members, record savings, import, decide applications:
    platform staff and the cooperative's admins."""
    return scope_of(user).administers_cooperative(cooperative_id)


def can_see_member_nik(user: Viewer, member: Any) -> bool:
    """A member's (or applicant's) NIK in clear: the person themself and the admins of
    the cooperative (platform staff see it masked)."""
    scope = scope_of(user)
    if not scope.signed_in:
        return False
    own_user_id = getattr(member, "user_id", None) or getattr(member, "applicant_id", None)
    if own_user_id is not None and own_user_id == scope.user_pk:
        return True
    return member.cooperative_id in scope.administered_cooperative_ids


def can_see_niks_of(user: Viewer, cooperative_id: int | None) -> bool:
    """Every member's NIK in clear (a list export with NIKs): the cooperative's admins."""
    return cooperative_id in scope_of(user).administered_cooperative_ids


def can_see_member_shu(user: Viewer, member: Any) -> bool:
    """A member's SHU share and its explanation: the member themself (their linked
    account) and the staff of their cooperative; never another member."""
    scope = scope_of(user)
    if not scope.signed_in:
        return False
    if member.user_id is not None and member.user_id == scope.user_pk:
        return True
    return scope.works_for_cooperative(member.cooperative_id)


def member_nik_for(user: Viewer, member: Any) -> str:
    """The NIK as ``user`` may see it: in clear or masked (``3319********0001``)."""
    return member.nik if can_see_member_nik(user, member) else member.nik_masked


# --- orders ------------------------------------------------------------------------------


class OrderAccess(enum.Enum):
    """How a viewer sees one order."""

    TOKEN = "token"  # holds the id only: personal data obfuscated, no pickup code
    COOPERATIVE = "cooperative"  # staff of a cooperative with lines in it: only those lines
    BUYER = "buyer"  # the signed-in owner
    HUB = "hub"  # an operator of the order's hub
    PLATFORM = "platform"  # platform staff

    @property
    def sees_personal_data(self) -> bool:
        """Name, addresses, phone, e-mail in full."""
        return self is not OrderAccess.TOKEN

    @property
    def sees_pickup_code(self) -> bool:
        return self in (OrderAccess.BUYER, OrderAccess.HUB, OrderAccess.PLATFORM)

    @property
    def sees_all_lines(self) -> bool:
        return self is not OrderAccess.COOPERATIVE


def _order_cooperative_ids(order: Any) -> frozenset[int]:
    lines = getattr(order, "_prefetched_objects_cache", {}).get("lines")
    if lines is not None:
        return frozenset(line.cooperative_id for line in lines)
    return frozenset(order.lines.values_list("cooperative_id", flat=True).distinct())


def order_access(user: Viewer, order: Any) -> OrderAccess:
    """How ``user`` sees ``order`` (an ``orders.Order``); the strongest role wins."""
    scope = scope_of(user)
    if scope.platform_staff:
        return OrderAccess.PLATFORM
    if scope.signed_in and order.channel_id in scope.hub_channel_ids:
        return OrderAccess.HUB
    if scope.signed_in and order.user_id is not None and order.user_id == scope.user_pk:
        return OrderAccess.BUYER
    if scope.cooperative_ids and scope.cooperative_ids & _order_cooperative_ids(order):
        return OrderAccess.COOPERATIVE
    return OrderAccess.TOKEN


def order_visible_cooperative_ids(user: Viewer, order: Any) -> frozenset[int] | None:
    """The cooperatives whose lines of ``order`` the user sees; None: every line."""
    if order_access(user, order).sees_all_lines:
        return None
    return scope_of(user).cooperative_ids


def can_operate_order(user: Viewer, order: Any) -> bool:
    """Take cash, hand over, cancel at the counter: the order hub's operators and
    platform staff."""
    return can_operate_channel(user, order.channel_id)


def can_manage_order_payments(user: Viewer, order: Any) -> bool:
    """Refunds and granted refunds (Saleor: MANAGE_ORDERS / HANDLE_PAYMENTS): the order
    hub's operators and platform staff."""
    return can_operate_order(user, order)


def is_order_buyer(user: Viewer, order: Any) -> bool:
    """The signed-in owner of the order."""
    return is_signed_in(user) and order.user_id is not None and order.user_id == user.pk


# --- checkouts ---------------------------------------------------------------------------


def can_use_checkout(user: Viewer, checkout: Any) -> bool:
    """Read and change a checkout: an anonymous one, whoever holds its id; a signed-in
    user's, only that user (and platform staff, Saleor's MANAGE_CHECKOUTS)."""
    if checkout.user_id is None or is_platform_staff(user):
        return True
    return is_signed_in(user) and user.pk == checkout.user_id


# --- personal data for a bare token holder (Saleor's ``obfuscate_*`` helpers) ------------


def obfuscate_email(value: str) -> str:
    """``jan.kowalski@example.com`` → ``j...@example.com`` (Saleor's rule)."""
    if not value:
        return value
    if "@" not in value:
        return obfuscate_string(value)
    username, domain = value.split("@", 1)
    return f"{username[:1]}...@{domain}"


def obfuscate_string(value: str, *, phone: bool = False) -> str:
    """All but the first character as dots; a phone keeps its first three (``+62…``)."""
    if not value:
        return value
    keep = 1
    if phone:
        value, keep = value.replace(" ", ""), 3
    return value[:keep] + "." * max(len(value) - keep, 0)
