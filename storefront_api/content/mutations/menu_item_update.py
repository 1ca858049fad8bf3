from __future__ import annotations

from typing import Any

import graphene

from marketplace.content import services
from marketplace.content.models import MenuItem as MenuItemModel
from storefront_api.content.mutations.common import (
    MenuError,
    MenuItemInput,
    get_node,
    require_platform_staff,
)
from storefront_api.content.mutations.menu_item_create import item_links
from storefront_api.content.types import MenuItem
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class MenuItemUpdate(BaseMutation):
    menu_item = graphene.Field(MenuItem, description="The updated menu item.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a menu item to update.")
        input = MenuItemInput(
            required=True,
            description="Fields required to update a menu item. Only one of `url`, "
            "`category`, `page`, `collection` is allowed per item.",
        )

    class Meta:
        description = "Updates a menu item. Requires platform staff."
        error_type_class = MenuError
        error_type_field = "menu_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: dict
    ) -> MenuItemUpdate:
        require_platform_staff(info)
        item = get_node(MenuItemModel.objects.all(), id, only_type="MenuItem", field="id")
        fields = item_links(input)
        if "name" in input:
            fields["name"] = input["name"]
        return cls(menu_item=services.menu_item_update(item=item, **fields))
