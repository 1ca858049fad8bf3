from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog import services
from marketplace.catalog.models import Category as CategoryModel
from storefront_api.catalog.mutations.common import get_node
from storefront_api.catalog.permissions import require, scope_of
from storefront_api.catalog.types.categories import Category
from storefront_api.catalog.types.errors import ProductError
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class CategoryDelete(BaseMutation):
    category = graphene.Field(Category, description="The deleted category.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a category to delete.")

    class Meta:
        description = (
            "Deletes a category with its subcategories; their products are unpublished. "
            "Requires platform staff."
        )
        error_type_class = ProductError
        error_type_field = "product_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str
    ) -> CategoryDelete:
        require(scope_of(info.context).platform_staff)
        category = get_node(CategoryModel.objects.all(), id, only_type="Category", field="id")
        pk = category.pk
        services.category_delete(category=category)
        category.pk = pk  # the payload still names the deleted category
        return cls(category=category)
