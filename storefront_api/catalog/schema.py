"""Catalog root fields: Saleor's product, category, product type and attribute queries and
the catalog management mutations.

Visibility of products follows ``marketplace.catalog.selectors.products_visible_to``:
everyone sees published products of active channels; cooperative staff also their own
unpublished ones, hub operators every product listed in their hubs' channels, platform
staff everything.
"""

from __future__ import annotations

from typing import Any

import graphene
from django.db.models import QuerySet

from marketplace.catalog.models import Attribute as AttributeModel
from marketplace.catalog.models import Category as CategoryModel
from marketplace.catalog.models import Product as ProductModel
from marketplace.catalog.models import ProductType as ProductTypeModel
from marketplace.catalog.models import ProductVariant as ProductVariantModel
from marketplace.catalog.selectors import category_descendants, products_visible_to
from marketplace.channels.models import Channel as ChannelModel
from storefront_api.catalog.filters import (
    CategoryFilterInput,
    CategorySortingInput,
    ProductFilterInput,
    ProductOrder,
    category_order_by,
    filter_categories,
    filter_products,
    product_order_by,
)
from storefront_api.catalog.mutations.category_create import CategoryCreate
from storefront_api.catalog.mutations.category_delete import CategoryDelete
from storefront_api.catalog.mutations.category_update import CategoryUpdate
from storefront_api.catalog.mutations.product_channel_listing_update import (
    ProductChannelListingUpdate,
)
from storefront_api.catalog.mutations.product_create import ProductCreate
from storefront_api.catalog.mutations.product_delete import ProductDelete
from storefront_api.catalog.mutations.product_media_create import ProductMediaCreate
from storefront_api.catalog.mutations.product_update import ProductUpdate
from storefront_api.catalog.mutations.product_variant_channel_listing_update import (
    ProductVariantChannelListingUpdate,
)
from storefront_api.catalog.mutations.product_variant_create import ProductVariantCreate
from storefront_api.catalog.mutations.product_variant_delete import ProductVariantDelete
from storefront_api.catalog.mutations.product_variant_stocks_update import (
    ProductVariantStocksUpdate,
)
from storefront_api.catalog.mutations.product_variant_update import ProductVariantUpdate
from storefront_api.catalog.types import (
    Attribute,
    AttributeCountableConnection,
    Category,
    CategoryCountableConnection,
    Product,
    ProductCountableConnection,
    ProductType,
    ProductTypeCountableConnection,
    ProductVariant,
)
from storefront_api.core.connection import resolve_connection
from storefront_api.core.ids import decode_int_pk

CHANNEL_DESCRIPTION = "Slug of a channel for which the data should be returned."


def _channel(slug: str | None) -> tuple[ChannelModel | None, bool]:
    """The channel named by ``slug`` and whether it was found (``True`` without a slug)."""
    if not slug:
        return None, True
    channel = ChannelModel.objects.filter(slug=slug).first()
    return channel, channel is not None


def _mark_channel(objects: list[Any], slug: str | None) -> None:
    if slug:
        for obj in objects:
            obj.channel_slug = slug


def resolve_products(
    info: graphene.ResolveInfo, args: dict[str, Any], *, category: CategoryModel | None = None
) -> Any:
    """A page of the products the requestor may see, as ``ProductCountableConnection``."""
    slug = args.get("channel")
    channel, found = _channel(slug)
    queryset: QuerySet[ProductModel]
    if not found:
        queryset = ProductModel.objects.none()
    else:
        queryset = products_visible_to(user=info.context.user, channel=channel)
    if category is not None:
        queryset = queryset.filter(
            category__in=category_descendants(category=category, include_self=True)
        )
    queryset = filter_products(queryset, args.get("filter"), search=args.get("search"))
    connection = resolve_connection(
        queryset,
        info,
        args,
        ProductCountableConnection,
        order_by=product_order_by(args.get("sort_by")),
    )
    _mark_channel([edge.node for edge in connection.edges], slug)
    return connection


def _visible_product(
    info: graphene.ResolveInfo, channel_slug: str | None, **lookup: Any
) -> ProductModel | None:
    channel, found = _channel(channel_slug)
    if not found:
        return None
    product = (
        products_visible_to(user=info.context.user, channel=channel, in_listings=False)
        .filter(**lookup)
        .first()
    )
    if product is not None:
        _mark_channel([product], channel_slug)
    return product


class CatalogQueries(graphene.ObjectType):
    product = graphene.Field(
        Product,
        id=graphene.ID(description="ID of the product."),
        slug=graphene.String(description="Slug of the product."),
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        description="Look up a product by ID or slug.",
    )
    products = graphene.ConnectionField(
        ProductCountableConnection,
        filter=graphene.Argument(ProductFilterInput, description="Filtering options for products."),
        sort_by=graphene.Argument(ProductOrder, description="Sort products."),
        search=graphene.String(description="Search products by name, slug or SKU."),
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        description="List of the products visible to the requestor.",
    )
    product_variant = graphene.Field(
        ProductVariant,
        id=graphene.ID(description="ID of the product variant."),
        sku=graphene.String(description="SKU of the product variant."),
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        description="Look up a product variant by ID or SKU.",
    )
    category = graphene.Field(
        Category,
        id=graphene.ID(description="ID of the category."),
        slug=graphene.String(description="Slug of the category."),
        description="Look up a category by ID or slug.",
    )
    categories = graphene.ConnectionField(
        CategoryCountableConnection,
        filter=graphene.Argument(CategoryFilterInput, description="Filtering options."),
        sort_by=graphene.Argument(CategorySortingInput, description="Sort categories."),
        level=graphene.Int(description="Only categories at this depth (0 for roots)."),
        description="List of the categories.",
    )
    product_type = graphene.Field(
        ProductType,
        id=graphene.ID(required=True, description="ID of the product type."),
        description="Look up a product type by ID.",
    )
    product_types = graphene.ConnectionField(
        ProductTypeCountableConnection, description="List of the product types."
    )
    attribute = graphene.Field(
        Attribute,
        id=graphene.ID(description="ID of the attribute."),
        slug=graphene.String(description="Slug of the attribute."),
        description="Look up an attribute by ID or slug.",
    )
    attributes = graphene.ConnectionField(
        AttributeCountableConnection,
        search=graphene.String(description="Search attributes by name or slug."),
        description="List of the attributes.",
    )

    @staticmethod
    def resolve_product(
        root: Any,
        info: graphene.ResolveInfo,
        id: str | None = None,
        slug: str | None = None,
        channel: str | None = None,
    ) -> ProductModel | None:
        if id:
            return _visible_product(info, channel, pk=decode_int_pk(id, only_type="Product"))
        if slug:
            return _visible_product(info, channel, slug=slug)
        return None

    @staticmethod
    def resolve_products(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        return resolve_products(info, args)

    @staticmethod
    def resolve_product_variant(
        root: Any,
        info: graphene.ResolveInfo,
        id: str | None = None,
        sku: str | None = None,
        channel: str | None = None,
    ) -> ProductVariantModel | None:
        variants = ProductVariantModel.objects.all()
        if id:
            variant = variants.filter(pk=decode_int_pk(id, only_type="ProductVariant")).first()
        elif sku:
            variant = variants.filter(sku=sku).first()
        else:
            return None
        if variant is None or _visible_product(info, channel, pk=variant.product_id) is None:
            return None
        _mark_channel([variant], channel)
        return variant

    @staticmethod
    def resolve_category(
        root: Any, info: graphene.ResolveInfo, id: str | None = None, slug: str | None = None
    ) -> CategoryModel | None:
        if id:
            return CategoryModel.objects.filter(pk=decode_int_pk(id, only_type="Category")).first()
        if slug:
            return CategoryModel.objects.filter(slug=slug).first()
        return None

    @staticmethod
    def resolve_categories(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        queryset = filter_categories(CategoryModel.objects.all(), args.get("filter"))
        if args.get("level") is not None:
            queryset = queryset.filter(level=args["level"])
        return resolve_connection(
            queryset,
            info,
            args,
            CategoryCountableConnection,
            order_by=category_order_by(args.get("sort_by")),
        )

    @staticmethod
    def resolve_product_type(
        root: Any, info: graphene.ResolveInfo, id: str
    ) -> ProductTypeModel | None:
        return ProductTypeModel.objects.filter(
            pk=decode_int_pk(id, only_type="ProductType")
        ).first()

    @staticmethod
    def resolve_product_types(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        return resolve_connection(
            ProductTypeModel.objects.all(), info, args, ProductTypeCountableConnection
        )

    @staticmethod
    def resolve_attribute(
        root: Any, info: graphene.ResolveInfo, id: str | None = None, slug: str | None = None
    ) -> AttributeModel | None:
        if id:
            return AttributeModel.objects.filter(
                pk=decode_int_pk(id, only_type="Attribute")
            ).first()
        if slug:
            return AttributeModel.objects.filter(slug=slug).first()
        return None

    @staticmethod
    def resolve_attributes(
        root: Any, info: graphene.ResolveInfo, search: str | None = None, **args: Any
    ) -> Any:
        queryset = AttributeModel.objects.all()
        if search:
            queryset = queryset.filter(name__icontains=search) | queryset.filter(
                slug__icontains=search
            )
        return resolve_connection(queryset, info, args, AttributeCountableConnection)


class CatalogMutations(graphene.ObjectType):
    category_create = CategoryCreate.Field()
    category_update = CategoryUpdate.Field()
    category_delete = CategoryDelete.Field()
    product_create = ProductCreate.Field()
    product_update = ProductUpdate.Field()
    product_delete = ProductDelete.Field()
    product_variant_create = ProductVariantCreate.Field()
    product_variant_update = ProductVariantUpdate.Field()
    product_variant_delete = ProductVariantDelete.Field()
    product_channel_listing_update = ProductChannelListingUpdate.Field()
    product_variant_channel_listing_update = ProductVariantChannelListingUpdate.Field()
    product_variant_stocks_update = ProductVariantStocksUpdate.Field()
    product_media_create = ProductMediaCreate.Field()
