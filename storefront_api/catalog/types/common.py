"""Small helpers of the catalog types (absolute URLs, weights in grams, the viewer's
scope) and the tax type; money, weight and images are shared by every area from
:mod:`storefront_api.core.types`."""

from __future__ import annotations

from typing import Any

import graphene
from django.conf import settings
from django.db.models import Model

from storefront_api.catalog.permissions import scope_of

# storefront browsing: ``address`` arguments are accepted and ignored
ADDRESS_DESCRIPTION = "Destination address; ignored (prices and stock are per channel)."


def absolute_url(url: str) -> str:
    """``url`` made absolute with ``settings.PUBLIC_URL`` unless it already is."""
    if url.startswith(("http://", "https://")):
        return url
    return settings.PUBLIC_URL + (url if url.startswith("/") else f"/{url}")


def channel_slug_of(obj: Any) -> str | None:
    return getattr(obj, "channel_slug", None)


def mark_channel_slug(obj: Model, slug: str | None) -> None:
    """Mark ``obj`` (a loaded product, variant or collection) as reached through the
    channel ``slug``; :func:`channel_slug_of` reads the mark."""
    # a per-request mark on the instance, not a field: the model types don't declare it
    obj.channel_slug = slug  # type: ignore[attr-defined]


def weight_of(grams: int | None) -> dict[str, Any] | None:
    if grams is None:
        return None
    return {"unit": "g", "value": float(grams)}


def manages(info: graphene.ResolveInfo, cooperative_id: int | None) -> bool:
    return scope_of(info.context).works_for_cooperative(cooperative_id)


# --- small value types -------------------------------------------------------------------


class TaxType(graphene.ObjectType):
    description = graphene.String(description="Description of the tax type.")
    tax_code = graphene.String(description="External tax code used to identify given tax group.")

    class Meta:
        description = (
            "Representation of tax types fetched from tax gateway. Lumbung has no tax "
            "gateway: listing prices are final (no PPN is added for non-PKP sellers)."
        )


TAX_TYPE_DEPRECATION = "Use `taxClass` field instead."
