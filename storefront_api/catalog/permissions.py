"""Object-level permissions of the catalog API, answered once per request.

* Platform staff (``is_staff``/``is_superuser``) manage everything.
* Cooperative staff manage their cooperatives' products, variants, media, prices and
  listings, and the stock of their variants.
* Hub operators manage the channel listings (publication, visibility) of products in
  the channels of the hubs they operate.
* Categories and product types: platform staff only.

The viewer's cooperatives and hubs are loaded with two queries per request, however
many objects the response holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser

from marketplace.accounts.models import User
from marketplace.village_hubs.selectors import cooperatives_managed_by, hubs_operated_by
from storefront_api.core.exceptions import PermissionDenied

_SCOPE_ATTR = "_lumbung_catalog_scope"


@dataclass(frozen=True)
class Scope:
    """What the viewer of one request may manage."""

    user_pk: int | None
    signed_in: bool
    platform_staff: bool
    cooperative_ids: frozenset[int]
    hub_ids: frozenset[int]
    hub_channel_ids: frozenset[int]

    def manages_cooperative(self, cooperative_id: int | None) -> bool:
        return self.platform_staff or cooperative_id in self.cooperative_ids

    def operates_channel(self, channel_id: int | None) -> bool:
        return self.platform_staff or channel_id in self.hub_channel_ids

    def operates_hub(self, hub_id: int | None) -> bool:
        return self.platform_staff or hub_id in self.hub_ids

    @property
    def is_catalog_staff(self) -> bool:
        """Platform staff, cooperative staff or hub operators."""
        return self.platform_staff or bool(self.cooperative_ids or self.hub_ids)


def _signed_in(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def scope_of(context: Any) -> Scope:
    """The scope of the request's user, computed once and kept on the request."""
    scope = getattr(context, _SCOPE_ATTR, None)
    if scope is not None and scope.user_pk == getattr(context.user, "pk", None):
        return scope
    user = context.user
    signed_in = _signed_in(user)
    platform_staff = signed_in and bool(user.is_staff or user.is_superuser)
    cooperative_ids: frozenset[int] = frozenset()
    hub_ids: frozenset[int] = frozenset()
    hub_channel_ids: frozenset[int] = frozenset()
    if signed_in and not platform_staff:
        cooperative_ids = frozenset(cooperatives_managed_by(user).values_list("pk", flat=True))
        hubs = list(hubs_operated_by(user).values_list("pk", "channel_id"))
        hub_ids = frozenset(pk for pk, _channel in hubs)
        hub_channel_ids = frozenset(channel for _pk, channel in hubs)
    scope = Scope(
        user_pk=getattr(user, "pk", None),
        signed_in=signed_in,
        platform_staff=platform_staff,
        cooperative_ids=cooperative_ids,
        hub_ids=hub_ids,
        hub_channel_ids=hub_channel_ids,
    )
    setattr(context, _SCOPE_ATTR, scope)
    return scope


def require(condition: bool) -> None:
    """A top-level ``PermissionDenied`` unless ``condition``."""
    if not condition:
        raise PermissionDenied()
