from __future__ import annotations

from typing import Any

import graphene

from marketplace.content import services
from storefront_api.content.mutations.common import (
    MenuError,
    MenuItemInput,
    require_platform_staff,
)
from storefront_api.content.mutations.menu_item_create import item_links
from storefront_api.content.types import Menu
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class MenuCreateInput(graphene.InputObjectType):
    name = graphene.String(required=True, description="Name of the menu.")
    slug = graphene.String(description="Slug of the menu. Will be generated if not provided.")
    items = graphene.List(graphene.NonNull(MenuItemInput), description="List of menu items.")


class MenuCreate(BaseMutation):
    menu = graphene.Field(Menu, description="The created menu.")

    class Arguments:
        input = MenuCreateInput(required=True, description="Fields required to create a menu.")

    class Meta:
        description = "Creates a new Menu. Requires platform staff."
        error_type_class = MenuError
        error_type_field = "menu_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: dict
    ) -> MenuCreate:
        require_platform_staff(info)
        menu = services.menu_create(name=input["name"], slug=input.get("slug"))
        for item in input.get("items") or []:
            services.menu_item_create(
                menu=menu, name=item.get("name") or "", **item_links(item, field="items")
            )
        return cls(menu=menu)
