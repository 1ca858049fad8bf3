"""What every page's template can read."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from coop_reporting.supervision.selectors import supervision_scope_cached
from marketplace import permissions


def site(request: HttpRequest) -> dict[str, object]:
    """The shop's name, and which work links the header shows: the counter (loket) to hub
    operators, the back office to cooperative staff, the district desk to Dinas officers
    (and platform staff). They read the viewer's scope and supervision scope, which the
    pages' permission checks read anyway (each once per request, cached on the user)."""
    user = getattr(request, "user", None)
    signed_in = permissions.is_signed_in(user)
    scope = permissions.scope_of(user) if signed_in else None
    return {
        "SHOP_NAME": settings.SHOP_NAME,
        "IS_HUB_OPERATOR": bool(scope and scope.hub_ids),
        "IS_COOPERATIVE_STAFF": bool(scope and scope.cooperative_ids),
        "IS_SUPERVISOR": signed_in and not supervision_scope_cached(user).is_empty,
    }
