from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.catalog import attributes as attribute_services
from marketplace.catalog.error_codes import AttributeErrorCode
from marketplace.catalog.models import Attribute as AttributeModel
from marketplace.catalog.models import AttributeValue as AttributeValueModel
from marketplace.core.exceptions import field_error
from storefront_api.catalog.mutations.attribute_common import (
    AttributeError,
    AttributeUpdateInput,
    check_reference_types,
    one_of,
    require_platform_staff,
    value_data,
)
from storefront_api.catalog.mutations.attribute_create import attribute_settings
from storefront_api.catalog.mutations.common import get_node
from storefront_api.catalog.types.attributes import Attribute
from storefront_api.core.ids import decode_int_pk
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


def attribute_to_manage(
    info: graphene.ResolveInfo, id: str | None, external_reference: str | None = None
) -> AttributeModel:
    """The attribute named by ``id`` or ``external_reference`` (exactly one), for
    platform staff."""
    require_platform_staff(info)
    if not id and not external_reference:
        raise field_error("id", _("Give the attribute's ID."), AttributeErrorCode.REQUIRED)
    one_of(id, external_reference, what=_("attribute"))
    if external_reference:
        attribute = AttributeModel.objects.filter(external_reference=external_reference).first()
        if attribute is None:
            raise field_error(
                "external_reference",
                _("Couldn't resolve to a node: %(id)s") % {"id": external_reference},
                AttributeErrorCode.NOT_FOUND,
            )
        return attribute
    assert id  # one_of: without an external reference the ID is given
    return get_node(
        AttributeModel.objects.all(),
        id,
        only_type="Attribute",
        field="id",
        code=AttributeErrorCode.NOT_FOUND,
    )


class AttributeUpdate(BaseMutation):
    attribute = graphene.Field(Attribute, description="The updated attribute.")

    class Arguments:
        id = graphene.ID(description="ID of an attribute to update.")
        external_reference = graphene.String(description="External ID of an attribute to update.")
        input = AttributeUpdateInput(
            required=True, description="Fields required to update an attribute."
        )

    class Meta:
        description = "Updates attribute. Requires platform staff."
        error_type_class = AttributeError
        error_type_field = "attribute_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        /,
        *,
        input: dict,
        id: str | None = None,
        external_reference: str | None = None,
    ) -> AttributeUpdate:
        attribute = attribute_to_manage(info, id, external_reference)
        return cls(attribute=update_attribute(attribute, input))


def update_attribute(attribute: AttributeModel, input: dict) -> AttributeModel:
    """``attribute`` changed as an ``AttributeUpdateInput`` says (``ValidationError`` if
    refused)."""
    check_reference_types(input)
    changes = attribute_settings(input)
    for field in ("name", "slug"):
        if field in input:
            changes[field] = input[field] or ""
    remove_pks = [
        decode_int_pk(value, only_type="AttributeValue", field="remove_values")
        for value in input.get("remove_values") or []
    ]
    remove_values = list(AttributeValueModel.objects.filter(pk__in=remove_pks))
    if len(remove_values) != len(set(remove_pks)):
        raise field_error(
            "remove_values",
            _("Some of the values to remove do not exist."),
            AttributeErrorCode.NOT_FOUND,
        )
    add_values = [value_data(value, "add_values") for value in input.get("add_values") or []]
    return attribute_services.attribute_update(
        attribute=attribute, remove_values=remove_values, add_values=add_values, **changes
    )
