"""Checkout types with Saleor's names and fields: Checkout, CheckoutLine, Delivery and
the checkout's problems (shipping methods, payment gateways, gift cards and addresses
have their own areas, as in Saleor).

Amounts are whole rupiah (IDR); prices include tax, which is 0 while sellers are non-PKP
(``checkout.selectors.checkout_totals``). A checkout's totals are computed once per
checkout object and request (two queries), whatever the number of lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import graphene
from django.db.models import Min

from marketplace.checkout.models import Checkout as CheckoutModel
from marketplace.checkout.models import CheckoutLine as CheckoutLineModel
from marketplace.checkout.models import Reservation
from marketplace.checkout.selectors import (
    CheckoutTotals,
    checkout_shipping_methods,
    checkout_totals,
    checkouts_of_user,
    pickup_points_for_channel,
)
from marketplace.discounts.models import Voucher as VoucherModel
from marketplace.shipping.models import ShippingMethod as ShippingMethodModel
from storefront_api.accounts.address import Address, address_from_model
from storefront_api.accounts.enums import AddressTypeEnum
from storefront_api.accounts.types import User
from storefront_api.catalog.dataloaders import VariantByIdLoader
from storefront_api.catalog.types.common import mark_channel_slug
from storefront_api.catalog.types.variants import ProductVariant
from storefront_api.channels.types import Channel
from storefront_api.checkout.enums import (
    CheckoutAuthorizeStatusEnum,
    CheckoutChargeStatusEnum,
    CheckoutErrorCode,
)
from storefront_api.core.connection import CountableConnection, resolve_connection
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.ids import global_id
from storefront_api.core.metadata import NoStoredMetadata, ObjectWithMetadata
from storefront_api.core.permissions import require_self_or_platform_staff, viewer_may_see_user
from storefront_api.core.types import (
    Error,
    Money,
    TaxedMoney,  # the catalog's (prices)
    money,
)
from storefront_api.discounts.permissions import can_manage_voucher, permission_denied
from storefront_api.discounts.types import Voucher, VoucherContext
from storefront_api.giftcards.types import GiftCard
from storefront_api.payments.gateways import GatewayConfigLine, PaymentGateway
from storefront_api.shipping.types import PickupMethod, ShippingMethod
from storefront_api.warehouses.types import Warehouse

# --- values ------------------------------------------------------------------------------


def taxed(amount: Any, currency: str = "IDR", tax: Any = 0) -> dict[str, Any]:
    """A ``TaxedMoney`` value of ``amount`` whole rupiah, ``tax`` included."""
    amount = int(amount or 0)
    tax = int(tax or 0)
    return {
        "currency": currency,
        "gross": money(amount, currency),
        "net": money(amount - tax, currency),
        "tax": money(tax, currency),
    }


class Delivery(graphene.ObjectType):
    id = graphene.ID(required=True, description="The ID of the delivery.")
    shipping_method = graphene.Field(
        ShippingMethod, description="Shipping method represented by this delivery."
    )

    class Meta:
        description = (
            "Represents a delivery option available for the checkout: a shipping method, "
            "or pickup at a village hub's point shown as a free shipping method."
        )

    @staticmethod
    def resolve_id(root: ShippingMethodModel, info: graphene.ResolveInfo) -> str:
        return global_id("Delivery", root.pk)

    @staticmethod
    def resolve_shipping_method(root: ShippingMethodModel, info: graphene.ResolveInfo) -> Any:
        return root


class DeliveryMethod(graphene.Union):
    class Meta:
        description = "Represents a delivery method chosen for the checkout."
        types = (Warehouse, ShippingMethod)


# --- checkout ----------------------------------------------------------------------------


class CheckoutError(Error):
    code = CheckoutErrorCode(required=True, description="The error code.")
    variants = graphene.List(
        graphene.NonNull(graphene.ID), description="List of varint IDs which causes the error."
    )
    lines = graphene.List(
        graphene.NonNull(graphene.ID), description="List of line Ids which cause the error."
    )
    address_type = AddressTypeEnum(description="A type of address that causes the error.")


class CheckoutProblemDeliveryMethodStale(graphene.ObjectType):
    delivery = graphene.Field(Delivery, required=True, description="The delivery method.")


class CheckoutProblemDeliveryMethodInvalid(graphene.ObjectType):
    delivery = graphene.Field(Delivery, required=True, description="The delivery method.")


class CheckoutLineProblemInsufficientStock(graphene.ObjectType):
    available_quantity = graphene.Int(description="Available quantity of a variant.")
    line = graphene.Field(lambda: CheckoutLine, required=True, description="The line.")
    variant = graphene.Field(ProductVariant, required=True, description="The variant.")


class CheckoutLineProblemVariantNotAvailable(graphene.ObjectType):
    line = graphene.Field(lambda: CheckoutLine, required=True, description="The line.")


class CheckoutLineProblem(graphene.Union):
    class Meta:
        description = "Represents an problem in the checkout line."
        types = (CheckoutLineProblemInsufficientStock, CheckoutLineProblemVariantNotAvailable)


class CheckoutProblem(graphene.Union):
    class Meta:
        description = "Represents an problem in the checkout."
        types = (
            CheckoutProblemDeliveryMethodStale,
            CheckoutProblemDeliveryMethodInvalid,
            CheckoutLineProblemInsufficientStock,
            CheckoutLineProblemVariantNotAvailable,
        )


def checkout_voucher(info: graphene.ResolveInfo, applied: Any, channel_slug: str) -> Any:
    """The applied voucher as ``Voucher`` for its managers; PermissionDenied for others."""
    if applied is None:
        return None
    voucher = VoucherModel.objects.select_related("village_hub", "cooperative").get(
        pk=applied.voucher_id
    )
    if not can_manage_voucher(info, voucher):
        raise permission_denied()
    return VoucherContext(voucher=voucher, channel_slug=channel_slug, code=applied.code)


# What ``totals_of`` keeps on the checkout and line objects of a request.
_TOTALS_ATTR = "_lumbung_totals"  # the checkout's CheckoutTotals
_LINES_ATTR = "_lumbung_lines"  # the checkout's lines priced in its channel
_PRICES_ATTR = "_lumbung_prices"  # a line's _LinePrices
_SHIPPING_METHODS_ATTR = "_lumbung_shipping_methods"  # the checkout's shipping methods


@dataclass(frozen=True)
class _LinePrices:
    unit_price: int
    total_price: int  # after the line's share of the voucher
    currency: str
    channel_slug: str


def totals_of(checkout: CheckoutModel) -> CheckoutTotals:
    """The checkout's lines and amounts, computed once per checkout object."""
    totals: CheckoutTotals | None = getattr(checkout, _TOTALS_ATTR, None)
    if totals is None:
        totals = checkout_totals(checkout=checkout)
        setattr(checkout, _TOTALS_ATTR, totals)
        prices = {price.line.pk: price for price in totals.lines}
        lines = []
        for line in (price.line for price in totals.lines):  # lines priced in the channel
            price = prices.get(line.pk)
            line_prices = _LinePrices(
                unit_price=price.unit_price if price else 0,
                total_price=price.total_price if price else 0,
                currency=checkout.channel.currency_code,
                channel_slug=checkout.channel.slug,
            )
            setattr(line, _PRICES_ATTR, line_prices)
            lines.append(line)
        setattr(checkout, _LINES_ATTR, lines)
    return totals


def _priced_lines(checkout: CheckoutModel) -> list[CheckoutLineModel]:
    totals_of(checkout)
    lines: list[CheckoutLineModel] = getattr(checkout, _LINES_ATTR)
    return lines


def _prices(line: CheckoutLineModel) -> _LinePrices:
    """The prices ``totals_of`` computed for a line of ``_priced_lines``."""
    prices: _LinePrices = getattr(line, _PRICES_ATTR)
    return prices


class CheckoutLine(NoStoredMetadata, graphene.ObjectType):
    variant = graphene.Field(ProductVariant, required=True, description="The variant.")
    quantity = graphene.Int(required=True, description="The quantity of the line.")
    unit_price = graphene.Field(
        TaxedMoney, required=True, description="The unit price of the checkout line."
    )
    undiscounted_unit_price = graphene.Field(
        Money, required=True, description="The unit price without discounts."
    )
    total_price = graphene.Field(
        TaxedMoney, required=True, description="The sum of the checkout line price."
    )
    undiscounted_total_price = graphene.Field(
        Money, required=True, description="The sum of the checkout line price, without discounts."
    )
    requires_shipping = graphene.Boolean(
        required=True, description="Indicates whether the item need to be delivered."
    )
    is_gift = graphene.Boolean(description="Determine if the line is a gift.")
    # Lumbung keeps no price history (Saleor's prior prices): always null
    prior_unit_price = graphene.Field(
        Money, description="The unit price before the current one (none kept)."
    )
    prior_total_price = graphene.Field(
        Money, description="The total price before the current one (none kept)."
    )
    problems = graphene.List(
        graphene.NonNull(CheckoutLineProblem),
        description="List of problems with the checkout line (as the checkout's: none "
        "reported here yet).",
    )

    class Meta:
        description = "Represents an item in the checkout."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, CheckoutLineModel)

    @staticmethod
    def resolve_problems(root: CheckoutLineModel, info: graphene.ResolveInfo) -> list:
        return []

    @staticmethod
    def resolve_id(root: CheckoutLineModel, info: graphene.ResolveInfo) -> str:
        return str(root.pk)

    @staticmethod
    def resolve_variant(root: CheckoutLineModel, info: graphene.ResolveInfo) -> Any:
        variant = VariantByIdLoader(info.context).load_from(root, key=lambda line: line.variant_id)
        prices: _LinePrices | None = getattr(root, _PRICES_ATTR, None)
        if variant is not None and prices is not None and prices.channel_slug:
            mark_channel_slug(variant, prices.channel_slug)
        return variant

    @staticmethod
    def resolve_unit_price(root: CheckoutLineModel, info: graphene.ResolveInfo) -> Any:
        # After the line's share of the voucher, rounded to whole rupiah (totalPrice is exact)
        prices = _prices(root)
        total = prices.total_price
        return taxed((2 * total + root.quantity) // (2 * root.quantity), prices.currency)

    @staticmethod
    def resolve_undiscounted_unit_price(root: CheckoutLineModel, info: graphene.ResolveInfo) -> Any:
        prices = _prices(root)
        return money(prices.unit_price, prices.currency)

    @staticmethod
    def resolve_total_price(root: CheckoutLineModel, info: graphene.ResolveInfo) -> Any:
        prices = _prices(root)
        return taxed(prices.total_price, prices.currency)

    @staticmethod
    def resolve_undiscounted_total_price(
        root: CheckoutLineModel, info: graphene.ResolveInfo
    ) -> Any:
        prices = _prices(root)
        return money(prices.unit_price * root.quantity, prices.currency)

    @staticmethod
    def resolve_requires_shipping(root: CheckoutLineModel, info: graphene.ResolveInfo) -> bool:
        return True

    @staticmethod
    def resolve_is_gift(root: CheckoutLineModel, info: graphene.ResolveInfo) -> bool:
        return False


class Checkout(graphene.ObjectType):
    created = graphene.DateTime(
        required=True, description="The date and time when the checkout was created."
    )
    updated_at = graphene.DateTime(
        required=True, description="Time of last modification of the given checkout."
    )
    last_change = graphene.DateTime(required=True, deprecation_reason="Use `updatedAt` instead.")
    user = graphene.Field(User, description="The user assigned to the checkout.")
    channel = graphene.Field(Channel, required=True, description="The channel of the checkout.")
    billing_address = graphene.Field(Address, description="The billing address of the checkout.")
    shipping_address = graphene.Field(Address, description="The shipping address of the checkout.")
    customer_note = graphene.String(
        required=True, description="The customer note for the checkout."
    )
    discount = graphene.Field(Money, description="The total discount applied to the checkout.")
    discount_name = graphene.String(description="The name of voucher assigned to the checkout.")
    translated_discount_name = graphene.String(description="Translation of the discountName field.")
    voucher_code = graphene.String(description="The code of voucher assigned to the checkout.")
    voucher = graphene.Field(
        Voucher,
        description="The voucher assigned to the checkout. Requires a manager of the voucher.",
    )
    available_shipping_methods = graphene.List(
        graphene.NonNull(ShippingMethod),
        required=True,
        deprecation_reason="Use `shippingMethods` instead.",
    )
    shipping_methods = graphene.List(
        graphene.NonNull(ShippingMethod),
        required=True,
        description="Shipping methods that can be used with this checkout.",
    )
    available_collection_points = graphene.List(
        graphene.NonNull(Warehouse),
        required=True,
        description="Collection points (the village hub's pickup points) for this checkout.",
    )
    available_payment_gateways = graphene.List(
        graphene.NonNull(PaymentGateway),
        required=True,
        deprecation_reason=(
            "The legacy Payments API is deprecated and will be removed. Use the "
            "Transactions API instead."
        ),
    )
    stored_payment_methods = graphene.List(
        graphene.NonNull("storefront_api.payments.stored_methods.StoredPaymentMethod"),
        amount=graphene.Argument(
            "storefront_api.catalog.scalars.PositiveDecimal",
            description="Amount that will be used to fetch stored payment methods.",
        ),
        description="Returns a list of payment methods stored for the checkout's customer "
        "(none: Lumbung's gateways store no payment methods).",
        resolver=lambda root, info, **kwargs: [],
    )
    email = graphene.String(description="Email of a customer.")
    is_shipping_required = graphene.Boolean(
        required=True, description="Returns True, if checkout requires shipping."
    )
    quantity = graphene.Int(required=True, description="The number of items purchased.")
    stock_reservation_expires = graphene.DateTime(
        description="Date when oldest stock reservation for this checkout expires."
    )
    lines = graphene.List(
        graphene.NonNull(CheckoutLine),
        required=True,
        description="The lines of the checkout, one per variant.",
    )
    shipping_price = graphene.Field(
        TaxedMoney,
        required=True,
        description="The price of the shipping, with all the taxes included.",
    )
    delivery = graphene.Field(Delivery, description="The delivery associated with the checkout.")
    shipping_method = graphene.Field(ShippingMethod, deprecation_reason="Use `delivery` instead.")
    delivery_method = graphene.Field(DeliveryMethod, deprecation_reason="Use `delivery` instead.")
    subtotal_price = graphene.Field(
        TaxedMoney,
        required=True,
        description="The price of the checkout before shipping, with taxes included.",
    )
    tax_exemption = graphene.Boolean(
        required=True, description="Returns True if checkout has to be exempt from taxes."
    )
    token = graphene.UUID(required=True, deprecation_reason="Use `id` instead.")
    total_price = graphene.Field(
        TaxedMoney,
        required=True,
        description="The sum of the line prices and shipping, taxes included.",
    )
    total_balance = graphene.Field(
        Money,
        required=True,
        description="The difference between the paid and the checkout total amount.",
    )
    language_code = LanguageCodeEnum(required=True, description="Checkout language code.")
    display_gross_prices = graphene.Boolean(
        required=True, description="Determines whether displayed prices should include taxes."
    )
    authorize_status = CheckoutAuthorizeStatusEnum(
        required=True, description="The authorize status of the checkout."
    )
    charge_status = CheckoutChargeStatusEnum(
        required=True, description="The charge status of the checkout."
    )
    gift_cards = graphene.List(
        graphene.NonNull(GiftCard), required=True, description="List of gift cards."
    )
    transactions = graphene.List(  # payments
        graphene.NonNull("storefront_api.payments.types.TransactionItem"),
        description="List of transactions (Midtrans payment attempts) for the checkout.",
    )
    problems = graphene.List(
        graphene.NonNull(CheckoutProblem),
        description="List of problems with the checkout: the chosen shipping method no longer "
        "delivers to the shipping address (stock and availability are checked when lines "
        "change and at completion).",
    )

    class Meta:
        description = "Checkout object."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, CheckoutModel)

    @staticmethod
    def resolve_id(root: CheckoutModel, info: graphene.ResolveInfo) -> str:
        return str(root.pk)

    @staticmethod
    def resolve_token(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        return root.pk

    @staticmethod
    def resolve_created(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        return root.created_at

    @staticmethod
    def resolve_updated_at(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        return root.last_change

    @staticmethod
    def resolve_user(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        return root.user if viewer_may_see_user(info, root.user_id) else None

    @staticmethod
    def resolve_channel(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        return root.channel

    @staticmethod
    def resolve_billing_address(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        return address_from_model(root.billing_address)

    @staticmethod
    def resolve_shipping_address(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        return address_from_model(root.shipping_address)

    @staticmethod
    def resolve_customer_note(root: CheckoutModel, info: graphene.ResolveInfo) -> str:
        return root.note

    @staticmethod
    def resolve_available_shipping_methods(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        return Checkout.resolve_shipping_methods(root, info)

    @staticmethod
    def resolve_shipping_methods(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        methods: list[ShippingMethodModel] | None = getattr(root, _SHIPPING_METHODS_ATTR, None)
        if methods is None:
            methods = checkout_shipping_methods(checkout=root)
            for method in methods:
                method.channel = root.channel
            setattr(root, _SHIPPING_METHODS_ATTR, methods)
        return methods

    @staticmethod
    def resolve_available_collection_points(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        return list(pickup_points_for_channel(channel=root.channel))

    @staticmethod
    def resolve_available_payment_gateways(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        from storefront_api.payments.gateways import checkout_gateways  # payments

        currency = root.channel.currency_code
        return [
            PaymentGateway(
                id=option.id,
                name=option.name,
                config=[GatewayConfigLine(**line) for line in option.config],
                currencies=[currency],
            )
            for option in checkout_gateways(root)
            if not option.problem
        ]

    @staticmethod
    def resolve_email(root: CheckoutModel, info: graphene.ResolveInfo) -> str | None:
        return root.email or None

    @staticmethod
    def resolve_is_shipping_required(root: CheckoutModel, info: graphene.ResolveInfo) -> bool:
        return True

    @staticmethod
    def resolve_quantity(root: CheckoutModel, info: graphene.ResolveInfo) -> int:
        return sum(line.quantity for line in _priced_lines(root))

    @staticmethod
    def resolve_stock_reservation_expires(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        return Reservation.objects.filter(checkout_line__checkout=root).aggregate(
            expires=Min("reserved_until")
        )["expires"]

    @staticmethod
    def resolve_lines(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        return _priced_lines(root)

    @staticmethod
    def resolve_shipping_price(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        return taxed(totals_of(root).shipping, root.channel.currency_code)

    @staticmethod
    def resolve_subtotal_price(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        totals = totals_of(root)
        return taxed(totals.subtotal, root.channel.currency_code, totals.tax)

    @staticmethod
    def resolve_total_price(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        totals = totals_of(root)
        return taxed(totals.total, root.channel.currency_code, totals.tax)

    @staticmethod
    def resolve_total_balance(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        from storefront_api.payments.resolvers import checkout_total_balance  # payments

        balance = checkout_total_balance(root, totals_of(root).total, info)
        return money(balance, root.channel.currency_code)

    @staticmethod
    def resolve_delivery(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        point = root.collection_point  # None without a query when no point is chosen
        if point is not None:
            return PickupMethod(point, root.channel.currency_code)
        return root.shipping_method

    @staticmethod
    def resolve_shipping_method(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        return root.shipping_method

    @staticmethod
    def resolve_delivery_method(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        return root.collection_point or root.shipping_method

    @staticmethod
    def resolve_discount(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        return money(totals_of(root).discount, root.channel.currency_code)

    @staticmethod
    def resolve_discount_name(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        voucher = totals_of(root).voucher
        return (voucher.name or None) if voucher is not None else None

    @staticmethod
    def resolve_translated_discount_name(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        voucher = totals_of(root).voucher
        return (voucher.translated_name or None) if voucher is not None else None

    @staticmethod
    def resolve_voucher_code(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        return root.voucher_code or None

    @staticmethod
    def resolve_voucher(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        return checkout_voucher(info, totals_of(root).voucher, root.channel.slug)

    @staticmethod
    def resolve_tax_exemption(root: CheckoutModel, info: graphene.ResolveInfo) -> bool:
        return False

    @staticmethod
    def resolve_language_code(root: CheckoutModel, info: graphene.ResolveInfo) -> str:
        return (root.language_code or "id").lower()

    @staticmethod
    def resolve_display_gross_prices(root: CheckoutModel, info: graphene.ResolveInfo) -> bool:
        return True

    @staticmethod
    def resolve_authorize_status(root: CheckoutModel, info: graphene.ResolveInfo) -> str:
        from storefront_api.payments.resolvers import checkout_authorize_status  # payments

        return checkout_authorize_status(root, totals_of(root).total, info)

    @staticmethod
    def resolve_charge_status(root: CheckoutModel, info: graphene.ResolveInfo) -> str:
        from storefront_api.payments.resolvers import checkout_charge_status  # payments

        return checkout_charge_status(root, totals_of(root).total, info)

    @staticmethod
    def resolve_transactions(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        from storefront_api.payments.resolvers import checkout_transactions  # payments

        return checkout_transactions(root, info)

    @staticmethod
    def resolve_gift_cards(root: CheckoutModel, info: graphene.ResolveInfo) -> list:
        return []

    @staticmethod
    def resolve_problems(root: CheckoutModel, info: graphene.ResolveInfo) -> list:
        if root.shipping_method_id is None:
            return []
        offered = {method.pk for method in Checkout.resolve_shipping_methods(root, info)}
        if root.shipping_method_id in offered:
            return []
        return [CheckoutProblemDeliveryMethodInvalid(delivery=root.shipping_method)]


class CheckoutCountableConnection(CountableConnection):
    class Meta:
        node = Checkout


def own_checkouts(user: Any, info: graphene.ResolveInfo, channel: str | None) -> Any:
    """The user's checkouts, for the user themselves and platform staff only."""
    require_self_or_platform_staff(info, user)
    return checkouts_of_user(user=user, channel_slug=channel)


def resolve_user_checkout_ids(user: Any, info: graphene.ResolveInfo, channel: str | None) -> list:
    """``User.checkoutIds``: the user's own checkouts' global IDs."""
    checkouts = own_checkouts(user, info, channel)
    return [global_id("Checkout", pk) for pk in checkouts.values_list("pk", flat=True)]


def resolve_user_checkouts(
    user: Any, info: graphene.ResolveInfo, channel: str | None, args: dict[str, Any]
) -> Any:
    """``User.checkouts``: one page of the user's own checkouts, last changed first."""
    checkouts = own_checkouts(user, info, channel)
    return resolve_connection(
        checkouts, info, args, CheckoutCountableConnection, order_by=["-last_change"]
    )
