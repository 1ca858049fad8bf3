from __future__ import annotations

from typing import Any

import graphene

from marketplace.channels import services
from marketplace.channels.error_codes import ChannelErrorCode
from marketplace.channels.models import Channel as ChannelModel
from storefront_api.channels.inputs import ChannelUpdateInput
from storefront_api.channels.mutations.channel_create import channel_settings
from storefront_api.channels.types import Channel, ChannelError
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.utils import get_by_global_id, provided


class ChannelUpdate(BaseMutation):
    channel = graphene.Field(Channel, description="The updated channel.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a channel to update.")
        input = ChannelUpdateInput(
            required=True, description="Fields required to update a channel."
        )

    class Meta:
        description = (
            "Update a channel. Requires platform staff. A village hub's channel follows "
            "the hub's name, slug and active flag: change those with villageHubUpdate."
        )
        error_type_class = ChannelError
        error_type_field = "channel_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: Any
    ) -> ChannelUpdate:
        access.require_platform_staff(info)
        channel = get_by_global_id(
            ChannelModel.objects.all(),
            id,
            type_name="Channel",
            field="id",
            error_code=ChannelErrorCode.NOT_FOUND,
        )
        data = provided(input)
        changes = channel_settings(data)
        for key in ("name", "slug", "default_country"):
            if data.get(key) is not None:
                changes[key] = data[key]
        channel = services.channel_update(channel=channel, **changes)
        return cls(channel=channel, errors=[])
