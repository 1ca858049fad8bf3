from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog import attributes as attribute_services
from storefront_api.catalog.mutations.attribute_common import AttributeError
from storefront_api.catalog.mutations.attribute_update import attribute_to_manage
from storefront_api.catalog.types.attributes import Attribute
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class AttributeDelete(BaseMutation):
    attribute = graphene.Field(Attribute, description="The deleted attribute.")

    class Arguments:
        id = graphene.ID(description="ID of an attribute to delete.")
        external_reference = graphene.String(description="External ID of an attribute to delete.")

    class Meta:
        description = (
            "Deletes an attribute with its values; products and variants lose them. "
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
    ) -> AttributeDelete:
        attribute = attribute_to_manage(info, id, external_reference)
        pk = attribute.pk
        attribute_services.attribute_delete(attribute=attribute)
        attribute.pk = pk  # the payload still names the deleted attribute
        return cls(attribute=attribute)
