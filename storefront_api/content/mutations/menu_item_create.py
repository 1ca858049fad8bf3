from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.models import Category as CategoryModel
from marketplace.content import services
from marketplace.content.models import Collection as CollectionModel
from marketplace.content.models import Menu as MenuModel
from marketplace.content.models import MenuItem as MenuItemModel
from marketplace.content.models import Page as PageModel
from storefront_api.content.mutations.common import (
    MenuError,
    MenuItemCreateInput,
    get_node,
    require_platform_staff,
)
from storefront_api.content.types import MenuItem
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters

_LINKS = {
    "category": (CategoryModel, "Category"),
    "collection": (CollectionModel, "Collection"),
    "page": (PageModel, "Page"),
}


def item_links(input: dict[str, Any], *, field: str | None = None) -> dict[str, Any]:
    """The url/category/collection/page of a menu item input, as objects."""
    links: dict[str, Any] = {}
    if "url" in input:
        links["url"] = input["url"]
    for key, (model, type_name) in _LINKS.items():
        if key in input:
            value = input[key]
            links[key] = value and get_node(
                model._default_manager.all(), value, only_type=type_name, field=field or key
            )
    return links


class MenuItemCreate(BaseMutation):
    menu_item = graphene.Field(MenuItem, description="The created menu item.")

    class Arguments:
        input = MenuItemCreateInput(
            required=True,
            description="Fields required to update a menu item. Only one of `url`, "
            "`category`, `page`, `collection` is allowed per item.",
        )

    class Meta:
        description = "Creates a new menu item. Requires platform staff."
        error_type_class = MenuError
        error_type_field = "menu_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: dict
    ) -> MenuItemCreate:
        require_platform_staff(info)
        menu = get_node(MenuModel.objects.all(), input["menu"], only_type="Menu", field="menu")
        parent = None
        if input.get("parent"):
            parent = get_node(
                MenuItemModel.objects.all(), input["parent"], only_type="MenuItem", field="parent"
            )
        item = services.menu_item_create(
            menu=menu, name=input["name"], parent=parent, **item_links(input)
        )
        return cls(menu_item=item)
