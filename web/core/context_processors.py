"""What every page's template can read."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from marketplace import permissions


def site(request: HttpRequest) -> dict[str, object]:
    """The shop's name, and which work links the header shows: the counter (loket) to hub
    operators, the back office to cooperative staff. Both read the viewer's scope, which
    the pages' permission checks read anyway (once per request)."""
    user = getattr(request, "user", None)
    scope = permissions.scope_of(user) if permissions.is_signed_in(user) else None
    return {
        "SHOP_NAME": settings.SHOP_NAME,
        "IS_HUB_OPERATOR": bool(scope and scope.hub_ids),
        "IS_COOPERATIVE_STAFF": bool(scope and scope.cooperative_ids),
    }
