from __future__ import annotations

from typing import Any

import graphene

from marketplace.content import services
from marketplace.content.models import Menu as MenuModel
from storefront_api.content.mutations.common import MenuError, get_node, require_platform_staff
from storefront_api.content.types import Menu
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class MenuDelete(BaseMutation):
    menu = graphene.Field(Menu, description="The deleted menu.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a menu to delete.")

    class Meta:
        description = "Deletes a menu. Requires platform staff."
        error_type_class = MenuError
        error_type_field = "menu_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, /, *, id: str) -> MenuDelete:
        require_platform_staff(info)
        menu = get_node(MenuModel.objects.all(), id, only_type="Menu", field="id")
        pk = menu.pk
        services.menu_delete(menu=menu)
        menu.pk = pk
        return cls(menu=menu)
