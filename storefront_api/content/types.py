"""Saleor's collection, menu and page types."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.content.models import Collection as CollectionModel
from marketplace.content.models import CollectionChannelListing as CollectionChannelListingModel
from marketplace.content.models import CollectionTranslation as CollectionTranslationModel
from marketplace.content.models import Menu as MenuModel
from marketplace.content.models import MenuItem as MenuItemModel
from marketplace.content.models import MenuItemTranslation as MenuItemTranslationModel
from marketplace.content.models import Page as PageModel
from marketplace.content.models import PageTranslation as PageTranslationModel
from marketplace.content.models import PageType as PageTypeModel
from storefront_api.catalog.assigned_attributes import AssignedAttribute
from storefront_api.catalog.dataloaders import CategoryByIdLoader
from storefront_api.catalog.filters import ProductFilterInput, ProductWhereInput
from storefront_api.catalog.permissions import require, scope_of
from storefront_api.catalog.sorters import ProductOrder
from storefront_api.catalog.storefront import SelectedAttribute
from storefront_api.catalog.translations import (
    LanguageDisplay,
    language_code_value,
    language_name,
    seo_description,
)
from storefront_api.catalog.types.categories import Category
from storefront_api.catalog.types.common import absolute_url
from storefront_api.catalog.types.product_types import ProductType
from storefront_api.catalog.types.products import ProductCountableConnection
from storefront_api.channels.dataloaders import ChannelByIdLoader
from storefront_api.channels.types import Channel
from storefront_api.content.dataloaders import (
    CollectionListingsByCollectionIdLoader,
    CollectionTranslationLoader,
    MenuItemChildrenLoader,
    MenuItemTranslationLoader,
    PageTranslationLoader,
    PageTypeByIdLoader,
    RootMenuItemsByMenuIdLoader,
    VisibleCollectionLoader,
    VisiblePageLoader,
)
from storefront_api.content.translatable_content import (
    remember_original,
    translatable_content_field,
)
from storefront_api.core.connection import CountableConnection
from storefront_api.core.enums import LanguageCodeEnum, ThumbnailFormatEnum
from storefront_api.core.metadata import NoStoredMetadata
from storefront_api.core.scalars import PositiveInt
from storefront_api.core.types import Image

LANGUAGE_ARG = {
    "language_code": graphene.Argument(
        LanguageCodeEnum,
        required=True,
        description="A language code to return the translation for.",
    )
}


def _language(root: Any) -> dict[str, Any]:
    return {"code": root.language_code, "language": language_name(root.language_code)}


def _translation(loader: type, info: graphene.ResolveInfo, obj: Any, language_code: Any) -> Any:
    code = language_code_value(language_code)
    row = loader(info.context).load_from(obj, key=lambda o: (o.pk, code))
    return remember_original(row, obj)


# --- collections -------------------------------------------------------------------------


class CollectionTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True, description="Translation language.")
    seo_title = graphene.String(description="Translated SEO title.")
    seo_description = graphene.String(description="Translated SEO description.")
    slug = graphene.String(description="Translated slug.")
    name = graphene.String(description="Translated name.")
    description = graphene.JSONString(description="Translated description (EditorJS).")
    description_json = graphene.JSONString(
        description="Translated description (EditorJS).",
        deprecation_reason="Use the `description` field instead.",
        resolver=lambda root, info: root.description,
    )
    translatable_content = translatable_content_field(
        "storefront_api.content.translatable_content.CollectionTranslatableContent"
    )

    class Meta:
        description = "Represents collection translations."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, CollectionTranslationModel)

    @staticmethod
    def resolve_language(root: Any, info: graphene.ResolveInfo) -> dict[str, Any]:
        return _language(root)


class CollectionChannelListing(graphene.ObjectType):
    published_at = graphene.DateTime(description="When the collection is (or was) published.")
    is_published = graphene.Boolean(
        required=True, description="Whether the collection is published in the channel."
    )
    channel = graphene.Field(Channel, required=True, description="The channel.")

    class Meta:
        description = "Represents collection channel listing."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, CollectionChannelListingModel)

    @staticmethod
    def resolve_channel(root: Any, info: graphene.ResolveInfo) -> Any:
        return ChannelByIdLoader(info.context).load_from(root, key=lambda obj: obj.channel_id)


class Collection(NoStoredMetadata, graphene.ObjectType):
    seo_title = graphene.String(description="SEO title; the name when not set.")
    seo_description = graphene.String(description="SEO description.")
    name = graphene.String(required=True, description="Name of the collection.")
    description = graphene.JSONString(description="Description of the collection (EditorJS).")
    description_json = graphene.JSONString(
        description="Description of the collection (EditorJS).",
        deprecation_reason="Use the `description` field instead.",
        resolver=lambda root, info: root.description,
    )
    slug = graphene.String(required=True, description="Slug of the collection.")
    channel = graphene.String(description="Slug of the channel the collection was asked for in.")
    products = graphene.ConnectionField(
        ProductCountableConnection,
        filter=graphene.Argument(ProductFilterInput, description="Filtering options for products."),
        where=graphene.Argument(ProductWhereInput, description="Where filtering options."),
        search=graphene.String(description="Search products."),
        sort_by=graphene.Argument(ProductOrder, description="Sort products."),
        description="List of products in this collection.",
    )
    background_image = graphene.Field(
        Image,
        size=graphene.Int(description="Ignored: the original image is returned."),
        format=ThumbnailFormatEnum(
            default_value="original", description="Ignored: the original image is returned."
        ),
        description="Background image of the collection.",
    )
    translation = graphene.Field(
        CollectionTranslation,
        **LANGUAGE_ARG,
        description="Returns translated collection fields for the given language code.",
    )
    channel_listings = graphene.List(
        graphene.NonNull(CollectionChannelListing),
        description="List of channels in which the collection is available. Requires "
        "platform staff.",
    )

    class Meta:
        description = "Represents a collection of products."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, CollectionModel)

    @staticmethod
    def resolve_seo_title(root: CollectionModel, info: graphene.ResolveInfo) -> str:
        return root.seo_title or root.name

    @staticmethod
    def resolve_seo_description(root: CollectionModel, info: graphene.ResolveInfo) -> str:
        return root.seo_description or seo_description(root.description_plaintext)

    @staticmethod
    def resolve_channel(root: CollectionModel, info: graphene.ResolveInfo) -> str | None:
        return getattr(root, "channel_slug", None)

    @staticmethod
    def resolve_products(root: CollectionModel, info: graphene.ResolveInfo, **args: Any) -> Any:
        from storefront_api.catalog.schema import resolve_products

        channel = getattr(root, "channel_slug", None)
        return resolve_products(info, {**args, "channel": channel}, collection=root)

    @staticmethod
    def resolve_background_image(
        root: CollectionModel, info: graphene.ResolveInfo, **_args: Any
    ) -> dict[str, Any] | None:
        if not root.background_image:
            return None
        return {"url": absolute_url(root.background_image.url), "alt": root.background_image_alt}

    @staticmethod
    def resolve_translation(
        root: CollectionModel, info: graphene.ResolveInfo, language_code: Any
    ) -> Any:
        return _translation(CollectionTranslationLoader, info, root, language_code)

    @staticmethod
    def resolve_channel_listings(root: CollectionModel, info: graphene.ResolveInfo) -> Any:
        require(scope_of(info.context).platform_staff)
        return CollectionListingsByCollectionIdLoader(info.context).load_from(
            root, key=lambda c: c.pk
        )


class CollectionCountableConnection(CountableConnection):
    class Meta:
        node = Collection


# --- pages -------------------------------------------------------------------------------


class PageType(NoStoredMetadata, graphene.ObjectType):
    name = graphene.String(required=True, description="Name of the page type.")
    slug = graphene.String(required=True, description="Slug of the page type.")
    attributes = graphene.List(
        graphene.NonNull("storefront_api.catalog.types.attributes.Attribute"),
        description="Page attributes of that page type (Lumbung's pages have none).",
        resolver=lambda root, info: [],
    )

    class Meta:
        description = "Represents a type of page. It defines what attributes are available."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, PageTypeModel)


class ReferenceType(graphene.Union):
    class Meta:
        description = (
            "The reference types (product or page type) that are used to narrow down the "
            "choices of reference objects."
        )
        types = (ProductType, PageType)

    @classmethod
    def resolve_type(cls, instance: Any, info: graphene.ResolveInfo) -> Any:
        return PageType if isinstance(instance, PageTypeModel) else ProductType


class PageTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True, description="Translation language.")
    seo_title = graphene.String(description="Translated SEO title.")
    seo_description = graphene.String(description="Translated SEO description.")
    slug = graphene.String(description="Translated slug.")
    title = graphene.String(description="Translated page title.")
    content = graphene.JSONString(description="Translated content (EditorJS).")
    content_json = graphene.JSONString(
        description="Translated page content (EditorJS).",
        deprecation_reason="Use the `content` field instead.",
        resolver=lambda root, info: root.content,
    )
    translatable_content = translatable_content_field(
        "storefront_api.content.translatable_content.PageTranslatableContent"
    )

    class Meta:
        description = "Represents page translations."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, PageTranslationModel)

    @staticmethod
    def resolve_language(root: Any, info: graphene.ResolveInfo) -> dict[str, Any]:
        return _language(root)


class Page(NoStoredMetadata, graphene.ObjectType):
    seo_title = graphene.String(description="SEO title; the title when not set.")
    seo_description = graphene.String(description="SEO description.")
    title = graphene.String(required=True, description="Title of the page.")
    content = graphene.JSONString(description="Content of the page (EditorJS).")
    content_json = graphene.JSONString(
        required=True,
        description="Content of the page (EditorJS).",
        deprecation_reason="Use the `content` field instead.",
        resolver=lambda root, info: root.content or {},
    )
    published_at = graphene.DateTime(description="The page publication date.")
    publication_date = graphene.Date(
        description="The page publication date.",
        deprecation_reason="Use the `publishedAt` field to fetch the publication date.",
        resolver=lambda root, info: root.published_at.date() if root.published_at else None,
    )
    attribute = graphene.Field(
        SelectedAttribute,
        slug=graphene.String(required=True, description="Slug of the attribute"),
        description="Get a single attribute attached to page by attribute slug (pages have "
        "no attributes in Lumbung: null).",
        deprecation_reason="Use the `assignedAttribute` field instead.",
        resolver=lambda root, info, slug: None,
    )
    is_published = graphene.Boolean(required=True, description="Whether the page is published.")
    slug = graphene.String(required=True, description="Slug of the page.")
    page_type = graphene.Field(PageType, required=True, description="Determines the type of page.")
    created = graphene.DateTime(
        required=True, description="Date and time at which page was created."
    )
    translation = graphene.Field(
        PageTranslation,
        **LANGUAGE_ARG,
        description="Returns translated page fields for the given language code.",
    )
    assigned_attribute = graphene.Field(
        AssignedAttribute,
        slug=graphene.String(required=True, description="Slug of the attribute"),
        description="Get a single attribute attached to page by attribute slug (none yet).",
    )
    assigned_attributes = graphene.NonNull(
        graphene.List(graphene.NonNull(AssignedAttribute)),
        limit=PositiveInt(default_value=100, description="Maximum number of attributes to return."),
        description="List of attributes assigned to this page (none yet).",
    )
    attributes = graphene.List(
        graphene.NonNull(SelectedAttribute),
        required=True,
        description="List of attributes assigned to this page (none yet).",
        deprecation_reason="Use `assignedAttributes` field instead.",
    )

    class Meta:
        description = "A static page that can be manually added by a shop operator."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, PageModel)

    @staticmethod
    def resolve_seo_title(root: PageModel, info: graphene.ResolveInfo) -> str:
        return root.seo_title or root.title

    @staticmethod
    def resolve_seo_description(root: PageModel, info: graphene.ResolveInfo) -> str:
        return root.seo_description

    @staticmethod
    def resolve_created(root: PageModel, info: graphene.ResolveInfo) -> Any:
        return root.created_at

    @staticmethod
    def resolve_page_type(root: PageModel, info: graphene.ResolveInfo) -> Any:
        return PageTypeByIdLoader(info.context).load_from(root, key=lambda p: p.page_type_id)

    @staticmethod
    def resolve_translation(root: PageModel, info: graphene.ResolveInfo, language_code: Any) -> Any:
        return _translation(PageTranslationLoader, info, root, language_code)

    @staticmethod
    def resolve_attributes(root: PageModel, info: graphene.ResolveInfo) -> list[Any]:
        return []

    @staticmethod
    def resolve_assigned_attribute(root: PageModel, info: graphene.ResolveInfo, slug: str) -> None:
        return None

    @staticmethod
    def resolve_assigned_attributes(root: PageModel, info: graphene.ResolveInfo, **_: Any) -> list:
        return []


class PageCountableConnection(CountableConnection):
    class Meta:
        node = Page


# --- menus -------------------------------------------------------------------------------


class MenuItemTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True, description="Translation language.")
    name = graphene.String(required=True, description="Translated menu item name.")
    translatable_content = translatable_content_field(
        "storefront_api.content.translatable_content.MenuItemTranslatableContent"
    )

    class Meta:
        description = "Represents menu item translations."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, MenuItemTranslationModel)

    @staticmethod
    def resolve_language(root: Any, info: graphene.ResolveInfo) -> dict[str, Any]:
        return _language(root)


def _with_channel(items: list[Any], slug: str | None) -> list[Any]:
    for item in items:
        item.channel_slug = slug
    return items


class MenuItem(NoStoredMetadata, graphene.ObjectType):
    name = graphene.String(required=True, description="Name of the menu item.")
    menu = graphene.Field(lambda: Menu, required=True, description="The menu.")
    parent = graphene.Field(lambda: MenuItem, description="The parent item.")
    category = graphene.Field(Category, description="Category the item links to.")
    collection = graphene.Field(
        Collection, description="Collection the item links to, if visible in the channel."
    )
    page = graphene.Field(Page, description="Page the item links to, if published.")
    level = graphene.Int(required=True, description="Depth in the menu; 0 at the top.")
    children = graphene.List(graphene.NonNull(lambda: MenuItem), description="Sub-items.")
    url = graphene.String(description="URL to the menu item.")
    translation = graphene.Field(
        MenuItemTranslation,
        **LANGUAGE_ARG,
        description="Returns translated menu item fields for the given language code.",
    )

    class Meta:
        description = "Represents a single item of the related menu."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, MenuItemModel)

    @staticmethod
    def resolve_menu(root: MenuItemModel, info: graphene.ResolveInfo) -> Any:
        return MenuModel.objects.get(pk=root.menu_id)

    @staticmethod
    def resolve_parent(root: MenuItemModel, info: graphene.ResolveInfo) -> Any:
        return root.parent if root.parent_id else None

    @staticmethod
    def resolve_category(root: MenuItemModel, info: graphene.ResolveInfo) -> Any:
        if root.category_id is None:
            return None
        return CategoryByIdLoader(info.context).load_from(root, key=lambda i: i.category_id)

    @staticmethod
    def resolve_collection(root: MenuItemModel, info: graphene.ResolveInfo) -> Any:
        if root.collection_id is None:
            return None
        slug = getattr(root, "channel_slug", None)
        return VisibleCollectionLoader(info.context).load_from(
            root, key=lambda i: (i.collection_id, slug)
        )

    @staticmethod
    def resolve_page(root: MenuItemModel, info: graphene.ResolveInfo) -> Any:
        if root.page_id is None:
            return None
        return VisiblePageLoader(info.context).load_from(root, key=lambda i: i.page_id)

    @staticmethod
    def resolve_children(root: MenuItemModel, info: graphene.ResolveInfo) -> Any:
        children = MenuItemChildrenLoader(info.context).load_from(root, key=lambda i: i.pk)
        return _with_channel(children, getattr(root, "channel_slug", None))

    @staticmethod
    def resolve_translation(
        root: MenuItemModel, info: graphene.ResolveInfo, language_code: Any
    ) -> Any:
        return _translation(MenuItemTranslationLoader, info, root, language_code)


class Menu(NoStoredMetadata, graphene.ObjectType):
    name = graphene.String(required=True, description="Name of the menu.")
    slug = graphene.String(required=True, description="Slug of the menu.")
    items = graphene.List(graphene.NonNull(MenuItem), description="Top-level items of the menu.")

    class Meta:
        description = (
            "Represents a single menu - an object that is used to help navigate through the store."
        )
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, MenuModel)

    @staticmethod
    def resolve_items(root: MenuModel, info: graphene.ResolveInfo) -> Any:
        items = RootMenuItemsByMenuIdLoader(info.context).load_from(root, key=lambda m: m.pk)
        return _with_channel(items, getattr(root, "channel_slug", None))


class MenuCountableConnection(CountableConnection):
    class Meta:
        node = Menu


class PageTypeCountableConnection(CountableConnection):
    class Meta:
        node = PageType


class MenuItemCountableConnection(CountableConnection):
    class Meta:
        node = MenuItem
