"""Channel queries and mutations (Saleor's ``channel``/``channels``, ``channelCreate``/
``channelUpdate``); the root composes them through ``VillageHubQueries``."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.channels.models import Channel as ChannelModel
from marketplace.village_hubs import selectors
from storefront_api.channels.mutations.channel_create import ChannelCreate
from storefront_api.channels.mutations.channel_update import ChannelUpdate
from storefront_api.channels.types import Channel
from storefront_api.core.ids import decode_int_pk
from storefront_api.village_hubs import access
from storefront_api.village_hubs.utils import exactly_one_of


class ChannelQueries(graphene.ObjectType):
    channel = graphene.Field(
        Channel,
        id=graphene.ID(description="ID of the channel."),
        slug=graphene.String(description="Slug of the channel."),
        description="Look up a channel by ID or slug.",
    )
    channels = graphene.List(
        graphene.NonNull(Channel),
        description="List of all channels. Requires platform staff; hub operators see "
        "their hubs' channels.",
    )

    @staticmethod
    def resolve_channel(
        root: Any, info: graphene.ResolveInfo, id: str | None = None, slug: str | None = None
    ) -> Any:
        exactly_one_of(id=id, slug=slug)
        if id is not None:
            return ChannelModel.objects.filter(pk=decode_int_pk(id, only_type="Channel")).first()
        return ChannelModel.objects.filter(slug=slug).first()

    @staticmethod
    def resolve_channels(root: Any, info: graphene.ResolveInfo) -> Any:
        user = access.require_signed_in(info)
        if access.is_platform_staff(user):
            return list(ChannelModel.objects.all())
        hub_channels = selectors.hubs_operated_by(user).values("channel")
        channels = list(ChannelModel.objects.filter(pk__in=hub_channels))
        access.require(bool(channels))
        return channels


class ChannelMutations(graphene.ObjectType):
    channel_create = ChannelCreate.Field()
    channel_update = ChannelUpdate.Field()
