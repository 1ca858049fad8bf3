"""Enums of the catalog: products, variants, stock, attributes and their translations."""

from __future__ import annotations

import graphene

from marketplace.catalog import error_codes as catalog_error_codes
from marketplace.catalog.models import MeasurementUnit as _MeasurementUnit
from marketplace.warehouses import error_codes as warehouse_error_codes
from storefront_api.core.enums import to_graphene_enum

ProductErrorCode = to_graphene_enum(catalog_error_codes.ProductErrorCode)
StockErrorCode = to_graphene_enum(warehouse_error_codes.StockErrorCode)
ProductTypeKindEnum = graphene.Enum(
    "ProductTypeKindEnum",
    [("NORMAL", "normal"), ("GIFT_CARD", "gift_card")],
    description="The kind of a product type.",
)
ProductMediaType = graphene.Enum(
    "ProductMediaType",
    [("IMAGE", "IMAGE"), ("VIDEO", "VIDEO")],
    description="The type of a product media.",
)
AttributeInputTypeEnum = graphene.Enum(
    "AttributeInputTypeEnum",
    [
        ("DROPDOWN", "dropdown"),
        ("MULTISELECT", "multiselect"),
        ("FILE", "file"),
        ("REFERENCE", "reference"),
        ("SINGLE_REFERENCE", "single-reference"),
        ("NUMERIC", "numeric"),
        ("RICH_TEXT", "rich-text"),
        ("PLAIN_TEXT", "plain-text"),
        ("SWATCH", "swatch"),
        ("BOOLEAN", "boolean"),
        ("DATE", "date"),
        ("DATE_TIME", "date-time"),
    ],
    description="How values of an attribute are entered.",
)
MeasurementUnitsEnum = graphene.Enum(
    "MeasurementUnitsEnum", [(member.name, member.value) for member in _MeasurementUnit]
)
AttributeEntityTypeEnum = graphene.Enum(
    "AttributeEntityTypeEnum",
    [
        ("PAGE", "Page"),
        ("PRODUCT", "Product"),
        ("PRODUCT_VARIANT", "ProductVariant"),
        ("CATEGORY", "Category"),
        ("COLLECTION", "Collection"),
    ],
    description="What a reference attribute points at; Lumbung serves collections.",
)
AttributeTypeEnum = graphene.Enum(
    "AttributeTypeEnum",
    [("PRODUCT_TYPE", "product-type"), ("PAGE_TYPE", "page-type"), ("CUSTOMER_TYPE", "customer")],
    description="What an attribute describes; Lumbung's attributes describe products.",
)
AttributeErrorCode = to_graphene_enum(catalog_error_codes.AttributeErrorCode)
ProductAttributeType = graphene.Enum(
    "ProductAttributeType",
    [("PRODUCT", "product"), ("VARIANT", "variant")],
    description="The level a product type's attribute is assigned at.",
)
VariantAttributeScope = graphene.Enum(
    "VariantAttributeScope",
    [
        ("ALL", "all"),
        ("VARIANT_SELECTION", "variant_selection"),
        ("NOT_VARIANT_SELECTION", "not_variant_selection"),
    ],
    description="Which variant attributes to return.",
)
TranslationErrorCode = graphene.Enum(
    "TranslationErrorCode",
    [
        ("GRAPHQL_ERROR", "graphql_error"),
        ("INVALID", "invalid"),
        ("NOT_FOUND", "not_found"),
        ("REQUIRED", "required"),
        ("UNIQUE", "unique"),
    ],
    description="Translation error codes.",
)
