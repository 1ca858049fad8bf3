"""Saleor's ``AssignedAttribute`` API (3.22+): ``assignedAttribute(slug:)`` and
``assignedAttributes(limit:)`` on products, one object type per attribute input type.

Served for dropdown/multiselect (choices), plain text, numeric, boolean, date and
date-time attributes; rich-text attributes need Saleor's ``JSON`` scalar and are left
out for now. Values come from the same batch loaders as ``attributes``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import graphene

from marketplace.catalog.models import AttributeInputType
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.scalars import PositiveInt

DEFAULT_LIMIT = 100


@dataclass
class Assigned:
    """One attribute of a product with its values (an ``AssignedAttribute``)."""

    attribute: Any
    values: list[Any] = field(default_factory=list)

    @property
    def input_type(self) -> str:
        return str(getattr(self.attribute.input_type, "value", self.attribute.input_type))


def _attribute_type() -> Any:
    from storefront_api.catalog.types import Attribute

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
        return TYPE_BY_INPUT.get(instance.input_type)


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


TYPE_BY_INPUT: dict[str, Any] = {
    AttributeInputType.DROPDOWN.value: AssignedSingleChoiceAttribute,
    AttributeInputType.MULTISELECT.value: AssignedMultiChoiceAttribute,
    AttributeInputType.PLAIN_TEXT.value: AssignedPlainTextAttribute,
    AttributeInputType.NUMERIC.value: AssignedNumericAttribute,
    AttributeInputType.BOOLEAN.value: AssignedBooleanAttribute,
    AttributeInputType.DATE.value: AssignedDateAttribute,
    AttributeInputType.DATE_TIME.value: AssignedDateTimeAttribute,
}
ASSIGNED_TYPES = list(dict.fromkeys(TYPE_BY_INPUT.values()))


def assigned(groups: Sequence[dict[str, Any]]) -> list[Assigned]:
    """``selected_attributes`` groups as ``AssignedAttribute`` objects (served types only)."""
    items = [Assigned(attribute=group["attribute"], values=group["values"]) for group in groups]
    return [item for item in items if item.input_type in TYPE_BY_INPUT]
