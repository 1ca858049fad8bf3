"""Shared parts of the catalog mutations: inputs and lookups by global ID."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import graphene
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.core.exceptions import field_error
from storefront_api.catalog.scalars import WeightScalar
from storefront_api.core.ids import decode_int_pk

M = TypeVar("M", bound=Model)

GRAMS_PER_UNIT = {"g": Decimal(1), "kg": Decimal(1000)}


def get_node(
    queryset: QuerySet[M], value: str, *, only_type: str, field: str, code: Any = None
) -> M:
    """The row behind global ID ``value``; ``GRAPHQL_ERROR`` for a malformed ID,
    ``NOT_FOUND`` (Saleor's "Couldn't resolve to a node") for an unknown one."""
    pk = decode_int_pk(value, only_type=only_type, field=field)
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise field_error(
            field,
            _("Couldn't resolve to a node: %(id)s") % {"id": value},
            code or ProductErrorCode.NOT_FOUND,
        )
    return obj


def parse_weight(value: Any, *, field: str = "weight") -> int | None:
    """Grams from Saleor's ``WeightScalar``: a number of grams or ``{value, unit}``
    (``g`` or ``kg``). Fractions of a gram are rounded; negative weights refused."""
    if value is None:
        return None
    unit = "g"
    amount = value
    if isinstance(value, dict):
        unit = str(value.get("unit") or "g").lower()
        amount = value.get("value")
    message = _("Enter the weight in grams, or as {value, unit} with unit g or kg.")
    if unit not in GRAMS_PER_UNIT or isinstance(amount, bool) or amount is None:
        raise field_error(field, message, ProductErrorCode.INVALID)
    try:
        number = Decimal(str(amount)) * GRAMS_PER_UNIT[unit]
    except InvalidOperation:
        raise field_error(field, message, ProductErrorCode.INVALID) from None
    if not number.is_finite() or number < 0 or number > 2_147_483_647:
        raise field_error(field, message, ProductErrorCode.INVALID)
    return int(number.to_integral_value())


class StockInput(graphene.InputObjectType):
    warehouse = graphene.ID(required=True, description="Warehouse in which stock is located.")
    quantity = graphene.Int(required=True, description="Quantity of items available for sell.")


# --- attribute values (catalog: product types and attributes management) ---------------


class AttributeValueSelectableTypeInput(graphene.InputObjectType):
    id = graphene.ID(description="ID of an attribute value.")
    value = graphene.String(
        description="The value or slug of an attribute to resolve. If the passed value is "
        "non-existent, it will be created."
    )


class AttributeValueInput(graphene.InputObjectType):
    id = graphene.ID(description="ID of the selected attribute.")
    values = graphene.List(
        graphene.NonNull(graphene.String),
        description="The value or slug of an attribute to resolve. If the passed value is "
        "non-existent, it will be created.",
        deprecation_reason="Use the field of the attribute's input type instead.",
    )
    dropdown = AttributeValueSelectableTypeInput(description="Attribute value ID or new value.")
    multiselect = graphene.List(
        graphene.NonNull(AttributeValueSelectableTypeInput),
        description="List of attribute value IDs or new values.",
    )
    numeric = graphene.String(description="Numeric value of an attribute.")
    rich_text = graphene.JSONString(description="Text content in JSON format.")
    plain_text = graphene.String(description="Plain text content.")
    boolean = graphene.Boolean(description="Represents the boolean value of the attribute value.")
    date = graphene.Date(description="Represents the date value of the attribute value.")
    date_time = graphene.DateTime(
        description="Represents the date/time value of the attribute value."
    )
    # --- acct: file and collection-reference attributes ---
    file = graphene.String(
        description="URL of the file attribute (as `fileUpload` returned it). Every time, a "
        "new value is created."
    )
    content_type = graphene.String(
        description="File content type (Lumbung takes it from the uploaded file)."
    )
    reference = graphene.ID(
        description="ID of the referenced entity for single reference attribute (a "
        "Collection in Lumbung)."
    )


# --- end attribute values ----------------------------------------------------------------


class ProductInput(graphene.InputObjectType):
    attributes = graphene.List(
        graphene.NonNull(AttributeValueInput), description="List of attributes."
    )
    category = graphene.ID(description="ID of the product's category.")
    description = graphene.JSONString(description="Product description (EditorJS JSON).")
    name = graphene.String(description="Product name.")
    slug = graphene.String(description="Product slug; made from the name when omitted.")
    weight = WeightScalar(description="Weight of the product, in grams.")
    rating = graphene.Float(description="Rating of the product, 0 to 5.")
    producer = graphene.ID(description="ID of the member producer making the product (Lumbung).")


class ProductCreateInput(ProductInput):
    product_type = graphene.ID(required=True, description="ID of the type of the product.")
    cooperative = graphene.ID(
        description="ID of the cooperative selling the product (Lumbung); may be omitted by "
        "staff of exactly one cooperative."
    )


class ProductVariantInput(graphene.InputObjectType):
    attributes = graphene.List(
        graphene.NonNull(AttributeValueInput),
        description="List of attributes specific to this variant.",
    )
    sku = graphene.String(description="Stock keeping unit.")
    name = graphene.String(description="Variant name.")
    track_inventory = graphene.Boolean(
        description="Whether stock is checked when the variant is sold."
    )
    weight = WeightScalar(description="Weight of the variant, in grams.")
    quantity_limit_per_customer = graphene.Int(description="Most units one customer may buy.")


class ProductVariantCreateInput(ProductVariantInput):
    attributes = graphene.List(
        graphene.NonNull(AttributeValueInput),
        required=True,
        description="List of attributes specific to this variant.",
    )
    product = graphene.ID(required=True, description="Product ID of which variant belongs to.")
    stocks = graphene.List(
        graphene.NonNull(StockInput), description="Stocks of the variant to create."
    )
