"""Shared parts of the product type and attribute mutations: Saleor's inputs, the
``AttributeError`` type, the platform-staff check, parsing ``AttributeValueInput`` into
the domain's ``AttributeInput`` and turning primary keys in error params into global IDs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import graphene
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from marketplace.catalog.attributes import AttributeInput
from marketplace.catalog.error_codes import AttributeErrorCode as DomainAttributeErrorCode
from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.catalog.models import Attribute as AttributeModel
from marketplace.core.exceptions import field_error
from storefront_api.catalog.enums import (
    AttributeEntityTypeEnum,
    AttributeErrorCode,
    AttributeInputTypeEnum,
    AttributeTypeEnum,
    MeasurementUnitsEnum,
    ProductAttributeType,
    ProductTypeKindEnum,
)
from storefront_api.catalog.permissions import require, scope_of
from storefront_api.catalog.scalars import WeightScalar
from storefront_api.core.ids import decode_int_pk, global_id
from storefront_api.core.types import Error


class AttributeError(Error):  # noqa: A001 - Saleor's type name
    code = AttributeErrorCode(required=True, description="The error code.")


def require_platform_staff(info: graphene.ResolveInfo) -> None:
    """Product types and attributes are shared taxonomy: platform staff only."""
    require(scope_of(info.context).platform_staff)


# --- inputs ------------------------------------------------------------------------------


class ProductTypeInput(graphene.InputObjectType):
    name = graphene.String(description="Name of the product type.")
    slug = graphene.String(description="Product type slug.")
    kind = ProductTypeKindEnum(description="The product type kind.")
    has_variants = graphene.Boolean(
        description="Determines if product of this type has multiple variants."
    )
    product_attributes = graphene.List(
        graphene.NonNull(graphene.ID),
        description="List of attributes shared among all product variants.",
    )
    variant_attributes = graphene.List(
        graphene.NonNull(graphene.ID),
        description="List of attributes used to distinguish between different variants.",
    )
    is_shipping_required = graphene.Boolean(
        description="Determines if shipping is required for products of this variant."
    )
    weight = WeightScalar(description="Weight of the ProductType items.")


class AttributeValueCreateInput(graphene.InputObjectType):
    value = graphene.String(
        description="Represent value of the attribute value (e.g. color values for swatch "
        "attributes). Lumbung has no swatch attributes: refused when given."
    )
    file_url = graphene.String(
        description="File URL of a file attribute's value. Lumbung's file values are set on "
        "products and variants: refused when given."
    )
    content_type = graphene.String(
        description="File content type (file attributes' values): refused when given."
    )
    external_reference = graphene.String(description="External ID of this attribute value.")
    rich_text = graphene.JSONString(description="Ignored: rich text values have no choices.")
    plain_text = graphene.String(description="Ignored: plain text values have no choices.")
    name = graphene.String(required=True, description="Name of a value displayed in the interface.")


class AttributeValueUpdateInput(graphene.InputObjectType):
    value = graphene.String(
        description="Represent value of the attribute value (e.g. color values for swatch "
        "attributes). Lumbung has no swatch attributes: refused when given."
    )
    file_url = graphene.String(
        description="File URL of a file attribute's value. Lumbung's file values are set on "
        "products and variants: refused when given."
    )
    content_type = graphene.String(
        description="File content type (file attributes' values): refused when given."
    )
    external_reference = graphene.String(description="External ID of this attribute value.")
    rich_text = graphene.JSONString(description="Ignored: rich text values have no choices.")
    plain_text = graphene.String(description="Ignored: plain text values have no choices.")
    name = graphene.String(description="Name of a value displayed in the interface.")


class _AttributeSaleorOnlyFields(graphene.InputObjectType):
    """Saleor's attribute input fields that Lumbung accepts without a column of their own
    (or, for ``externalReference``, with one), shared by the create and update inputs."""

    class Meta:
        abstract = True

    is_variant_only = graphene.Boolean(
        description="Whether the attribute is for variants only. Lumbung lets the product "
        "type decide the level: accepted and not stored."
    )
    filterable_in_dashboard = graphene.Boolean(
        description="Whether the attribute can be filtered in dashboard (not stored).",
        deprecation_reason="This flag is not used by Saleor. Keep the logic in the dashboard "
        "or use `Attribute` metadata instead.",
    )
    available_in_grid = graphene.Boolean(
        description="Whether the attribute can be displayed in the admin product list "
        "(not stored).",
        deprecation_reason="This flag is not used by Saleor. Keep the logic in the storefront "
        "or use `Attribute` metadata instead.",
    )
    external_reference = graphene.String(description="External ID of this attribute.")
    reference_types = graphene.List(
        graphene.NonNull(graphene.ID),
        description="Product or page types narrowing a reference attribute's choices. "
        "Lumbung's references point at collections: refused when not empty.",
    )


class AttributeCreateInput(_AttributeSaleorOnlyFields):
    input_type = AttributeInputTypeEnum(
        description="The input type to use for entering attribute values in the dashboard."
    )
    name = graphene.String(required=True, description="Name of an attribute displayed.")
    slug = graphene.String(description="Internal representation of an attribute name.")
    type = AttributeTypeEnum(required=True, description="The attribute type.")
    values = graphene.List(
        graphene.NonNull(AttributeValueCreateInput), description="List of attribute's values."
    )
    value_required = graphene.Boolean(
        description="Whether the attribute requires values to be passed or not."
    )
    visible_in_storefront = graphene.Boolean(
        description="Whether the attribute should be visible or not in storefront."
    )
    filterable_in_storefront = graphene.Boolean(
        description="Whether the attribute can be filtered in storefront."
    )
    storefront_search_position = graphene.Int(
        description="The position of the attribute in the storefront navigation."
    )
    unit = MeasurementUnitsEnum(description="The unit of attribute values.")
    entity_type = AttributeEntityTypeEnum(
        description="The entity type which can be used as a reference (single-reference "
        "attributes; Lumbung serves COLLECTION)."
    )


class AttributeUpdateInput(_AttributeSaleorOnlyFields):
    name = graphene.String(description="Name of an attribute displayed in the interface.")
    slug = graphene.String(description="Internal representation of an attribute name.")
    remove_values = graphene.List(
        graphene.NonNull(graphene.ID), description="IDs of values to be removed."
    )
    add_values = graphene.List(
        graphene.NonNull(AttributeValueUpdateInput),
        description="New values to be created for this attribute.",
    )
    value_required = graphene.Boolean(
        description="Whether the attribute requires values to be passed or not."
    )
    visible_in_storefront = graphene.Boolean(
        description="Whether the attribute should be visible or not in storefront."
    )
    filterable_in_storefront = graphene.Boolean(
        description="Whether the attribute can be filtered in storefront."
    )
    storefront_search_position = graphene.Int(
        description="The position of the attribute in the storefront navigation."
    )
    unit = MeasurementUnitsEnum(description="The unit of attribute values.")


class ProductAttributeAssignInput(graphene.InputObjectType):
    id = graphene.ID(required=True, description="The ID of the attribute to assign.")
    type = ProductAttributeType(required=True, description="The attribute type to be assigned as.")
    variant_selection = graphene.Boolean(
        description="Whether attribute is allowed in variant selection. Allowed types are: "
        "dropdown, boolean, numeric."
    )


def check_value_input(input: dict[str, Any], field: str) -> None:
    """Refuse what Saleor's value inputs carry for kinds of values Lumbung's predefined
    values are not: swatch colours and files (``INVALID``)."""
    for name in ("value", "file_url", "content_type"):
        if input.get(name):
            raise field_error(
                field,
                _("Predefined values in Lumbung are choices: %(field)s cannot be set.")
                % {"field": {"value": "value", "file_url": "fileUrl"}.get(name, "contentType")},
                DomainAttributeErrorCode.INVALID,
            )


def check_reference_types(input: dict[str, Any]) -> None:
    if input.get("reference_types"):
        raise field_error(
            "reference_types",
            _("Lumbung's reference attributes point at collections, not at product or page types."),
            DomainAttributeErrorCode.INVALID,
        )


def value_data(input: dict[str, Any], field: str) -> Any:
    """An ``AttributeValueCreateInput`` as the domain's ``AttributeValueData``."""
    from marketplace.catalog.attributes import AttributeValueData

    check_value_input(input, field)
    if not input.get("name"):
        raise field_error(
            field, _("Give a name for every value."), DomainAttributeErrorCode.REQUIRED
        )
    return AttributeValueData(
        name=input["name"], external_reference=input.get("external_reference") or None
    )


def one_of(id: str | None, external_reference: str | None, *, what: str) -> None:
    """Saleor's rule for ``id`` / ``externalReference`` lookups: exactly one of them."""
    if bool(id) == bool(external_reference):
        raise field_error(
            None,
            _("Give either the %(what)s's ID or its external reference.") % {"what": what},
            DomainAttributeErrorCode.GRAPHQL_ERROR,
        )


# --- errors ------------------------------------------------------------------------------


def _globalized(error: ValidationError) -> ValidationError:
    params = dict(error.params or {})
    for key, type_name in (("attributes", "Attribute"), ("values", "AttributeValue")):
        if isinstance(params.get(key), list | tuple):
            params[key] = [
                global_id(type_name, pk) if isinstance(pk, int) else pk for pk in params[key]
            ]
    return ValidationError(error.message, code=error.code, params=params)


@contextmanager
def global_error_ids() -> Iterator[None]:
    """Re-raise the domain's ValidationErrors with global IDs in ``attributes`` and
    ``values`` params (fields of Saleor's ``ProductError``)."""
    try:
        yield
    except ValidationError as exc:
        error_dict = getattr(exc, "error_dict", None) or {NON_FIELD_ERRORS: exc.error_list}
        raise ValidationError(
            {
                field: [_globalized(error) for error in errors]
                for field, errors in error_dict.items()
            }
        ) from None


def attributes_by_ids(values: list[str], *, field: str) -> list[AttributeModel]:
    """Attributes named by global IDs, in order; ``NOT_FOUND`` (``attributes`` param)
    for unknown ones."""
    pks = [decode_int_pk(value, only_type="Attribute", field=field) for value in values]
    found = AttributeModel.objects.in_bulk(pks)
    missing = [value for value, pk in zip(values, pks, strict=True) if pk not in found]
    if missing:
        raise ValidationError(
            {
                field: ValidationError(
                    _("Could not resolve attributes: %(ids)s.") % {"ids": ", ".join(missing)},
                    code=ProductErrorCode.NOT_FOUND.value,
                    params={"attributes": missing},
                )
            }
        )
    return [found[pk] for pk in pks]


def _selectable(entry: dict[str, Any]) -> tuple[int | None, str | None]:
    if entry.get("id") and entry.get("value"):
        raise field_error(
            "attributes",
            _("Attribute values cannot be assigned by both id and value."),
            ProductErrorCode.INVALID,
        )
    if entry.get("id"):
        return decode_int_pk(entry["id"], only_type="AttributeValue", field="attributes"), None
    return None, entry.get("value")


def parse_attribute_inputs(raw: list[dict[str, Any]] | None) -> list[AttributeInput]:
    """``[AttributeValueInput!]`` → domain ``AttributeInput``s (attributes must exist;
    whether they fit the product type is the domain's check)."""
    if not raw:
        return []
    if any(not item.get("id") for item in raw):
        raise field_error(
            "attributes", _("Give the ID of every attribute."), ProductErrorCode.REQUIRED
        )
    attributes = attributes_by_ids([item["id"] for item in raw], field="attributes")
    result = []
    for item, attribute in zip(raw, attributes, strict=True):
        value_ids: list[int] = []
        value_names: list[str] = []
        selectable = [item["dropdown"]] if item.get("dropdown") else []
        selectable += list(item.get("multiselect") or [])
        for entry in selectable:
            pk, name = _selectable(entry)
            if pk is not None:
                value_ids.append(pk)
            elif name is not None:
                value_names.append(name)
        numeric = item.get("numeric")
        legacy = list(item.get("values") or [])
        if attribute.input_type == AttributeModel.InputType.NUMERIC and numeric is None and legacy:
            numeric = legacy[0]
        elif attribute.input_type in {
            AttributeModel.InputType.DROPDOWN,
            AttributeModel.InputType.MULTISELECT,
        }:
            value_names += legacy
        reference_id = None
        if item.get("reference"):
            reference_id = decode_int_pk(
                item["reference"],
                only_type=attribute.entity_type or "Collection",
                field="attributes",
            )
        result.append(
            AttributeInput(
                attribute=attribute,
                value_ids=tuple(value_ids),
                value_names=tuple(value_names),
                plain_text=item.get("plain_text"),
                rich_text=item.get("rich_text"),
                numeric=numeric,
                boolean=item.get("boolean"),
                date=item.get("date"),
                date_time=item.get("date_time"),
                file=item.get("file"),
                reference_id=reference_id,
            )
        )
    return result
