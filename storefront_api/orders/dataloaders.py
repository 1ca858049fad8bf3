"""Batch loaders of orders, their lines, events and fulfillments (per request, see
:mod:`storefront_api.core.dataloaders`)."""

from __future__ import annotations

from collections.abc import Sequence

from marketplace.orders.models import Fulfillment, FulfillmentLine, Order, OrderEvent, OrderLine
from storefront_api.core.dataloaders import BaseLoader, by_pk, grouped


class OrderByIdLoader(BaseLoader[object, Order | None]):
    def batch_load(self, keys: Sequence[object]) -> list[Order | None]:
        return by_pk(Order.objects.filter(pk__in=keys), keys)


class OrderLineByIdLoader(BaseLoader[object, OrderLine | None]):
    def batch_load(self, keys: Sequence[object]) -> list[OrderLine | None]:
        return by_pk(OrderLine.objects.filter(pk__in=keys), keys)


class OrderLinesByOrderIdLoader(BaseLoader[object, list[OrderLine]]):
    def batch_load(self, keys: Sequence[object]) -> list[list[OrderLine]]:
        rows = OrderLine.objects.filter(order_id__in=keys).order_by("created_at", "pk")
        return grouped(rows, "order_id", keys)


class OrderEventsByOrderIdLoader(BaseLoader[object, list[OrderEvent]]):
    def batch_load(self, keys: Sequence[object]) -> list[list[OrderEvent]]:
        rows = OrderEvent.objects.filter(order_id__in=keys).order_by("date", "pk")
        return grouped(rows, "order_id", keys)


class FulfillmentsByOrderIdLoader(BaseLoader[object, list[Fulfillment]]):
    def batch_load(self, keys: Sequence[object]) -> list[list[Fulfillment]]:
        rows = Fulfillment.objects.filter(order_id__in=keys).order_by("fulfillment_order")
        return grouped(rows, "order_id", keys)


class FulfillmentLinesByFulfillmentIdLoader(BaseLoader[int, list[FulfillmentLine]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[FulfillmentLine]]:
        rows = FulfillmentLine.objects.filter(fulfillment_id__in=keys).order_by("pk")
        return grouped(rows, "fulfillment_id", keys)
