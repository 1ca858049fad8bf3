"""Batch loaders of the payment types (per request, see core.dataloaders)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from marketplace.accounts.models import User
from marketplace.checkout.models import Checkout
from marketplace.orders.models import Order, OrderLine
from marketplace.payments.models import (
    OrderGrantedRefund,
    OrderGrantedRefundLine,
    TransactionEvent,
    TransactionItem,
)
from storefront_api.checkout.utils import CHECKOUT_RELATED
from storefront_api.core.dataloaders import BaseLoader


def _grouped(rows: Sequence, attr: str, keys: Sequence) -> list[list]:
    groups: dict = defaultdict(list)
    for row in rows:
        groups[getattr(row, attr)].append(row)
    return [groups.get(key, []) for key in keys]


def _by_pk(rows: Sequence, keys: Sequence) -> list:
    found = {row.pk: row for row in rows}
    return [found.get(key) for key in keys]


class TransactionsByCheckoutIdLoader(BaseLoader[object, list[TransactionItem]]):
    def batch_load(self, keys: Sequence[object]) -> list[list[TransactionItem]]:
        rows = TransactionItem.objects.filter(checkout_token__in=keys).order_by("attempt")
        return _grouped(list(rows), "checkout_token", keys)


class TransactionsByOrderIdLoader(BaseLoader[object, list[TransactionItem]]):
    def batch_load(self, keys: Sequence[object]) -> list[list[TransactionItem]]:
        rows = TransactionItem.objects.filter(order_id__in=keys).order_by("created_at", "pk")
        return _grouped(list(rows), "order_id", keys)


class TransactionByIdLoader(BaseLoader[object, TransactionItem | None]):
    def batch_load(self, keys: Sequence[object]) -> list[TransactionItem | None]:
        return _by_pk(list(TransactionItem.objects.filter(pk__in=keys)), keys)


class EventsByTransactionIdLoader(BaseLoader[object, list[TransactionEvent]]):
    def batch_load(self, keys: Sequence[object]) -> list[list[TransactionEvent]]:
        rows = TransactionEvent.objects.filter(transaction_id__in=keys).order_by("created_at", "pk")
        return _grouped(list(rows), "transaction_id", keys)


class GrantedRefundsByOrderIdLoader(BaseLoader[object, list[OrderGrantedRefund]]):
    def batch_load(self, keys: Sequence[object]) -> list[list[OrderGrantedRefund]]:
        rows = (
            OrderGrantedRefund.objects.filter(order_id__in=keys)
            .select_related("transaction")
            .order_by("created_at", "pk")
        )
        return _grouped(list(rows), "order_id", keys)


class GrantedRefundLinesByGrantIdLoader(BaseLoader[int, list[OrderGrantedRefundLine]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[OrderGrantedRefundLine]]:
        rows = OrderGrantedRefundLine.objects.filter(granted_refund_id__in=keys).order_by("pk")
        return _grouped(list(rows), "granted_refund_id", keys)


class OrderByIdLoader(BaseLoader[object, Order | None]):
    def batch_load(self, keys: Sequence[object]) -> list[Order | None]:
        return _by_pk(list(Order.objects.filter(pk__in=keys)), keys)


class OrderLineByIdLoader(BaseLoader[object, OrderLine | None]):
    def batch_load(self, keys: Sequence[object]) -> list[OrderLine | None]:
        return _by_pk(list(OrderLine.objects.filter(pk__in=keys)), keys)


class CheckoutByIdLoader(BaseLoader[object, Checkout | None]):
    def batch_load(self, keys: Sequence[object]) -> list[Checkout | None]:
        rows = Checkout.objects.select_related(*CHECKOUT_RELATED).filter(pk__in=keys)
        return _by_pk(list(rows), keys)


class UserByIdLoader(BaseLoader[int, User | None]):
    def batch_load(self, keys: Sequence[int]) -> list[User | None]:
        return _by_pk(list(User.objects.filter(pk__in=keys)), keys)
