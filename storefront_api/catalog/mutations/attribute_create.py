from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.catalog import attributes as attribute_services
from marketplace.catalog.error_codes import AttributeErrorCode
from marketplace.core.exceptions import field_error
from storefront_api.catalog.mutations.attribute_common import (
    AttributeCreateInput,
    AttributeError,
    check_reference_types,
    require_platform_staff,
    value_data,
)
from storefront_api.catalog.mutations.product_type_create import enum_value
from storefront_api.catalog.types.attributes import Attribute
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters

SETTINGS = (
    "value_required",
    "visible_in_storefront",
    "filterable_in_storefront",
    "storefront_search_position",
)


def attribute_settings(input: dict) -> dict[str, Any]:
    """The optional flags of ``AttributeCreateInput`` / ``AttributeUpdateInput`` given;
    ``unit`` also when sent as null (no unit)."""
    settings = {field: input[field] for field in SETTINGS if input.get(field) is not None}
    if "unit" in input:
        settings["unit"] = enum_value(input["unit"]) or ""
    if "external_reference" in input:
        settings["external_reference"] = input["external_reference"] or None
    return settings


class AttributeCreate(BaseMutation):
    attribute = graphene.Field(Attribute, description="The created attribute.")

    class Arguments:
        input = AttributeCreateInput(
            required=True, description="Fields required to create an attribute."
        )

    class Meta:
        description = "Creates an attribute. Requires platform staff."
        error_type_class = AttributeError
        error_type_field = "attribute_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: dict
    ) -> AttributeCreate:
        require_platform_staff(info)
        return cls(attribute=create_attribute(input))


def create_attribute(input: dict) -> Any:
    """An attribute made from an ``AttributeCreateInput`` (``ValidationError`` if refused)."""
    check_reference_types(input)
    if enum_value(input["type"]) != "product-type":
        raise field_error(
            "type", _("Only product attributes are supported."), AttributeErrorCode.INVALID
        )
    input_type = enum_value(input.get("input_type")) or "dropdown"
    if input_type not in attribute_services.AttributeInputType.values:
        raise field_error(
            "input_type",
            _("This input type is not supported."),
            AttributeErrorCode.INVALID,
        )
    return attribute_services.attribute_create(
        name=input["name"],
        slug=input.get("slug") or None,
        input_type=input_type,
        entity_type=enum_value(input.get("entity_type")) or "",
        values=[value_data(value, "values") for value in input.get("values") or []],
        **attribute_settings(input),
    )
