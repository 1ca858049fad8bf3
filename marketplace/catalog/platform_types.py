"""The platform's own product types, shared by every cooperative.

Cooperatives may not create product types (``productTypeCreate`` is platform staff's),
so the platform gives them types to sell under. ``Makanan kemasan`` (packaged food) has
one variant attribute, ``Ukuran/Berat`` (size/weight, a dropdown used for variant
selection), so one product can be sold in 250 g and 500 g, each size a variant with its
own SKU, price and stock. Platform staff still manage these types and values through the
usual product type and attribute mutations; :func:`platform_product_types_ensure` only
creates what is missing and never changes or removes what staff did.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction

from marketplace.catalog.attributes import (
    AttributeValueData,
    attribute_create,
    product_type_attributes_assign,
    product_type_create,
)
from marketplace.catalog.models import Attribute, ProductType

logger = logging.getLogger(__name__)

SIZE_ATTRIBUTE_SLUG = "ukuran-berat"
SIZE_ATTRIBUTE_NAME = "Ukuran/Berat"
SIZE_VALUES = ("100 g", "150 g", "200 g", "250 g", "500 g", "1 kg", "5 kg")


@dataclass(frozen=True)
class PlatformProductType:
    slug: str
    name: str


PACKAGED_FOOD = PlatformProductType("makanan-kemasan", "Makanan kemasan")
PLATFORM_PRODUCT_TYPES = (PACKAGED_FOOD,)


@transaction.atomic
def platform_product_types_ensure() -> dict[str, ProductType]:
    """Create the platform's product types and their size/weight variant attribute when
    missing (idempotent); returns the types by slug."""
    size = Attribute.objects.filter(slug=SIZE_ATTRIBUTE_SLUG).first()
    if size is None:
        size = attribute_create(
            name=SIZE_ATTRIBUTE_NAME,
            slug=SIZE_ATTRIBUTE_SLUG,
            input_type=Attribute.InputType.DROPDOWN,
            value_required=True,
            values=[AttributeValueData(name) for name in SIZE_VALUES],
        )
    types = {}
    for plan in PLATFORM_PRODUCT_TYPES:
        product_type = ProductType.objects.filter(slug=plan.slug).first()
        if product_type is None:
            product_type = product_type_create(name=plan.name, slug=plan.slug, has_variants=True)
            product_type_attributes_assign(
                product_type=product_type, variant_attributes=[(size, True)]
            )
            logger.info("platform_product_type_created", extra={"slug": plan.slug})
        types[plan.slug] = product_type
    return types
