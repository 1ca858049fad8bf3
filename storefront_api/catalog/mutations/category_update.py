from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog import services
from marketplace.catalog.models import Category as CategoryModel
from storefront_api.catalog.mutations.category_create import CategoryInput
from storefront_api.catalog.mutations.common import get_node
from storefront_api.catalog.permissions import require, scope_of
from storefront_api.catalog.types.categories import Category
from storefront_api.catalog.types.errors import ProductError
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class CategoryUpdate(BaseMutation):
    category = graphene.Field(Category, description="The updated category.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a category to update.")
        input = CategoryInput(required=True, description="Fields required to update a category.")

    class Meta:
        description = "Updates a category. Requires platform staff."
        error_type_class = ProductError
        error_type_field = "product_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: dict
    ) -> CategoryUpdate:
        require(scope_of(info.context).platform_staff)
        category = get_node(CategoryModel.objects.all(), id, only_type="Category", field="id")
        changes: dict[str, Any] = {}
        for field in ("name", "slug", "description", "background_image_alt"):
            if field in input:
                value = input[field]
                changes[field] = "" if value is None and field != "description" else value
        category = services.category_update(category=category, **changes)
        return cls(category=category)
