"""Object-level permissions of the catalog API, answered once per request.

* Platform staff (``is_staff``/``is_superuser``) manage everything.
* Cooperative staff manage their cooperatives' products, variants, media, prices and
  listings, and the stock of their variants.
* Hub operators manage the channel listings (publication, visibility) of products in
  the channels of the hubs they operate.
* Categories and product types: platform staff only.

The rules and the viewer's scope are ``marketplace.permissions``': read once per
request user, however many objects the response holds.
"""

from __future__ import annotations

from typing import Any

from marketplace import permissions
from storefront_api.core.exceptions import PermissionDenied

Scope = permissions.ViewerScope


def scope_of(context: Any) -> Scope:
    """The scope of the request's user (``marketplace.permissions.scope_of``)."""
    return permissions.scope_of(context.user)


def require(condition: bool) -> None:
    """A top-level ``PermissionDenied`` unless ``condition``."""
    if not condition:
        raise PermissionDenied()
