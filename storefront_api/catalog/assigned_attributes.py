"""Saleor's ``AssignedAttribute`` API (3.22+): ``assignedAttribute(slug:)`` and
``assignedAttributes(limit:)`` on products, one object type per attribute input type.

Served for dropdown/multiselect (choices), plain text, rich text, numeric, boolean,
date, date-time, file and single-reference (collection) attributes of products and
variants. Values come from the same batch loaders as ``attributes``; a referenced
collection is shown only if the requestor sees it in the owner's channel (one batch for a
whole page of products or variants). Saleor's swatch attributes and references to
products, variants, pages, categories or several collections have their types in the
schema, but Lumbung has no such attributes: no object is ever of those types.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import graphene

from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    AttributeInputType,
    ProductVariant,
)
from marketplace.channels.models import Channel
from marketplace.content.models import Collection as CollectionModel
from marketplace.content.selectors import collections_visible_to
from storefront_api.catalog.types.common import mark_channel_slug
from storefront_api.core.dataloaders import BaseLoader
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.scalars import JSON, PositiveInt

DEFAULT_LIMIT = 100


@dataclass
class Assigned:
    """One attribute of a product with its values (an ``AssignedAttribute``)."""

    attribute: Any
    values: list[Any] = field(default_factory=list)
    owner: Any = None  # the product or variant the attribute is assigned to

    @property
    def input_type(self) -> str:
        return str(getattr(self.attribute.input_type, "value", self.attribute.input_type))


def _attribute_type() -> Any:
    from storefront_api.catalog.types.attributes import Attribute

    return Attribute


def _language_arg() -> dict[str, Any]:
    return {
        "language_code": graphene.Argument(
            LanguageCodeEnum,
            required=True,
            description="A language code to return the translation for.",
        )
    }


class AssignedAttribute(graphene.Interface):
    attribute = graphene.Field(_attribute_type, required=True, description="Attribute assigned.")

    class Meta:
        description = "Represents an attribute assigned to an object."

    @classmethod
    def resolve_type(cls, instance: Any, info: graphene.ResolveInfo) -> Any:
        return _type_of(instance)


class AssignedChoiceAttributeValue(graphene.ObjectType):
    name = graphene.String(description="Name of a value displayed in the interface.")
    slug = graphene.String(description="Internal representation of a value (unique per attribute).")
    translation = graphene.String(
        **_language_arg(), description="Translation of the name (none yet: null)."
    )

    class Meta:
        description = "Represents a single choice value of the attribute."

    @staticmethod
    def resolve_translation(root: Any, info: graphene.ResolveInfo, language_code: Any) -> None:
        return None


class _Base:
    @staticmethod
    def resolve_attribute(root: Assigned, info: graphene.ResolveInfo) -> Any:
        return root.attribute


class AssignedPlainTextAttribute(_Base, graphene.ObjectType):
    value = graphene.String(description="Plain text content.")
    translation = graphene.String(
        **_language_arg(), description="Translation of the plain text content (none yet)."
    )

    class Meta:
        interfaces = (AssignedAttribute,)
        description = "Represents plain text attribute."

    @staticmethod
    def resolve_value(root: Assigned, info: graphene.ResolveInfo) -> str | None:
        return root.values[0].plain_text if root.values else None

    @staticmethod
    def resolve_translation(root: Assigned, info: graphene.ResolveInfo, language_code: Any) -> None:
        return None


class AssignedTextAttribute(_Base, graphene.ObjectType):
    value = JSON(description="Rich text content (EditorJS).")
    translation = JSON(
        **_language_arg(), description="Translation of the rich text content (none yet: null)."
    )

    class Meta:
        interfaces = (AssignedAttribute,)
        description = "Represents text attribute."

    @staticmethod
    def resolve_value(root: Assigned, info: graphene.ResolveInfo) -> Any:
        return root.values[0].rich_text if root.values else None

    @staticmethod
    def resolve_translation(root: Assigned, info: graphene.ResolveInfo, language_code: Any) -> None:
        return None


class AssignedNumericAttribute(_Base, graphene.ObjectType):
    value = graphene.Float(description="The assigned numeric value.")

    class Meta:
        interfaces = (AssignedAttribute,)
        description = "Represents a numeric value of an attribute."

    @staticmethod
    def resolve_value(root: Assigned, info: graphene.ResolveInfo) -> float | None:
        try:
            return float(root.values[0].name) if root.values else None
        except ValueError:
            return None


class AssignedBooleanAttribute(_Base, graphene.ObjectType):
    value = graphene.Boolean(description="The assigned boolean value.")

    class Meta:
        interfaces = (AssignedAttribute,)
        description = "Represents a boolean attribute."

    @staticmethod
    def resolve_value(root: Assigned, info: graphene.ResolveInfo) -> bool | None:
        return root.values[0].boolean if root.values else None


class AssignedDateAttribute(_Base, graphene.ObjectType):
    value = graphene.Date(description="The assigned date value.")

    class Meta:
        interfaces = (AssignedAttribute,)
        description = "Represents a date value of an attribute."

    @staticmethod
    def resolve_value(root: Assigned, info: graphene.ResolveInfo) -> Any:
        moment = root.values[0].date_time if root.values else None
        return moment.date() if moment else None


class AssignedDateTimeAttribute(_Base, graphene.ObjectType):
    value = graphene.DateTime(description="The assigned date time value.")

    class Meta:
        interfaces = (AssignedAttribute,)
        description = "Represents a date time value of an attribute."

    @staticmethod
    def resolve_value(root: Assigned, info: graphene.ResolveInfo) -> Any:
        return root.values[0].date_time if root.values else None


class AssignedSingleChoiceAttribute(_Base, graphene.ObjectType):
    value = graphene.Field(AssignedChoiceAttributeValue, description="The assigned choice value.")

    class Meta:
        interfaces = (AssignedAttribute,)
        description = "Represents a single choice attribute."

    @staticmethod
    def resolve_value(root: Assigned, info: graphene.ResolveInfo) -> Any:
        return root.values[0] if root.values else None


class AssignedMultiChoiceAttribute(_Base, graphene.ObjectType):
    value = graphene.NonNull(
        graphene.List(graphene.NonNull(AssignedChoiceAttributeValue)),
        limit=PositiveInt(
            default_value=DEFAULT_LIMIT, description="Maximum number of choices to return."
        ),
        description="List of assigned choice values.",
    )

    class Meta:
        interfaces = (AssignedAttribute,)
        description = "Represents a multi choice attribute."

    @staticmethod
    def resolve_value(
        root: Assigned, info: graphene.ResolveInfo, limit: int = DEFAULT_LIMIT
    ) -> Any:
        return root.values[:limit]


class AssignedFileAttribute(_Base, graphene.ObjectType):
    value = graphene.Field(lambda: _file_type(), description="The assigned file.")

    class Meta:
        interfaces = (AssignedAttribute,)
        description = "Represents file attribute."

    @staticmethod
    def resolve_value(root: Assigned, info: graphene.ResolveInfo) -> Any:
        from storefront_api.catalog.types.attributes import file_of

        return file_of(root.values[0]) if root.values else None


def _file_type() -> Any:
    from storefront_api.catalog.translations import File

    return File


def _collection_type() -> Any:
    from storefront_api.content.types import Collection

    return Collection


class VisibleReferencedCollectionsLoader(
    BaseLoader[tuple[int, str | None], dict[int, CollectionModel]]
):
    """The collections a product's reference attributes point at that the requestor may
    see in the channel (slug) of the key, by collection id."""

    assignments: Any = AssignedProductAttributeValue
    owner_field = "product_id"

    def batch_load(
        self, keys: Sequence[tuple[int, str | None]]
    ) -> list[dict[int, CollectionModel]]:
        user = getattr(self.context, "user", None)
        owners_by_channel: dict[str | None, set[int]] = defaultdict(set)
        for owner_id, slug in keys:
            owners_by_channel[slug].add(owner_id)
        found: dict[tuple[int, str | None], dict[int, CollectionModel]] = defaultdict(dict)
        for slug, owner_ids in owners_by_channel.items():
            rows = list(
                self.assignments.objects.filter(
                    **{f"{self.owner_field}__in": owner_ids},
                    value__reference_collection__isnull=False,
                ).values_list(self.owner_field, "value__reference_collection_id")
            )
            channel = Channel.objects.filter(slug=slug).first() if slug else None
            if not rows or (slug and channel is None):
                continue
            visible = {
                collection.pk: collection
                for collection in collections_visible_to(user=user, channel=channel).filter(
                    pk__in={collection_id for _product, collection_id in rows}
                )
            }
            for collection in visible.values():
                mark_channel_slug(collection, slug)
            for product_id, collection_id in rows:
                if collection_id in visible:
                    found[(product_id, slug)][collection_id] = visible[collection_id]
        return [found.get(key, {}) for key in keys]


class VisibleVariantReferencedCollectionsLoader(VisibleReferencedCollectionsLoader):
    """The same for a variant's reference attributes."""

    assignments = AssignedVariantAttributeValue
    owner_field = "variant_id"


class AssignedSingleCollectionReferenceAttribute(_Base, graphene.ObjectType):
    value = graphene.Field(
        lambda: _collection_type(), description="The assigned collection reference."
    )

    class Meta:
        interfaces = (AssignedAttribute,)
        description = "Represents single collection reference attribute."

    @staticmethod
    def resolve_value(root: Assigned, info: graphene.ResolveInfo) -> Any:
        collection_id = root.values[0].reference_collection_id if root.values else None
        if collection_id is None or root.owner is None:
            return None
        slug = getattr(root.owner, "channel_slug", None)
        loader = (
            VisibleVariantReferencedCollectionsLoader
            if isinstance(root.owner, ProductVariant)
            else VisibleReferencedCollectionsLoader
        )
        visible = loader(info.context).load_from(root.owner, key=lambda owner: (owner.pk, slug))
        return visible.get(collection_id)


# --- Saleor's attribute kinds Lumbung has no attributes of --------------------------------


class AssignedSwatchAttributeValue(graphene.ObjectType):
    name = graphene.String(description="Name of the selected swatch value.")
    slug = graphene.String(description="Slug of the selected swatch value.")
    hex_color = graphene.String(description="Hex color code.")
    file = graphene.Field(lambda: _file_type(), description="File associated with the attribute.")
    translation = graphene.String(
        **_language_arg(), description="Translation of the name (none yet: null)."
    )

    class Meta:
        description = "Represents a single swatch value."


class AssignedSwatchAttribute(_Base, graphene.ObjectType):
    value = graphene.Field(AssignedSwatchAttributeValue, description="The assigned swatch value.")

    class Meta:
        interfaces = (AssignedAttribute,)
        description = "Represents a swatch attribute (Lumbung has none)."


def _product_type() -> Any:
    from storefront_api.catalog.types.products import Product

    return Product


def _variant_type() -> Any:
    from storefront_api.catalog.types.variants import ProductVariant as ProductVariantType

    return ProductVariantType


def _page_type() -> Any:
    from storefront_api.content.types import Page

    return Page


def _category_type() -> Any:
    from storefront_api.catalog.types.categories import Category

    return Category


def _single_reference(name: str, target: Any, what: str) -> type:
    return type(
        name,
        (_Base, graphene.ObjectType),
        {
            "value": graphene.Field(target, description=f"The assigned {what} reference."),
            "Meta": type(
                "Meta",
                (),
                {
                    "interfaces": (AssignedAttribute,),
                    "description": f"Represents single {what} reference attribute "
                    "(Lumbung has none).",
                },
            ),
        },
    )


def _multi_reference(name: str, target: Any, what: str) -> type:
    return type(
        name,
        (_Base, graphene.ObjectType),
        {
            "value": graphene.NonNull(
                graphene.List(graphene.NonNull(target)),
                limit=PositiveInt(
                    default_value=DEFAULT_LIMIT,
                    description="Maximum number of referenced objects to return.",
                ),
                description=f"List of assigned {what} references.",
            ),
            "Meta": type(
                "Meta",
                (),
                {
                    "interfaces": (AssignedAttribute,),
                    "description": f"Represents multi {what} reference attribute "
                    "(Lumbung has none).",
                },
            ),
        },
    )


UNUSED_TYPES = [
    AssignedSwatchAttribute,
    _single_reference("AssignedSingleProductReferenceAttribute", _product_type, "product"),
    _single_reference(
        "AssignedSingleProductVariantReferenceAttribute", _variant_type, "product variant"
    ),
    _single_reference("AssignedSinglePageReferenceAttribute", _page_type, "page"),
    _single_reference("AssignedSingleCategoryReferenceAttribute", _category_type, "category"),
    _multi_reference("AssignedMultiProductReferenceAttribute", _product_type, "product"),
    _multi_reference(
        "AssignedMultiProductVariantReferenceAttribute", _variant_type, "product variant"
    ),
    _multi_reference("AssignedMultiPageReferenceAttribute", _page_type, "page"),
    _multi_reference("AssignedMultiCategoryReferenceAttribute", _category_type, "category"),
    _multi_reference("AssignedMultiCollectionReferenceAttribute", _collection_type, "collection"),
]


TYPE_BY_INPUT: dict[str, Any] = {
    AttributeInputType.DROPDOWN.value: AssignedSingleChoiceAttribute,
    AttributeInputType.MULTISELECT.value: AssignedMultiChoiceAttribute,
    AttributeInputType.PLAIN_TEXT.value: AssignedPlainTextAttribute,
    AttributeInputType.RICH_TEXT.value: AssignedTextAttribute,
    AttributeInputType.NUMERIC.value: AssignedNumericAttribute,
    AttributeInputType.BOOLEAN.value: AssignedBooleanAttribute,
    AttributeInputType.DATE.value: AssignedDateAttribute,
    AttributeInputType.DATE_TIME.value: AssignedDateTimeAttribute,
    AttributeInputType.FILE.value: AssignedFileAttribute,
}
ASSIGNED_TYPES = [
    *dict.fromkeys(TYPE_BY_INPUT.values()),
    AssignedSingleCollectionReferenceAttribute,
    *UNUSED_TYPES,
]


def _type_of(item: Assigned) -> Any:
    if item.input_type == AttributeInputType.SINGLE_REFERENCE.value:
        if item.attribute.entity_type == "Collection":
            return AssignedSingleCollectionReferenceAttribute
        return None
    return TYPE_BY_INPUT.get(item.input_type)


def assigned(groups: Sequence[dict[str, Any]], *, owner: Any = None) -> list[Assigned]:
    """``selected_attributes`` groups of ``owner`` (a product or variant) as ``AssignedAttribute``
    objects (served types only)."""
    items = [
        Assigned(attribute=group["attribute"], values=group["values"], owner=owner)
        for group in groups
    ]
    return [item for item in items if _type_of(item) is not None]
