"""Small value types shared by the catalog and other areas: money, weight, images, tax
types; and the helpers that build them (absolute URLs, weights in grams)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene
from django.conf import settings
from django.db.models import Model

from storefront_api.catalog.permissions import scope_of
from storefront_api.core.enums import WeightUnitsEnum

# storefront browsing: ``address`` arguments are accepted and ignored
ADDRESS_DESCRIPTION = "Destination address; ignored (prices and stock are per channel)."

ERROR_FIELD_DESCRIPTION = (
    "Name of a field that caused the error. A value of `null` indicates that the error "
    "isn't associated with a particular field."
)


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


class Weight(graphene.ObjectType):
    unit = WeightUnitsEnum(required=True, description="Weight unit.")
    value = graphene.Float(required=True, description="Weight value.")

    class Meta:
        description = "Represents weight value in a specific weight unit."


class Money(graphene.ObjectType):
    currency = graphene.String(required=True, description="Currency code.")
    amount = graphene.Float(required=True, description="Amount of money; whole rupiah for IDR.")
    fractional_amount = graphene.Int(
        required=True, description="Amount in the currency's minor unit."
    )
    fraction_digits = graphene.Int(
        required=True, description="Number of digits after the decimal point."
    )

    class Meta:
        description = "Represents amount of money in specific currency."

    @staticmethod
    def resolve_amount(root: dict[str, Any], info: graphene.ResolveInfo) -> float:
        return float(root["amount"])

    @staticmethod
    def resolve_fraction_digits(root: dict[str, Any], info: graphene.ResolveInfo) -> int:
        return 0  # rupiah has no minor unit in practice

    @staticmethod
    def resolve_fractional_amount(root: dict[str, Any], info: graphene.ResolveInfo) -> int:
        return int(root["amount"])


def money(amount: Decimal | int | None, currency: str) -> dict[str, Any] | None:
    if amount is None:
        return None
    return {"amount": amount, "currency": currency}


class Image(graphene.ObjectType):
    url = graphene.String(required=True, description="The URL of the image.")
    alt = graphene.String(description="Alt text for an image.")

    class Meta:
        description = "Represents an image."


class TaxType(graphene.ObjectType):
    description = graphene.String(description="Description of the tax type.")
    tax_code = graphene.String(description="External tax code used to identify given tax group.")

    class Meta:
        description = (
            "Representation of tax types fetched from tax gateway. Lumbung has no tax "
            "gateway: listing prices are final (no PPN is added for non-PKP sellers)."
        )


TAX_TYPE_DEPRECATION = "Use `taxClass` field instead."
