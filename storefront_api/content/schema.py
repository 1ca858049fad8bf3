"""Root fields of storefront content: Saleor's collection, menu and page queries and
their management mutations (platform staff only).

Visibility: collections where published in the requested channel (everyone) or
everywhere (platform staff); pages when published (everyone) or always (platform
staff); menus are public, and their items hide collections and pages the viewer may
not see. Without ``channel``, anonymous and customer requests use Saleor's default
channel rule (the only channel, else an error).
"""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Q

from marketplace.channels.models import Channel as ChannelModel
from marketplace.content.models import Menu as MenuModel
from marketplace.content.models import MenuItem as MenuItemModel
from marketplace.content.models import PageType as PageTypeModel
from marketplace.content.selectors import collections_visible_to, pages_visible_to
from storefront_api.catalog.filters import ChannelScope, where_ids_q
from storefront_api.catalog.permissions import scope_of
from storefront_api.catalog.storefront import default_channel_slug
from storefront_api.catalog.translations import language_code_value
from storefront_api.content.collection_filters import (
    CollectionFilterInput,
    CollectionSortingInput,
    CollectionWhereInput,
    filter_collections,
    sort_collections,
)
from storefront_api.content.mutations.collection_channel_listing_update import (
    CollectionChannelListingUpdate,
)
from storefront_api.content.mutations.collection_create import CollectionCreate
from storefront_api.content.mutations.collection_delete import CollectionDelete
from storefront_api.content.mutations.collection_products import (
    CollectionAddProducts,
    CollectionRemoveProducts,
)
from storefront_api.content.mutations.collection_update import CollectionUpdate
from storefront_api.content.mutations.menu_create import MenuCreate
from storefront_api.content.mutations.menu_delete import MenuDelete
from storefront_api.content.mutations.menu_item_create import MenuItemCreate
from storefront_api.content.mutations.menu_item_delete import MenuItemDelete
from storefront_api.content.mutations.menu_item_update import MenuItemUpdate
from storefront_api.content.mutations.menu_update import MenuUpdate
from storefront_api.content.mutations.page_create import PageCreate
from storefront_api.content.mutations.page_delete import PageDelete
from storefront_api.content.mutations.page_update import PageUpdate
from storefront_api.content.page_menu_filters import (
    MenuFilterInput,
    MenuSortingInput,
    PageFilterInput,
    PageSortingInput,
    PageWhereInput,
    filter_menus,
    filter_pages,
    page_order_by,
    page_where_q,
    sort_menus,
)
from storefront_api.content.types import (
    Collection,
    CollectionCountableConnection,
    Menu,
    MenuCountableConnection,
    MenuItem,
    MenuItemCountableConnection,
    Page,
    PageCountableConnection,
    PageType,
    PageTypeCountableConnection,
)
from storefront_api.core.connection import resolve_connection
from storefront_api.core.enums import LanguageCodeEnum, OrderDirection
from storefront_api.core.filter_inputs import MetadataFilter, check_one_filter_argument, metadata_q
from storefront_api.core.ids import decode_int_pk
from storefront_api.village_hubs.utils import enum_value

CHANNEL_DESCRIPTION = "Slug of a channel for which the data should be returned."


class MenuItemFilterInput(graphene.InputObjectType):
    search = graphene.String(description="Search by name.")
    metadata = graphene.List(
        graphene.NonNull(MetadataFilter),
        description="Filter by metadata (menu items carry none: a condition matches none).",
    )


MenuItemsSortField = graphene.Enum(
    "MenuItemsSortField", [("NAME", "name")], description="Sort menu items by name."
)


class MenuItemSortingInput(graphene.InputObjectType):
    direction = OrderDirection(
        required=True, description="Specifies the direction in which to sort."
    )
    field = MenuItemsSortField(required=True, description="Sort menu items by the selected field.")


class PageTypeFilterInput(graphene.InputObjectType):
    search = graphene.String(description="Search by name or slug.")
    slugs = graphene.List(graphene.NonNull(graphene.String), description="Page type slugs.")


PageTypeSortField = graphene.Enum(
    "PageTypeSortField",
    [("NAME", "name"), ("SLUG", "slug")],
    description="Sort page types by name or slug.",
)


class PageTypeSortingInput(graphene.InputObjectType):
    direction = OrderDirection(
        required=True, description="Specifies the direction in which to sort."
    )
    field = PageTypeSortField(required=True, description="Sort page types by the selected field.")


def _channel_for(
    info: graphene.ResolveInfo, slug: str | None
) -> tuple[ChannelModel | None, str | None, bool]:
    """(channel, slug, found) with Saleor's default-channel rule for non-staff."""
    if not slug and not scope_of(info.context).platform_staff:
        slug = default_channel_slug()
    if not slug:
        return None, None, True
    channel = ChannelModel.objects.filter(slug=slug).first()
    return channel, slug, channel is not None


def _sorted(args: dict[str, Any], default: str | None) -> list[str] | None:
    """``order_by`` for a ``sortBy`` argument (``{field, direction}``), else ``default``."""
    sort_by = args.get("sort_by")
    if not sort_by:
        return [default] if default else None
    field = enum_value(sort_by["field"])
    return [f"-{field}" if enum_value(sort_by["direction"]) == "desc" else field]


def _ids(values: list[str], type_name: str, field: str) -> list[int]:
    return [decode_int_pk(value, only_type=type_name, field=field) for value in values]


def _mark(objects: list[Any], slug: str | None) -> list[Any]:
    for obj in objects:
        obj.channel_slug = slug
    return objects


class ContentQueries(graphene.ObjectType):
    collection = graphene.Field(
        Collection,
        id=graphene.ID(description="ID of the collection."),
        slug=graphene.String(description="Slug of the collection"),
        slug_language_code=graphene.Argument(
            LanguageCodeEnum, description="Language code of the collection slug to query."
        ),
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        description="Look up a collection by ID or slug.",
    )
    collections = graphene.ConnectionField(
        CollectionCountableConnection,
        filter=graphene.Argument(CollectionFilterInput, description="Filtering options."),
        where=graphene.Argument(CollectionWhereInput, description="Where filtering options."),
        sort_by=graphene.Argument(CollectionSortingInput, description="Sort collections."),
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        description="List of the shop's collections.",
    )
    menu = graphene.Field(
        Menu,
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        id=graphene.ID(description="ID of the menu."),
        name=graphene.String(description="The menu's name."),
        slug=graphene.String(description="The menu's slug."),
        description="Look up a navigation menu by ID or name.",
    )
    page_type = graphene.Field(
        PageType,
        id=graphene.ID(required=True, description="ID of the page type."),
        description="Look up a page type by ID.",
    )
    page_types = graphene.ConnectionField(
        PageTypeCountableConnection,
        sort_by=graphene.Argument(PageTypeSortingInput, description="Sort page types."),
        filter=graphene.Argument(
            PageTypeFilterInput, description="Filtering options for page types."
        ),
        description="List of the page types.",
    )
    menu_item = graphene.Field(
        MenuItem,
        id=graphene.ID(required=True, description="ID of the menu item."),
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        description="Look up a menu item by ID.",
    )
    menu_items = graphene.ConnectionField(
        MenuItemCountableConnection,
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        sort_by=graphene.Argument(MenuItemSortingInput, description="Sort menus items."),
        filter=graphene.Argument(
            MenuItemFilterInput, description="Filtering options for menu items."
        ),
        description="List of the storefronts's menu items.",
    )
    menus = graphene.ConnectionField(
        MenuCountableConnection,
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        filter=graphene.Argument(MenuFilterInput, description="Filtering options for menus."),
        sort_by=graphene.Argument(MenuSortingInput, description="Sort menus."),
        description="List of the storefront's menus.",
    )
    page = graphene.Field(
        Page,
        id=graphene.ID(description="ID of the page."),
        slug=graphene.String(description="The slug of the page."),
        slug_language_code=graphene.Argument(
            LanguageCodeEnum, description="Language code of the page slug to query."
        ),
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        description="Look up a page by ID or slug.",
    )
    pages = graphene.ConnectionField(
        PageCountableConnection,
        filter=graphene.Argument(PageFilterInput, description="Filtering options for pages."),
        search=graphene.String(description="Search pages."),
        where=graphene.Argument(PageWhereInput, description="Where filtering options for pages."),
        sort_by=graphene.Argument(PageSortingInput, description="Sort pages."),
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        description="List of the shop's pages.",
    )

    @staticmethod
    def resolve_collection(
        root: Any,
        info: graphene.ResolveInfo,
        id: str | None = None,
        slug: str | None = None,
        slug_language_code: Any = None,
        channel: str | None = None,
    ) -> Any:
        channel_obj, channel_slug, found = _channel_for(info, channel)
        if not found:
            return None
        queryset = collections_visible_to(user=info.context.user, channel=channel_obj)
        if id:
            queryset = queryset.filter(pk=decode_int_pk(id, only_type="Collection"))
        elif slug and slug_language_code:
            queryset = queryset.filter(
                translations__language_code=language_code_value(slug_language_code),
                translations__slug=slug,
            )
        elif slug:
            queryset = queryset.filter(slug=slug)
        else:
            return None
        return next(iter(_mark(list(queryset[:1]), channel_slug)), None)

    @staticmethod
    def resolve_collections(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        check_one_filter_argument(args)
        channel_obj, channel_slug, found = _channel_for(info, args.get("channel"))
        queryset = collections_visible_to(user=info.context.user, channel=channel_obj)
        if not found:
            queryset = queryset.none()
        data = args.get("filter") or {}
        scope = ChannelScope(channel_slug or data.get("channel"))
        queryset = filter_collections(queryset, data, channel=scope)
        queryset = queryset.filter(where_ids_q(args.get("where"), "Collection", has_metadata=False))
        queryset, order_by = sort_collections(queryset, args.get("sort_by"), channel=scope)
        connection = resolve_connection(
            queryset, info, args, CollectionCountableConnection, order_by=order_by
        )
        _mark([edge.node for edge in connection.edges], channel_slug)
        return connection

    @staticmethod
    def resolve_menu(
        root: Any,
        info: graphene.ResolveInfo,
        channel: str | None = None,
        id: str | None = None,
        name: str | None = None,
        slug: str | None = None,
    ) -> Any:
        _channel, channel_slug, _found = _channel_for(info, channel)
        menus = MenuModel.objects.all()
        if id:
            menu = menus.filter(pk=decode_int_pk(id, only_type="Menu")).first()
        elif name:
            menu = menus.filter(name=name).first()
        elif slug:
            menu = menus.filter(slug=slug).first()
        else:
            return None
        return next(iter(_mark([menu] if menu else [], channel_slug)), None)

    @staticmethod
    def resolve_page_type(root: Any, info: graphene.ResolveInfo, *, id: str) -> Any:
        return PageTypeModel.objects.filter(pk=decode_int_pk(id, only_type="PageType")).first()

    @staticmethod
    def resolve_page_types(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        queryset = PageTypeModel.objects.all()
        data = args.get("filter") or {}
        if data.get("search"):
            text = data["search"]
            queryset = queryset.filter(Q(name__icontains=text) | Q(slug__icontains=text))
        if data.get("slugs") is not None:
            queryset = queryset.filter(slug__in=data["slugs"])
        return resolve_connection(
            queryset, info, args, PageTypeCountableConnection, order_by=_sorted(args, "name")
        )

    @staticmethod
    def resolve_menu_item(
        root: Any, info: graphene.ResolveInfo, *, id: str, channel: str | None = None
    ) -> Any:
        _channel, channel_slug, _found = _channel_for(info, channel)
        item = MenuItemModel.objects.filter(pk=decode_int_pk(id, only_type="MenuItem")).first()
        return next(iter(_mark([item] if item else [], channel_slug)), None)

    @staticmethod
    def resolve_menu_items(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        _channel, channel_slug, _found = _channel_for(info, args.get("channel"))
        queryset = MenuItemModel.objects.all()
        search = (args.get("filter") or {}).get("search")
        if search:
            queryset = queryset.filter(name__icontains=search)
        metadata = (args.get("filter") or {}).get("metadata")
        queryset = queryset.filter(metadata_q(metadata, has_metadata=False))
        connection = resolve_connection(
            queryset, info, args, MenuItemCountableConnection, order_by=_sorted(args, None)
        )
        _mark([edge.node for edge in connection.edges], channel_slug)
        return connection

    @staticmethod
    def resolve_menus(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        _channel, channel_slug, _found = _channel_for(info, args.get("channel"))
        queryset = filter_menus(MenuModel.objects.all(), args.get("filter"))
        queryset, order_by = sort_menus(queryset, args.get("sort_by"))
        connection = resolve_connection(
            queryset, info, args, MenuCountableConnection, order_by=order_by
        )
        _mark([edge.node for edge in connection.edges], channel_slug)
        return connection

    @staticmethod
    def resolve_page(
        root: Any,
        info: graphene.ResolveInfo,
        id: str | None = None,
        slug: str | None = None,
        slug_language_code: Any = None,
        channel: str | None = None,
    ) -> Any:
        queryset = pages_visible_to(user=info.context.user)
        if id:
            return queryset.filter(pk=decode_int_pk(id, only_type="Page")).first()
        if slug and slug_language_code:
            return queryset.filter(
                translations__language_code=language_code_value(slug_language_code),
                translations__slug=slug,
            ).first()
        if slug:
            return queryset.filter(slug=slug).first()
        return None

    @staticmethod
    def resolve_pages(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        check_one_filter_argument(args)
        queryset = filter_pages(pages_visible_to(user=info.context.user), args)
        queryset = queryset.filter(page_where_q(args.get("where")))
        return resolve_connection(
            queryset, info, args, PageCountableConnection, order_by=page_order_by(args)
        )


class ContentMutations(graphene.ObjectType):
    collection_create = CollectionCreate.Field()
    collection_update = CollectionUpdate.Field()
    collection_delete = CollectionDelete.Field()
    collection_add_products = CollectionAddProducts.Field()
    collection_remove_products = CollectionRemoveProducts.Field()
    collection_channel_listing_update = CollectionChannelListingUpdate.Field()
    menu_create = MenuCreate.Field()
    menu_update = MenuUpdate.Field()
    menu_delete = MenuDelete.Field()
    menu_item_create = MenuItemCreate.Field()
    menu_item_update = MenuItemUpdate.Field()
    menu_item_delete = MenuItemDelete.Field()
    page_create = PageCreate.Field()
    page_update = PageUpdate.Field()
    page_delete = PageDelete.Field()
