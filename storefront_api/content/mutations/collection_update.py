from __future__ import annotations

from typing import Any

import graphene

from marketplace.content import services
from marketplace.content.models import Collection as CollectionModel
from storefront_api.content.mutations.collection_create import collection_fields
from storefront_api.content.mutations.common import (
    CollectionError,
    CollectionInput,
    get_node,
    require_platform_staff,
)
from storefront_api.content.types import Collection
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class CollectionUpdate(BaseMutation):
    collection = graphene.Field(Collection, description="The updated collection.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a collection to update.")
        input = CollectionInput(
            required=True, description="Fields required to update a collection."
        )

    class Meta:
        description = "Updates a collection. Requires platform staff."
        error_type_class = CollectionError
        error_type_field = "collection_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: dict
    ) -> CollectionUpdate:
        require_platform_staff(info)
        collection = get_node(CollectionModel.objects.all(), id, only_type="Collection", field="id")
        return cls(
            collection=services.collection_update(collection=collection, **collection_fields(input))
        )
