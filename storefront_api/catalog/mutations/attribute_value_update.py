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
    require_platform_staff,
)
from storefront_api.catalog.mutations.common import get_node
from storefront_api.catalog.types import Attribute, AttributeValue
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


def value_to_manage(info: graphene.ResolveInfo, id: str | None) -> AttributeValueModel:
    require_platform_staff(info)
    if not id:
        raise field_error("id", _("Give the value's ID."), AttributeErrorCode.REQUIRED)
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
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: dict, id: str | None = None
    ) -> AttributeValueUpdate:
        value = value_to_manage(info, id)
        if "name" in input and not input["name"]:
            raise field_error("name", _("Give the value a name."), AttributeErrorCode.REQUIRED)
        value = attribute_services.attribute_value_update(value=value, name=input.get("name"))
        return cls(attribute=value.attribute, attribute_value=value)
