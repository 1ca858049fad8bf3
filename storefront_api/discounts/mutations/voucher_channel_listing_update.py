"""``voucherChannelListingUpdate``."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.channels.models import Channel as ChannelModel
from marketplace.discounts import services
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.discounts.inputs import VoucherChannelListingInput
from storefront_api.discounts.mutations.common import (
    DiscountBaseMutation,
    objects_by_ids,
    payload_voucher,
    voucher_to_manage,
)
from storefront_api.discounts.permissions import require_voucher_manager
from storefront_api.discounts.types import DiscountError, Voucher


class VoucherChannelListingUpdate(DiscountBaseMutation):
    voucher = graphene.Field(Voucher, description="An updated voucher instance.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a voucher to update.")
        input = VoucherChannelListingInput(
            required=True,
            description="Fields required to update voucher channel listings.",
        )

    class Meta:
        description = (
            "Manage voucher's availability in channels: its value and minimum spent per "
            "channel. A hub's voucher only in the hub's channel, a cooperative's only in the "
            "channels of hubs it supplies."
        )
        error_type_class = DiscountError
        error_type_field = "discount_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: dict[str, Any]
    ) -> VoucherChannelListingUpdate:
        require_voucher_manager(info)
        voucher = voucher_to_manage(info, id)
        add = list(input.get("add_channels") or [])
        channels = objects_by_ids(
            ChannelModel.objects.all(), [item["channel_id"] for item in add],
            only_type="Channel", field="add_channels",
        )  # fmt: skip
        remove = objects_by_ids(
            ChannelModel.objects.all(), list(input.get("remove_channels") or []),
            only_type="Channel", field="remove_channels",
        )  # fmt: skip
        services.voucher_channel_listing_update(
            voucher=voucher,
            actor=info.context.user,
            add=[
                services.VoucherListingInput(
                    channel=channel,
                    discount_value=item.get("discount_value"),
                    min_spent=item.get("min_amount_spent"),
                    min_spent_given="min_amount_spent" in item,
                )
                for item, channel in zip(add, channels, strict=True)
            ],
            remove=remove,
        )
        return cls(voucher=payload_voucher(voucher))
