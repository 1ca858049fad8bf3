"""Lumbung's payment gateways as Saleor's transaction API names them.

Two stable gateway ids (what ``paymentGatewayInitialize`` lists and
``transactionInitialize(paymentGateway: {id})`` takes):

* ``lumbung.payments.midtrans`` — online payment through Midtrans. Its ``data`` in
  ``paymentGatewayInitialize``: ``clientKey`` (Midtrans' public client key; the server
  key never leaves the server), ``isProduction``, ``snapJsUrl``, ``amount`` and
  ``currency`` (what is owed), ``defaultPaymentMethod`` (``snap``) and
  ``paymentMethods``: ``[{id, name, kind}]``, Snap (Midtrans' own page with every
  method) and the Core API methods a storefront may show itself (``qris``, ``bca_va``,
  ``bni_va``, ``bri_va``, ``permata_va``, ``echannel``, ``gopay``, ``shopeepay``,
  ``indomaret``, ``alfamart``). Listed when the Midtrans keys are configured and the
  checkout has something to pay.
* ``lumbung.payments.pay-at-pickup`` — cash at the village hub. Needs no transaction:
  the storefront completes the checkout (``checkoutComplete``) and the buyer pays the
  hub operator with the pickup code. Listed for a checkout when the hub's channel allows
  unpaid orders and no shipping method is chosen (pickup only), and for a placed order
  still waiting for its cash payment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import graphene
from django.conf import settings
from django.utils.translation import gettext as _

from marketplace.checkout.models import Checkout
from marketplace.orders.models import OPEN_STATUSES, Order, PaymentMethod
from marketplace.payments.models import PaymentMethodType
from marketplace.payments.selectors import checkout_amount_due

MIDTRANS_GATEWAY_ID = "lumbung.payments.midtrans"
PAY_AT_PICKUP_GATEWAY_ID = "lumbung.payments.pay-at-pickup"
GATEWAY_IDS = (MIDTRANS_GATEWAY_ID, PAY_AT_PICKUP_GATEWAY_ID)
SNAP_JS_URL = {
    False: "https://app.sandbox.midtrans.com/snap/snap.js",
    True: "https://app.midtrans.com/snap/snap.js",
}
_KINDS = {
    PaymentMethodType.SNAP: "snap",
    PaymentMethodType.QRIS: "qr",
    PaymentMethodType.BCA_VA: "virtual_account",
    PaymentMethodType.BNI_VA: "virtual_account",
    PaymentMethodType.BRI_VA: "virtual_account",
    PaymentMethodType.PERMATA_VA: "virtual_account",
    PaymentMethodType.ECHANNEL: "bill",
    PaymentMethodType.GOPAY: "ewallet",
    PaymentMethodType.SHOPEEPAY: "ewallet",
    PaymentMethodType.INDOMARET: "store",
    PaymentMethodType.ALFAMART: "store",
}


@dataclass
class GatewayOption:
    """One gateway for a checkout or order: ``data`` when usable, else ``problem``."""

    id: str
    name: str
    data: dict[str, Any] | None = None
    problem: str | None = None
    config: list[dict[str, str]] = field(default_factory=list)


def midtrans_configured() -> bool:
    return bool(settings.MIDTRANS_SERVER_KEY and settings.MIDTRANS_CLIENT_KEY)


def midtrans_payment_methods() -> list[dict[str, str]]:
    return [
        {"id": method.value, "name": str(method.label), "kind": _KINDS[method]}
        for method in PaymentMethodType
    ]


def _midtrans(amount_due: int, currency: str, problem: str | None) -> GatewayOption:
    production = bool(settings.MIDTRANS_IS_PRODUCTION)
    option = GatewayOption(id=MIDTRANS_GATEWAY_ID, name=_("Online payment (Midtrans)"))
    if not midtrans_configured():
        option.problem = _("Online payment is not configured for this shop.")
        return option
    option.config = [
        {"field": "clientKey", "value": settings.MIDTRANS_CLIENT_KEY},
        {"field": "isProduction", "value": "true" if production else "false"},
        {"field": "snapJsUrl", "value": SNAP_JS_URL[production]},
    ]
    if problem:
        option.problem = problem
        return option
    option.data = {
        "clientKey": settings.MIDTRANS_CLIENT_KEY,
        "isProduction": production,
        "snapJsUrl": SNAP_JS_URL[production],
        "amount": amount_due,
        "currency": currency,
        "defaultPaymentMethod": PaymentMethodType.SNAP.value,
        "paymentMethods": midtrans_payment_methods(),
    }
    return option


def _pay_at_pickup(amount_due: int, currency: str, problem: str | None) -> GatewayOption:
    option = GatewayOption(
        id=PAY_AT_PICKUP_GATEWAY_ID, name=_("Pay at pickup (cash at the village hub)")
    )
    if problem:
        option.problem = problem
    else:
        option.data = {"amount": amount_due, "currency": currency, "transactionRequired": False}
    return option


def midtrans_gateway() -> GatewayOption | None:
    """Midtrans with its public configuration, when its keys are configured."""
    option = _midtrans(0, "IDR", None)
    return None if option.problem else option


def pay_at_pickup_gateway() -> GatewayOption:
    return GatewayOption(
        id=PAY_AT_PICKUP_GATEWAY_ID, name=_("Pay at pickup (cash at the village hub)")
    )


def checkout_gateways(checkout: Checkout) -> list[GatewayOption]:
    """Both gateways for a checkout, each usable or with the reason it is not."""
    currency = checkout.channel.currency_code
    due = checkout_amount_due(checkout=checkout)
    nothing_to_pay = _("There is nothing to pay for this checkout.") if due <= 0 else None
    pickup_problem = None
    if not checkout.channel.allow_unpaid_orders:
        pickup_problem = _("This village hub does not take payment at pickup.")
    elif checkout.shipping_method_id is not None:
        pickup_problem = _("Paying at the village hub needs pickup at the hub.")
    return [_midtrans(due, currency, nothing_to_pay), _pay_at_pickup(due, currency, pickup_problem)]


def order_gateways(order: Order) -> list[GatewayOption]:
    """Both gateways for a placed order: only an unpaid pay-at-pickup order can still be
    paid, at the hub."""
    due = max(int(order.total_amount) - int(order.total_charged_amount), 0)
    pickup_problem = None
    if order.payment_method != PaymentMethod.PAY_AT_PICKUP:
        pickup_problem = _("This order is not paid at pickup.")
    elif order.is_paid or order.status not in OPEN_STATUSES or due <= 0:
        pickup_problem = _("There is nothing to pay for this order.")
    return [
        _midtrans(due, order.currency, _("A placed order is paid at the village hub, not online.")),
        _pay_at_pickup(due, order.currency, pickup_problem),
    ]


class GatewayConfigLine(graphene.ObjectType):
    field = graphene.String(required=True, description="Gateway config key.")
    value = graphene.String(description="Gateway config value for key.")

    class Meta:
        description = "Payment gateway client configuration key and value pair."


class PaymentGateway(graphene.ObjectType):
    name = graphene.String(required=True, description="Payment gateway name.")
    id = graphene.ID(required=True, description="Payment gateway ID.")
    config = graphene.List(
        graphene.NonNull(GatewayConfigLine),
        required=True,
        description="Payment gateway client configuration.",
    )
    currencies = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Payment gateway supported currencies.",
    )

    class Meta:
        description = (
            "Available payment gateway backend with configuration necessary to setup client."
        )
