"""``filter``/``where``/``sortBy`` of the ``productTypes`` and ``attributes`` lists:
Saleor's ``ProductTypeFilterInput``, ``ProductTypeSortingInput``, ``AttributeWhereInput``
and ``AttributeSortingInput``.

Lumbung's product types and attributes carry no metadata (a ``metadata`` condition
matches none) and its attributes are all product attributes (``type`` ``PAGE_TYPE``
matches none); ``configurable`` has no effect, as in Saleor.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Q, QuerySet

from marketplace.catalog.models import Attribute, ProductType
from storefront_api.catalog.attribute_filters import FLAG_DEPRECATION, in_listing_q
from storefront_api.catalog.enums import (
    AttributeEntityTypeEnum,
    AttributeInputTypeEnum,
    AttributeTypeEnum,
    MeasurementUnitsEnum,
    ProductTypeKindEnum,
)
from storefront_api.core.enums import OrderDirection
from storefront_api.core.filter_inputs import (
    NOTHING,
    MetadataFilter,
    StringFilterInput,
    metadata_q,
    value_filter_q,
)
from storefront_api.core.ids import decode_int_pk

ProductTypeConfigurable = graphene.Enum(
    "ProductTypeConfigurable", [("CONFIGURABLE", "configurable"), ("SIMPLE", "simple")]
)
ProductTypeEnum = graphene.Enum("ProductTypeEnum", [("SHIPPABLE", "shippable")])
CONFIGURABLE_DEPRECATION = (
    "The field has no effect on the API behavior. This is a leftover from the past "
    "Simple/Configurable product distinction. Products can have multiple variants "
    "regardless of this setting."
)


class ProductTypeFilterInput(graphene.InputObjectType):
    search = graphene.String()
    configurable = ProductTypeConfigurable(deprecation_reason=CONFIGURABLE_DEPRECATION)
    product_type = ProductTypeEnum()
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    kind = ProductTypeKindEnum()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class ProductTypeSortField(graphene.Enum):
    NAME = "name"
    SHIPPING_REQUIRED = "shipping_required"

    @property
    def description(self) -> str:
        return "Sort products by name." if self.name == "NAME" else "Sort by shipping required."


class ProductTypeSortingInput(graphene.InputObjectType):
    direction = OrderDirection(
        required=True, description="Specifies the direction in which to sort product types."
    )
    field = ProductTypeSortField(
        required=True, description="Sort product types by the selected field."
    )


def _value(member: Any) -> Any:
    return getattr(member, "value", member)


def _prefix(sort_by: dict[str, Any]) -> str:
    return "-" if _value(sort_by["direction"]) == "desc" else ""


def filter_product_types(
    queryset: QuerySet[ProductType], data: dict[str, Any] | None
) -> QuerySet[ProductType]:
    """Product types matching a ``ProductTypeFilterInput``."""
    data = data or {}
    if data.get("search"):
        text = data["search"]
        queryset = queryset.filter(Q(name__icontains=text) | Q(slug__icontains=text))
    if data.get("product_type") is not None:
        queryset = queryset.filter(is_shipping_required=True)
    if data.get("kind") is not None:
        queryset = queryset.filter(kind=_value(data["kind"]))
    if data.get("ids") is not None:
        pks = [decode_int_pk(v, only_type="ProductType", field="ids") for v in data["ids"]]
        queryset = queryset.filter(pk__in=pks)
    if data.get("slugs") is not None:
        queryset = queryset.filter(slug__in=data["slugs"])
    return queryset.filter(metadata_q(data.get("metadata"), has_metadata=False))


def product_type_order_by(sort_by: dict[str, Any] | None) -> list[str]:
    if not sort_by:
        return []
    fields = (
        ["is_shipping_required", "name", "slug"]
        if _value(sort_by["field"]) == "shipping_required"
        else ["name", "slug"]
    )
    return [f"{_prefix(sort_by)}{name}" for name in fields]


# --- attributes --------------------------------------------------------------------------


def _enum_filter(name: str, enum: Any) -> type[graphene.InputObjectType]:
    return type(
        name,
        (graphene.InputObjectType,),
        {
            "eq": enum(description="The value equal to."),
            "one_of": graphene.List(graphene.NonNull(enum), description="The value included in."),
        },
    )


AttributeInputTypeEnumFilterInput = _enum_filter(
    "AttributeInputTypeEnumFilterInput", AttributeInputTypeEnum
)
AttributeEntityTypeEnumFilterInput = _enum_filter(
    "AttributeEntityTypeEnumFilterInput", AttributeEntityTypeEnum
)
AttributeTypeEnumFilterInput = _enum_filter("AttributeTypeEnumFilterInput", AttributeTypeEnum)
MeasurementUnitsEnumFilterInput = _enum_filter(
    "MeasurementUnitsEnumFilterInput", MeasurementUnitsEnum
)


class AttributeWhereInput(graphene.InputObjectType):
    metadata = graphene.List(graphene.NonNull(MetadataFilter))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    name = graphene.InputField(StringFilterInput)
    slug = graphene.InputField(StringFilterInput)
    with_choices = graphene.Boolean()
    input_type = graphene.InputField(AttributeInputTypeEnumFilterInput)
    entity_type = graphene.InputField(AttributeEntityTypeEnumFilterInput)
    type = graphene.InputField(AttributeTypeEnumFilterInput)
    unit = graphene.InputField(MeasurementUnitsEnumFilterInput)
    in_collection = graphene.ID()
    in_category = graphene.ID()
    value_required = graphene.Boolean()
    visible_in_storefront = graphene.Boolean()
    filterable_in_dashboard = graphene.Boolean(
        deprecation_reason=FLAG_DEPRECATION.replace("storefront", "dashboard")
    )
    AND = graphene.List(graphene.NonNull(lambda: AttributeWhereInput), name="AND")
    OR = graphene.List(graphene.NonNull(lambda: AttributeWhereInput), name="OR")


CHOICE_TYPES = ("dropdown", "multiselect", "swatch")


def _enum_q(field: str, data: dict[str, Any] | None) -> Q:
    if not data:
        return Q()
    plain = {
        "eq": _value(data["eq"]) if data.get("eq") is not None else None,
        "one_of": [_value(v) for v in data["one_of"]] if data.get("one_of") is not None else None,
    }
    return value_filter_q(field, plain)


def _type_q(data: dict[str, Any] | None) -> Q:
    if not data:
        return Q()
    wanted = [data["eq"]] if data.get("eq") is not None else (data.get("one_of") or [])
    return Q() if "product-type" in [_value(v) for v in wanted] else NOTHING


def attribute_where_q(data: dict[str, Any] | None, *, user: Any, channel: str | None) -> Q:
    """An ``AttributeWhereInput`` as a condition (fields AND-ed; AND/OR lists)."""
    data = data or {}
    condition = metadata_q(data.get("metadata"), has_metadata=False)
    if data.get("ids") is not None:
        pks = [decode_int_pk(v, only_type="Attribute", field="ids") for v in data["ids"]]
        condition &= Q(pk__in=pks)
    condition &= value_filter_q("name", data.get("name"))
    condition &= value_filter_q("slug", data.get("slug"))
    if data.get("with_choices") is not None:
        choices = Q(input_type__in=CHOICE_TYPES)
        condition &= choices if data["with_choices"] else ~choices
    condition &= _enum_q("input_type", data.get("input_type"))
    condition &= _enum_q("entity_type", data.get("entity_type"))
    condition &= _enum_q("unit", data.get("unit"))
    condition &= _type_q(data.get("type"))
    for field in ("value_required", "visible_in_storefront"):
        if data.get(field) is not None:
            condition &= Q(**{field: data[field]})
    for field in ("in_category", "in_collection"):
        if data.get(field):
            condition &= in_listing_q(field, data[field], user=user, channel=channel)
    for item in data.get("AND") or []:
        condition &= attribute_where_q(item, user=user, channel=channel)
    if data.get("OR"):
        any_of = NOTHING
        for item in data["OR"]:
            any_of |= attribute_where_q(item, user=user, channel=channel)
        condition &= any_of
    return condition


class AttributeSortField(graphene.Enum):
    NAME = "name"
    SLUG = "slug"
    VALUE_REQUIRED = "value_required"
    IS_VARIANT_ONLY = "is_variant_only"
    VISIBLE_IN_STOREFRONT = "visible_in_storefront"
    FILTERABLE_IN_STOREFRONT = "filterable_in_storefront"
    FILTERABLE_IN_DASHBOARD = "filterable_in_dashboard"
    STOREFRONT_SEARCH_POSITION = "storefront_search_position"
    AVAILABLE_IN_GRID = "available_in_grid"

    @property
    def description(self) -> str:
        return f"Sort attributes by {self.name.lower().replace('_', ' ')}."

    @property
    def deprecation_reason(self) -> str | None:
        if self.name == "FILTERABLE_IN_DASHBOARD":
            return FLAG_DEPRECATION.replace("storefront", "dashboard")
        if self.name in {"FILTERABLE_IN_STOREFRONT", "STOREFRONT_SEARCH_POSITION"}:
            return FLAG_DEPRECATION
        if self.name == "AVAILABLE_IN_GRID":
            return FLAG_DEPRECATION
        return None


class AttributeSortingInput(graphene.InputObjectType):
    direction = OrderDirection(
        required=True, description="Specifies the direction in which to sort attributes."
    )
    field = AttributeSortField(required=True, description="Sort attributes by the selected field.")


# sort fields Lumbung's attributes do not have (every one is alike): by name
_ATTRIBUTE_ORDER = {
    "slug": ["slug"],
    "value_required": ["value_required", "name", "slug"],
    "visible_in_storefront": ["visible_in_storefront", "name", "slug"],
    "filterable_in_storefront": ["filterable_in_storefront", "name", "slug"],
    "storefront_search_position": ["storefront_search_position", "name", "slug"],
}


def attribute_order_by(sort_by: dict[str, Any] | None) -> list[str]:
    if not sort_by:
        return []
    fields = _ATTRIBUTE_ORDER.get(_value(sort_by["field"]), ["name", "slug"])
    return [f"{_prefix(sort_by)}{name}" for name in fields]


def attributes_where(
    queryset: QuerySet[Attribute], data: dict[str, Any] | None, *, user: Any, channel: str | None
) -> QuerySet[Attribute]:
    return queryset.filter(attribute_where_q(data, user=user, channel=channel))
