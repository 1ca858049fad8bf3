from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog import attributes as attribute_services
from storefront_api.catalog.mutations.attribute_common import AttributeError
from storefront_api.catalog.mutations.attribute_value_update import value_to_manage
from storefront_api.catalog.types.attributes import Attribute, AttributeValue
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class AttributeValueDelete(BaseMutation):
    attribute = graphene.Field(Attribute, description="The updated attribute.")
    attribute_value = graphene.Field(AttributeValue, description="The deleted value.")

    class Arguments:
        id = graphene.ID(description="ID of a value to delete.")
        external_reference = graphene.String(description="External ID of a value to delete.")

    class Meta:
        description = (
            "Deletes a value of an attribute; products and variants lose it. "
            "Requires platform staff."
        )
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
        id: str | None = None,
        external_reference: str | None = None,
    ) -> AttributeValueDelete:
        value = value_to_manage(info, id, external_reference)
        pk = value.pk
        attribute_services.attribute_value_delete(value=value)
        value.pk = pk  # the payload still names the deleted value
        return cls(attribute=value.attribute, attribute_value=value)
