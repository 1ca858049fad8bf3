"""``Attribute`` and ``AttributeValue`` with their connections."""

from __future__ import annotations

import json
from typing import Any

import graphene

from marketplace.catalog.files import attribute_file_url
from marketplace.catalog.models import Attribute as AttributeModel
from marketplace.catalog.models import AttributeValue as AttributeValueModel
from storefront_api.catalog import storefront as sf
from storefront_api.catalog import translations as tr
from storefront_api.catalog.attribute_choices import choices_arguments, choices_condition
from storefront_api.catalog.attribute_dataloaders import (
    ProductTypesByAttributeIdLoader,
    VariantProductTypesByAttributeIdLoader,
)
from storefront_api.catalog.dataloaders import ChoicesByAttributeIdLoader
from storefront_api.catalog.enums import (
    AttributeEntityTypeEnum,
    AttributeInputTypeEnum,
    AttributeTypeEnum,
    MeasurementUnitsEnum,
)
from storefront_api.catalog.types.common import absolute_url
from storefront_api.catalog.types.product_types import ProductTypeCountableConnection
from storefront_api.core.connection import CountableConnection
from storefront_api.core.enums import (
    LanguageCodeEnum,
)
from storefront_api.core.ids import global_id
from storefront_api.core.metadata import NoStoredMetadata
from storefront_api.core.scalars import PositiveInt


def file_of(value: AttributeValueModel) -> Any:
    """The ``File`` of a file attribute's value (absolute URL), ``None`` for other values."""
    if not value.file_url:
        return None
    return tr.File(
        url=absolute_url(attribute_file_url(value.file_url)),
        content_type=value.content_type or None,
    )


class AttributeValue(graphene.ObjectType):
    name = graphene.String(description="Name of the value.")
    slug = graphene.String(description="Slug of the value.")
    input_type = AttributeInputTypeEnum(description="Input type of the value's attribute.")
    rich_text = graphene.JSONString(description="Rich text value (EditorJS).")
    plain_text = graphene.String(description="Plain text value.")
    boolean = graphene.Boolean(description="Boolean value.")
    date_time = graphene.DateTime(description="Date and time value.")
    date = graphene.Date(description="Represents the date value of the attribute value.")
    external_reference = graphene.String(description="External ID of this attribute value.")

    @staticmethod
    def resolve_date(root: AttributeValueModel, info: graphene.ResolveInfo) -> Any:
        if root.date_time is None or root.attribute.input_type != AttributeModel.InputType.DATE:
            return None
        return root.date_time.date()

    # --- storefront browsing (no swatches or value translations yet: null) ---
    value = graphene.String(description="Represents the value of the attribute value.")
    file = graphene.Field(
        lambda: tr.File,
        description="Represents file URL and content type (if attribute value is a file).",
    )
    reference = graphene.ID(description="The ID of the referenced object.")
    translation = graphene.Field(
        lambda: tr.AttributeValueTranslation,
        language_code=graphene.Argument(
            LanguageCodeEnum,
            required=True,
            description="A language code to return the translation for.",
        ),
        description="Returns translated attribute value fields for the given language code.",
    )

    @staticmethod
    def resolve_value(root: AttributeValueModel, info: graphene.ResolveInfo) -> None:
        return None

    @staticmethod
    def resolve_file(root: AttributeValueModel, info: graphene.ResolveInfo) -> Any:
        return file_of(root)

    @staticmethod
    def resolve_reference(root: AttributeValueModel, info: graphene.ResolveInfo) -> str | None:
        if root.reference_collection_id is None:
            return None
        return global_id("Collection", root.reference_collection_id)

    @staticmethod
    def resolve_translation(
        root: AttributeValueModel, info: graphene.ResolveInfo, language_code: Any
    ) -> None:
        return None

    # --- end storefront browsing ---

    class Meta:
        description = "A value of an attribute."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, AttributeValueModel)

    @staticmethod
    def resolve_input_type(root: AttributeValueModel, info: graphene.ResolveInfo) -> str:
        return str(getattr(root.attribute.input_type, "value", root.attribute.input_type))


class AttributeValueCountableConnection(CountableConnection):
    class Meta:
        node = AttributeValue


class Attribute(NoStoredMetadata, graphene.ObjectType):
    input_type = AttributeInputTypeEnum(description="How values of the attribute are entered.")
    name = graphene.String(required=True, description="Name of the attribute.")
    slug = graphene.String(required=True, description="Slug of the attribute.")
    type = AttributeTypeEnum(required=True, description="What the attribute describes.")
    # --- acct: unit and reference entity type ---
    unit = MeasurementUnitsEnum(description="The unit of attribute values.")
    entity_type = AttributeEntityTypeEnum(
        description="The entity type which can be used as a reference."
    )

    @staticmethod
    def resolve_unit(root: AttributeModel, info: graphene.ResolveInfo) -> str | None:
        return root.unit or None

    @staticmethod
    def resolve_entity_type(root: AttributeModel, info: graphene.ResolveInfo) -> str | None:
        return root.entity_type or None

    # --- end acct ---
    external_reference = graphene.String(description="External ID of this attribute.")
    product_types = graphene.ConnectionField(
        ProductTypeCountableConnection,
        required=True,
        description="Product types using the attribute on products.",
    )
    product_variant_types = graphene.ConnectionField(
        ProductTypeCountableConnection,
        required=True,
        description="Product types using the attribute on variants.",
    )
    reference_types = graphene.List(
        graphene.NonNull("storefront_api.content.types.ReferenceType"),
        limit=PositiveInt(
            default_value=100, description="Maximum number of reference types to return."
        ),
        description="The reference types (product or page type) that are used to narrow down "
        "the choices of reference objects. Lumbung's references point at collections, not "
        "at types of products or pages: empty.",
    )

    @staticmethod
    def resolve_product_types(root: AttributeModel, info: graphene.ResolveInfo, **args: Any) -> Any:
        types = ProductTypesByAttributeIdLoader(info.context).load_from(root, key=lambda a: a.pk)
        return sf.list_connection(types, info, args, ProductTypeCountableConnection)

    @staticmethod
    def resolve_product_variant_types(
        root: AttributeModel, info: graphene.ResolveInfo, **args: Any
    ) -> Any:
        loader = VariantProductTypesByAttributeIdLoader(info.context)
        types = loader.load_from(root, key=lambda a: a.pk)
        return sf.list_connection(types, info, args, ProductTypeCountableConnection)

    @staticmethod
    def resolve_reference_types(root: AttributeModel, info: graphene.ResolveInfo, **_: Any) -> list:
        return []

    choices = graphene.ConnectionField(
        AttributeValueCountableConnection,
        description="Predefined values of the attribute.",
        **choices_arguments(),
    )
    value_required = graphene.Boolean(required=True, description="Whether a value must be given.")
    visible_in_storefront = graphene.Boolean(
        required=True, description="Whether the attribute is shown in the storefront."
    )
    with_choices = graphene.Boolean(
        required=True, description="Whether the attribute has predefined values."
    )
    # --- product types and attributes management (read side) ---
    filterable_in_storefront = graphene.Boolean(
        required=True,
        description="Whether the attribute can be filtered in storefront.",
        deprecation_reason="This flag is not used by Saleor. Keep the logic in the storefront "
        "or use `Attribute` metadata instead.",
    )
    storefront_search_position = graphene.Int(
        required=True,
        description="The position of the attribute in the storefront navigation.",
        deprecation_reason="This flag is not used by Saleor. Keep the logic in the storefront "
        "or use `Attribute` metadata instead.",
    )
    # --- end product types and attributes management ---
    # --- storefront browsing (no attribute translations yet: null) ---
    translation = graphene.Field(
        lambda: tr.AttributeTranslation,
        language_code=graphene.Argument(
            LanguageCodeEnum,
            required=True,
            description="A language code to return the translation for.",
        ),
        description="Returns translated attribute fields for the given language code.",
    )

    @staticmethod
    def resolve_translation(
        root: AttributeModel, info: graphene.ResolveInfo, language_code: Any
    ) -> None:
        return None

    # --- end storefront browsing ---

    class Meta:
        description = "A product attribute (e.g. size, flavour)."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, AttributeModel)

    @staticmethod
    def resolve_type(root: AttributeModel, info: graphene.ResolveInfo) -> str:
        return "product-type"

    @staticmethod
    def resolve_input_type(root: AttributeModel, info: graphene.ResolveInfo) -> str:
        return str(getattr(root.input_type, "value", root.input_type))

    @staticmethod
    def resolve_with_choices(root: AttributeModel, info: graphene.ResolveInfo) -> bool:
        return root.input_type in {
            AttributeModel.InputType.DROPDOWN,
            AttributeModel.InputType.MULTISELECT,
        }

    @staticmethod
    def resolve_choices(root: AttributeModel, info: graphene.ResolveInfo, **args: Any) -> Any:
        """The attribute's values kept by ``args``, loaded for a whole page of attributes
        at once (one query per set of arguments)."""
        chosen = {name: args.get(name) for name in ("filter", "where", "search", "sort_by")}
        condition, order = choices_condition(chosen)
        args_key = json.dumps(chosen, default=str, sort_keys=True)
        loader = ChoicesByAttributeIdLoader(info.context)
        loader.register(args_key, condition, order)
        values = loader.load_from(root, key=lambda attribute: (attribute.pk, args_key))
        return sf.list_connection(values, info, args, AttributeValueCountableConnection)


class AttributeCountableConnection(CountableConnection):
    class Meta:
        node = Attribute
