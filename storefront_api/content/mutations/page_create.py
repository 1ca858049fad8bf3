from __future__ import annotations

from typing import Any

import graphene

from marketplace.content import services
from marketplace.content.models import PageType as PageTypeModel
from storefront_api.content.mutations.common import (
    PageCreateInput,
    PageError,
    get_node,
    require_platform_staff,
    seo_fields,
)
from storefront_api.content.types import Page
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


def page_fields(input: dict[str, Any]) -> dict[str, Any]:
    fields = {
        key: input[key]
        for key in ("slug", "title", "content", "is_published", "published_at")
        if key in input
    }
    return {**fields, **seo_fields(input)}


class PageCreate(BaseMutation):
    page = graphene.Field(Page, description="The created page.")

    class Arguments:
        input = PageCreateInput(required=True, description="Fields required to create a page.")

    class Meta:
        description = "Creates a new page. Requires platform staff."
        error_type_class = PageError
        error_type_field = "page_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: dict
    ) -> PageCreate:
        require_platform_staff(info)
        page_type = get_node(
            PageTypeModel.objects.all(), input["page_type"], only_type="PageType", field="pageType"
        )
        fields = page_fields(input)
        title = fields.pop("title", None) or ""
        return cls(page=services.page_create(page_type=page_type, title=title, **fields))
