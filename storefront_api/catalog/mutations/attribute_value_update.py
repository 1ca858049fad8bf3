from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.catalog import attributes as attribute_services
from marketplace.catalog.error_codes import AttributeErrorCode
from marketplace.catalog.models import AttributeValue as AttributeValueModel
from marketplace.core.exceptions import field_error
from storefront_api.catalog.mutations.attribute_common import (
    AttributeError,
    AttributeValueUpdateInput,
    check_value_input,
    one_of,
    require_platform_staff,
)
from storefront_api.catalog.mutations.common import get_node
from storefront_api.catalog.types.attributes import Attribute, AttributeValue
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


def value_to_manage(
    info: graphene.ResolveInfo, id: str | None, external_reference: str | None = None
) -> AttributeValueModel:
    """The value named by ``id`` or ``external_reference`` (exactly one), for platform
    staff."""
    require_platform_staff(info)
    if not id and not external_reference:
        raise field_error("id", _("Give the value's ID."), AttributeErrorCode.REQUIRED)
    one_of(id, external_reference, what=_("attribute value"))
    if external_reference:
        value = (
            AttributeValueModel.objects.select_related("attribute")
            .filter(external_reference=external_reference)
            .first()
        )
        if value is None:
            raise field_error(
                "external_reference",
                _("Couldn't resolve to a node: %(id)s") % {"id": external_reference},
                AttributeErrorCode.NOT_FOUND,
            )
        return value
    assert id  # one_of: without an external reference the ID is given
    return get_node(
        AttributeValueModel.objects.select_related("attribute"),
        id,
        only_type="AttributeValue",
        field="id",
        code=AttributeErrorCode.NOT_FOUND,
    )


class AttributeValueUpdate(BaseMutation):
    attribute = graphene.Field(Attribute, description="The updated attribute.")
    attribute_value = graphene.Field(AttributeValue, description="The updated value.")

    class Arguments:
        id = graphene.ID(description="ID of an AttributeValue to update.")
        external_reference = graphene.String(
            description="External ID of an AttributeValue to update."
        )
        input = AttributeValueUpdateInput(
            required=True, description="Fields required to update an AttributeValue."
        )

    class Meta:
        description = "Updates value of an attribute. Requires platform staff."
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
    ) -> AttributeValueUpdate:
        value = value_to_manage(info, id, external_reference)
        if "name" in input and not input["name"]:
            raise field_error("name", _("Give the value a name."), AttributeErrorCode.REQUIRED)
        check_value_input(input, "input")
        value = attribute_services.attribute_value_update(
            value=value,
            name=input.get("name"),
            external_reference=(
                (input["external_reference"] or "") if "external_reference" in input else None
            ),
        )
        return cls(attribute=value.attribute, attribute_value=value)
