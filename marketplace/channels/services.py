"""Write use cases for sales channels (Saleor's ``channelCreate`` / ``channelUpdate``)."""

from __future__ import annotations

import logging
from typing import TypedDict, Unpack

from django.db import transaction
from django.utils.text import slugify

from marketplace.channels.error_codes import ChannelErrorCode
from marketplace.channels.models import Channel
from marketplace.core.exceptions import full_clean_with_codes, reject_unknown_keys

logger = logging.getLogger(__name__)


class ChannelSettings(TypedDict, total=False):
    """Optional settings of ``channel_create``; omitted keys keep the model defaults."""

    is_active: bool
    allocation_strategy: str
    automatically_confirm_all_new_orders: bool
    automatically_fulfill_non_shippable_gift_card: bool
    allow_unpaid_orders: bool
    expire_orders_after: int | None
    delete_expired_orders_after: int
    mark_as_paid_strategy: str
    use_legacy_error_flow: bool
    automatically_complete_fully_paid_checkouts: bool
    automatic_completion_delay: int | None
    allow_legacy_gift_card_use: bool
    default_transaction_flow_strategy: str


class ChannelChanges(ChannelSettings, total=False):
    """What ``channel_update`` may change; as in Saleor, the currency is fixed at creation."""

    name: str
    slug: str
    default_country: str


@transaction.atomic
def channel_create(
    *,
    name: str,
    slug: str,
    currency_code: str = "IDR",
    default_country: str = "ID",
    **settings: Unpack[ChannelSettings],
) -> Channel:
    """Create a sales channel.

    The slug is slugified and the currency and country codes upper-cased, as Saleor does.
    Raises ValidationError with ChannelErrorCode codes (e.g. ``unique`` on ``slug``).
    """
    reject_unknown_keys(settings, ChannelSettings.__optional_keys__)
    channel = Channel(
        name=name,
        slug=slug,
        currency_code=currency_code,
        default_country=default_country,
        **settings,
    )
    _normalize(channel)
    full_clean_with_codes(channel, ChannelErrorCode)
    channel.save()
    logger.info("channel_created", extra={"channel_id": channel.pk, "slug": channel.slug})
    return channel


@transaction.atomic
def channel_update(*, channel: Channel, **changes: Unpack[ChannelChanges]) -> Channel:
    """Change a channel's name, slug, country or settings; only the given keys change.

    Raises ValidationError with ChannelErrorCode codes; nothing is saved then.
    """
    reject_unknown_keys(changes, ChannelChanges.__optional_keys__)
    if not changes:
        return channel
    for field, value in changes.items():
        setattr(channel, field, value)
    _normalize(channel)
    full_clean_with_codes(channel, ChannelErrorCode)
    channel.save(update_fields=list(changes))
    logger.info("channel_updated", extra={"channel_id": channel.pk, "fields": sorted(changes)})
    return channel


def _normalize(channel: Channel) -> None:
    channel.name = (channel.name or "").strip()
    channel.slug = slugify(channel.slug or "")
    channel.currency_code = (channel.currency_code or "").strip().upper()
    channel.default_country = (channel.default_country or "").strip().upper()
    if channel.expire_orders_after == 0:  # Saleor: "Enter 0 or null to disable"
        channel.expire_orders_after = None
