from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.catalog import services
from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.catalog.models import Product as ProductModel
from marketplace.channels.models import Channel as ChannelModel
from marketplace.core.exceptions import field_error
from storefront_api.catalog.mutations.common import get_node
from storefront_api.catalog.permissions import require, scope_of
from storefront_api.catalog.types.errors import ProductChannelListingError
from storefront_api.catalog.types.products import Product
from storefront_api.core.ids import decode_int_pk
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class ProductChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True, description="ID of a channel.")
    is_published = graphene.Boolean(description="Whether the product is published.")
    published_at = graphene.DateTime(description="Publication date and time.")
    visible_in_listings = graphene.Boolean(
        description="Whether the product appears in product lists."
    )
    available_for_purchase_at = graphene.DateTime(
        description="From when the product can be bought."
    )


class ProductChannelListingUpdateInput(graphene.InputObjectType):
    update_channels = graphene.List(
        graphene.NonNull(ProductChannelListingAddInput),
        description="List of channels to which the product should be assigned or updated.",
    )
    remove_channels = graphene.List(
        graphene.NonNull(graphene.ID),
        description="List of channels from which the product should be unassigned.",
    )


def channels_by_global_id(values: list[str], field: str) -> dict[str, ChannelModel]:
    pks = {value: decode_int_pk(value, only_type="Channel", field=field) for value in values}
    found = {channel.pk: channel for channel in ChannelModel.objects.filter(pk__in=pks.values())}
    result = {}
    for value, pk in pks.items():
        if pk not in found:
            raise field_error(
                field,
                _("Couldn't resolve to a node: %(id)s") % {"id": value},
                ProductErrorCode.NOT_FOUND,
            )
        result[value] = found[pk]
    return result


class ProductChannelListingUpdate(BaseMutation):
    product = graphene.Field(Product, description="An updated product instance.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a product to update.")
        input = ProductChannelListingUpdateInput(
            required=True,
            description="Fields required to create or update product channel listings.",
        )

    class Meta:
        description = (
            "Adds, changes or removes a product's channel listings (publication, visibility). "
            "Requires staff of the product's cooperative, an operator of the channel's "
            "village hub for every channel given, or platform staff."
        )
        error_type_class = ProductChannelListingError
        error_type_field = "product_channel_listing_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: dict
    ) -> ProductChannelListingUpdate:
        product = get_node(ProductModel.objects.all(), id, only_type="Product", field="id")
        updates = input.get("update_channels") or []
        removes = input.get("remove_channels") or []
        update_channels = channels_by_global_id(
            [item["channel_id"] for item in updates], "channelId"
        )
        remove_channels = channels_by_global_id(removes, "removeChannels")
        scope = scope_of(info.context)
        channels = [*update_channels.values(), *remove_channels.values()]
        require(
            scope.works_for_cooperative(product.cooperative_id)
            or (bool(channels) and all(scope.operates_channel(c.pk) for c in channels))
        )
        services.product_channel_listing_update(
            product=product,
            update_channels=[
                services.ProductChannelListingInput(
                    channel=update_channels[item["channel_id"]],
                    is_published=item.get("is_published"),
                    published_at=item.get("published_at"),
                    visible_in_listings=item.get("visible_in_listings"),
                    available_for_purchase_at=item.get("available_for_purchase_at"),
                )
                for item in updates
            ],
            remove_channels=[remove_channels[value] for value in removes],
        )
        return cls(product=product)
