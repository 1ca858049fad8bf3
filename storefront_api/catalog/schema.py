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
from django.db.models import F, QuerySet

from marketplace.catalog.models import Attribute as AttributeModel
from marketplace.catalog.models import Category as CategoryModel
from marketplace.catalog.models import Product as ProductModel
from marketplace.catalog.models import ProductType as ProductTypeModel
from marketplace.catalog.models import ProductVariant as ProductVariantModel
from marketplace.catalog.selectors import category_descendants, products_visible_to
from marketplace.channels.models import Channel as ChannelModel
from storefront_api.catalog.attribute_filters import AttributeFilterInput, filter_attributes
from storefront_api.catalog.filters import (
    CategoryFilterInput,
    CategoryWhereInput,
    ChannelScope,
    ProductFilterInput,
    ProductWhereInput,
    filter_categories,
    filter_products,
    where_ids_q,
    where_products,
)
from storefront_api.catalog.listing import plain_list_first_page
from storefront_api.catalog.mutations.attribute_bulk import (
    AttributeBulkCreate,
    AttributeBulkDelete,
    AttributeBulkUpdate,
    AttributeReorderValues,
    AttributeValueBulkDelete,
)
from storefront_api.catalog.mutations.attribute_create import AttributeCreate
from storefront_api.catalog.mutations.attribute_delete import AttributeDelete
from storefront_api.catalog.mutations.attribute_update import AttributeUpdate
from storefront_api.catalog.mutations.attribute_value_create import AttributeValueCreate
from storefront_api.catalog.mutations.attribute_value_delete import AttributeValueDelete
from storefront_api.catalog.mutations.attribute_value_update import AttributeValueUpdate
from storefront_api.catalog.mutations.category_create import CategoryCreate
from storefront_api.catalog.mutations.category_delete import CategoryDelete
from storefront_api.catalog.mutations.category_translate import CategoryTranslate
from storefront_api.catalog.mutations.category_update import CategoryUpdate
from storefront_api.catalog.mutations.file_upload import FileUpload
from storefront_api.catalog.mutations.product_attribute_assign import ProductAttributeAssign
from storefront_api.catalog.mutations.product_attribute_unassign import ProductAttributeUnassign
from storefront_api.catalog.mutations.product_channel_listing_update import (
    ProductChannelListingUpdate,
)
from storefront_api.catalog.mutations.product_create import ProductCreate
from storefront_api.catalog.mutations.product_delete import ProductDelete
from storefront_api.catalog.mutations.product_media_create import ProductMediaCreate
from storefront_api.catalog.mutations.product_media_manage import (
    ProductMediaDelete,
    ProductMediaReorder,
    ProductMediaUpdate,
)
from storefront_api.catalog.mutations.product_translate import ProductTranslate
from storefront_api.catalog.mutations.product_type_create import ProductTypeCreate
from storefront_api.catalog.mutations.product_type_delete import ProductTypeDelete
from storefront_api.catalog.mutations.product_type_update import ProductTypeUpdate
from storefront_api.catalog.mutations.product_update import ProductUpdate
from storefront_api.catalog.mutations.product_variant_channel_listing_update import (
    ProductVariantChannelListingUpdate,
)
from storefront_api.catalog.mutations.product_variant_create import ProductVariantCreate
from storefront_api.catalog.mutations.product_variant_delete import ProductVariantDelete
from storefront_api.catalog.mutations.product_variant_stocks_update import (
    ProductVariantStocksUpdate,
)
from storefront_api.catalog.mutations.product_variant_translate import ProductVariantTranslate
from storefront_api.catalog.mutations.product_variant_update import ProductVariantUpdate
from storefront_api.catalog.permissions import scope_of
from storefront_api.catalog.sorters import (
    CategorySortingInput,
    ProductOrder,
    sort_categories,
    sort_products,
)
from storefront_api.catalog.storefront import default_channel_slug
from storefront_api.catalog.translations import language_code_value
from storefront_api.catalog.type_attribute_listings import (
    AttributeSortingInput,
    AttributeWhereInput,
    ProductTypeFilterInput,
    ProductTypeSortingInput,
    attribute_order_by,
    attributes_where,
    filter_product_types,
    product_type_order_by,
)
from storefront_api.catalog.types.attributes import Attribute, AttributeCountableConnection
from storefront_api.catalog.types.categories import Category, CategoryCountableConnection
from storefront_api.catalog.types.common import TaxType
from storefront_api.catalog.types.product_types import ProductType, ProductTypeCountableConnection
from storefront_api.catalog.types.products import Product, ProductCountableConnection
from storefront_api.catalog.types.variants import ProductVariant, ProductVariantCountableConnection
from storefront_api.catalog.variant_filters import (
    variant_list_arguments,
    variants_condition,
    variants_order,
)
from storefront_api.channels.dataloaders import ChannelBySlugLoader
from storefront_api.core.connection import resolve_connection
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.filter_inputs import check_one_filter_argument
from storefront_api.core.ids import decode_int_pk

CHANNEL_DESCRIPTION = "Slug of a channel for which the data should be returned."


def _external_reference(what: str) -> graphene.String:
    """Saleor's ``externalReference`` lookup argument: Lumbung stores no external
    references, so a lookup by one finds nothing."""
    return graphene.String(
        description=f"External ID of the {what}. Lumbung stores none: nothing is found by one."
    )


def _channel(info: graphene.ResolveInfo, slug: str | None) -> tuple[ChannelModel | None, bool]:
    """The channel named by ``slug`` and whether it was found (``True`` without a slug).

    Through the request's loader: the prices and availability of the products read it
    again, from the same query."""
    if not slug:
        return None, True
    channel = ChannelBySlugLoader(info.context).load(slug)
    return channel, channel is not None


def _mark_channel(objects: list[Any], slug: str | None) -> None:
    if slug:
        for obj in objects:
            obj.channel_slug = slug


def resolve_products(
    info: graphene.ResolveInfo,
    args: dict[str, Any],
    *,
    category: CategoryModel | None = None,
    collection: Any = None,
    product_type: Any = None,
) -> Any:
    """A page of the products the requestor may see, as ``ProductCountableConnection``."""
    check_one_filter_argument(args)
    slug = args.get("channel")
    if not slug and not scope_of(info.context).is_catalog_staff:
        slug = default_channel_slug()  # Saleor: the only channel, else an error
    channel, found = _channel(info, slug)
    if channel is not None and category is None and collection is None and product_type is None:
        plain = plain_list_first_page(info, args, channel, ProductCountableConnection)
        if plain is not None:  # a visitor's first page, from a prepared query
            _mark_channel([edge.node for edge in plain.edges], slug)
            return plain
    queryset: QuerySet[ProductModel]
    if not found:
        queryset = ProductModel.objects.none()
    else:
        queryset = products_visible_to(user=info.context.user, channel=channel)
    if category is not None:
        queryset = queryset.filter(
            category__in=category_descendants(category=category, include_self=True)
        )
    if collection is not None:
        queryset = queryset.filter(collection_products__collection=collection)
    if product_type is not None:
        queryset = queryset.filter(product_type=product_type)
    data = args.get("filter") or {}
    scope = ChannelScope(slug or data.get("channel"))
    queryset = filter_products(queryset, data, channel=scope, search=args.get("search"))
    queryset = where_products(queryset, args.get("where"), channel=scope)
    queryset, order_by = sort_products(
        queryset, args.get("sort_by"), channel=scope, collection=collection
    )
    connection = resolve_connection(
        queryset, info, args, ProductCountableConnection, order_by=order_by
    )
    connection.search_queryset = queryset  # for the facets (storefront_api.catalog.search)
    connection.search_channel = channel if found else None
    connection.search_text = args.get("search") or (args.get("filter") or {}).get("search")
    _mark_channel([edge.node for edge in connection.edges], slug)
    return connection


def resolve_product_variants(info: graphene.ResolveInfo, args: dict[str, Any]) -> Any:
    """A page of the variants of the products the requestor may see (also those not in
    listings, as a single product), as ``ProductVariantCountableConnection``."""
    slug = args.get("channel")
    if not slug and not scope_of(info.context).is_catalog_staff:
        slug = default_channel_slug()  # Saleor: the only channel, else an error
    channel, found = _channel(info, slug)
    products = ProductModel.objects.none()
    if found:
        products = products_visible_to(user=info.context.user, channel=channel, in_listings=False)
    queryset = (
        ProductVariantModel.objects.filter(product__in=products)
        .filter(variants_condition(args, ChannelScope(slug)))
        .annotate(cooperative_id=F("product__cooperative_id"))
    )
    order = variants_order(args, ["sort_order", "sku"])
    connection = resolve_connection(
        queryset, info, args, ProductVariantCountableConnection, order_by=order
    )
    _mark_channel([edge.node for edge in connection.edges], slug)
    return connection


def _visible_product(
    info: graphene.ResolveInfo, channel_slug: str | None, **lookup: Any
) -> ProductModel | None:
    channel, found = _channel(info, channel_slug)
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
    tax_types = graphene.List(
        graphene.NonNull(TaxType),
        description="List of all tax rates available from tax gateway: none, Lumbung has no "
        "tax gateway (listing prices are final; no PPN is added for non-PKP sellers).",
        deprecation_reason="Use `taxClasses` field instead.",
        resolver=lambda root, info: [],
    )
    product = graphene.Field(
        Product,
        id=graphene.ID(description="ID of the product."),
        slug=graphene.String(description="Slug of the product."),
        slug_language_code=graphene.Argument(
            LanguageCodeEnum, description="Language code of the product slug to query."
        ),
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        external_reference=_external_reference("product"),
        description="Look up a product by ID or slug.",
    )
    products = graphene.ConnectionField(
        ProductCountableConnection,
        filter=graphene.Argument(ProductFilterInput, description="Filtering options for products."),
        where=graphene.Argument(ProductWhereInput, description="Where filtering options."),
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
        external_reference=_external_reference("product variant"),
        description="Look up a product variant by ID or SKU.",
    )
    product_variants = graphene.ConnectionField(
        ProductVariantCountableConnection,
        ids=graphene.List(
            graphene.NonNull(graphene.ID), description="Filter by product variant IDs."
        ),
        channel=graphene.String(description=CHANNEL_DESCRIPTION),
        search=graphene.String(description="Search product variants by name, SKU or product."),
        **variant_list_arguments(),
        description="List of the product variants visible to the requestor.",
    )
    category = graphene.Field(
        Category,
        id=graphene.ID(description="ID of the category."),
        slug=graphene.String(description="Slug of the category."),
        slug_language_code=graphene.Argument(
            LanguageCodeEnum, description="Language code of the category slug to query."
        ),
        description="Look up a category by ID or slug.",
    )
    categories = graphene.ConnectionField(
        CategoryCountableConnection,
        filter=graphene.Argument(CategoryFilterInput, description="Filtering options."),
        where=graphene.Argument(CategoryWhereInput, description="Where filtering options."),
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
        ProductTypeCountableConnection,
        filter=graphene.Argument(
            ProductTypeFilterInput, description="Filtering options for product types."
        ),
        sort_by=graphene.Argument(ProductTypeSortingInput, description="Sort product types."),
        description="List of the product types.",
    )
    attribute = graphene.Field(
        Attribute,
        id=graphene.ID(description="ID of the attribute."),
        slug=graphene.String(description="Slug of the attribute."),
        external_reference=graphene.String(description="External ID of the attribute."),
        description="Look up an attribute by ID or slug.",
    )
    attributes = graphene.ConnectionField(
        AttributeCountableConnection,
        search=graphene.String(description="Search attributes by name or slug."),
        # acct: Saleor's deprecated filter and the channel
        filter=graphene.Argument(
            AttributeFilterInput,
            description="Filtering options for attributes.",
            deprecation_reason="Use `where` filter instead.",
        ),
        where=graphene.Argument(AttributeWhereInput, description="Where filtering options."),
        sort_by=graphene.Argument(AttributeSortingInput, description="Sorting options."),
        channel=graphene.String(
            description="Slug of a channel for which the data should be returned."
        ),
        description="List of the attributes.",
    )

    @staticmethod
    def resolve_product(
        root: Any,
        info: graphene.ResolveInfo,
        id: str | None = None,
        slug: str | None = None,
        channel: str | None = None,
        slug_language_code: Any = None,
        external_reference: str | None = None,
    ) -> ProductModel | None:
        if id:
            return _visible_product(info, channel, pk=decode_int_pk(id, only_type="Product"))
        if slug and slug_language_code:
            return _visible_product(
                info,
                channel,
                translations__language_code=language_code_value(slug_language_code),
                translations__slug=slug,
            )
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
        external_reference: str | None = None,
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
    def resolve_product_variants(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        return resolve_product_variants(info, args)

    @staticmethod
    def resolve_category(
        root: Any,
        info: graphene.ResolveInfo,
        id: str | None = None,
        slug: str | None = None,
        slug_language_code: Any = None,
    ) -> CategoryModel | None:
        if id:
            return CategoryModel.objects.filter(pk=decode_int_pk(id, only_type="Category")).first()
        if slug and slug_language_code:
            return CategoryModel.objects.filter(
                translations__language_code=language_code_value(slug_language_code),
                translations__slug=slug,
            ).first()
        if slug:
            return CategoryModel.objects.filter(slug=slug).first()
        return None

    @staticmethod
    def resolve_categories(root: Any, info: graphene.ResolveInfo, **args: Any) -> Any:
        check_one_filter_argument(args)
        queryset = filter_categories(CategoryModel.objects.all(), args.get("filter"))
        queryset = queryset.filter(where_ids_q(args.get("where"), "Category", has_metadata=False))
        if args.get("level") is not None:
            queryset = queryset.filter(level=args["level"])
        queryset, order_by = sort_categories(queryset, args.get("sort_by"))
        return resolve_connection(
            queryset, info, args, CategoryCountableConnection, order_by=order_by
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
        queryset = filter_product_types(ProductTypeModel.objects.all(), args.get("filter"))
        return resolve_connection(
            queryset,
            info,
            args,
            ProductTypeCountableConnection,
            order_by=product_type_order_by(args.get("sort_by")),
        )

    @staticmethod
    def resolve_attribute(
        root: Any,
        info: graphene.ResolveInfo,
        id: str | None = None,
        slug: str | None = None,
        external_reference: str | None = None,
    ) -> AttributeModel | None:
        if id:
            return AttributeModel.objects.filter(
                pk=decode_int_pk(id, only_type="Attribute")
            ).first()
        if slug:
            return AttributeModel.objects.filter(slug=slug).first()
        if external_reference:
            return AttributeModel.objects.filter(external_reference=external_reference).first()
        return None

    @staticmethod
    def resolve_attributes(
        root: Any,
        info: graphene.ResolveInfo,
        search: str | None = None,
        filter: Any = None,
        channel: str | None = None,
        **args: Any,
    ) -> Any:
        queryset = AttributeModel.objects.all()
        if search:
            queryset = queryset.filter(name__icontains=search) | queryset.filter(
                slug__icontains=search
            )
        check_one_filter_argument({"filter": filter, "where": args.get("where")})
        user = info.context.user
        queryset = filter_attributes(queryset, filter, user=user, channel=channel)
        queryset = attributes_where(queryset, args.get("where"), user=user, channel=channel)
        return resolve_connection(
            queryset,
            info,
            args,
            AttributeCountableConnection,
            order_by=attribute_order_by(args.get("sort_by")),
        )


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
    product_media_update = ProductMediaUpdate.Field()
    product_media_delete = ProductMediaDelete.Field()
    product_media_reorder = ProductMediaReorder.Field()
    # --- storefront browsing: translations ---
    product_translate = ProductTranslate.Field()
    category_translate = CategoryTranslate.Field()
    product_variant_translate = ProductVariantTranslate.Field()
    # --- product types and attributes management ---
    product_type_create = ProductTypeCreate.Field()
    product_type_update = ProductTypeUpdate.Field()
    product_type_delete = ProductTypeDelete.Field()
    product_attribute_assign = ProductAttributeAssign.Field()
    product_attribute_unassign = ProductAttributeUnassign.Field()
    attribute_create = AttributeCreate.Field()
    attribute_update = AttributeUpdate.Field()
    attribute_delete = AttributeDelete.Field()
    attribute_value_create = AttributeValueCreate.Field()
    attribute_value_update = AttributeValueUpdate.Field()
    attribute_value_delete = AttributeValueDelete.Field()
    attribute_bulk_create = AttributeBulkCreate.Field()
    attribute_bulk_update = AttributeBulkUpdate.Field()
    attribute_bulk_delete = AttributeBulkDelete.Field()
    attribute_value_bulk_delete = AttributeValueBulkDelete.Field()
    attribute_reorder_values = AttributeReorderValues.Field()
    # --- end product types and attributes management ---
    file_upload = FileUpload.Field()  # acct: files of file attributes
