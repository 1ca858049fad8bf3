"""What every page's template can read."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from marketplace import permissions


def site(request: HttpRequest) -> dict[str, object]:
    return {"SHOP_NAME": settings.SHOP_NAME, "IS_HUB_OPERATOR": _is_hub_operator(request)}


def _is_hub_operator(request: HttpRequest) -> bool:
    """Whether the header shows the counter (loket) link: hub operators only."""
    user = getattr(request, "user", None)
    return permissions.is_signed_in(user) and bool(permissions.scope_of(user).hub_ids)
