from __future__ import annotations

from typing import Any

import graphene

from marketplace.channels.models import Channel as ChannelModel
from marketplace.content import services
from marketplace.content.models import Collection as CollectionModel
from storefront_api.content.mutations.common import (
    CollectionChannelListingError,
    get_node,
    get_nodes,
    require_platform_staff,
)
from storefront_api.content.types import Collection
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class PublishableChannelListingInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True, description="ID of a channel.")
    is_published = graphene.Boolean(description="Determines if object is visible to customers.")
    published_at = graphene.DateTime(description="Publication date time.")


class CollectionChannelListingUpdateInput(graphene.InputObjectType):
    add_channels = graphene.List(
        graphene.NonNull(PublishableChannelListingInput),
        description="List of channels to which the collection should be assigned.",
    )
    remove_channels = graphene.List(
        graphene.NonNull(graphene.ID),
        description="List of channels from which the collection should be unassigned.",
    )


class CollectionChannelListingUpdate(BaseMutation):
    collection = graphene.Field(Collection, description="An updated collection instance.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a collection to update.")
        input = CollectionChannelListingUpdateInput(
            required=True,
            description="Fields required to create or update collection channel listings.",
        )

    class Meta:
        description = "Manage collection's availability in channels. Requires platform staff."
        error_type_class = CollectionChannelListingError
        error_type_field = "collection_channel_listing_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: dict
    ) -> CollectionChannelListingUpdate:
        require_platform_staff(info)
        collection = get_node(CollectionModel.objects.all(), id, only_type="Collection", field="id")
        add = input.get("add_channels") or []
        channels = get_nodes(
            ChannelModel.objects.all(), [item["channel_id"] for item in add],
            only_type="Channel", field="addChannels",
        )  # fmt: skip
        remove = get_nodes(
            ChannelModel.objects.all(), input.get("remove_channels") or [],
            only_type="Channel", field="removeChannels",
        )  # fmt: skip
        services.collection_channel_listing_update(
            collection=collection,
            add=[
                services.CollectionListingInput(
                    channel=channel,
                    is_published=bool(item.get("is_published")),
                    published_at=item.get("published_at"),
                )
                for item, channel in zip(add, channels, strict=True)
            ],
            remove=remove,
        )
        return cls(collection=collection)
