"""Batch loaders of product type ↔ attribute assignments (management read side)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from marketplace.catalog.models import AttributeProduct, AttributeVariant, ProductType
from storefront_api.core.dataloaders import BaseLoader


class AttributeProductsByProductTypeIdLoader(BaseLoader[int, list[AttributeProduct]]):
    """Product-level attribute assignments of each product type, attribute loaded."""

    def batch_load(self, keys: Sequence[int]) -> list[list[AttributeProduct]]:
        groups: dict[int, list[AttributeProduct]] = defaultdict(list)
        rows = AttributeProduct.objects.filter(product_type_id__in=keys).select_related("attribute")
        for row in rows.order_by("sort_order", "pk"):
            groups[row.product_type_id].append(row)
        return [groups.get(key, []) for key in keys]


class AttributeVariantsByProductTypeIdLoader(BaseLoader[int, list[AttributeVariant]]):
    """Variant-level attribute assignments of each product type, attribute loaded."""

    def batch_load(self, keys: Sequence[int]) -> list[list[AttributeVariant]]:
        groups: dict[int, list[AttributeVariant]] = defaultdict(list)
        rows = AttributeVariant.objects.filter(product_type_id__in=keys).select_related("attribute")
        for row in rows.order_by("sort_order", "pk"):
            groups[row.product_type_id].append(row)
        return [groups.get(key, []) for key in keys]


class ProductTypesByAttributeIdLoader(BaseLoader[int, list[ProductType]]):
    """Product types using each attribute at product level, by type slug."""

    def batch_load(self, keys: Sequence[int]) -> list[list[ProductType]]:
        groups: dict[int, list[ProductType]] = defaultdict(list)
        rows = AttributeProduct.objects.filter(attribute_id__in=keys).select_related("product_type")
        for row in rows.order_by("product_type__slug", "pk"):
            groups[row.attribute_id].append(row.product_type)
        return [groups.get(key, []) for key in keys]


class VariantProductTypesByAttributeIdLoader(BaseLoader[int, list[ProductType]]):
    """Product types using each attribute at variant level, by type slug."""

    def batch_load(self, keys: Sequence[int]) -> list[list[ProductType]]:
        groups: dict[int, list[ProductType]] = defaultdict(list)
        rows = AttributeVariant.objects.filter(attribute_id__in=keys).select_related("product_type")
        for row in rows.order_by("product_type__slug", "pk"):
            groups[row.attribute_id].append(row.product_type)
        return [groups.get(key, []) for key in keys]
