"""Saleor's ``PaymentMethodDetails``: how a transaction is paid. Lumbung's Midtrans
attempts are QRIS, a bank's virtual account, e-wallets or Midtrans' own page, so every
detail is ``OtherPaymentMethodDetails`` named as the buyer saw the method; cards and gift
cards are declared for clients that select them."""

from __future__ import annotations

import graphene

from marketplace.payments.models import PaymentMethodType


class PaymentMethodDetails(graphene.Interface):
    name = graphene.String(required=True, description="Name of the payment method.")


class OtherPaymentMethodDetails(graphene.ObjectType):
    class Meta:
        interfaces = (PaymentMethodDetails,)
        description = "Represents a payment method used for a transaction."


class CardPaymentMethodDetails(graphene.ObjectType):
    brand = graphene.String(description="Card brand.")
    first_digits = graphene.String(description="First digits of the card number.")
    last_digits = graphene.String(description="Last digits of the card number.")
    exp_month = graphene.Int(
        description="Two-digit number representing the card’s expiration month."
    )
    exp_year = graphene.Int(
        description="Four-digit number representing the card’s expiration year."
    )

    class Meta:
        interfaces = (PaymentMethodDetails,)
        description = "Represents a card payment method used for a transaction."


class GiftCardPaymentMethodDetails(graphene.ObjectType):
    brand = graphene.String(description="Brand of the gift card.")
    last_chars = graphene.String(description="Last characters of the gift card code.")
    is_saleor_giftcard = graphene.Boolean(
        required=True, description="Indicates whether the gift card is a built-in Saleor gift card."
    )

    class Meta:
        interfaces = (PaymentMethodDetails,)
        description = "Represents a gift card payment method used for a transaction."


PAYMENT_METHOD_DETAIL_TYPES = [
    OtherPaymentMethodDetails,
    CardPaymentMethodDetails,
    GiftCardPaymentMethodDetails,
]


def payment_method_details(method: str) -> OtherPaymentMethodDetails | None:
    """The details of a transaction paid with ``method`` (a ``PaymentMethodType``)."""
    if not method:
        return None
    label = dict(PaymentMethodType.choices).get(method, method)
    return OtherPaymentMethodDetails(name=str(label))
