"""``ProductType``, its attributes (read side) and its connection."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.models import ProductType as ProductTypeModel
from storefront_api.catalog.attribute_dataloaders import (
    AttributeProductsByProductTypeIdLoader,
    AttributeVariantsByProductTypeIdLoader,
)
from storefront_api.catalog.enums import (
    ProductTypeKindEnum,
    VariantAttributeScope,
)
from storefront_api.catalog.types.common import TAX_TYPE_DEPRECATION, TaxType, weight_of
from storefront_api.core.connection import CountableConnection
from storefront_api.core.metadata import NoStoredMetadata
from storefront_api.core.types import Weight


class ProductType(NoStoredMetadata, graphene.ObjectType):
    name = graphene.String(required=True, description="Name of the product type.")
    slug = graphene.String(required=True, description="Slug of the product type.")
    has_variants = graphene.Boolean(
        required=True,
        description="Whether products of this type have several variants.",
        deprecation_reason=(
            "This is a leftover from the past Simple/Configurable product distinction. "
            "Products can have multiple variants regardless of this setting. "
        ),
    )
    is_shipping_required = graphene.Boolean(
        required=True, description="Whether products of this type need delivery."
    )
    weight = graphene.Field(Weight, description="Default weight of products of this type.")
    kind = ProductTypeKindEnum(required=True, description="The product type kind.")
    # --- product types and attributes management (read side) ---
    variant_attributes = graphene.List(
        graphene.NonNull("storefront_api.catalog.types.attributes.Attribute"),
        variant_selection=VariantAttributeScope(description="Define scope of returned attributes."),
        description="Variant attributes of that product type.",
        deprecation_reason="Use `assignedVariantAttributes` instead.",
    )
    assigned_variant_attributes = graphene.List(
        graphene.NonNull(lambda: AssignedVariantAttribute),
        variant_selection=VariantAttributeScope(description="Define scope of returned attributes."),
        description="Variant attributes of that product type with attached variant selection.",
    )
    product_attributes = graphene.List(
        graphene.NonNull("storefront_api.catalog.types.attributes.Attribute"),
        description="Product attributes of that product type.",
    )
    # --- end product types and attributes management ---
    products = graphene.ConnectionField(
        "storefront_api.catalog.types.products.ProductCountableConnection",
        channel=graphene.String(
            description="Slug of a channel for which the data should be returned."
        ),
        description="List of products of this type visible to the requestor.",
        deprecation_reason="Use the top-level `products` query with the `productTypes` filter.",
    )
    tax_type = graphene.Field(
        TaxType,
        description="A type of tax (Lumbung has no tax gateway: null).",
        deprecation_reason=TAX_TYPE_DEPRECATION,
        resolver=lambda root, info: None,
    )

    @staticmethod
    def resolve_products(root: ProductTypeModel, info: graphene.ResolveInfo, **args: Any) -> Any:
        from storefront_api.catalog.schema import resolve_products

        return resolve_products(info, args, product_type=root)

    class Meta:
        description = "A kind of product, with its default settings."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ProductTypeModel)

    @staticmethod
    def resolve_weight(root: ProductTypeModel, info: graphene.ResolveInfo) -> Any:
        return weight_of(root.weight_grams)

    @staticmethod
    def resolve_kind(root: ProductTypeModel, info: graphene.ResolveInfo) -> str:
        return str(getattr(root.kind, "value", root.kind))

    # --- product types and attributes management (read side) ---
    @staticmethod
    def resolve_product_attributes(root: ProductTypeModel, info: graphene.ResolveInfo) -> Any:
        rows = AttributeProductsByProductTypeIdLoader(info.context).load_from(
            root, key=lambda t: t.pk
        )
        return [row.attribute for row in rows]

    @staticmethod
    def resolve_assigned_variant_attributes(
        root: ProductTypeModel, info: graphene.ResolveInfo, variant_selection: Any = None
    ) -> Any:
        rows = AttributeVariantsByProductTypeIdLoader(info.context).load_from(
            root, key=lambda t: t.pk
        )
        scope = getattr(variant_selection, "value", variant_selection) or "all"
        if scope == "variant_selection":
            return [row for row in rows if row.variant_selection]
        if scope == "not_variant_selection":
            return [row for row in rows if not row.variant_selection]
        return rows

    @staticmethod
    def resolve_variant_attributes(
        root: ProductTypeModel, info: graphene.ResolveInfo, variant_selection: Any = None
    ) -> Any:
        rows = ProductType.resolve_assigned_variant_attributes(root, info, variant_selection)
        return [row.attribute for row in rows]


class AssignedVariantAttribute(graphene.ObjectType):
    attribute = graphene.Field(
        "storefront_api.catalog.types.attributes.Attribute",
        required=True,
        description="Attribute assigned to variant.",
    )
    variant_selection = graphene.Boolean(
        required=True,
        description="Determines, whether assigned attribute is allowed for variant selection.",
    )

    class Meta:
        description = "Represents assigned attribute to variant with variant selection attached."


# --- end product types and attributes management ---


class ProductTypeCountableConnection(CountableConnection):
    class Meta:
        node = ProductType
