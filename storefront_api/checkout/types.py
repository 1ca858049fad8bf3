"""Checkout types with Saleor's names and fields: Checkout, CheckoutLine, ShippingMethod,
Delivery, PaymentGateway, TaxedMoney, and the ``Address`` of an address-book row.

Amounts are whole rupiah (IDR); prices include tax, which is 0 while sellers are non-PKP
(``checkout.selectors.checkout_totals``). A checkout's totals are computed once per
checkout object and request (two queries), whatever the number of lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import graphene
from django.db.models import Min
from django.utils.translation import gettext as _

from marketplace.accounts.models import Address as AddressModel
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
from marketplace.warehouses.models import Warehouse as WarehouseModel
from storefront_api.accounts.enums import (
    AddressTypeEnum,
)
from storefront_api.accounts.types import User
from storefront_api.catalog.dataloaders import VariantByIdLoader
from storefront_api.catalog.storefront import TaxedMoney  # the catalog's (prices)
from storefront_api.catalog.translations import LanguageDisplay
from storefront_api.catalog.types.common import Money, money
from storefront_api.catalog.types.variants import ProductVariant
from storefront_api.checkout.enums import (
    CheckoutAuthorizeStatusEnum,
    CheckoutChargeStatusEnum,
    CheckoutErrorCode,
)
from storefront_api.content.translatable_content import translatable_content_field
from storefront_api.core.connection import CountableConnection, resolve_connection
from storefront_api.core.enums import (
    LanguageCodeEnum,
)
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.core.ids import global_id
from storefront_api.core.metadata import NoStoredMetadata, ObjectWithMetadata
from storefront_api.core.permissions import viewer_may_see_user
from storefront_api.discounts.permissions import can_manage_voucher, permission_denied
from storefront_api.discounts.types import Voucher, VoucherContext
from storefront_api.village_hubs import access
from storefront_api.village_hubs.types import Address, Channel, Warehouse, country_display

ERROR_FIELD_DESCRIPTION = (
    "Name of a field that caused the error. A value of `null` indicates that the error "
    "isn't associated with a particular field."
)
PAY_AT_PICKUP_GATEWAY_ID = "lumbung.payments.pay-at-pickup"


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


def address_from_model(address: AddressModel | None) -> Address | None:
    """The GraphQL ``Address`` of an address row (checkout, order or address book)."""
    if address is None:
        return None
    result = Address(
        id=global_id("Address", address.pk),
        first_name=address.first_name,
        last_name=address.last_name,
        company_name=address.company_name,
        street_address1=address.street_address_1,
        street_address2=address.street_address_2,
        city=address.city,
        city_area=address.city_area,
        postal_code=address.postal_code,
        country=country_display(address.country),
        country_area=address.country_area,
        phone=address.phone or None,
    )
    result.stored_metadata = address.metadata  # AddressInput.metadata
    return result


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


# --- shipping ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PickupMethod:
    """Pickup at a hub's point shown as a free shipping method, so that a storefront
    reading only ``deliveryOptionsCalculate`` can offer it. Its ids (``ShippingMethod``
    and ``Delivery``: ``pickup-<warehouse pk>``) choose the collection point in
    ``checkoutDeliveryMethodUpdate``."""

    point: WarehouseModel
    currency: str

    PREFIX = "pickup-"

    @property
    def pk(self) -> str:
        return f"{self.PREFIX}{self.point.pk}"

    @property
    def name(self) -> str:
        return _("Pick up at %(point)s (free)") % {"point": self.point.name}

    @property
    def description(self) -> str:
        return self.point.street_address

    price_amount = 0
    is_active = True


def pickup_point_pk(pk: str) -> str | None:
    """``"pickup-7"`` → ``"7"``; None for any other id."""
    return pk[len(PickupMethod.PREFIX) :] if pk.startswith(PickupMethod.PREFIX) else None


ShippingMethodTypeEnum = graphene.Enum(
    "ShippingMethodTypeEnum",
    [("PRICE", "price"), ("WEIGHT", "weight")],
    description="How a shipping method is priced (Lumbung's: a flat price).",
)


class ShippingMethod(NoStoredMetadata, graphene.ObjectType):
    name = graphene.String(required=True, description="Shipping method name.")
    # Saleor's deprecated limits: a hub's delivery is a flat price, for any order
    type = ShippingMethodTypeEnum(
        description="Type of the shipping method.",
        deprecation_reason="This field will be removed.",
        resolver=lambda root, info: "price",
    )
    minimum_order_price = graphene.Field(
        Money, description="Minimal order price.", deprecation_reason="This field will be removed."
    )
    maximum_order_price = graphene.Field(
        Money, description="Maximal order price.", deprecation_reason="This field will be removed."
    )
    minimum_order_weight = graphene.Field(
        "storefront_api.catalog.types.common.Weight",
        description="Minimal order weight.",
        deprecation_reason="This field will be removed.",
    )
    maximum_order_weight = graphene.Field(
        "storefront_api.catalog.types.common.Weight",
        description="Maximal order weight.",
        deprecation_reason="This field will be removed.",
    )
    description = graphene.JSONString(description="Description of the shipping method.")
    maximum_delivery_days = graphene.Int(description="Maximum delivery days for this method.")
    minimum_delivery_days = graphene.Int(description="Minimal delivery days for this method.")
    price = graphene.Field(Money, required=True, description="The price of selected shipping.")
    active = graphene.Boolean(
        required=True, description="Describes if this shipping method is active and available."
    )
    message = graphene.String(description="Message connected to this shipping method.")
    translation = graphene.Field(
        lambda: ShippingMethodTranslation,
        language_code=LanguageCodeEnum(
            required=True, description="A language code to return the translation for."
        ),
        description="Returns translated shipping method fields for the given language code.",
    )

    class Meta:
        description = "Shipping methods that can be used as means of shipping."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ShippingMethodModel | PickupMethod)

    @staticmethod
    def resolve_id(root: ShippingMethodModel, info: graphene.ResolveInfo) -> str:
        return root.pk

    @staticmethod
    def resolve_description(root: ShippingMethodModel, info: graphene.ResolveInfo) -> Any:
        if not root.description:
            return None
        return {"blocks": [{"type": "paragraph", "data": {"text": root.description}}]}

    @staticmethod
    def resolve_price(root: ShippingMethodModel, info: graphene.ResolveInfo) -> Any:
        return money(int(root.price_amount), _currency_of(root))

    @staticmethod
    def resolve_active(root: ShippingMethodModel, info: graphene.ResolveInfo) -> bool:
        return bool(root.is_active)

    @staticmethod
    def resolve_message(root: ShippingMethodModel, info: graphene.ResolveInfo) -> str:
        return ""

    @staticmethod
    def resolve_translation(
        root: ShippingMethodModel, info: graphene.ResolveInfo, language_code: Any
    ) -> None:
        return None  # shipping methods are not translated yet


class ShippingMethodTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True, description="Translation language.")
    name = graphene.String(description="Translated shipping method name.")
    description = graphene.JSONString(description="Translated description of the method.")
    translatable_content = translatable_content_field(
        "storefront_api.content.translatable_content.ShippingMethodTranslatableContent"
    )

    class Meta:
        description = "Represents shipping method translations."
        interfaces = (graphene.relay.Node,)


def _currency_of(method: ShippingMethodModel | PickupMethod) -> str:
    if isinstance(method, PickupMethod):
        return method.currency
    channel = method._state.fields_cache.get("channel")  # set by the checkout's resolvers
    return channel.currency_code if channel is not None else "IDR"


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


_GIFT_CARD_GONE = "This field will be removed."


class GiftCard(NoStoredMetadata, graphene.ObjectType):
    display_code = graphene.String(
        required=True, description="Code in format which allows displaying in a user interface."
    )
    last_4_code_chars = graphene.String(
        name="last4CodeChars", required=True, description="Last 4 characters of gift card code."
    )
    code = graphene.String(required=True, description="Gift card code.")
    is_active = graphene.Boolean(required=True, description="Whether the gift card is active.")
    initial_balance = graphene.Field(Money, required=True, description="Initial balance.")
    current_balance = graphene.Field(Money, required=True, description="Current balance.")
    created = graphene.DateTime(required=True, description="Date and time of creation.")
    created_by = graphene.Field(User, description="The user who bought or issued a gift card.")
    last_used_on = graphene.DateTime(description="Date and time of last use.")
    expiry_date = graphene.Date(description="Expiry date of the gift card.")
    product = graphene.Field(
        "storefront_api.catalog.types.products.Product",
        description="Related gift card product.",
    )
    bought_in_channel = graphene.String(description="Slug of the channel where it was bought.")
    used_by = graphene.Field(
        User, description="The customer who used it.", deprecation_reason=_GIFT_CARD_GONE
    )
    used_by_email = graphene.String(
        description="Email address of the customer who used it.",
        deprecation_reason=_GIFT_CARD_GONE,
    )
    user = graphene.Field(
        User,
        description="The customer who bought it.",
        deprecation_reason="Use `createdBy` field instead.",
    )
    end_date = graphene.DateTime(
        description="End date of the gift card.",
        deprecation_reason="Use `expiryDate` field instead.",
    )
    start_date = graphene.DateTime(
        description="Start date of the gift card.", deprecation_reason=_GIFT_CARD_GONE
    )

    class Meta:
        description = "A gift card (Lumbung issues none yet: lists of gift cards are empty)."
        interfaces = (graphene.relay.Node,)


# --- checkout ----------------------------------------------------------------------------


class CheckoutError(graphene.ObjectType):
    field = graphene.String(description=ERROR_FIELD_DESCRIPTION)
    message = graphene.String(description="The error message.")
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


def totals_of(checkout: CheckoutModel) -> CheckoutTotals:
    """The checkout's lines and amounts, computed once per checkout object."""
    totals = getattr(checkout, "_lumbung_totals", None)
    if totals is None:
        totals = checkout_totals(checkout=checkout)
        checkout._lumbung_totals = totals
        prices = {price.line.pk: price for price in totals.lines}
        lines = []
        for line in (price.line for price in totals.lines):  # lines priced in the channel
            price = prices.get(line.pk)
            line._lumbung_unit_price = price.unit_price if price else 0
            line._lumbung_total_price = price.total_price if price else 0  # after the voucher
            line._lumbung_currency = checkout.channel.currency_code
            line._lumbung_channel_slug = checkout.channel.slug
            lines.append(line)
        checkout._lumbung_lines = lines
    return totals


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
        slug = getattr(root, "_lumbung_channel_slug", None)
        if variant is not None and slug:
            variant.channel_slug = slug
        return variant

    @staticmethod
    def resolve_unit_price(root: CheckoutLineModel, info: graphene.ResolveInfo) -> Any:
        # After the line's share of the voucher, rounded to whole rupiah (totalPrice is exact)
        total = root._lumbung_total_price
        return taxed((2 * total + root.quantity) // (2 * root.quantity), root._lumbung_currency)

    @staticmethod
    def resolve_undiscounted_unit_price(root: CheckoutLineModel, info: graphene.ResolveInfo) -> Any:
        return money(root._lumbung_unit_price, root._lumbung_currency)

    @staticmethod
    def resolve_total_price(root: CheckoutLineModel, info: graphene.ResolveInfo) -> Any:
        return taxed(root._lumbung_total_price, root._lumbung_currency)

    @staticmethod
    def resolve_undiscounted_total_price(
        root: CheckoutLineModel, info: graphene.ResolveInfo
    ) -> Any:
        return money(root._lumbung_unit_price * root.quantity, root._lumbung_currency)

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
        methods = getattr(root, "_lumbung_shipping_methods", None)
        if methods is None:
            methods = checkout_shipping_methods(checkout=root)
            for method in methods:
                method.channel = root.channel
            root._lumbung_shipping_methods = methods
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
        totals_of(root)
        return sum(line.quantity for line in root._lumbung_lines)

    @staticmethod
    def resolve_stock_reservation_expires(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        return Reservation.objects.filter(checkout_line__checkout=root).aggregate(
            expires=Min("reserved_until")
        )["expires"]

    @staticmethod
    def resolve_lines(root: CheckoutModel, info: graphene.ResolveInfo) -> Any:
        totals_of(root)
        return root._lumbung_lines

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
        if root.collection_point_id is not None:
            return PickupMethod(root.collection_point, root.channel.currency_code)
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


def _require_self_or_platform_staff(user: Any, info: graphene.ResolveInfo) -> None:
    viewer = access.viewer(info)
    if not access.is_signed_in(viewer) or (
        viewer.pk != user.pk and not access.is_platform_staff(viewer)
    ):
        raise PermissionDenied()


def own_checkouts(user: Any, info: graphene.ResolveInfo, channel: str | None) -> Any:
    """The user's checkouts, for the user themselves and platform staff only."""
    _require_self_or_platform_staff(user, info)
    return checkouts_of_user(user=user, channel_slug=channel)


class GiftCardCountableConnection(CountableConnection):
    class Meta:
        node = GiftCard


def resolve_user_gift_cards(user: Any, info: graphene.ResolveInfo) -> GiftCardCountableConnection:
    """``User.giftCards``: always empty (Lumbung issues no gift cards), for the user
    themselves and platform staff only."""
    _require_self_or_platform_staff(user, info)
    page_info = graphene.relay.PageInfo(
        has_next_page=False, has_previous_page=False, start_cursor=None, end_cursor=None
    )
    connection = GiftCardCountableConnection(edges=[], page_info=page_info)
    connection.count_total = lambda: 0
    return connection


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
