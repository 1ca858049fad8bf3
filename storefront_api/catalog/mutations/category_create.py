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


class CategoryInput(graphene.InputObjectType):
    description = graphene.JSONString(description="Category description (EditorJS JSON).")
    name = graphene.String(description="Category name.")
    slug = graphene.String(description="Category slug; made from the name when omitted.")
    background_image_alt = graphene.String(description="Alt text for the background image.")


class CategoryCreate(BaseMutation):
    category = graphene.Field(Category, description="The created category.")

    class Arguments:
        input = CategoryInput(required=True, description="Fields required to create a category.")
        parent = graphene.ID(
            description="ID of the parent category; without it a top-level category is made."
        )

    class Meta:
        description = "Creates a new category. Requires platform staff."
        error_type_class = ProductError
        error_type_field = "product_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: dict, parent: str | None = None
    ) -> CategoryCreate:
        require(scope_of(info.context).platform_staff)
        parent_category = None
        if parent:
            parent_category = get_node(
                CategoryModel.objects.all(), parent, only_type="Category", field="parent"
            )
        category = services.category_create(
            name=input.get("name") or "",
            slug=input.get("slug") or None,
            parent=parent_category,
            description=input.get("description"),
            background_image_alt=input.get("background_image_alt") or "",
        )
        return cls(category=category)
