from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog import services
from storefront_api.catalog.mutations.product_channel_listing_update import (
    channels_by_global_id,
)
from storefront_api.catalog.mutations.product_variant_update import variant_to_manage
from storefront_api.catalog.scalars import PositiveDecimal
from storefront_api.catalog.types.errors import ProductChannelListingError
from storefront_api.catalog.types.variants import ProductVariant
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class ProductVariantChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True, description="ID of a channel.")
    price = PositiveDecimal(required=True, description="Price of the variant, in whole rupiah.")
    cost_price = PositiveDecimal(description="Cost price of the variant, in whole rupiah.")


class ProductVariantChannelListingUpdate(BaseMutation):
    variant = graphene.Field(ProductVariant, description="An updated product variant instance.")

    class Arguments:
        id = graphene.ID(description="ID of a product variant to update.")
        sku = graphene.String(description="SKU of a product variant to update.")
        input = graphene.List(
            graphene.NonNull(ProductVariantChannelListingAddInput),
            required=True,
            description="List of fields required to create or upgrade product variant "
            "channel listings.",
        )

    class Meta:
        description = (
            "Sets a variant's prices per channel, in whole rupiah. Requires staff of the "
            "product's cooperative or platform staff."
        )
        error_type_class = ProductChannelListingError
        error_type_field = "product_channel_listing_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        /,
        *,
        input: list[dict[str, Any]],
        id: str | None = None,
        sku: str | None = None,
    ) -> ProductVariantChannelListingUpdate:
        variant = variant_to_manage(info, id, sku)
        channels = channels_by_global_id([item["channel_id"] for item in input], "channelId")
        services.product_variant_channel_listing_update(
            variant=variant,
            update_channels=[
                services.VariantChannelListingInput(
                    channel=channels[item["channel_id"]],
                    price=item.get("price"),
                    cost_price=item.get("cost_price"),
                )
                for item in input
            ],
        )
        return cls(variant=variant)
