"""Row locks on stock, taken the same way by every writer (checkout reservations, order
placement, cancelation, fulfilment) so that two of them never wait on each other in
opposite orders."""

from __future__ import annotations

from django.db.models import QuerySet

from marketplace.warehouses.models import Stock


def lock_stocks(stocks: QuerySet[Stock]) -> list[Stock]:
    """Lock the rows (``SELECT … FOR UPDATE`` of the stock table only), by pk."""
    return list(stocks.select_for_update(of=("self",)).order_by("pk"))
