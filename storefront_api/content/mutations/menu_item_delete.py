from __future__ import annotations

from typing import Any

import graphene

from marketplace.content import services
from marketplace.content.models import MenuItem as MenuItemModel
from storefront_api.content.mutations.common import MenuError, get_node, require_platform_staff
from storefront_api.content.types import MenuItem
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class MenuItemDelete(BaseMutation):
    menu_item = graphene.Field(MenuItem, description="The deleted menu item.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a menu item to delete.")

    class Meta:
        description = "Deletes a menu item. Requires platform staff."
        error_type_class = MenuError
        error_type_field = "menu_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str
    ) -> MenuItemDelete:
        require_platform_staff(info)
        item = get_node(MenuItemModel.objects.all(), id, only_type="MenuItem", field="id")
        pk = item.pk
        services.menu_item_delete(item=item)
        item.pk = pk
        return cls(menu_item=item)
