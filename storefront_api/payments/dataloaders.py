"""Batch loaders of the payment types (per request, see core.dataloaders)."""

from __future__ import annotations

from collections.abc import Sequence

from marketplace.payments.models import (
    OrderGrantedRefund,
    OrderGrantedRefundLine,
    TransactionEvent,
    TransactionItem,
)
from storefront_api.core.dataloaders import BaseLoader, by_pk, grouped


class TransactionsByCheckoutIdLoader(BaseLoader[object, list[TransactionItem]]):
    def batch_load(self, keys: Sequence[object]) -> list[list[TransactionItem]]:
        rows = TransactionItem.objects.filter(checkout_token__in=keys).order_by("attempt")
        return grouped(list(rows), "checkout_token", keys)


class TransactionsByOrderIdLoader(BaseLoader[object, list[TransactionItem]]):
    def batch_load(self, keys: Sequence[object]) -> list[list[TransactionItem]]:
        rows = TransactionItem.objects.filter(order_id__in=keys).order_by("created_at", "pk")
        return grouped(list(rows), "order_id", keys)


class TransactionByIdLoader(BaseLoader[object, TransactionItem | None]):
    def batch_load(self, keys: Sequence[object]) -> list[TransactionItem | None]:
        return by_pk(list(TransactionItem.objects.filter(pk__in=keys)), keys)


class EventsByTransactionIdLoader(BaseLoader[object, list[TransactionEvent]]):
    def batch_load(self, keys: Sequence[object]) -> list[list[TransactionEvent]]:
        rows = TransactionEvent.objects.filter(transaction_id__in=keys).order_by("created_at", "pk")
        return grouped(list(rows), "transaction_id", keys)


class GrantedRefundsByOrderIdLoader(BaseLoader[object, list[OrderGrantedRefund]]):
    def batch_load(self, keys: Sequence[object]) -> list[list[OrderGrantedRefund]]:
        rows = (
            OrderGrantedRefund.objects.filter(order_id__in=keys)
            .select_related("transaction")
            .order_by("created_at", "pk")
        )
        return grouped(list(rows), "order_id", keys)


class GrantedRefundLinesByGrantIdLoader(BaseLoader[int, list[OrderGrantedRefundLine]]):
    def batch_load(self, keys: Sequence[int]) -> list[list[OrderGrantedRefundLine]]:
        rows = OrderGrantedRefundLine.objects.filter(granted_refund_id__in=keys).order_by("pk")
        return grouped(list(rows), "granted_refund_id", keys)
