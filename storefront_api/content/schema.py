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
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from graphql import GraphQLError

from marketplace.channels.models import Channel as ChannelModel
from marketplace.content.models import Menu as MenuModel
from marketplace.content.models import MenuItem as MenuItemModel
from marketplace.content.models import Page as PageModel
from marketplace.content.models import PageType as PageTypeModel
from marketplace.content.selectors import collections_visible_to, pages_visible_to
from storefront_api.catalog.filters import StringFilterInput
from storefront_api.catalog.permissions import scope_of
from storefront_api.catalog.storefront import default_channel_slug
from storefront_api.catalog.translations import language_code_value
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
from storefront_api.core.ids import decode_int_pk
from storefront_api.village_hubs.utils import enum_value

CHANNEL_DESCRIPTION = "Slug of a channel for which the data should be returned."


class CollectionFilterInput(graphene.InputObjectType):
    search = graphene.String(description="Search by name or slug.")
    ids = graphene.List(graphene.NonNull(graphene.ID), description="Collection IDs.")
    slugs = graphene.List(graphene.NonNull(graphene.String), description="Collection slugs.")


class MenuFilterInput(graphene.InputObjectType):
    search = graphene.String(description="Search by name or slug.")
    slug = graphene.List(graphene.NonNull(graphene.String), description="Menu slugs.")
    slugs = graphene.List(graphene.NonNull(graphene.String), description="Menu slugs.")


class MenuItemFilterInput(graphene.InputObjectType):
    search = graphene.String(description="Search by name.")


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


class PageSortField(graphene.Enum):
    TITLE = "title"
    SLUG = "slug"
    VISIBILITY = "is_published"
    CREATION_DATE = "creation_date"
    PUBLICATION_DATE = "publication_date"
    PUBLISHED_AT = "published_at"
    CREATED_AT = "created_at"
    RANK = "rank"

    @property
    def deprecation_reason(self) -> str | None:
        replaced = {"CREATION_DATE": "CREATED_AT", "PUBLICATION_DATE": "PUBLISHED_AT"}
        return f"Use `{replaced[self.name]}` instead." if self.name in replaced else None


class PageSortingInput(graphene.InputObjectType):
    direction = OrderDirection(
        required=True, description="Specifies the direction in which to sort."
    )
    field = PageSortField(required=True, description="Sort pages by the selected field.")


MenuSortField = graphene.Enum(
    "MenuSortField",
    [("NAME", "name"), ("ITEMS_COUNT", "items_count")],
    description="Sort menus by name or by their number of items.",
)


class MenuSortingInput(graphene.InputObjectType):
    direction = OrderDirection(
        required=True, description="Specifies the direction in which to sort."
    )
    field = MenuSortField(required=True, description="Sort menus by the selected field.")


class PageFilterInput(graphene.InputObjectType):
    search = graphene.String(description="Search by title, slug or content.")
    ids = graphene.List(graphene.NonNull(graphene.ID), description="Page IDs.")
    slugs = graphene.List(graphene.NonNull(graphene.String), description="Page slugs.")


class PageWhereInput(graphene.InputObjectType):
    ids = graphene.List(graphene.NonNull(graphene.ID), description="Page IDs.")
    slug = graphene.InputField(StringFilterInput, description="Filter by page slug.")


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


_PAGE_SORT_ALIASES = {"creation_date": "created_at", "publication_date": "published_at"}


def _sorted_pages(
    queryset: QuerySet[PageModel], args: dict[str, Any]
) -> tuple[QuerySet[PageModel], list[str] | None]:
    """Pages in Saleor's ``PageSortField`` order; RANK puts pages whose title matches the
    search first, then those whose slug does (only with a search, as in Saleor)."""
    sort_by = args.get("sort_by")
    if not sort_by:
        return queryset, None
    field = enum_value(sort_by["field"])
    field = _PAGE_SORT_ALIASES.get(field, field)
    search = args.get("search") or (args.get("filter") or {}).get("search")
    if field == "rank":
        if not search:
            raise GraphQLError("Sorting by RANK is available only when using a search filter.")
        queryset = queryset.annotate(
            rank=Case(
                When(title__icontains=search, then=Value(2)),
                When(slug__icontains=search, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    descending = enum_value(sort_by["direction"]) == "desc"
    return queryset, [f"-{field}" if descending else field]


def _ids(values: list[str], type_name: str, field: str) -> list[int]:
    return [decode_int_pk(value, only_type=type_name, field=field) for value in values]


def _mark(objects: list[Any], slug: str | None) -> list[Any]:
    for obj in objects:
        obj.channel_slug = slug
    return objects


def _filter_pages(queryset: QuerySet[PageModel], args: dict[str, Any]) -> QuerySet[PageModel]:
    data = args.get("filter") or {}
    search = args.get("search") or data.get("search")
    if search:
        queryset = queryset.filter(Q(title__icontains=search) | Q(slug__icontains=search))
    if data.get("ids") is not None:
        queryset = queryset.filter(pk__in=_ids(data["ids"], "Page", "ids"))
    if data.get("slugs") is not None:
        queryset = queryset.filter(slug__in=data["slugs"])
    where = args.get("where") or {}
    if where.get("ids") is not None:
        queryset = queryset.filter(pk__in=_ids(where["ids"], "Page", "ids"))
    slug = where.get("slug") or {}
    if slug.get("eq") is not None:
        queryset = queryset.filter(slug=slug["eq"])
    if slug.get("one_of") is not None:
        queryset = queryset.filter(slug__in=slug["one_of"])
    return queryset


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
        channel_obj, channel_slug, found = _channel_for(info, args.get("channel"))
        queryset = collections_visible_to(user=info.context.user, channel=channel_obj)
        if not found:
            queryset = queryset.none()
        data = args.get("filter") or {}
        if data.get("search"):
            text = data["search"]
            queryset = queryset.filter(Q(name__icontains=text) | Q(slug__icontains=text))
        if data.get("ids") is not None:
            queryset = queryset.filter(pk__in=_ids(data["ids"], "Collection", "ids"))
        if data.get("slugs") is not None:
            queryset = queryset.filter(slug__in=data["slugs"])
        connection = resolve_connection(queryset, info, args, CollectionCountableConnection)
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
        connection = resolve_connection(
            queryset, info, args, MenuItemCountableConnection, order_by=_sorted(args, None)
        )
        _mark([edge.node for edge in connection.edges], channel_slug)
        return connection

    @staticmethod
    def resolve_menus(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        _channel, channel_slug, _found = _channel_for(info, args.get("channel"))
        queryset = MenuModel.objects.all()
        data = args.get("filter") or {}
        if data.get("search"):
            text = data["search"]
            queryset = queryset.filter(Q(name__icontains=text) | Q(slug__icontains=text))
        slugs = data.get("slugs") if data.get("slugs") is not None else data.get("slug")
        if slugs is not None:
            queryset = queryset.filter(slug__in=slugs)
        if args.get("sort_by") and enum_value(args["sort_by"]["field"]) == "items_count":
            queryset = queryset.annotate(items_count=Count("items"))
        connection = resolve_connection(
            queryset, info, args, MenuCountableConnection, order_by=_sorted(args, None)
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
        queryset = _filter_pages(pages_visible_to(user=info.context.user), args)
        queryset, order_by = _sorted_pages(queryset, args)
        return resolve_connection(queryset, info, args, PageCountableConnection, order_by=order_by)


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
