"""``Product``, its producer's food permits and its connection (with search facets).

A product reached through a channel (``products(channel: …)``) remembers the channel's
slug in ``channel_slug``, which ``Product.channel`` returns."""

from __future__ import annotations

import json
from typing import Any

import graphene

from marketplace.catalog import images
from marketplace.catalog.models import Product as ProductModel
from marketplace.catalog.models import ProductVariant as ProductVariantModel
from marketplace.catalog.models import Thumbnail as ThumbnailModel
from marketplace.catalog.selectors import product_permits
from storefront_api.accounts.address import AddressInput
from storefront_api.catalog import assigned_attributes as aa
from storefront_api.catalog import storefront as sf
from storefront_api.catalog import translations as tr
from storefront_api.catalog.dataloaders import (
    CategoryByIdLoader,
    FilteredVariantsByProductIdLoader,
    MediaByProductIdLoader,
    ProducerByIdLoader,
    ProductChannelListingsByProductIdLoader,
    ProductTypeByIdLoader,
    ThumbnailsByMediaIdLoader,
    VariantsByProductIdLoader,
)
from storefront_api.catalog.filters import ChannelScope
from storefront_api.catalog.permissions import require, scope_of
from storefront_api.catalog.search import ProductFacets, resolve_did_you_mean, resolve_facets
from storefront_api.catalog.sorters import MediaSortingInput, sort_media
from storefront_api.catalog.types.categories import Category
from storefront_api.catalog.types.channels import ProductChannelListing, listing_visible
from storefront_api.catalog.types.common import (
    ADDRESS_DESCRIPTION,
    TAX_TYPE_DEPRECATION,
    TaxType,
    channel_slug_of,
    mark_channel_slug,
    weight_of,
)
from storefront_api.catalog.types.media import ProductImage, ProductMedia, images_only, media_url
from storefront_api.catalog.types.product_types import ProductType
from storefront_api.catalog.types.variants import ProductVariant, ProductVariantCountableConnection
from storefront_api.catalog.variant_filters import (
    variant_list_arguments,
    variants_condition,
    variants_order,
)
from storefront_api.core.connection import CountableConnection
from storefront_api.core.dataloaders import by_category_id, by_id
from storefront_api.core.enums import LanguageCodeEnum, ThumbnailFormatEnum
from storefront_api.core.ids import decode_int_pk
from storefront_api.core.metadata import ObjectWithMetadata
from storefront_api.core.scalars import PositiveInt
from storefront_api.core.types import Image, Weight
from storefront_api.village_hubs.dataloaders import CooperativeByIdLoader
from storefront_api.village_hubs.types import Cooperative, Producer


class ProductPermit(graphene.ObjectType):
    number = graphene.String(required=True, description="Permit or certificate number.")
    expired = graphene.Boolean(required=True, description="Whether the permit has expired.")
    expires_on = graphene.Date(description="Expiry date (halal certificates).")
    expiry_year = graphene.Int(description="Last year the permit is valid (P-IRT).")

    class Meta:
        description = "A food permit of the product's producer."


class ProductPermits(graphene.ObjectType):
    halal = graphene.Field(ProductPermit, description="Halal certificate.")
    pirt = graphene.Field(ProductPermit, description="Home-industry food permit (P-IRT).")
    bpom = graphene.Field(ProductPermit, description="BPOM registration (MD/ML).")

    class Meta:
        description = "Food permits (halal, P-IRT, BPOM) of the product's producer."


class Product(graphene.ObjectType):
    name = graphene.String(required=True, description="Name of the product.")
    description = graphene.JSONString(description="Description of the product (EditorJS).")
    description_json = graphene.JSONString(
        description="Description of the product (EditorJS).",
        deprecation_reason="Use the `description` field instead.",
        resolver=lambda root, info: root.description,
    )
    product_type = graphene.Field(ProductType, required=True, description="Type of the product.")
    slug = graphene.String(required=True, description="Slug of the product.")
    category = graphene.Field(Category, description="Category of the product.")
    created = graphene.DateTime(required=True, description="Creation time.")
    updated_at = graphene.DateTime(required=True, description="Last update time.")
    weight = graphene.Field(Weight, description="Weight of the product.")
    default_variant = graphene.Field(
        ProductVariant, description="The first variant of the product."
    )
    rating = graphene.Float(description="Rating of the product, 0 to 5.")
    channel = graphene.String(description="Slug of the channel the product was asked for in.")
    thumbnail = graphene.Field(
        Image,
        size=graphene.Int(
            description="Size of the longer side in pixels; the nearest available size is "
            "used (4096 when omitted, the original with 0)."
        ),
        format=ThumbnailFormatEnum(default_value="original", description="Image format."),
        description="The main image of the product.",
    )
    channel_listings = graphene.List(
        graphene.NonNull(ProductChannelListing),
        description="Listings per channel. Requires managing the product or operating the hub.",
    )
    variants = graphene.List(
        graphene.NonNull(ProductVariant),
        description="Variants of the product.",
        deprecation_reason="Use `productVariants` field instead.",
    )
    media = graphene.List(
        graphene.NonNull(ProductMedia),
        sort_by=graphene.Argument(MediaSortingInput, description="Sort media."),
        description="Images of the product.",
    )
    collections = graphene.List(
        graphene.NonNull("storefront_api.content.types.Collection"),
        description="List of collections for the product (those shown in the channel).",
    )
    media_by_id = graphene.Field(
        ProductMedia,
        id=graphene.ID(required=True, description="ID of a product media."),
        description="Get a single product media by ID.",
    )
    cooperative = graphene.Field(Cooperative, description="The cooperative selling the product.")
    producer = graphene.Field(Producer, description="The member producer making the product.")
    permits = graphene.Field(
        ProductPermits, required=True, description="Food permits of the product's producer."
    )

    # --- storefront browsing ---
    seo_title = graphene.String(description="SEO title; the name when not set.")
    seo_description = graphene.String(
        description="SEO description; the start of the description when not set."
    )
    pricing = graphene.Field(
        lambda: sf.ProductPricingInfo,
        address=graphene.Argument(AddressInput, description=ADDRESS_DESCRIPTION),
        description="Lists the storefront product's pricing in the channel; null when the "
        "product is not published there or no channel is given.",
    )
    is_available = graphene.Boolean(
        address=graphene.Argument(
            AddressInput, description=ADDRESS_DESCRIPTION, deprecation_reason="Not used."
        ),
        description="Whether the product is in stock, visible and available for purchase.",
    )
    is_available_for_purchase = graphene.Boolean(
        description="Whether the product is available for purchase."
    )
    available_for_purchase_at = graphene.DateTime(
        description="Date when product is available for purchase."
    )
    product_variants = graphene.ConnectionField(
        lambda: ProductVariantCountableConnection,
        description="List of variants for the product.",
        **variant_list_arguments(),
    )
    attributes = graphene.List(
        graphene.NonNull(lambda: sf.SelectedAttribute),
        required=True,
        description="List of attributes assigned to this product.",
        deprecation_reason="Use the `assignedAttributes` field instead.",
    )
    assigned_attribute = graphene.Field(
        lambda: aa.AssignedAttribute,
        slug=graphene.String(required=True, description="Slug of the attribute"),
        description="Get a single attribute attached to product by attribute slug.",
    )
    assigned_attributes = graphene.NonNull(
        graphene.List(graphene.NonNull(lambda: aa.AssignedAttribute)),
        limit=PositiveInt(
            default_value=aa.DEFAULT_LIMIT, description="Maximum number of attributes to return."
        ),
        description="List of attributes assigned to this product.",
    )
    translation = graphene.Field(
        lambda: tr.ProductTranslation,
        language_code=graphene.Argument(
            LanguageCodeEnum,
            required=True,
            description="A language code to return the translation for.",
        ),
        description="Returns translated product fields for the given language code.",
    )
    attribute = graphene.Field(
        lambda: sf.SelectedAttribute,
        slug=graphene.String(required=True, description="Slug of the attribute"),
        description="Get a single attribute attached to product by attribute slug.",
        deprecation_reason="Use the `assignedAttribute` field instead.",
    )
    available_for_purchase = graphene.Date(
        description="Date when product is available for purchase.",
        deprecation_reason="Use the `availableForPurchaseAt` field to fetch the available "
        "for purchase date.",
    )
    charge_taxes = graphene.Boolean(
        required=True,
        description="Whether taxes are added to the product's prices: false, Lumbung's "
        "listing prices are final (sellers are not PKP, no PPN is added).",
        deprecation_reason="Use `Channel.taxConfiguration` field to determine whether tax "
        "collection is enabled.",
        resolver=lambda root, info: False,
    )
    external_reference = graphene.String(
        description="External ID of this product (Lumbung stores none: null).",
        resolver=lambda root, info: None,
    )
    image_by_id = graphene.Field(
        ProductImage,
        id=graphene.ID(required=True, description="ID of a product image."),
        description="Get a single product image by ID.",
        deprecation_reason="Use the `mediaById` field instead.",
    )
    images = graphene.List(
        graphene.NonNull(ProductImage),
        description="List of images for the product.",
        deprecation_reason="Use the `media` field instead.",
    )
    tax_type = graphene.Field(
        TaxType,
        description="A type of tax (Lumbung has no tax gateway: null).",
        deprecation_reason=TAX_TYPE_DEPRECATION,
        resolver=lambda root, info: None,
    )

    @staticmethod
    def resolve_attribute(root: ProductModel, info: graphene.ResolveInfo, slug: str) -> Any:
        groups = sf.resolve_product_attributes(info, root)
        return next((group for group in groups if group["attribute"].slug == slug), None)

    @staticmethod
    def resolve_available_for_purchase(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        moment = sf.resolve_available_for_purchase_at(info, root)
        return moment.date() if moment else None

    @staticmethod
    def resolve_image_by_id(root: ProductModel, info: graphene.ResolveInfo, *, id: str) -> Any:
        wanted = decode_int_pk(id, only_type="ProductImage")
        media = MediaByProductIdLoader(info.context).load_from(root, key=by_id)
        return next((item for item in images_only(media) if item.pk == wanted), None)

    @staticmethod
    def resolve_images(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        return images_only(MediaByProductIdLoader(info.context).load_from(root, key=by_id))

    @staticmethod
    def resolve_seo_title(root: ProductModel, info: graphene.ResolveInfo) -> str:
        return root.name

    @staticmethod
    def resolve_seo_description(root: ProductModel, info: graphene.ResolveInfo) -> str:
        return tr.seo_description(root.description_plaintext)

    @staticmethod
    def resolve_pricing(root: ProductModel, info: graphene.ResolveInfo, **_args: Any) -> Any:
        return sf.resolve_product_pricing(info, root)

    @staticmethod
    def resolve_is_available(root: ProductModel, info: graphene.ResolveInfo, **_args: Any) -> Any:
        return sf.resolve_product_is_available(info, root, Product._variants(root, info))

    @staticmethod
    def resolve_is_available_for_purchase(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        return sf.resolve_is_available_for_purchase(info, root)

    @staticmethod
    def resolve_available_for_purchase_at(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        return sf.resolve_available_for_purchase_at(info, root)

    @staticmethod
    def resolve_product_variants(
        root: ProductModel, info: graphene.ResolveInfo, **args: Any
    ) -> Any:
        if all(args.get(name) is None for name in ("filter", "where", "sort_by")):
            variants = Product._variants(root, info)
        else:
            variants = Product._filtered_variants(root, info, args)
        return sf.list_connection(variants, info, args, ProductVariantCountableConnection)

    @staticmethod
    def _filtered_variants(
        root: ProductModel, info: graphene.ResolveInfo, args: dict[str, Any]
    ) -> list[ProductVariantModel]:
        """The product's variants kept by ``args``, loaded for the whole page at once."""
        slug = channel_slug_of(root)
        chosen = {name: args.get(name) for name in ("filter", "where", "sort_by")}
        args_key = json.dumps([chosen, slug], default=str, sort_keys=True)
        loader = FilteredVariantsByProductIdLoader(info.context)
        loader.register(
            args_key,
            variants_condition(chosen, ChannelScope(slug)),
            variants_order(chosen, ["sort_order"]),
        )
        variants = loader.load_from(root, key=lambda p: (p.pk, args_key))
        for variant in variants if slug else []:
            mark_channel_slug(variant, slug)
        return variants

    @staticmethod
    def resolve_attributes(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        return sf.resolve_product_attributes(info, root)

    @staticmethod
    def resolve_assigned_attribute(
        root: ProductModel, info: graphene.ResolveInfo, slug: str
    ) -> Any:
        items = aa.assigned(sf.resolve_product_attributes(info, root), owner=root)
        return next((item for item in items if item.attribute.slug == slug), None)

    @staticmethod
    def resolve_assigned_attributes(
        root: ProductModel, info: graphene.ResolveInfo, limit: int = aa.DEFAULT_LIMIT
    ) -> Any:
        return aa.assigned(sf.resolve_product_attributes(info, root), owner=root)[:limit]

    @staticmethod
    def resolve_translation(
        root: ProductModel, info: graphene.ResolveInfo, language_code: Any
    ) -> Any:
        return tr.load_translation(info, "product", root, language_code)

    # --- end storefront browsing ---

    class Meta:
        description = "A product sold by a village cooperative."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ProductModel)

    @staticmethod
    def resolve_created(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        return root.created_at

    @staticmethod
    def resolve_product_type(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        return ProductTypeByIdLoader(info.context).load_from(root, key=lambda p: p.product_type_id)

    @staticmethod
    def resolve_category(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        if root.category_id is None:
            return None
        return CategoryByIdLoader(info.context).load_from(root, key=by_category_id)

    @staticmethod
    def resolve_weight(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        return weight_of(root.weight_grams)

    @staticmethod
    def resolve_channel(root: ProductModel, info: graphene.ResolveInfo) -> str | None:
        return channel_slug_of(root)

    @staticmethod
    def _variants(root: ProductModel, info: graphene.ResolveInfo) -> list[ProductVariantModel]:
        variants = VariantsByProductIdLoader(info.context).load_from(root, key=lambda p: p.pk)
        slug = channel_slug_of(root)
        if slug:
            for variant in variants:
                mark_channel_slug(variant, slug)
        return variants

    @staticmethod
    def resolve_variants(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        return Product._variants(root, info)

    @staticmethod
    def resolve_default_variant(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        variants = Product._variants(root, info)
        return variants[0] if variants else None

    @staticmethod
    def resolve_thumbnail(
        root: ProductModel, info: graphene.ResolveInfo, size: int | None = None, format: Any = None
    ) -> dict[str, Any] | None:
        media = MediaByProductIdLoader(info.context).load_from(root, key=by_id)
        if not media:
            return None
        first = media[0]
        requested = images.DEFAULT_THUMBNAIL_SIZE if size is None else size
        thumbnails: list[ThumbnailModel] = []
        if requested:
            thumbnails = ThumbnailsByMediaIdLoader(info.context).load_from(first, key=by_id)
        return {"url": media_url(first, thumbnails, requested, format), "alt": first.alt}

    @staticmethod
    def resolve_channel_listings(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        scope = scope_of(info.context)
        require(scope.is_catalog_staff)
        listings = ProductChannelListingsByProductIdLoader(info.context).load_from(
            root, key=lambda p: p.pk
        )
        return [listing for listing in listings if listing_visible(info, listing)]

    @staticmethod
    def resolve_media(
        root: ProductModel, info: graphene.ResolveInfo, sort_by: Any = None, **_args: Any
    ) -> Any:
        media = MediaByProductIdLoader(info.context).load_from(root, key=by_id)
        return sort_media(media, sort_by)

    @staticmethod
    def resolve_collections(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        from storefront_api.content.dataloaders import VisibleCollectionsByProductLoader

        loader = VisibleCollectionsByProductLoader(info.context)
        return loader.load_from(root, key=lambda p: (p.pk, channel_slug_of(p)))

    @staticmethod
    def resolve_media_by_id(root: ProductModel, info: graphene.ResolveInfo, *, id: str) -> Any:
        wanted = decode_int_pk(id, only_type="ProductMedia")
        media = MediaByProductIdLoader(info.context).load_from(root, key=by_id)
        return next((item for item in media if item.pk == wanted), None)

    @staticmethod
    def resolve_cooperative(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        return CooperativeByIdLoader(info.context).load_from(root, key=lambda p: p.cooperative_id)

    @staticmethod
    def resolve_producer(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        if root.producer_id is None:
            return None
        return ProducerByIdLoader(info.context).load_from(root, key=lambda p: p.producer_id)

    @staticmethod
    def resolve_permits(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        producer = None
        if root.producer_id is not None:
            producer = ProducerByIdLoader(info.context).load_from(root, key=lambda p: p.producer_id)
        root.producer = producer  # already loaded: product_permits reads it
        return product_permits(root)


class ProductCountableConnection(CountableConnection):
    class Meta:
        node = Product

    facets = graphene.Field(
        ProductFacets,
        resolver=resolve_facets,
        description="Lumbung: counts by category, cooperative, price band and permit.",
    )
    did_you_mean = graphene.String(
        resolver=resolve_did_you_mean,
        description="Lumbung: the search text with its typos corrected, if it has any.",
    )
