"""The first page of a channel's plain product list, from a prepared query.

The commonest storefront read is ``products(first: N, channel: …)`` by a visitor: no
filter, no search, no sort, no cursor. Building its queryset (visibility, filters,
order) and compiling it costs more than PostgreSQL takes to answer it, and only the
channel and the moment change from one request to the next. Here it is compiled once
per thread and page size (:class:`storefront_api.core.prepared.PreparedQuery`) from the
very functions ``products`` uses (:func:`products_visible_to`, :func:`sort_products`,
:func:`first_page_query`), so it reads the same rows in the same order.

Anything else — a signed-in user (what they see depends on who they are), arguments that
filter, search or sort, a cursor, ``last``, ``totalCount`` or ``facets`` asked (they need
the whole list's queryset) — takes the general path in
:func:`storefront_api.catalog.schema.resolve_products`.
"""

from __future__ import annotations

import datetime
from typing import Any

import graphene
from django.db.models import QuerySet
from django.utils import timezone

from marketplace.catalog.models import Product
from marketplace.catalog.selectors import products_visible_to
from marketplace.channels.models import Channel
from storefront_api.catalog.filters import ChannelScope
from storefront_api.catalog.sorters import sort_products
from storefront_api.core.connection import (
    CountableConnection,
    first_page_queryset,
    resolve_first_page,
    selects,
)
from storefront_api.core.prepared import PreparedQuery

# The only arguments a plain list has; any other (filter, where, search, sortBy, a
# cursor, last) changes which products come or in which order.
_PLAIN_ARGUMENTS = frozenset({"first", "channel"})
# Fields of the connection that need the whole list's queryset.
_WHOLE_LIST = ("totalCount", "facets")


class _UnusedScope(ChannelScope):
    """The channel scope of filters and sorts a plain list does not have."""

    def __init__(self) -> None:
        super().__init__(None)

    @property
    def slug(self) -> str:
        raise AssertionError("A plain product list neither filters nor sorts by channel.")


def _first_page(limit: int, *, channel_id: int, now: datetime.datetime) -> QuerySet[Product]:
    """The rows ``products`` reads for the first page (``limit`` = page size + 1) of a
    visitor's plain list in the channel ``channel_id`` at the moment ``now``."""
    queryset = products_visible_to(user=None, channel=Channel(pk=channel_id), now=now)
    queryset, order_by = sort_products(queryset, None, channel=_UnusedScope(), collection=None)
    return first_page_queryset(queryset, order_by, limit - 1)


_PLAIN_FIRST_PAGE = PreparedQuery(
    lambda limit, channel_id, now: _first_page(limit, channel_id=channel_id, now=now),
    stand_ins={
        "channel_id": (-7_340_271_893, -7_340_271_894),
        "now": (
            datetime.datetime(1901, 2, 3, 4, 5, 6, 789_012, tzinfo=datetime.UTC),
            datetime.datetime(1902, 3, 4, 5, 6, 7, 890_123, tzinfo=datetime.UTC),
        ),
    },
)


def plain_list_first_page(
    info: graphene.ResolveInfo,
    args: dict[str, Any],
    channel: Channel,
    connection_type: type[CountableConnection],
) -> CountableConnection | None:
    """The first page of ``channel``'s plain product list for a visitor, as ``products``
    answers it; ``None`` when the request is not that (see the module's text)."""
    user = info.context.user
    if user is not None and user.is_authenticated:
        return None
    if any(value is not None and name not in _PLAIN_ARGUMENTS for name, value in args.items()):
        return None
    if any(selects(info, name) for name in _WHOLE_LIST):
        return None
    _queryset, order_by = sort_products(
        Product.objects.none(), None, channel=_UnusedScope(), collection=None
    )
    connection = resolve_first_page(
        lambda limit: _PLAIN_FIRST_PAGE.fetch(limit, channel_id=channel.pk, now=timezone.now()),
        info,
        args,
        connection_type,
        order_by=order_by,
        count_total=lambda: products_visible_to(user=None, channel=channel).count(),
    )
    if connection is not None:
        connection.search_queryset = None  # no facets asked
        connection.search_channel = channel
        connection.search_text = None
    return connection
