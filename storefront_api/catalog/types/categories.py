"""``Category`` and its connection."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.models import Category as CategoryModel
from storefront_api.catalog import storefront as sf
from storefront_api.catalog import translations as tr
from storefront_api.catalog.dataloaders import CategoryByIdLoader
from storefront_api.catalog.filters import ProductFilterInput, ProductWhereInput
from storefront_api.catalog.sorters import ProductOrder
from storefront_api.catalog.types.common import absolute_url
from storefront_api.core.connection import CountableConnection
from storefront_api.core.enums import LanguageCodeEnum, ThumbnailFormatEnum
from storefront_api.core.metadata import NoStoredMetadata
from storefront_api.core.types import Image


class Category(NoStoredMetadata, graphene.ObjectType):
    name = graphene.String(required=True, description="Name of the category.")
    description = graphene.JSONString(description="Description of the category (EditorJS).")
    description_json = graphene.JSONString(
        description="Description of the category (EditorJS).",
        deprecation_reason="Use the `description` field instead.",
        resolver=lambda root, info: root.description,
    )
    slug = graphene.String(required=True, description="Slug of the category.")
    parent = graphene.Field(lambda: Category, description="Parent category, if any.")
    level = graphene.Int(required=True, description="Depth in the tree; 0 for roots.")
    updated_at = graphene.DateTime(required=True, description="Last update time.")
    products = graphene.ConnectionField(
        "storefront_api.catalog.types.products.ProductCountableConnection",
        channel=graphene.String(description="Slug of a channel to list products in."),
        filter=graphene.Argument(ProductFilterInput, description="Filtering options for products."),
        where=graphene.Argument(ProductWhereInput, description="Where filtering options."),
        sort_by=graphene.Argument(ProductOrder, description="Sort products."),
        search=graphene.String(description="Search products by name, slug or SKU."),
        description="Products of the category visible to the requestor.",
    )
    children = graphene.ConnectionField(
        lambda: CategoryCountableConnection, description="Direct subcategories."
    )
    background_image = graphene.Field(
        Image,
        size=graphene.Int(description="Ignored: the original image is returned."),
        format=ThumbnailFormatEnum(
            default_value="original", description="Ignored: the original image is returned."
        ),
        description="Background image of the category.",
    )

    # --- storefront browsing ---
    seo_title = graphene.String(description="SEO title; the name when not set.")
    seo_description = graphene.String(
        description="SEO description; the start of the description when not set."
    )
    translation = graphene.Field(
        lambda: tr.CategoryTranslation,
        language_code=graphene.Argument(
            LanguageCodeEnum,
            required=True,
            description="A language code to return the translation for.",
        ),
        description="Returns translated category fields for the given language code.",
    )
    ancestors = graphene.ConnectionField(
        lambda: CategoryCountableConnection, description="List of ancestors of the category."
    )

    @staticmethod
    def resolve_seo_title(root: CategoryModel, info: graphene.ResolveInfo) -> str:
        return root.name

    @staticmethod
    def resolve_seo_description(root: CategoryModel, info: graphene.ResolveInfo) -> str:
        return tr.seo_description(root.description_plaintext)

    @staticmethod
    def resolve_translation(
        root: CategoryModel, info: graphene.ResolveInfo, language_code: Any
    ) -> Any:
        return tr.load_translation(info, "category", root, language_code)

    @staticmethod
    def resolve_ancestors(root: CategoryModel, info: graphene.ResolveInfo, **args: Any) -> Any:
        ancestors: list[CategoryModel] = []
        parent_id = root.parent_id
        while parent_id is not None and len(ancestors) < 50:
            parent = CategoryByIdLoader(info.context).load(parent_id)
            if parent is None:
                break
            ancestors.append(parent)
            parent_id = parent.parent_id
        return sf.list_connection(ancestors, info, args, CategoryCountableConnection)

    # --- end storefront browsing ---

    class Meta:
        description = "A category of products."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, CategoryModel)

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: str) -> CategoryModel | None:
        return CategoryModel.objects.filter(pk=id).first() if str(id).isdigit() else None

    @staticmethod
    def resolve_parent(root: CategoryModel, info: graphene.ResolveInfo) -> Any:
        if root.parent_id is None:
            return None
        return CategoryByIdLoader(info.context).load_from(root, key=lambda c: c.parent_id)

    @staticmethod
    def resolve_products(root: CategoryModel, info: graphene.ResolveInfo, **args: Any) -> Any:
        from storefront_api.catalog.schema import resolve_products

        return resolve_products(info, args, category=root)

    @staticmethod
    def resolve_children(root: CategoryModel, info: graphene.ResolveInfo, **args: Any) -> Any:
        from storefront_api.core.connection import resolve_connection

        return resolve_connection(
            CategoryModel.objects.filter(parent=root), info, args, CategoryCountableConnection
        )

    @staticmethod
    def resolve_background_image(
        root: CategoryModel, info: graphene.ResolveInfo, **_args: Any
    ) -> dict[str, Any] | None:
        if not root.background_image:
            return None
        return {
            "url": absolute_url(root.background_image.url),
            "alt": root.background_image_alt,
        }


class CategoryCountableConnection(CountableConnection):
    class Meta:
        node = Category
