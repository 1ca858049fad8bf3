"""``ProductVariant`` and its connection. Channel listings, stock and margins are staff
data, shown only within the viewer's scope (:mod:`storefront_api.catalog.permissions`)."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.models import ProductVariant as ProductVariantModel
from storefront_api.accounts.address import AddressInput
from storefront_api.catalog import assigned_attributes as aa
from storefront_api.catalog import storefront as sf
from storefront_api.catalog import translations as tr
from storefront_api.catalog.dataloaders import (
    MediaByProductIdLoader,
    ProductByIdLoader,
    StocksByVariantIdLoader,
    VariantChannelListingsByVariantIdLoader,
)
from storefront_api.catalog.enums import (
    VariantAttributeScope,
)
from storefront_api.catalog.permissions import require, scope_of
from storefront_api.catalog.types.channels import ProductVariantChannelListing
from storefront_api.catalog.types.common import (
    ADDRESS_DESCRIPTION,
    channel_slug_of,
    manages,
    mark_channel_slug,
    weight_of,
)
from storefront_api.catalog.types.media import ProductImage, ProductMedia, images_only
from storefront_api.catalog.types.stocks import Stock
from storefront_api.core.connection import CountableConnection
from storefront_api.core.enums import (
    CountryCode,
    LanguageCodeEnum,
)
from storefront_api.core.metadata import ObjectWithMetadata
from storefront_api.core.scalars import PositiveInt
from storefront_api.core.types import Weight

PREORDER_DEPRECATION = (
    "Preorder is deprecated and will be removed. Model pre-sales with regular stock "
    "instead: create the planned quantity in a warehouse, or set `trackInventory` to false "
    "to sell without a stock limit."
)


class PreorderData(graphene.ObjectType):
    global_threshold = graphene.Int(
        description="The global preorder threshold for product variant.",
        deprecation_reason=PREORDER_DEPRECATION,
    )
    global_sold_units = graphene.Int(
        required=True,
        description="Total number of sold product variant during preorder.",
        deprecation_reason=PREORDER_DEPRECATION,
    )
    end_date = graphene.DateTime(
        description="Preorder end date.", deprecation_reason=PREORDER_DEPRECATION
    )


class ProductVariant(graphene.ObjectType):
    name = graphene.String(required=True, description="Name of the variant.")
    sku = graphene.String(description="Stock keeping unit.")
    product = graphene.Field(
        "storefront_api.catalog.types.products.Product", required=True, description="The product."
    )
    track_inventory = graphene.Boolean(
        required=True, description="Whether stock is checked when the variant is sold."
    )
    quantity_limit_per_customer = graphene.Int(description="Most units one customer may buy.")
    weight = graphene.Field(Weight, description="Weight of the variant.")
    channel = graphene.String(description="Slug of the channel the variant was asked for in.")
    channel_listings = graphene.List(
        graphene.NonNull(ProductVariantChannelListing),
        description="Prices per channel. Requires managing the product or operating the hub.",
    )
    media = graphene.List(
        graphene.NonNull(ProductMedia), description="Images of the variant's product."
    )
    preorder = graphene.Field(
        PreorderData,
        description="Preorder data for product variant (Lumbung sells from stock: null).",
        deprecation_reason=PREORDER_DEPRECATION,
        resolver=lambda root, info: None,
    )
    stocks = graphene.List(
        graphene.NonNull(Stock),
        description="Stock per warehouse. Requires managing the product or operating the hub.",
    )
    created = graphene.DateTime(required=True, description="Creation time.")
    updated_at = graphene.DateTime(required=True, description="Last update time.")

    # --- storefront browsing ---
    pricing = graphene.Field(
        lambda: sf.VariantPricingInfo,
        address=graphene.Argument(AddressInput, description=ADDRESS_DESCRIPTION),
        description="Lists the storefront variant's pricing in the channel; null when the "
        "variant has no price or its product is not published there.",
    )
    quantity_available = graphene.Int(
        address=graphene.Argument(AddressInput, description=ADDRESS_DESCRIPTION),
        country_code=graphene.Argument(
            CountryCode,
            description="Ignored.",
            deprecation_reason="Use `address` argument instead.",
        ),
        description="Quantity a customer can buy in the channel: stock minus allocations "
        "and other checkouts' reservations, at most the per-line limit.",
    )
    attributes = graphene.List(
        graphene.NonNull(lambda: sf.SelectedAttribute),
        required=True,
        variant_selection=graphene.Argument(
            VariantAttributeScope, description="Define scope of returned attributes."
        ),
        description="List of attributes assigned to this variant.",
        deprecation_reason="Use the `assignedAttributes` field instead.",
    )
    translation = graphene.Field(
        lambda: tr.ProductVariantTranslation,
        language_code=graphene.Argument(
            LanguageCodeEnum,
            required=True,
            description="A language code to return the translation for.",
        ),
        description="Returns translated product variant fields for the given language code.",
    )
    assigned_attribute = graphene.Field(
        lambda: aa.AssignedAttribute,
        slug=graphene.String(required=True, description="Slug of the attribute"),
        description="Get a single attribute attached to product variant by attribute slug.",
    )
    assigned_attributes = graphene.NonNull(
        graphene.List(graphene.NonNull(lambda: aa.AssignedAttribute)),
        limit=PositiveInt(
            default_value=aa.DEFAULT_LIMIT, description="Maximum number of attributes to return."
        ),
        description="List of attributes assigned to this variant.",
    )
    external_reference = graphene.String(
        description="External ID of this product variant (Lumbung stores none: null).",
        resolver=lambda root, info: None,
    )
    images = graphene.List(
        graphene.NonNull(ProductImage),
        description="List of images for the product variant.",
        deprecation_reason="Use the `media` field instead.",
    )
    margin = graphene.Int(
        description="Gross margin percentage value in the channel; only for the product's "
        "cooperative and platform staff (as `costPrice`), else null."
    )

    @staticmethod
    def resolve_assigned_attribute(
        root: ProductVariantModel, info: graphene.ResolveInfo, slug: str
    ) -> Any:
        items = aa.assigned(sf.resolve_variant_attributes(info, root), owner=root)
        return next((item for item in items if item.attribute.slug == slug), None)

    @staticmethod
    def resolve_assigned_attributes(
        root: ProductVariantModel, info: graphene.ResolveInfo, limit: int = aa.DEFAULT_LIMIT
    ) -> Any:
        return aa.assigned(sf.resolve_variant_attributes(info, root), owner=root)[:limit]

    @staticmethod
    def resolve_images(root: ProductVariantModel, info: graphene.ResolveInfo) -> Any:
        return images_only(ProductVariant.resolve_media(root, info))

    @staticmethod
    def resolve_margin(root: ProductVariantModel, info: graphene.ResolveInfo) -> int | None:
        channel = sf.channel_of(info, root)
        if channel is None or not manages(info, _variant_cooperative_id(info, root)):
            return None
        listings = VariantChannelListingsByVariantIdLoader(info.context).load_from(
            root, key=lambda v: v.pk
        )
        listing = next((item for item in listings if item.channel_id == channel.pk), None)
        if listing is None or not listing.price_amount or listing.cost_price_amount is None:
            return None
        gain = (listing.price_amount - listing.cost_price_amount) / listing.price_amount
        return int(round(gain * 100))

    @staticmethod
    def resolve_pricing(root: ProductVariantModel, info: graphene.ResolveInfo, **_args: Any) -> Any:
        product = ProductByIdLoader(info.context).load_from(root, key=lambda v: v.product_id)
        return sf.resolve_variant_pricing(info, root, product)

    @staticmethod
    def resolve_quantity_available(
        root: ProductVariantModel, info: graphene.ResolveInfo, **_args: Any
    ) -> int | None:
        return sf.resolve_quantity_available(info, root)

    @staticmethod
    def resolve_attributes(
        root: ProductVariantModel, info: graphene.ResolveInfo, variant_selection: Any = None
    ) -> Any:
        return sf.resolve_variant_attributes(info, root, variant_selection)

    @staticmethod
    def resolve_translation(
        root: ProductVariantModel, info: graphene.ResolveInfo, language_code: Any
    ) -> Any:
        return tr.load_translation(info, "variant", root, language_code)

    # --- end storefront browsing ---

    class Meta:
        description = "A variant of a product (e.g. a package size) with its own SKU."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ProductVariantModel)

    @staticmethod
    def resolve_name(root: ProductVariantModel, info: graphene.ResolveInfo) -> str:
        return root.name or ""

    @staticmethod
    def resolve_created(root: ProductVariantModel, info: graphene.ResolveInfo) -> Any:
        return root.created_at

    @staticmethod
    def resolve_product(root: ProductVariantModel, info: graphene.ResolveInfo) -> Any:
        product = ProductByIdLoader(info.context).load_from(root, key=lambda v: v.product_id)
        if product is not None and channel_slug_of(root):
            mark_channel_slug(product, channel_slug_of(root))
        return product

    @staticmethod
    def resolve_weight(root: ProductVariantModel, info: graphene.ResolveInfo) -> Any:
        return weight_of(root.weight_grams)

    @staticmethod
    def resolve_channel(root: ProductVariantModel, info: graphene.ResolveInfo) -> str | None:
        return channel_slug_of(root)

    @staticmethod
    def resolve_channel_listings(root: ProductVariantModel, info: graphene.ResolveInfo) -> Any:
        scope = scope_of(info.context)
        require(scope.is_catalog_staff)
        listings = VariantChannelListingsByVariantIdLoader(info.context).load_from(
            root, key=lambda v: v.pk
        )
        if scope.works_for_cooperative(_variant_cooperative_id(info, root)):
            return listings
        return [listing for listing in listings if scope.operates_channel(listing.channel_id)]

    @staticmethod
    def resolve_media(root: ProductVariantModel, info: graphene.ResolveInfo) -> Any:
        return MediaByProductIdLoader(info.context).load_from(root, key=lambda v: v.product_id)

    @staticmethod
    def resolve_stocks(root: ProductVariantModel, info: graphene.ResolveInfo, **_args: Any) -> Any:
        scope = scope_of(info.context)
        require(scope.is_catalog_staff)
        stocks = StocksByVariantIdLoader(info.context).load_from(root, key=lambda v: v.pk)
        if scope.works_for_cooperative(_variant_cooperative_id(info, root)):
            return stocks
        return [stock for stock in stocks if scope.operates_hub(stock.hub_id)]


def _variant_cooperative_id(info: graphene.ResolveInfo, variant: ProductVariantModel) -> int:
    cooperative_id = getattr(variant, "cooperative_id", None)
    if cooperative_id is None:
        product = ProductByIdLoader(info.context).load_from(variant, key=lambda v: v.product_id)
        assert product is not None  # a variant's product is a required foreign key
        cooperative_id = product.cooperative_id
    return cooperative_id


class ProductVariantCountableConnection(CountableConnection):
    class Meta:
        node = ProductVariant
