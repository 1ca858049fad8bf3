"""``OrderFilterInput`` (the fields Lumbung supports) for ``orders``."""

from __future__ import annotations

import uuid
from typing import Any

import graphene
from django.db.models import Q, QuerySet
from graphql_relay import from_global_id

from marketplace.orders.models import Order, OrderStatus
from storefront_api.orders.enums import OrderChargeStatusEnum, OrderStatusFilter
from storefront_api.payments.enums import PaymentChargeStatusEnum
from storefront_api.village_hubs.utils import enum_value

_STATUS = {
    "ready_to_fulfill": Q(status__in=[OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED])
    & Q(charge_status__in=["full", "overcharged"]),
    "ready_to_capture": Q(charge_status="none")
    & Q(status__in=[OrderStatus.UNCONFIRMED, OrderStatus.UNFULFILLED]),
    "unfulfilled": Q(status=OrderStatus.UNFULFILLED),
    "unconfirmed": Q(status=OrderStatus.UNCONFIRMED),
    "partially fulfilled": Q(status=OrderStatus.PARTIALLY_FULFILLED),
    "fulfilled": Q(status=OrderStatus.FULFILLED),
    "canceled": Q(status=OrderStatus.CANCELED),
}
_PAYMENT = {
    "not-charged": Q(charge_status="none"),
    "partially-charged": Q(charge_status="partial"),
    "fully-charged": Q(charge_status__in=["full", "overcharged"]),
}


class OrderFilterInput(graphene.InputObjectType):
    payment_status = graphene.List(
        graphene.NonNull(PaymentChargeStatusEnum),
        deprecation_reason="The legacy Payments API is deprecated and will be removed. Use "
        "the Transactions API instead.",
    )
    status = graphene.List(graphene.NonNull(OrderStatusFilter))
    customer = graphene.String(description="E-mail address of the buyer (contains).")
    search = graphene.String(description="Order number, pickup code or e-mail address.")
    channels = graphene.List(graphene.NonNull(graphene.ID))
    charge_status = graphene.List(graphene.NonNull(OrderChargeStatusEnum))
    is_click_and_collect = graphene.Boolean()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    numbers = graphene.List(graphene.NonNull(graphene.String))


def _any(values: list[Any], mapping: dict[str, Q]) -> Q:
    condition = Q(pk__in=[])
    for value in values:
        condition |= mapping.get(enum_value(value), Q(pk__in=[]))
    return condition


def _pks(values: list[str], type_name: str) -> list[str]:
    pks = []
    for value in values:
        try:
            name, pk = from_global_id(value)
        except (TypeError, ValueError, UnicodeDecodeError):
            continue
        if name == type_name:
            pks.append(pk)
    return pks


def filter_orders(orders: QuerySet[Order], data: Any) -> QuerySet[Order]:
    data = dict(data or {})
    if data.get("status"):
        orders = orders.filter(_any(data["status"], _STATUS))
    if data.get("payment_status"):
        orders = orders.filter(_any(data["payment_status"], _PAYMENT))
    if data.get("charge_status"):
        orders = orders.filter(charge_status__in=[enum_value(v) for v in data["charge_status"]])
    if data.get("customer"):
        orders = orders.filter(user_email__icontains=data["customer"].strip())
    if data.get("search"):
        term = data["search"].strip()
        condition = Q(user_email__icontains=term) | Q(pickup_code=term.upper())
        if term.isdigit():
            condition |= Q(number=int(term))
        orders = orders.filter(condition)
    if data.get("channels"):
        orders = orders.filter(channel_id__in=_pks(data["channels"], "Channel"))
    if data.get("is_click_and_collect") is not None:
        orders = orders.filter(collection_point__isnull=not data["is_click_and_collect"])
    if data.get("ids"):
        valid = []
        for pk in _pks(data["ids"], "Order"):
            try:
                valid.append(uuid.UUID(pk))
            except ValueError:
                continue
        orders = orders.filter(pk__in=valid)
    if data.get("numbers"):
        orders = orders.filter(number__in=[int(n) for n in data["numbers"] if str(n).isdigit()])
    return orders
