"""``Shop.availablePaymentGateways``: the gateways Lumbung has, as Saleor lists a shop's
payment plugins — Midtrans online payment when its keys are configured, and pay at
pickup (cash at the village hub) for a channel that allows unpaid orders (without a
channel: whenever some channel does). Both take rupiah only: another ``currency`` lists
none, as does an unknown channel."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.channels.models import Channel as ChannelModel
from storefront_api.payments.gateways import (
    GatewayConfigLine,
    GatewayOption,
    PaymentGateway,
    midtrans_gateway,
    pay_at_pickup_gateway,
)
from storefront_api.payments.stored_methods import GATEWAY_CURRENCY


def resolve_shop_payment_gateways(
    info: graphene.ResolveInfo, *, currency: str | None = None, channel: str | None = None
) -> list[PaymentGateway]:
    if currency is not None and currency != GATEWAY_CURRENCY:
        return []
    channels = ChannelModel.objects.filter(is_active=True)
    if channel is not None:
        channels = ChannelModel.objects.filter(slug=channel)
        if not channels.exists():
            return []
    options: list[GatewayOption] = []
    midtrans = midtrans_gateway()
    if midtrans is not None:
        options.append(midtrans)
    if channels.filter(allow_unpaid_orders=True).exists():
        options.append(pay_at_pickup_gateway())
    return [_gateway(option) for option in options]


def _gateway(option: GatewayOption) -> Any:
    return PaymentGateway(
        id=option.id,
        name=option.name,
        config=[GatewayConfigLine(**line) for line in option.config],
        currencies=[GATEWAY_CURRENCY],
    )
