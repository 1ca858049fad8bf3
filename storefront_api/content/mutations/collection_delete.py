from __future__ import annotations

from typing import Any

import graphene

from marketplace.content import services
from marketplace.content.models import Collection as CollectionModel
from storefront_api.content.mutations.common import (
    CollectionError,
    get_node,
    require_platform_staff,
)
from storefront_api.content.types import Collection
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class CollectionDelete(BaseMutation):
    collection = graphene.Field(Collection, description="The deleted collection.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a collection to delete.")

    class Meta:
        description = "Deletes a collection. Requires platform staff."
        error_type_class = CollectionError
        error_type_field = "collection_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str
    ) -> CollectionDelete:
        require_platform_staff(info)
        collection = get_node(CollectionModel.objects.all(), id, only_type="Collection", field="id")
        pk = collection.pk
        services.collection_delete(collection=collection)
        collection.pk = pk  # the payload still shows the deleted collection's ID
        return cls(collection=collection)
