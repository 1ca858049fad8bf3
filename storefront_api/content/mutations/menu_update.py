from __future__ import annotations

from typing import Any

import graphene

from marketplace.content import services
from marketplace.content.models import Menu as MenuModel
from storefront_api.content.mutations.common import MenuError, get_node, require_platform_staff
from storefront_api.content.types import Menu
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class MenuInput(graphene.InputObjectType):
    name = graphene.String(description="Name of the menu.")
    slug = graphene.String(description="Slug of the menu.")


class MenuUpdate(BaseMutation):
    menu = graphene.Field(Menu, description="The updated menu.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a menu to update.")
        input = MenuInput(required=True, description="Fields required to update a menu.")

    class Meta:
        description = "Updates a menu. Requires platform staff."
        error_type_class = MenuError
        error_type_field = "menu_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: dict
    ) -> MenuUpdate:
        require_platform_staff(info)
        menu = get_node(MenuModel.objects.all(), id, only_type="Menu", field="id")
        return cls(
            menu=services.menu_update(menu=menu, name=input.get("name"), slug=input.get("slug"))
        )
