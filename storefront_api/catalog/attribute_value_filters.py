"""``attributes`` of ``ProductFilterInput``/``ProductWhereInput``: Saleor's ``AttributeInput``.

Each item names an attribute by ``slug`` and says which of its values a product must
have, either with ``value`` (``AssignedAttributeValueInput``: value slug or name, numeric,
date, date-time, boolean, references) or with Saleor's deprecated fields (``values``: value
slugs; ``valuesRange``: numbers; ``dateTime``; ``date``; ``boolean``). A product matches
an item when the product or one of its variants has such a value; items are AND-ed.

Numeric values are stored as their text (the value's name), so numeric bounds are
checked in Python over that attribute's values: one query per numeric item, whatever the
page size.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import graphene
from django.db.models import Exists, OuterRef, Q, QuerySet
from graphql import GraphQLError

from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeValue,
)
from storefront_api.core.filter_inputs import (
    NOTHING,
    ContainsFilterInput,
    DateRangeInput,
    DateTimeRangeInput,
    DecimalFilterInput,
    IntRangeInput,
    StringFilterInput,
    range_q,
    value_filter_q,
)
from storefront_api.core.ids import decode_int_pk

USE_VALUE = "Use `value` instead."
DEPRECATED_FIELDS = ("values", "values_range", "date_time", "date", "boolean")


class AssignedAttributeReferenceInput(graphene.InputObjectType):
    referenced_ids = graphene.InputField(
        ContainsFilterInput, description="Returns objects with a reference pointing to given IDs."
    )
    page_slugs = graphene.InputField(ContainsFilterInput, description="Pages by slugs.")
    product_slugs = graphene.InputField(ContainsFilterInput, description="Products by slugs.")
    product_variant_skus = graphene.InputField(
        ContainsFilterInput, description="Product variants by SKUs."
    )
    category_slugs = graphene.InputField(ContainsFilterInput, description="Categories by slugs.")
    collection_slugs = graphene.InputField(ContainsFilterInput, description="Collections by slugs.")


class AssignedAttributeValueInput(graphene.InputObjectType):
    slug = graphene.InputField(StringFilterInput, description="Filter by slug.")
    name = graphene.InputField(StringFilterInput, description="Filter by name.")
    numeric = graphene.InputField(DecimalFilterInput, description="Filter by numeric value.")
    date = graphene.InputField(DateRangeInput, description="Filter by date value.")
    date_time = graphene.InputField(DateTimeRangeInput, description="Filter by date time.")
    boolean = graphene.Boolean(description="Filter by boolean value.")
    reference = graphene.InputField(
        AssignedAttributeReferenceInput, description="Filter by reference attribute value."
    )


class AttributeInput(graphene.InputObjectType):
    slug = graphene.String(description="Internal representation of an attribute name.")
    value = graphene.InputField(
        AssignedAttributeValueInput, description="Filter by value of the attribute."
    )
    values = graphene.List(
        graphene.NonNull(graphene.String),
        description="Slugs identifying the attributeValues.",
        deprecation_reason=USE_VALUE,
    )
    values_range = graphene.InputField(
        IntRangeInput,
        description="The range that the returned values should be in.",
        deprecation_reason=USE_VALUE,
    )
    date_time = graphene.InputField(
        DateTimeRangeInput,
        description="The date/time range that the returned values should be in.",
        deprecation_reason=USE_VALUE,
    )
    date = graphene.InputField(
        DateRangeInput,
        description="The date range that the returned values should be in.",
        deprecation_reason=USE_VALUE,
    )
    boolean = graphene.Boolean(
        description="The boolean value of the attribute.", deprecation_reason=USE_VALUE
    )


def _uses_deprecated(item: dict[str, Any]) -> bool:
    return any(item.get(field) is not None for field in DEPRECATED_FIELDS)


def validate_attribute_items(items: list[dict[str, Any]]) -> None:
    """Saleor's rules: ``value`` and the deprecated fields are not mixed; the deprecated
    fields need ``slug``."""
    deprecated = [_uses_deprecated(item) for item in items]
    if len(set(deprecated)) > 1:
        raise GraphQLError(
            "The provided `attributes` input contains a mix of deprecated fields and "
            "`value`. Please use either the `AttributeInput.value` field exclusively or "
            "only the deprecated fields."
        )
    missing = [str(i) for i, item in enumerate(items) if deprecated[i] and not item.get("slug")]
    if missing:
        raise GraphQLError(
            "Attribute `slug` is required when using deprecated fields in the "
            f"`attributes` input. Missing at indices: {', '.join(missing)}."
        )
    mixed = [str(i) for i, item in enumerate(items) if deprecated[i] and item.get("value")]
    if mixed:
        raise GraphQLError(
            "The `value` field cannot be used with deprecated fields in the `attributes` "
            f"input. Used at indices: {', '.join(mixed)}."
        )


def _numeric_value_ids(values: QuerySet[AttributeValue], data: dict[str, Any]) -> list[int]:
    """Ids of numeric ``values`` whose number is within ``data`` (eq/oneOf/range or a range)."""
    bounds = data.get("range") or {}
    gte = data.get("gte") if data.get("gte") is not None else bounds.get("gte")
    lte = data.get("lte") if data.get("lte") is not None else bounds.get("lte")
    exact = [Decimal(str(v)) for v in ([data["eq"]] if data.get("eq") is not None else [])]
    exact += [Decimal(str(v)) for v in data.get("one_of") or []]
    matched = []
    for pk, name in values.filter(attribute__input_type="numeric").values_list("pk", "name"):
        try:
            number = Decimal(name)
        except InvalidOperation:
            continue
        if (gte is not None and number < Decimal(str(gte))) or (
            lte is not None and number > Decimal(str(lte))
        ):
            continue
        if (data.get("eq") is not None or data.get("one_of") is not None) and number not in exact:
            continue
        matched.append(pk)
    return matched


def _reference_q(data: dict[str, Any]) -> Q:
    """References: Lumbung's reference attributes point at collections only."""
    condition = Q()
    lookups = {"referenced_ids": "reference_collection_id", "collection_slugs": None}
    for field, contains in data.items():
        if contains is None:
            continue
        if field not in lookups:
            return NOTHING  # pages, products, variants, categories: never referenced
        if field == "referenced_ids":
            keys = {
                key: [decode_int_pk(v, only_type="Collection", field="referencedIds") for v in ids]
                for key, ids in contains.items()
                if ids is not None
            }
            lookup = "reference_collection_id"
        else:
            keys = {key: ids for key, ids in contains.items() if ids is not None}
            lookup = "reference_collection__slug"
        if keys.get("contains_any") is not None:
            condition &= Q(**{f"{lookup}__in": keys["contains_any"]})
        for one in keys.get("contains_all") or []:
            condition &= Q(**{lookup: one})
    return condition


def _value_q(values: QuerySet[AttributeValue], data: dict[str, Any]) -> QuerySet[AttributeValue]:
    """Values matching an ``AssignedAttributeValueInput``."""
    values = values.filter(value_filter_q("slug", data.get("slug")))
    values = values.filter(value_filter_q("name", data.get("name")))
    if data.get("numeric") is not None:
        values = values.filter(pk__in=_numeric_value_ids(values, data["numeric"]))
    if data.get("date") is not None:
        values = values.filter(range_q("date_time__date", data["date"]))
    if data.get("date_time") is not None:
        values = values.filter(range_q("date_time", data["date_time"]))
    if data.get("boolean") is not None:
        values = values.filter(boolean=data["boolean"])
    if data.get("reference") is not None:
        values = values.filter(_reference_q(data["reference"]))
    return values


def _deprecated_values(
    values: QuerySet[AttributeValue], item: dict[str, Any]
) -> QuerySet[AttributeValue]:
    if item.get("values") is not None:
        values = values.filter(slug__in=item["values"])
    if item.get("values_range") is not None:
        values = values.filter(pk__in=_numeric_value_ids(values, item["values_range"]))
    if item.get("date_time") is not None:
        values = values.filter(range_q("date_time", item["date_time"]))
    if item.get("date") is not None:
        values = values.filter(range_q("date_time__date", item["date"]))
    if item.get("boolean") is not None:
        values = values.filter(boolean=item["boolean"])
    return values


def _having_values(values: QuerySet[AttributeValue]) -> Q:
    own = AssignedProductAttributeValue.objects.filter(product=OuterRef("pk"), value__in=values)
    of_variant = AssignedVariantAttributeValue.objects.filter(
        variant__product=OuterRef("pk"), value__in=values
    )
    return Q(Exists(own)) | Q(Exists(of_variant))


def _item_values(item: dict[str, Any]) -> QuerySet[AttributeValue]:
    """The values an ``AttributeInput``/``AssignedAttributeWhereInput`` item accepts."""
    values = AttributeValue.objects.all()
    if item.get("slug"):
        values = values.filter(attribute__in=Attribute.objects.filter(slug=item["slug"]))
    if _uses_deprecated(item):
        return _deprecated_values(values, item)
    if item.get("value") is not None:
        return _value_q(values, item["value"])
    return values


def products_attributes_q(items: list[dict[str, Any]] | None) -> Q:
    """Products having, for every item, a value of the item's attribute that matches it."""
    if items is None:
        return Q()
    if not items:
        return NOTHING  # as Saleor: an empty list matches no product
    validate_attribute_items(items)
    condition = Q()
    for item in items:
        condition &= _having_values(_item_values(item))
    return condition


def variants_attributes_q(items: list[dict[str, Any]] | None) -> Q:
    """Variants having, for every ``AssignedAttributeWhereInput`` item, a value of the
    item's attribute that matches it (as products: an empty list matches none)."""
    if items is None:
        return Q()
    if not items:
        return NOTHING
    condition = Q()
    for item in items:
        assigned = AssignedVariantAttributeValue.objects.filter(
            variant=OuterRef("pk"), value__in=_item_values(item)
        )
        condition &= Q(Exists(assigned))
    return condition


class AssignedAttributeWhereInput(graphene.InputObjectType):
    slug = graphene.String(description="Filter by attribute slug.")
    value = graphene.InputField(
        AssignedAttributeValueInput, description="Filter by value of the attribute."
    )
