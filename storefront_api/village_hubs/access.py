"""Who may see what: the API's names for the rules of ``marketplace.permissions``.

Resolvers of private fields ask :func:`can_see_cooperative_private` and friends; the
scope behind them (ids of cooperatives the viewer works for, hubs they operate) is read
once per request user by ``marketplace.permissions.scope_of``, whatever the number of
objects in the response.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser

from marketplace import permissions
from marketplace.accounts.models import User
from storefront_api.core.exceptions import PermissionDenied


def viewer(info: Any) -> User | AnonymousUser:
    return info.context.user


is_signed_in = permissions.is_signed_in
is_platform_staff = permissions.is_platform_staff


def require_signed_in(info: Any) -> User:
    user = viewer(info)
    if not is_signed_in(user):
        raise PermissionDenied()
    return user


def require_platform_staff(info: Any) -> User:
    user = require_signed_in(info)
    if not is_platform_staff(user):
        raise PermissionDenied()
    return user


def viewer_of(context: Any) -> User | AnonymousUser:
    return context.user


_SCOPES = {
    "cooperatives": "cooperative_ids",
    "administered": "administered_cooperative_ids",
    "hubs": "hub_ids",
    "hub_channels": "hub_channel_ids",
}


def scope_ids(context: Any, scope: str) -> frozenset[int]:
    """Ids in ``scope`` (``cooperatives``, ``administered``, ``hubs``, ``hub_channels``)
    of the signed-in user (``marketplace.permissions.scope_of``); empty for anonymous
    users and for platform staff, who are asked about first."""
    return getattr(permissions.scope_of(viewer_of(context)), _SCOPES[scope])


def _scope(info: Any, scope: str) -> frozenset[int]:
    return scope_ids(info.context, scope)


def can_see_cooperative_private(info: Any, cooperative_id: int) -> bool:
    """Platform staff and anyone working for the cooperative."""
    return permissions.can_work_for_cooperative(viewer(info), cooperative_id)


def can_administer_cooperative(info: Any, cooperative_id: int) -> bool:
    """Platform staff and the cooperative's admins (pengurus)."""
    return permissions.can_administer_cooperative(viewer(info), cooperative_id)


def can_operate_hub(info: Any, hub_id: int) -> bool:
    """Platform staff and the hub's operators."""
    return permissions.can_operate_hub(viewer(info), hub_id)


def can_see_channel_settings(info: Any, channel_id: int) -> bool:
    """Saleor's ``AUTHENTICATED_STAFF_USER`` on channels: platform staff, and the
    operators of the village hub selling through the channel."""
    return permissions.can_operate_channel(viewer(info), channel_id)


def managed_cooperative_ids(info: Any) -> frozenset[int]:
    return _scope(info, "cooperatives")


def operated_hub_ids(info: Any) -> frozenset[int]:
    return _scope(info, "hubs")


def require(condition: bool) -> None:
    """Top-level ``PermissionDenied`` unless ``condition``."""
    if not condition:
        raise PermissionDenied()
