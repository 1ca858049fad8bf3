"""Gift cards with Saleor's shape (Lumbung issues none yet: lists of gift cards are empty)."""

from __future__ import annotations

from typing import Any

import graphene

from storefront_api.accounts.types import User
from storefront_api.core.connection import CountableConnection
from storefront_api.core.metadata import NoStoredMetadata
from storefront_api.core.permissions import require_self_or_platform_staff
from storefront_api.core.types import Money

_GIFT_CARD_GONE = "This field will be removed."


class GiftCard(NoStoredMetadata, graphene.ObjectType):
    display_code = graphene.String(
        required=True, description="Code in format which allows displaying in a user interface."
    )
    last_4_code_chars = graphene.String(
        name="last4CodeChars", required=True, description="Last 4 characters of gift card code."
    )
    code = graphene.String(required=True, description="Gift card code.")
    is_active = graphene.Boolean(required=True, description="Whether the gift card is active.")
    initial_balance = graphene.Field(Money, required=True, description="Initial balance.")
    current_balance = graphene.Field(Money, required=True, description="Current balance.")
    created = graphene.DateTime(required=True, description="Date and time of creation.")
    created_by = graphene.Field(User, description="The user who bought or issued a gift card.")
    last_used_on = graphene.DateTime(description="Date and time of last use.")
    expiry_date = graphene.Date(description="Expiry date of the gift card.")
    product = graphene.Field(
        "storefront_api.catalog.types.products.Product",
        description="Related gift card product.",
    )
    bought_in_channel = graphene.String(description="Slug of the channel where it was bought.")
    used_by = graphene.Field(
        User, description="The customer who used it.", deprecation_reason=_GIFT_CARD_GONE
    )
    used_by_email = graphene.String(
        description="Email address of the customer who used it.",
        deprecation_reason=_GIFT_CARD_GONE,
    )
    user = graphene.Field(
        User,
        description="The customer who bought it.",
        deprecation_reason="Use `createdBy` field instead.",
    )
    end_date = graphene.DateTime(
        description="End date of the gift card.",
        deprecation_reason="Use `expiryDate` field instead.",
    )
    start_date = graphene.DateTime(
        description="Start date of the gift card.", deprecation_reason=_GIFT_CARD_GONE
    )

    class Meta:
        description = "A gift card (Lumbung issues none yet: lists of gift cards are empty)."
        interfaces = (graphene.relay.Node,)


class GiftCardCountableConnection(CountableConnection):
    class Meta:
        node = GiftCard


def resolve_user_gift_cards(user: Any, info: graphene.ResolveInfo) -> GiftCardCountableConnection:
    """``User.giftCards``: always empty (Lumbung issues no gift cards), for the user
    themselves and platform staff only."""
    require_self_or_platform_staff(info, user)
    page_info = graphene.relay.PageInfo(
        has_next_page=False, has_previous_page=False, start_cursor=None, end_cursor=None
    )
    connection = GiftCardCountableConnection(edges=[], page_info=page_info)
    connection.count_total = lambda: 0
    return connection
