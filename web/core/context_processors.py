"""What every page's template can read."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {"SHOP_NAME": settings.SHOP_NAME}
