"""Reads of orders scoped to who asks: cooperatives see only their lines, hub operators
their hubs' orders; pickup-code look-up at the hub counter."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet

from marketplace.accounts.models import User
from marketplace.orders.models import (
    OPEN_STATUSES,
    PICKUP_CODE_LENGTH,
    Order,
    OrderLine,
)
from marketplace.village_hubs.models import VillageHub
from marketplace.village_hubs.selectors import cooperatives_managed_by, hubs_operated_by


def order_lines_for_cooperative(user: User | AnonymousUser) -> QuerySet[OrderLine]:
    """Order lines of the cooperatives the user works for (all for platform staff)."""
    return OrderLine.objects.filter(cooperative__in=cooperatives_managed_by(user))


def orders_for_cooperative(user: User | AnonymousUser) -> QuerySet[Order]:
    """Orders holding lines of the user's cooperatives, newest first. Each order's
    ``cooperative_lines`` (prefetched list) holds only those lines: a cooperative never
    sees what other cooperatives sold in the same order."""
    lines = order_lines_for_cooperative(user)
    return (
        Order.objects.filter(pk__in=lines.values("order_id"))
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=lines.order_by("created_at", "pk"),
                to_attr="cooperative_lines",
            )
        )
        .order_by("-number")
    )


def orders_for_hub_operator(user: User | AnonymousUser) -> QuerySet[Order]:
    """Orders placed in the channels of the hubs the user operates, newest first."""
    return Order.objects.filter(channel__in=hubs_operated_by(user).values("channel_id")).order_by(
        "-number"
    )


def orders_of_user(user: User | AnonymousUser) -> QuerySet[Order]:
    """The signed-in buyer's own orders, newest first."""
    if not user.is_authenticated:
        return Order.objects.none()
    return Order.objects.filter(user=user).order_by("-number")


def normalize_pickup_code(code: str) -> str:
    """Upper case without spaces or dashes, as typed at the counter."""
    return "".join(char for char in (code or "").upper() if char.isalnum())


def order_by_pickup_code(hub: VillageHub, code: str) -> Order | None:
    """The open order (unconfirmed, unfulfilled or partially fulfilled) of ``hub`` with
    this pickup code, or None. Callers check ``user_can_operate_hub`` first."""
    normalized = normalize_pickup_code(code)
    if len(normalized) != PICKUP_CODE_LENGTH:
        return None
    return (
        Order.objects.filter(
            channel_id=hub.channel_id, pickup_code=normalized, status__in=OPEN_STATUSES
        )
        .prefetch_related("lines")
        .first()
    )
