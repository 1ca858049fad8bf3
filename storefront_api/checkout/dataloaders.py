"""Batch loaders of the checkout and order types (per request, see core.dataloaders)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from marketplace.accounts.models import Address
from marketplace.orders.models import Fulfillment, FulfillmentLine, Order, OrderLine
from storefront_api.core.dataloaders import BaseLoader


def _by_pk(rows: Sequence, keys: Sequence) -> list:
    found = {row.pk: row for row in rows}
    return [found.get(key) for key in keys]


def _grouped(rows: Sequence, attr: str, keys: Sequence) -> list[list]:
    groups: dict = defaultdict(list)
    for row in rows:
        groups[getattr(row, attr)].append(row)
    return [groups.get(key, []) for key in keys]


class AddressByIdLoader(BaseLoader[int, Address | None]):
    def batch_load(self, keys: Sequence[int]) -> list[Address | None]:
        return _by_pk(list(Address.objects.filter(pk__in=keys)), keys)


class OrderLinesByOrderIdLoader(BaseLoader[object, list[OrderLine]]):
    def batch_load(self, keys: Sequence[object]) -> list[list[OrderLine]]:
        rows = OrderLine.objects.filter(order_id__in=keys).order_by("created_at", "pk")
        return _grouped(list(rows), "order_id", keys)


class OrderByIdLoader(BaseLoader[object, Order | None]):
    def batch_load(self, keys: Sequence[object]) -> list[Order | None]:
        return _by_pk(list(Order.objects.filter(pk__in=keys)), keys)


class OrderLineByIdLoader(BaseLoader[object, OrderLine | None]):
    def batch_load(self, keys: Sequence[object]) -> list[OrderLine | None]:
        return _by_pk(list(OrderLine.objects.filter(pk__in=keys)), keys)


class FulfillmentsByOrderIdLoader(BaseLoader[object, list[Fulfillment]]):
    def batch_load(self, keys: Sequence[object]) -> list[list[Fulfillment]]:
        rows = Fulfillment.objects.filter(order_id__in=keys).order_by("fulfillment_order")
        return _grouped(list(rows), "order_id", keys)


class FulfillmentLinesByFulfillmentIdLoader(BaseLoader[int, list[FulfillmentLine]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[FulfillmentLine]]:
        rows = FulfillmentLine.objects.filter(fulfillment_id__in=keys).order_by("pk")
        return _grouped(list(rows), "fulfillment_id", keys)


class OrderEventsByOrderIdLoader(BaseLoader[object, list]):
    def batch_load(self, keys: Sequence[object]) -> list[list]:
        from marketplace.orders.models import OrderEvent

        rows = OrderEvent.objects.filter(order_id__in=keys).order_by("date", "pk")
        return _grouped(list(rows), "order_id", keys)
