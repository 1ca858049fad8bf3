from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog import attributes as attribute_services
from marketplace.catalog.error_codes import AttributeErrorCode
from marketplace.catalog.models import Attribute as AttributeModel
from storefront_api.catalog.mutations.attribute_common import (
    AttributeError,
    AttributeValueCreateInput,
    check_value_input,
    require_platform_staff,
)
from storefront_api.catalog.mutations.common import get_node
from storefront_api.catalog.types.attributes import Attribute, AttributeValue
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class AttributeValueCreate(BaseMutation):
    attribute = graphene.Field(Attribute, description="The updated attribute.")
    attribute_value = graphene.Field(AttributeValue, description="The created value.")

    class Arguments:
        attribute = graphene.ID(
            required=True, description="Attribute to which value will be assigned."
        )
        input = AttributeValueCreateInput(
            required=True, description="Fields required to create an AttributeValue."
        )

    class Meta:
        description = "Creates a value for an attribute. Requires platform staff."
        error_type_class = AttributeError
        error_type_field = "attribute_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, attribute: str, input: dict
    ) -> AttributeValueCreate:
        require_platform_staff(info)
        parent = get_node(
            AttributeModel.objects.all(),
            attribute,
            only_type="Attribute",
            field="attribute",
            code=AttributeErrorCode.NOT_FOUND,
        )
        check_value_input(input, "input")
        value = attribute_services.attribute_value_create(
            attribute=parent,
            name=input["name"],
            external_reference=input.get("external_reference") or None,
        )
        return cls(attribute=parent, attribute_value=value)
