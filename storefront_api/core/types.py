"""What every area of the API shares (Saleor's ``graphql/core/types``): the ``Error``
base and its field's description, ``Money``/``TaxedMoney`` (whole rupiah), ``Weight``,
``Image``, the country display, and the raw value of a model's choice (as graphene enums
serialize it)."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Any

import graphene

from storefront_api.core.enums import COUNTRY_NAMES, WeightUnitsEnum

ERROR_FIELD_DESCRIPTION = (
    "Name of a field that caused the error. A value of `null` indicates that the error "
    "isn't associated with a particular field."
)


class Error(graphene.ObjectType):
    # Saleor's errors-as-data shape: each mutation's error type adds its ``code`` (and any
    # fields of its own) after these two. Not in the schema itself: no field returns it.
    field = graphene.String(description=ERROR_FIELD_DESCRIPTION)
    message = graphene.String(description="The error message.")


# Defined in storefront_api.schema (Shop.defaultCountry); referenced lazily to avoid a cycle.
COUNTRY_DISPLAY = "storefront_api.schema.CountryDisplay"


def plain(value: Any) -> Any:
    """A model's choice value (``TextChoices`` member or plain value) as its raw value,
    which graphene enums serialize by value."""
    return value.value if isinstance(value, Enum) else value


def country_display(code: str) -> dict[str, str]:
    """A ``CountryDisplay`` value of a country code."""
    return {"code": code, "country": COUNTRY_NAMES.get(code, code)}


VILLAGE_CODE_DESCRIPTION = "Kemendagri code of the village, e.g. 51.03.05.2001."


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


class TaxedMoney(graphene.ObjectType):
    currency = graphene.String(required=True, description="Currency code.")
    gross = graphene.Field(Money, required=True, description="Amount of money including taxes.")
    net = graphene.Field(Money, required=True, description="Amount of money without taxes.")
    tax = graphene.Field(Money, required=True, description="Amount of taxes.")

    class Meta:
        description = "Represents a monetary value with taxes."


class TaxedMoneyRange(graphene.ObjectType):
    start = graphene.Field(TaxedMoney, description="Lower bound of a price range.")
    stop = graphene.Field(TaxedMoney, description="Upper bound of a price range.")

    class Meta:
        description = "Represents a range of monetary values."
