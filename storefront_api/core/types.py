"""What every area of the API shares: the error field's description, the country
display, and the raw value of a model's choice (as graphene enums serialize it)."""

from __future__ import annotations

from enum import Enum
from typing import Any

import graphene

from storefront_api.core.enums import COUNTRY_NAMES

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


# Catalog and content types read an object's prices and availability in this channel.
CHANNEL_SLUG_ATTR = "channel_slug"


def scope_to_channel(obj: object, slug: str) -> None:
    """Have ``obj`` (a product, variant, collection ...) read in the channel ``slug``."""
    setattr(obj, CHANNEL_SLUG_ATTR, slug)
