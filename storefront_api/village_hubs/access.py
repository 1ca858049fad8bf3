"""Who may see what, answered once per operation for the whole response.

Resolvers of private fields ask :func:`can_see_cooperative_private` and friends; the
scopes behind them (ids of cooperatives the viewer works for, hubs they operate) are
loaded with one query per operation, whatever the number of objects in the response.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import AnonymousUser

from marketplace.accounts.models import User
from marketplace.village_hubs import selectors
from storefront_api.core.dataloaders import BaseLoader
from storefront_api.core.exceptions import PermissionDenied

ViewerKey = tuple[str, int]


def viewer(info: Any) -> User | AnonymousUser:
    return info.context.user


def is_signed_in(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_platform_staff(user: User | AnonymousUser) -> bool:
    return is_signed_in(user) and bool(user.is_staff or user.is_superuser)


def require_signed_in(info: Any) -> User:
    user = viewer(info)
    if not is_signed_in(user):
        raise PermissionDenied()
    return user  # type: ignore[return-value]


def require_platform_staff(info: Any) -> User:
    user = require_signed_in(info)
    if not is_platform_staff(user):
        raise PermissionDenied()
    return user


class _ViewerScopeLoader(BaseLoader[ViewerKey, frozenset[int]]):
    """Primary keys of the objects a signed-in user works with, by scope name."""

    def batch_load(self, keys: Sequence[ViewerKey]) -> list[frozenset[int]]:
        user = viewer_of(self.context)
        result = []
        for scope, _user_pk in keys:
            if scope == "cooperatives":
                qs = selectors.cooperatives_managed_by(user)
            elif scope == "administered":
                qs = selectors.cooperatives_administered_by(user)
            elif scope == "hubs":
                qs = selectors.hubs_operated_by(user)
            else:  # "hub_channels"
                result.append(
                    frozenset(selectors.hubs_operated_by(user).values_list("channel_id", flat=True))
                )
                continue
            result.append(frozenset(qs.values_list("pk", flat=True)))
        return result


def viewer_of(context: Any) -> User | AnonymousUser:
    return context.user


def scope_ids(context: Any, scope: str) -> frozenset[int]:
    """Ids in ``scope`` (``cooperatives``, ``administered``, ``hubs``, ``hub_channels``)
    of the signed-in user; empty for anonymous users."""
    user = viewer_of(context)
    if not is_signed_in(user):
        return frozenset()
    return _ViewerScopeLoader(context).load((scope, user.pk))


def _scope(info: Any, scope: str) -> frozenset[int]:
    return scope_ids(info.context, scope)


def can_see_cooperative_private(info: Any, cooperative_id: int) -> bool:
    """Platform staff and anyone working for the cooperative."""
    if is_platform_staff(viewer(info)):
        return True
    return cooperative_id in _scope(info, "cooperatives")


def can_administer_cooperative(info: Any, cooperative_id: int) -> bool:
    """Platform staff and the cooperative's admins (pengurus)."""
    if is_platform_staff(viewer(info)):
        return True
    return cooperative_id in _scope(info, "administered")


def can_operate_hub(info: Any, hub_id: int) -> bool:
    """Platform staff and the hub's operators."""
    if is_platform_staff(viewer(info)):
        return True
    return hub_id in _scope(info, "hubs")


def can_see_channel_settings(info: Any, channel_id: int) -> bool:
    """Saleor's ``AUTHENTICATED_STAFF_USER`` on channels: platform staff, and the
    operators of the village hub selling through the channel."""
    if is_platform_staff(viewer(info)):
        return True
    return channel_id in _scope(info, "hub_channels")


def managed_cooperative_ids(info: Any) -> frozenset[int]:
    return _scope(info, "cooperatives")


def operated_hub_ids(info: Any) -> frozenset[int]:
    return _scope(info, "hubs")


def require(condition: bool) -> None:
    """Top-level ``PermissionDenied`` unless ``condition``."""
    if not condition:
        raise PermissionDenied()
