from __future__ import annotations

from typing import Any

import graphene

from marketplace.content import services
from marketplace.content.models import Page as PageModel
from storefront_api.content.mutations.common import (
    PageError,
    PageInput,
    get_node,
    require_platform_staff,
)
from storefront_api.content.mutations.page_create import page_fields
from storefront_api.content.types import Page
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class PageUpdate(BaseMutation):
    page = graphene.Field(Page, description="The updated page.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a page to update.")
        input = PageInput(required=True, description="Fields required to update a page.")

    class Meta:
        description = "Updates an existing page. Requires platform staff."
        error_type_class = PageError
        error_type_field = "page_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: dict
    ) -> PageUpdate:
        require_platform_staff(info)
        page = get_node(PageModel.objects.all(), id, only_type="Page", field="id")
        return cls(page=services.page_update(page=page, **page_fields(input)))
