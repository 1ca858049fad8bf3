from __future__ import annotations

from typing import Any

import graphene

from marketplace.channels import services
from storefront_api.channels.inputs import ChannelCreateInput
from storefront_api.channels.types import Channel, ChannelError
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.utils import enum_value, provided


def channel_settings(data: dict[str, Any]) -> dict[str, Any]:
    """Flatten Saleor's nested ``stockSettings``/``orderSettings``/``checkoutSettings``."""
    settings: dict[str, Any] = {}
    if data.get("is_active") is not None:
        settings["is_active"] = data["is_active"]
    if data.get("stock_settings") is not None:
        settings["allocation_strategy"] = enum_value(data["stock_settings"]["allocation_strategy"])
    for group in ("order_settings", "checkout_settings"):
        for key, value in provided(data.get(group)).items():
            if value is not None or key == "expire_orders_after":
                settings[key] = value
    return settings


class ChannelCreate(BaseMutation):
    channel = graphene.Field(Channel, description="The created channel.")

    class Arguments:
        input = ChannelCreateInput(required=True, description="Fields required to create channel.")

    class Meta:
        description = "Creates a new channel. Requires platform staff."
        error_type_class = ChannelError
        error_type_field = "channel_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: Any
    ) -> ChannelCreate:
        access.require_platform_staff(info)
        data = provided(input)
        channel = services.channel_create(
            name=data["name"],
            slug=data["slug"],
            currency_code=data["currency_code"],
            default_country=data["default_country"],
            **channel_settings(data),
        )
        return cls(channel=channel, errors=[])
