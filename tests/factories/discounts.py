"""Vouchers with a code and a listing in a hub's channel."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from marketplace.discounts.models import (
    DiscountValueType,
    Voucher,
    VoucherChannelListing,
    VoucherCode,
    VoucherType,
)
from marketplace.village_hubs.models import Cooperative, VillageHub


def voucher_in_hub(
    hub: VillageHub,
    *,
    code: str = "DESAMAJU",
    value: int | str = 10,
    value_type: str = DiscountValueType.PERCENTAGE,
    min_spent: int | None = None,
    type: str = VoucherType.ENTIRE_ORDER,
    cooperative: Cooperative | None = None,
    **fields: object,
) -> Voucher:
    """A running voucher listed in the hub's channel: the hub's own, or ``cooperative``'s."""
    fields.setdefault("start_date", timezone.now() - datetime.timedelta(days=1))
    voucher = Voucher.objects.create(
        village_hub=None if cooperative is not None else hub,
        cooperative=cooperative,
        type=type,
        discount_value_type=value_type,
        name=fields.pop("name", f"Voucher {code}"),
        **fields,
    )
    VoucherCode.objects.create(voucher=voucher, code=code)
    VoucherChannelListing.objects.create(
        voucher=voucher,
        channel=hub.channel,
        discount_value=Decimal(value),
        min_spent_amount=min_spent,
        currency=hub.channel.currency_code,
    )
    return voucher
