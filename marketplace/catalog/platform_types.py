"""The platform's own product types, shared by every cooperative: their one definition.

Cooperatives may not create product types (``productTypeCreate`` is platform staff's),
so the platform gives them types to sell under. ``Makanan kemasan`` (packaged food) has
one variant attribute, ``Ukuran/Berat`` (size/weight, a dropdown used for variant
selection), so one product can be sold in 250 g and 500 g, each size a variant with its
own SKU, price and stock.

Every database gets them from the data migration ``catalog.0004_platform_product_types``;
the demo loader calls :func:`platform_product_types_ensure` again (it finds them). Both
run the same code on an app registry (the migration's historical models or the live
ones). Platform staff still manage these types and values through the usual product type
and attribute mutations; ensuring only creates what is missing and never changes or
removes what staff did.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.apps import apps as live_apps
from django.db import transaction
from django.utils.text import slugify

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


def _size_attribute_ensure(registry: Any) -> Any:
    attribute_model = registry.get_model("catalog", "Attribute")
    value_model = registry.get_model("catalog", "AttributeValue")
    size, created = attribute_model.objects.get_or_create(
        slug=SIZE_ATTRIBUTE_SLUG,
        defaults={"name": SIZE_ATTRIBUTE_NAME, "input_type": "dropdown", "value_required": True},
    )
    if created:
        value_model.objects.bulk_create(
            value_model(
                attribute=size, name=name, slug=slugify(name, allow_unicode=True), sort_order=index
            )
            for index, name in enumerate(SIZE_VALUES)
        )
    return size


@transaction.atomic
def platform_product_types_ensure(registry: Any = None) -> dict[str, Any]:
    """Create the platform's product types and their size/weight variant attribute when
    missing (idempotent); returns the types by slug. ``registry`` is a migration's
    ``apps`` (historical models); by default the live models."""
    registry = registry or live_apps
    product_type_model = registry.get_model("catalog", "ProductType")
    assignment_model = registry.get_model("catalog", "AttributeVariant")
    size = _size_attribute_ensure(registry)
    types = {}
    for plan in PLATFORM_PRODUCT_TYPES:
        product_type, created = product_type_model.objects.get_or_create(
            slug=plan.slug, defaults={"name": plan.name, "has_variants": True}
        )
        if created:
            assignment_model.objects.create(
                product_type=product_type, attribute=size, variant_selection=True
            )
            logger.info("platform_product_type_created", extra={"slug": plan.slug})
        types[plan.slug] = product_type
    return types
