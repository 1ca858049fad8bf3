"""Stock availability with reservations, and reserving stock for checkout lines.

Saleor's semantics (``saleor/warehouse/reservations.py``, ``availability.py``): units
free for a checkout are ``quantity − quantity_allocated − active reservations of OTHER
checkouts`` summed over the stock rows that can serve it; a checkout's own reservations
never block itself and expired reservations (``reserved_until`` past) count for nothing.
Reservations last ``settings.RESERVE_STOCK_DURATION_MINUTES`` (default 20; 0 or None
turns reserving off, then only allocations at completion hold stock).

Every function that decides on availability runs in the caller's transaction with the
candidate stock rows locked ``FOR UPDATE`` in primary-key order, so two buyers of the
last unit serialize instead of both getting it, and lockers never deadlock.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from uuid import UUID

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from marketplace.channels.models import AllocationStrategy, Channel
from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.checkout.models import Checkout, CheckoutLine, Reservation
from marketplace.warehouses.lock_objects import lock_stocks
from marketplace.warehouses.models import ClickAndCollectOption, Stock, Warehouse

DEFAULT_RESERVE_STOCK_DURATION_MINUTES = 20


def reservation_duration() -> datetime.timedelta | None:
    """How long line changes reserve stock; None when reserving is turned off."""
    minutes = getattr(
        settings, "RESERVE_STOCK_DURATION_MINUTES", DEFAULT_RESERVE_STOCK_DURATION_MINUTES
    )
    if not minutes:
        return None
    return datetime.timedelta(minutes=int(minutes))


def candidate_stocks(
    *,
    channel: Channel | int,
    variant_ids: Iterable[int],
    collection_point: Warehouse | None = None,
) -> QuerySet[Stock]:
    """Stock rows that can serve these variants in ``channel``: those of the warehouses
    serving the channel, only the collection point's own with ``local`` click and collect."""
    stocks = Stock.objects.filter(
        product_variant_id__in=list(variant_ids), warehouse__channels=channel
    )
    if (
        collection_point is not None
        and collection_point.click_and_collect_option == ClickAndCollectOption.LOCAL_STOCK
    ):
        stocks = stocks.filter(warehouse=collection_point)
    return stocks


def reserved_by_other_checkouts(
    *, stock_ids: Sequence[int], checkout_id: UUID | str | None, now: datetime.datetime
) -> dict[int, int]:
    """Units of each stock row held by active reservations of checkouts other than
    ``checkout_id`` (all checkouts when None)."""
    reservations = Reservation.objects.filter(stock_id__in=stock_ids, reserved_until__gt=now)
    if checkout_id is not None:
        reservations = reservations.exclude(checkout_line__checkout_id=checkout_id)
    rows = reservations.values("stock_id").annotate(total=Sum("quantity_reserved"))
    return {row["stock_id"]: int(row["total"]) for row in rows}


def available_by_stock(
    stocks: Sequence[Stock], *, checkout_id: UUID | str | None, now: datetime.datetime
) -> dict[int, int]:
    """Units free for ``checkout_id`` in each of ``stocks`` (never negative)."""
    reserved = reserved_by_other_checkouts(
        stock_ids=[stock.pk for stock in stocks], checkout_id=checkout_id, now=now
    )
    return {
        stock.pk: max(stock.quantity - stock.quantity_allocated - reserved.get(stock.pk, 0), 0)
        for stock in stocks
    }


def stocks_in_allocation_order(
    stocks: Sequence[Stock], available: dict[int, int], channel: Channel
) -> list[Stock]:
    """Stocks in the order the channel's allocation strategy takes them: most available
    first for ``prioritize-high-stock``, else by warehouse (no per-channel sort order yet)."""
    if channel.allocation_strategy == AllocationStrategy.PRIORITIZE_HIGH_STOCK:
        return sorted(stocks, key=lambda stock: (-available[stock.pk], stock.pk))
    return sorted(stocks, key=lambda stock: (stock.warehouse_id, stock.pk))


def insufficient_stock_error(variant_ids: Sequence[int], field: str) -> ValidationError:
    """INSUFFICIENT_STOCK on ``field``; ``params["variants"]`` lists the variant pks."""
    return ValidationError(
        {
            field: ValidationError(
                _("Insufficient product stock."),
                code=CheckoutErrorCode.INSUFFICIENT_STOCK.value,
                params={"variants": sorted(set(variant_ids))},
            )
        }
    )


def check_and_reserve(
    *,
    checkout: Checkout,
    lines: Sequence[CheckoutLine],
    now: datetime.datetime,
    field: str = "quantity",
    new_checkout: bool = False,
) -> None:
    """Check that ``lines`` can be served and (re)reserve their stock.

    Run inside a transaction. Lines of variants that do not track inventory are neither
    checked nor reserved. Raises INSUFFICIENT_STOCK (on ``field``) before writing
    anything. The checkout's other reservations are extended to the new deadline, as
    Saleor does (only those still running). ``new_checkout``: the checkout was created
    in this transaction, so it holds no reservations to replace or extend.
    """
    tracked = [line for line in lines if line.variant.track_inventory]
    duration = reservation_duration()
    if tracked:
        stocks = lock_stocks(
            candidate_stocks(
                channel=checkout.channel,
                variant_ids={line.variant_id for line in tracked},
                collection_point=checkout.collection_point,
            )
        )
        available = available_by_stock(stocks, checkout_id=checkout.pk, now=now)
        by_variant: dict[int, list[Stock]] = defaultdict(list)
        for stock in stocks_in_allocation_order(stocks, available, checkout.channel):
            by_variant[stock.product_variant_id].append(stock)
        short = [
            line.variant_id
            for line in tracked
            if sum(available[stock.pk] for stock in by_variant[line.variant_id]) < line.quantity
        ]
        if short:
            raise insufficient_stock_error(short, field)
        if duration is not None:
            if not new_checkout:
                Reservation.objects.filter(checkout_line__in=tracked).delete()
            reservations = []
            for line in tracked:
                remaining = line.quantity
                for stock in by_variant[line.variant_id]:
                    take = min(remaining, available[stock.pk])
                    if take > 0:
                        reservations.append(
                            Reservation(
                                checkout_line=line,
                                stock=stock,
                                quantity_reserved=take,
                                reserved_until=now + duration,
                            )
                        )
                        remaining -= take
                    if remaining == 0:
                        break
            Reservation.objects.bulk_create(reservations)
    if duration is not None and not new_checkout:
        # Only live reservations: an expired one may already be taken by someone else.
        Reservation.objects.filter(checkout_line__checkout=checkout, reserved_until__gt=now).update(
            reserved_until=now + duration
        )


def release_reservations(*, checkout_id: UUID | str) -> int:
    """Give back every unit a checkout holds (its payment failed or expired); the lines
    stay, so the buyer can try again (line changes reserve anew). Returns rows removed."""
    deleted, _details = Reservation.objects.filter(checkout_line__checkout_id=checkout_id).delete()
    return deleted
