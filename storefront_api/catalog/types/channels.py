"""Channel listings of products and variants: publication and prices per channel
(a village hub's storefront). Cost prices are shown only to who manages the product."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.models import ProductChannelListing as ProductChannelListingModel
from marketplace.catalog.models import (
    ProductVariantChannelListing as ProductVariantChannelListingModel,
)
from storefront_api.catalog.permissions import scope_of
from storefront_api.catalog.types.common import manages
from storefront_api.channels.dataloaders import ChannelByIdLoader
from storefront_api.channels.types import Channel
from storefront_api.core.types import Money, money


def listing_visible(info: graphene.ResolveInfo, listing: Any) -> bool:
    scope = scope_of(info.context)
    return scope.works_for_cooperative(listing.cooperative_id) or scope.operates_channel(
        listing.channel_id
    )


class ProductChannelListing(graphene.ObjectType):
    published_at = graphene.DateTime(description="When the product is (or was) published.")
    is_published = graphene.Boolean(
        required=True, description="Whether the product is published in the channel."
    )
    channel = graphene.Field(Channel, required=True, description="The channel.")
    visible_in_listings = graphene.Boolean(
        required=True, description="Whether the product appears in product lists."
    )
    available_for_purchase_at = graphene.DateTime(
        description="From when the product can be bought."
    )

    class Meta:
        description = "A product's listing in a channel (a village hub's storefront)."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ProductChannelListingModel)

    @staticmethod
    def resolve_channel(root: ProductChannelListingModel, info: graphene.ResolveInfo) -> Any:
        return ChannelByIdLoader(info.context).load_from(root, key=lambda obj: obj.channel_id)


class ProductVariantChannelListing(graphene.ObjectType):
    channel = graphene.Field(Channel, required=True, description="The channel.")
    price = graphene.Field(Money, description="Price of the variant in the channel.")
    cost_price = graphene.Field(
        Money, description="Cost price; only for the product's cooperative and platform staff."
    )

    class Meta:
        description = "A variant's price in a channel."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ProductVariantChannelListingModel)

    @staticmethod
    def resolve_channel(root: ProductVariantChannelListingModel, info: graphene.ResolveInfo) -> Any:
        return ChannelByIdLoader(info.context).load_from(root, key=lambda obj: obj.channel_id)

    @staticmethod
    def resolve_price(root: ProductVariantChannelListingModel, info: graphene.ResolveInfo) -> Any:
        return money(root.price_amount, root.currency)

    @staticmethod
    def resolve_cost_price(
        root: ProductVariantChannelListingModel, info: graphene.ResolveInfo
    ) -> Any:
        if not manages(info, getattr(root, "cooperative_id", None)):
            return None
        return money(root.cost_price_amount, root.currency)
