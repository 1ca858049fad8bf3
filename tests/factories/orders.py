"""Orders built directly (most tests place orders through checkout_complete instead)."""

from __future__ import annotations

from decimal import Decimal

import factory

from marketplace.orders.models import Order, OrderLine, OrderStatus, PaymentMethod
from tests.factories.catalog import ProductVariantFactory
from tests.factories.channels import ChannelFactory


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

    number = factory.Sequence(lambda n: 900_000 + n)
    channel = factory.SubFactory(ChannelFactory)
    user_email = factory.Sequence(lambda n: f"pembeli{n}@example.com")
    status = OrderStatus.UNFULFILLED
    payment_method = PaymentMethod.PAY_AT_PICKUP
    subtotal_amount = Decimal(0)
    shipping_price_amount = Decimal(0)
    total_amount = Decimal(0)


class OrderLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrderLine

    order = factory.SubFactory(OrderFactory)
    variant = factory.SubFactory(ProductVariantFactory)
    product_name = factory.LazyAttribute(lambda o: o.variant.product.name)
    variant_name = factory.LazyAttribute(lambda o: o.variant.name)
    cooperative = factory.LazyAttribute(lambda o: o.variant.product.cooperative)
    quantity = 1
    unit_price_amount = Decimal(15_000)
    total_price_amount = factory.LazyAttribute(lambda o: o.unit_price_amount * o.quantity)
    undiscounted_unit_price_amount = factory.LazyAttribute(lambda o: o.unit_price_amount)
    undiscounted_total_price_amount = factory.LazyAttribute(lambda o: o.total_price_amount)
