from __future__ import annotations

from typing import Any

import graphene

from marketplace.content import services
from marketplace.content.models import Page as PageModel
from storefront_api.content.mutations.common import PageError, get_node, require_platform_staff
from storefront_api.content.types import Page
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class PageDelete(BaseMutation):
    page = graphene.Field(Page, description="The deleted page.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a page to delete.")

    class Meta:
        description = "Deletes a page. Requires platform staff."
        error_type_class = PageError
        error_type_field = "page_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, /, *, id: str) -> PageDelete:
        require_platform_staff(info)
        page = get_node(PageModel.objects.all(), id, only_type="Page", field="id")
        pk = page.pk
        services.page_delete(page=page)
        page.pk = pk
        return cls(page=page)
