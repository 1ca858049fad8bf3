"""Who may run a mutation or read a field: Saleor's authorization filters and Django perms.

A mutation lists what it needs in ``Meta.permissions``; holding any one of them is enough
(as in Saleor). Entries are either an :class:`AuthorizationFilters` member or a Django
permission string such as ``"catalog.publish_product"``.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any

from marketplace.permissions import is_platform_staff, is_signed_in
from storefront_api.core.exceptions import PermissionDenied


class AuthorizationFilters(Enum):
    AUTHENTICATED_USER = "authorization_filters.authenticated_user"
    AUTHENTICATED_STAFF_USER = "authorization_filters.authenticated_staff_user"


Permission = AuthorizationFilters | str


def permission_name(permission: Permission) -> str:
    return permission.name if isinstance(permission, AuthorizationFilters) else permission


def has_one_of_permissions(user: Any, permissions: Iterable[Permission]) -> bool:
    """Whether ``user`` (a User or AnonymousUser) holds at least one of ``permissions``."""
    if not getattr(user, "is_authenticated", False):
        return False
    for permission in permissions:
        if permission is AuthorizationFilters.AUTHENTICATED_USER:
            return True
        if permission is AuthorizationFilters.AUTHENTICATED_STAFF_USER:
            if is_platform_staff(user):
                return True
        elif isinstance(permission, str) and user.has_perm(permission):
            return True
    return False


def check_permissions(user: Any, permissions: Iterable[Permission]) -> None:
    """Raise :class:`PermissionDenied` unless ``user`` holds one of ``permissions``.

    An empty ``permissions`` lets everyone through.
    """
    permissions = tuple(permissions)
    if permissions and not has_one_of_permissions(user, permissions):
        raise PermissionDenied(permissions=[permission_name(p) for p in permissions])


def order_placed_by_request(context: Any, order_pk: Any) -> None:
    """Remember that this request placed the order (``checkoutComplete``): whoever placed
    it is its buyer for the rest of the answer, pickup code included, even as a guest."""
    context.__dict__.setdefault("_orders_placed", set()).add(order_pk)


def was_placed_by_request(context: Any, order_pk: Any) -> bool:
    return order_pk in context.__dict__.get("_orders_placed", ())


def viewer_may_see_user(info: Any, user_id: int | None) -> bool:
    """Whether the viewer may see the user ``user_id`` (the buyer of a checkout, an order
    or a transaction): platform staff, and that user themself."""
    viewer = info.context.user
    return user_id is not None and (
        is_platform_staff(viewer) or (is_signed_in(viewer) and viewer.pk == user_id)
    )


def require_self_or_platform_staff(info: Any, user: Any) -> None:
    """Raise :class:`PermissionDenied` unless the viewer is ``user`` or platform staff
    (a user's own checkouts and gift cards)."""
    viewer = info.context.user
    if not is_signed_in(viewer) or (viewer.pk != user.pk and not is_platform_staff(viewer)):
        raise PermissionDenied()
