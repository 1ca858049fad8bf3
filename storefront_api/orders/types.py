"""Order types with Saleor's names and fields: Order, OrderLine, Fulfillment,
FulfillmentLine, OrderError; plus Lumbung's ``pickupCode``, ``villageHub`` and the
cooperative of a line or fulfilment.

An order reached through ``orders`` by cooperative staff carries ``cooperative_lines``
(``orders.selectors.orders_for_cooperative``): its ``lines`` and ``fulfillments`` are then
only that cooperative's, and its pickup code is hidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace import permissions
from marketplace.checkout.selectors import pickup_points_for_channel
from marketplace.orders.models import Fulfillment as FulfillmentModel
from marketplace.orders.models import FulfillmentLine as FulfillmentLineModel
from marketplace.orders.models import Order as OrderModel
from marketplace.orders.models import OrderChargeStatus
from marketplace.orders.models import OrderEvent as OrderEventModel
from marketplace.orders.models import OrderLine as OrderLineModel
from storefront_api.accounts.address import Address, address_from_model
from storefront_api.accounts.dataloaders import AddressByIdLoader
from storefront_api.accounts.enums import AddressTypeEnum
from storefront_api.accounts.types import User
from storefront_api.catalog.dataloaders import (
    MediaByProductIdLoader,
    ThumbnailsByMediaIdLoader,
    VariantByIdLoader,
)
from storefront_api.catalog.types.media import media_url
from storefront_api.catalog.types.variants import ProductVariant
from storefront_api.channels.dataloaders import ChannelByIdLoader
from storefront_api.channels.types import Channel
from storefront_api.checkout.types import DeliveryMethod, taxed
from storefront_api.core.connection import CountableConnection
from storefront_api.core.enums import LanguageCodeEnum, ThumbnailFormatEnum
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.core.ids import global_id
from storefront_api.core.metadata import NoStoredMetadata, ObjectWithMetadata
from storefront_api.core.permissions import viewer_may_see_user, was_placed_by_request
from storefront_api.core.types import Error, Image, Money, TaxedMoney, money
from storefront_api.discounts.dataloaders import VoucherByIdLoader
from storefront_api.discounts.enums import DiscountValueTypeEnum
from storefront_api.discounts.types import Voucher, VoucherContext
from storefront_api.orders.dataloaders import (
    FulfillmentLinesByFulfillmentIdLoader,
    FulfillmentsByOrderIdLoader,
    OrderByIdLoader,
    OrderEventsByOrderIdLoader,
    OrderLineByIdLoader,
    OrderLinesByOrderIdLoader,
)
from storefront_api.orders.enums import (
    FulfillmentStatusEnum,
    OrderAuthorizeStatusEnum,
    OrderChargeStatusEnum,
    OrderDiscountType,
    OrderErrorCode,
    OrderEventsEnum,
    OrderStatusEnum,
)
from storefront_api.orders.features_not_kept import (
    OrderFeaturesNotKept,
    OrderLineFeaturesNotKept,
    ReasonNotRecorded,
)
from storefront_api.orders.order_extras import FulfillmentRefunds, OrderExtras
from storefront_api.payments import resolvers as payment_fields  # payments
from storefront_api.payments.enums import PaymentChargeStatusEnum
from storefront_api.shipping.types import ShippingMethod
from storefront_api.village_hubs import access
from storefront_api.village_hubs.dataloaders import (
    CooperativeByIdLoader as HubCooperativeByIdLoader,
)
from storefront_api.village_hubs.dataloaders import VillageHubByChannelIdLoader
from storefront_api.village_hubs.types import Cooperative, VillageHub
from storefront_api.warehouses.types import Warehouse

_PAYMENT_STATUS: dict[str, str] = {
    OrderChargeStatus.NONE: "not-charged",
    OrderChargeStatus.PARTIAL: "partially-charged",
    OrderChargeStatus.FULL: "fully-charged",
    OrderChargeStatus.OVERCHARGED: "fully-charged",
}


class OrderError(Error):
    code = OrderErrorCode(required=True, description="The error code.")
    warehouse = graphene.ID(description="Warehouse ID which causes the error.")
    order_lines = graphene.List(
        graphene.NonNull(graphene.ID), description="List of order line IDs that cause the error."
    )
    variants = graphene.List(
        graphene.NonNull(graphene.ID),
        description="List of product variants that are associated with the error",
    )
    address_type = AddressTypeEnum(description="A type of address that causes the error.")


def _cooperative_lines(order: OrderModel) -> list[OrderLineModel] | None:
    """The cooperative's own lines of an order reached by cooperative staff (prefetched by
    ``orders_for_cooperative``); ``None`` for an order reached any other way."""
    lines: list[OrderLineModel] | None = getattr(order, "cooperative_lines", None)
    return lines


def _is_cooperative_view(order: OrderModel) -> bool:
    return _cooperative_lines(order) is not None


_NOT_THE_BUYER = (permissions.OrderAccess.TOKEN, permissions.OrderAccess.COOPERATIVE)


def _access(info: graphene.ResolveInfo, order: OrderModel) -> permissions.OrderAccess:
    """How the viewer sees ``order`` (``marketplace.permissions.order_access``); an order
    from a cooperative's order list is always seen as that cooperative's staff."""
    if _is_cooperative_view(order):
        return permissions.OrderAccess.COOPERATIVE
    seen = permissions.order_access(access.viewer(info), order)
    if seen in _NOT_THE_BUYER and was_placed_by_request(info.context, order.pk):
        return permissions.OrderAccess.BUYER
    return seen


def _obfuscated(address: Any) -> Any:
    """Saleor's ``obfuscate_address``: names, company, street and phone."""
    if address is None:
        return None
    for field in ("first_name", "last_name", "company_name", "street_address1", "street_address2"):
        setattr(address, field, permissions.obfuscate_string(getattr(address, field) or ""))
    if address.phone:
        address.phone = permissions.obfuscate_string(address.phone, phone=True)
    return address


def _money(order: Any, amount: Any) -> Any:
    return money(int(amount or 0), order.currency)


# --- lines -------------------------------------------------------------------------------


class OrderLine(OrderLineFeaturesNotKept, NoStoredMetadata, graphene.ObjectType):
    product_name = graphene.String(required=True, description="Name of the product in order line.")
    variant_name = graphene.String(
        required=True, description="Name of the variant of product in order line."
    )
    product_sku = graphene.String(description="SKU of the product variant.")
    product_variant_id = graphene.String(description="The ID of the product variant.")
    is_shipping_required = graphene.Boolean(
        required=True, description="Whether the product variant requires shipping."
    )
    quantity = graphene.Int(required=True, description="Number of variant items ordered.")
    quantity_fulfilled = graphene.Int(
        required=True, description="Number of variant items fulfilled."
    )
    quantity_to_fulfill = graphene.Int(
        required=True, description="A quantity of items remaining to be fulfilled."
    )
    tax_rate = graphene.Float(required=True, description="Rate of tax applied on product variant.")
    thumbnail = graphene.Field(
        Image,
        size=graphene.Int(description="Size of the image."),
        format=ThumbnailFormatEnum(
            default_value="original", description="The format of the image."
        ),
        description="The main thumbnail for the ordered product.",
    )
    unit_price = graphene.Field(
        TaxedMoney, required=True, description="Price of the single item in the order line."
    )
    undiscounted_unit_price = graphene.Field(
        TaxedMoney, required=True, description="Price of the single item without discounts."
    )
    unit_discount = graphene.Field(
        Money,
        required=True,
        description="What the voucher took off one unit (rounded; the line's total is exact).",
    )
    unit_discount_reason = graphene.String(description="Reason for the discount on the line.")
    unit_discount_value = graphene.Field(
        "storefront_api.catalog.scalars.PositiveDecimal",
        required=True,
        description="Value of the discount (always a fixed amount per unit once ordered).",
    )
    unit_discount_type = DiscountValueTypeEnum(description="Type of the discount: `fixed`.")
    total_price = graphene.Field(TaxedMoney, required=True, description="Price of the order line.")
    undiscounted_total_price = graphene.Field(
        TaxedMoney, required=True, description="Price of the order line without discounts."
    )
    voucher_code = graphene.String(description="Voucher code that was used for this order line.")
    discounts = graphene.List(
        graphene.NonNull(lambda: OrderLineDiscount), description="List of applied discounts"
    )
    variant = graphene.Field(ProductVariant, description="A purchased product variant.")
    translated_product_name = graphene.String(
        required=True, description="Product name in the customer's language."
    )
    translated_variant_name = graphene.String(
        required=True, description="Variant name in the customer's language."
    )
    is_gift = graphene.Boolean(description="Determine if the line is a gift.")
    cooperative = graphene.Field(Cooperative, description="The cooperative that sold this line.")

    class Meta:
        description = "Represents order line of particular order."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, OrderLineModel)

    @staticmethod
    def resolve_id(root: OrderLineModel, info: graphene.ResolveInfo) -> str:
        return str(root.pk)

    @staticmethod
    def resolve_product_variant_id(root: OrderLineModel, info: graphene.ResolveInfo) -> Any:
        return global_id("ProductVariant", root.variant_id) if root.variant_id else None

    @staticmethod
    def resolve_quantity_to_fulfill(root: OrderLineModel, info: graphene.ResolveInfo) -> int:
        return root.quantity_unfulfilled

    @staticmethod
    def resolve_tax_rate(root: OrderLineModel, info: graphene.ResolveInfo) -> float:
        return 0.0

    @staticmethod
    def resolve_thumbnail(
        root: OrderLineModel,
        info: graphene.ResolveInfo,
        size: int | None = None,
        format: Any = None,
    ) -> Any:
        variant = OrderLine.resolve_variant(root, info)
        if variant is None:
            return None
        media = MediaByProductIdLoader(info.context).load_from(variant, key=lambda v: v.product_id)
        if not media:
            return None
        first = media[0]
        thumbnails = ThumbnailsByMediaIdLoader(info.context).load(first.pk)
        return Image(url=media_url(first, thumbnails, size or 256, format), alt=first.alt)

    @staticmethod
    def resolve_unit_price(root: OrderLineModel, info: graphene.ResolveInfo) -> Any:
        return taxed(root.unit_price_amount, root.currency)

    @staticmethod
    def resolve_undiscounted_unit_price(root: OrderLineModel, info: graphene.ResolveInfo) -> Any:
        return taxed(root.undiscounted_unit_price_amount, root.currency)

    @staticmethod
    def resolve_unit_discount(root: OrderLineModel, info: graphene.ResolveInfo) -> Any:
        return money(_unit_discount(root), root.currency)

    @staticmethod
    def resolve_unit_discount_reason(root: OrderLineModel, info: graphene.ResolveInfo) -> Any:
        if not root.discount_amount:
            return None
        return _voucher_of_line(info, root).reason

    @staticmethod
    def resolve_unit_discount_value(root: OrderLineModel, info: graphene.ResolveInfo) -> Any:
        return _unit_discount(root)

    @staticmethod
    def resolve_unit_discount_type(root: OrderLineModel, info: graphene.ResolveInfo) -> Any:
        return "fixed" if root.discount_amount else None

    @staticmethod
    def resolve_total_price(root: OrderLineModel, info: graphene.ResolveInfo) -> Any:
        return taxed(root.total_price_amount, root.currency)

    @staticmethod
    def resolve_undiscounted_total_price(root: OrderLineModel, info: graphene.ResolveInfo) -> Any:
        return taxed(root.undiscounted_total_price_amount, root.currency)

    @staticmethod
    def resolve_voucher_code(root: OrderLineModel, info: graphene.ResolveInfo) -> Any:
        if not root.discount_amount:
            return None
        return _voucher_of_line(info, root).order.voucher_code or None

    @staticmethod
    def resolve_discounts(root: OrderLineModel, info: graphene.ResolveInfo) -> Any:
        if not root.discount_amount:
            return []
        return [LineDiscountData(line=root, order=_voucher_of_line(info, root).order)]

    @staticmethod
    def resolve_variant(root: OrderLineModel, info: graphene.ResolveInfo) -> Any:
        if root.variant_id is None:
            return None
        return VariantByIdLoader(info.context).load_from(root, key=lambda line: line.variant_id)

    @staticmethod
    def resolve_translated_product_name(root: OrderLineModel, info: graphene.ResolveInfo) -> str:
        return root.product_name

    @staticmethod
    def resolve_translated_variant_name(root: OrderLineModel, info: graphene.ResolveInfo) -> str:
        return root.variant_name

    @staticmethod
    def resolve_is_gift(root: OrderLineModel, info: graphene.ResolveInfo) -> bool:
        return False

    @staticmethod
    def resolve_cooperative(root: OrderLineModel, info: graphene.ResolveInfo) -> Any:
        return HubCooperativeByIdLoader(info.context).load_from(
            root, key=lambda line: line.cooperative_id
        )


# --- fulfilments -------------------------------------------------------------------------


class FulfillmentLine(ReasonNotRecorded, graphene.ObjectType):
    quantity = graphene.Int(
        required=True, description="The number of items included in the fulfillment line."
    )
    order_line = graphene.Field(
        OrderLine, description="The order line to which the fulfillment line is related."
    )

    class Meta:
        description = "Represents line of the fulfillment."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, FulfillmentLineModel)

    @staticmethod
    def resolve_order_line(root: FulfillmentLineModel, info: graphene.ResolveInfo) -> Any:
        return OrderLineByIdLoader(info.context).load_from(root, key=lambda fl: fl.order_line_id)


class Fulfillment(FulfillmentRefunds, ReasonNotRecorded, NoStoredMetadata, graphene.ObjectType):
    fulfillment_order = graphene.Int(
        required=True, description="Sequence in which the fulfillments were created for an order."
    )
    status = FulfillmentStatusEnum(required=True, description="Status of fulfillment.")
    tracking_number = graphene.String(required=True, description="Fulfillment tracking number.")
    created = graphene.DateTime(
        required=True, description="Date and time when fulfillment was created."
    )
    lines = graphene.List(
        graphene.NonNull(FulfillmentLine), description="List of lines for fulfillment."
    )
    status_display = graphene.String(description="User-friendly fulfillment status.")
    warehouse = graphene.Field(Warehouse, description="Warehouse from fulfillment was fulfilled.")
    cooperative = graphene.Field(
        Cooperative, description="The cooperative that handed over the lines."
    )

    class Meta:
        description = "Represents order fulfillment: one cooperative handing over its lines."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, FulfillmentModel)

    @staticmethod
    def resolve_status(root: FulfillmentModel, info: graphene.ResolveInfo) -> str:
        return str(root.status)

    @staticmethod
    def resolve_tracking_number(root: FulfillmentModel, info: graphene.ResolveInfo) -> str:
        return ""

    @staticmethod
    def resolve_created(root: FulfillmentModel, info: graphene.ResolveInfo) -> Any:
        return root.created_at

    @staticmethod
    def resolve_lines(root: FulfillmentModel, info: graphene.ResolveInfo) -> Any:
        return FulfillmentLinesByFulfillmentIdLoader(info.context).load_from(
            root, key=lambda f: f.pk
        )

    @staticmethod
    def resolve_status_display(root: FulfillmentModel, info: graphene.ResolveInfo) -> str:
        return str(root.get_status_display())

    @staticmethod
    def resolve_warehouse(root: FulfillmentModel, info: graphene.ResolveInfo) -> Any:
        return None

    @staticmethod
    def resolve_cooperative(root: FulfillmentModel, info: graphene.ResolveInfo) -> Any:
        return HubCooperativeByIdLoader(info.context).load_from(
            root, key=lambda f: f.cooperative_id
        )


# --- discounts: the order's voucher --------------------------------------------------------


@dataclass(frozen=True)
class OrderDiscountData:
    """The voucher discount of an order (Lumbung keeps it on the order itself)."""

    order: OrderModel

    @property
    def reason(self) -> str:
        return _("Voucher code: %(code)s") % {"code": self.order.voucher_code}


@dataclass(frozen=True)
class LineDiscountData:
    """A line's share of its order's voucher discount."""

    line: OrderLineModel
    order: OrderModel


def _unit_discount(line: OrderLineModel) -> int:
    return int(line.undiscounted_unit_price_amount) - int(line.unit_price_amount)


def _voucher_of_line(info: graphene.ResolveInfo, line: OrderLineModel) -> OrderDiscountData:
    order: OrderModel | None = getattr(line, "_lumbung_order", None)
    if order is None:
        order = OrderByIdLoader(info.context).load_from(line, key=lambda row: row.order_id)
    assert order is not None  # OrderLine.order is a non-null foreign key
    return OrderDiscountData(order=order)


class _DiscountFields:
    type = OrderDiscountType(required=True, description="The type of applied discount.")
    name = graphene.String(description="The name of applied discount.")
    translated_name = graphene.String(description="Translated name of the applied discount.")
    value_type = DiscountValueTypeEnum(required=True, description="Type of the discount.")
    value = graphene.Field(
        "storefront_api.catalog.scalars.PositiveDecimal",
        required=True,
        description="Value of the discount.",
    )
    reason = graphene.String(description="Explanation for the applied discount.")


class OrderDiscount(_DiscountFields, graphene.ObjectType):
    amount = graphene.Field(Money, required=True, deprecation_reason="Use `total` instead.")
    total = graphene.Field(Money, required=True, description="The amount of discount.")

    class Meta:
        description = "Contains all details related to the applied discount to the order."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, OrderDiscountData)

    @staticmethod
    def resolve_id(root: OrderDiscountData, info: graphene.ResolveInfo) -> str:
        return str(root.order.pk)

    @staticmethod
    def resolve_type(root: OrderDiscountData, info: graphene.ResolveInfo) -> str:
        return "voucher"

    @staticmethod
    def resolve_name(root: OrderDiscountData, info: graphene.ResolveInfo) -> Any:
        return root.order.discount_name or None

    @staticmethod
    def resolve_translated_name(root: OrderDiscountData, info: graphene.ResolveInfo) -> Any:
        return root.order.translated_discount_name or None

    @staticmethod
    def resolve_value_type(root: OrderDiscountData, info: graphene.ResolveInfo) -> str:
        return root.order.discount_value_type or "fixed"

    @staticmethod
    def resolve_value(root: OrderDiscountData, info: graphene.ResolveInfo) -> Any:
        return root.order.discount_value

    @staticmethod
    def resolve_reason(root: OrderDiscountData, info: graphene.ResolveInfo) -> Any:
        _require_order_staff(info, root.order)
        return root.reason

    @staticmethod
    def resolve_amount(root: OrderDiscountData, info: graphene.ResolveInfo) -> Any:
        return _money(root.order, root.order.discount_amount)

    @staticmethod
    def resolve_total(root: OrderDiscountData, info: graphene.ResolveInfo) -> Any:
        return _money(root.order, root.order.discount_amount)


class OrderLineDiscount(_DiscountFields, graphene.ObjectType):
    id = graphene.ID(required=True, description="The ID of discount applied.")
    total = graphene.Field(
        Money, required=True, description="The discount amount applied to the line."
    )
    unit = graphene.Field(
        Money, required=True, description="The discount amount applied to a single unit."
    )

    class Meta:
        description = "Represents the line-level discount applied to an order line."

    @staticmethod
    def resolve_id(root: LineDiscountData, info: graphene.ResolveInfo) -> str:
        return global_id("OrderLineDiscount", root.line.pk)

    @staticmethod
    def resolve_type(root: LineDiscountData, info: graphene.ResolveInfo) -> str:
        return "voucher"

    @staticmethod
    def resolve_name(root: LineDiscountData, info: graphene.ResolveInfo) -> Any:
        return root.order.discount_name or None

    @staticmethod
    def resolve_translated_name(root: LineDiscountData, info: graphene.ResolveInfo) -> Any:
        return root.order.translated_discount_name or None

    @staticmethod
    def resolve_value_type(root: LineDiscountData, info: graphene.ResolveInfo) -> str:
        return "fixed"

    @staticmethod
    def resolve_value(root: LineDiscountData, info: graphene.ResolveInfo) -> Any:
        return root.line.discount_amount

    @staticmethod
    def resolve_reason(root: LineDiscountData, info: graphene.ResolveInfo) -> Any:
        _require_order_staff(info, root.order)
        return OrderDiscountData(order=root.order).reason

    @staticmethod
    def resolve_total(root: LineDiscountData, info: graphene.ResolveInfo) -> Any:
        return money(int(root.line.discount_amount), root.line.currency)

    @staticmethod
    def resolve_unit(root: LineDiscountData, info: graphene.ResolveInfo) -> Any:
        return money(_unit_discount(root.line), root.line.currency)


# --- events ------------------------------------------------------------------------------


class OrderEvent(graphene.ObjectType):
    date = graphene.DateTime(description="Date when event happened at in ISO 8601 format.")
    type = OrderEventsEnum(description="Order event type.")
    user = graphene.Field(User, description="User who performed the action.")
    message = graphene.String(description="Content of the event.")
    amount = graphene.Float(description="Amount of money.")
    transaction_reference = graphene.String(
        description="The transaction reference of captured payment."
    )

    class Meta:
        description = "History log of the order."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, OrderEventModel)

    @staticmethod
    def resolve_type(root: OrderEventModel, info: graphene.ResolveInfo) -> str:
        return str(root.type)

    @staticmethod
    def resolve_user(root: OrderEventModel, info: graphene.ResolveInfo) -> Any:
        return None  # staff identities stay private

    @staticmethod
    def resolve_message(root: OrderEventModel, info: graphene.ResolveInfo) -> Any:
        return root.parameters.get("message")

    @staticmethod
    def resolve_amount(root: OrderEventModel, info: graphene.ResolveInfo) -> Any:
        amount = root.parameters.get("amount")
        return float(amount) if amount is not None else None

    @staticmethod
    def resolve_transaction_reference(root: OrderEventModel, info: graphene.ResolveInfo) -> Any:
        return root.parameters.get("transaction_reference")


def _require_order_staff(info: graphene.ResolveInfo, order: OrderModel) -> None:
    """Platform staff and the operators of the order's hub (Saleor: MANAGE_ORDERS)."""
    if not permissions.can_operate_order(access.viewer(info), order):
        raise PermissionDenied(permissions=["MANAGE_ORDERS"])


# --- orders ------------------------------------------------------------------------------


class Order(OrderExtras, OrderFeaturesNotKept, graphene.ObjectType):
    created = graphene.DateTime(
        required=True, description="Date and time when the order was created."
    )
    updated_at = graphene.DateTime(
        required=True, description="Date and time when the order was created."
    )
    status = OrderStatusEnum(required=True, description="Status of the order.")
    user = graphene.Field(User, description="User who placed the order.")
    billing_address = graphene.Field(Address, description="Billing address.")
    shipping_address = graphene.Field(Address, description="Shipping address.")
    shipping_method_name = graphene.String(description="Method used for shipping.")
    collection_point_name = graphene.String(
        description="Name of the pickup point where the buyer collects the order."
    )
    channel = graphene.Field(
        Channel, required=True, description="Channel through which the order was placed."
    )
    fulfillments = graphene.List(
        graphene.NonNull(Fulfillment), required=True, description="List of shipments for the order."
    )
    lines = graphene.List(
        graphene.NonNull(OrderLine), required=True, description="List of order lines."
    )
    number = graphene.String(required=True, description="User-friendly number of an order.")
    is_paid = graphene.Boolean(required=True, description="Informs if an order is fully paid.")
    payment_status = PaymentChargeStatusEnum(required=True, description="Internal payment status.")
    payment_status_display = graphene.String(
        required=True, description="User-friendly payment status."
    )
    authorize_status = OrderAuthorizeStatusEnum(
        required=True, description="The authorize status of the order."
    )
    charge_status = OrderChargeStatusEnum(
        required=True, description="The charge status of the order."
    )
    tax_exemption = graphene.Boolean(
        required=True, description="Returns True if order has to be exempt from taxes."
    )
    total = graphene.Field(TaxedMoney, required=True, description="Total amount of the order.")
    undiscounted_total = graphene.Field(
        TaxedMoney, required=True, description="Undiscounted total amount of the order."
    )
    shipping_method = graphene.Field(
        ShippingMethod, deprecation_reason="Use `deliveryMethod` instead."
    )
    undiscounted_shipping_price = graphene.Field(
        Money, required=True, description="Undiscounted total price of shipping."
    )
    shipping_price = graphene.Field(
        TaxedMoney, required=True, description="Total price of shipping."
    )
    shipping_tax_rate = graphene.Float(required=True, description="The shipping tax rate value.")
    token = graphene.String(required=True, deprecation_reason="Use `id` instead.")
    voucher_code = graphene.String(description="Voucher code that was used for Order.")
    discount = graphene.Field(Money, deprecation_reason="Use the `discounts` field instead.")
    discount_name = graphene.String(deprecation_reason="Use the `discounts` field instead.")
    translated_discount_name = graphene.String(
        deprecation_reason="Use the `discounts` field instead."
    )
    customer_note = graphene.String(
        required=True,
        description="Additional information provided by the customer about the order.",
    )
    subtotal = graphene.Field(
        TaxedMoney, required=True, description="The sum of line prices not including shipping."
    )
    status_display = graphene.String(required=True, description="User-friendly order status.")
    total_authorized = graphene.Field(
        Money, required=True, description="Amount authorized for the order."
    )
    total_captured = graphene.Field(
        Money, required=True, deprecation_reason="Use `totalCharged` instead."
    )
    total_charged = graphene.Field(
        Money, required=True, description="Amount charged for the order."
    )
    total_canceled = graphene.Field(
        Money, required=True, description="Amount canceled for the order."
    )
    total_balance = graphene.Field(
        Money,
        required=True,
        description="The difference amount between the charged and the order total.",
    )
    user_email = graphene.String(
        description=(
            "Email address of the customer; obfuscated (as Saleor) for someone holding only "
            "the order's id."
        )
    )
    is_shipping_required = graphene.Boolean(
        required=True, description="Returns True, if order requires shipping."
    )
    delivery_method = graphene.Field(
        DeliveryMethod, description="The delivery method selected for this order."
    )
    language_code = graphene.String(
        required=True,
        deprecation_reason="Use the `languageCodeEnum` field to fetch the language code.",
    )
    language_code_enum = LanguageCodeEnum(required=True, description="Order language code.")
    display_gross_prices = graphene.Boolean(
        required=True, description="Determines whether displayed prices should include taxes."
    )
    checkout_id = graphene.ID(description="ID of the checkout that the order was created from.")
    total_refunded = graphene.Field(
        Money, required=True, description="Total amount of refunded money."
    )
    voucher = graphene.Field(Voucher, description="Voucher linked to the order.")
    discounts = graphene.List(
        graphene.NonNull(OrderDiscount),
        required=True,
        description="List of all discounts assigned to the order.",
    )
    events = graphene.List(
        graphene.NonNull(OrderEvent),
        required=True,
        description="List of events associated with the order (hub operators and staff).",
    )
    # payments: Midtrans transactions and granted refunds (hub operators and staff)
    transactions = graphene.List(
        graphene.NonNull("storefront_api.payments.types.TransactionItem"),
        required=True,
        description="List of transactions for the order (hub operators and staff).",
    )
    granted_refunds = graphene.List(
        graphene.NonNull("storefront_api.payments.types.OrderGrantedRefund"),
        required=True,
        description="List of granted refunds (hub operators and staff).",
    )
    total_granted_refund = graphene.Field(
        Money,
        required=True,
        description="Total amount of granted refund (hub operators and staff).",
    )
    total_refund_pending = graphene.Field(
        Money,
        required=True,
        description="Total amount of ongoing refund requests (hub operators and staff).",
    )
    total_authorize_pending = graphene.Field(
        Money,
        required=True,
        description="Total amount of ongoing authorize requests (hub operators and staff).",
    )
    total_charge_pending = graphene.Field(
        Money,
        required=True,
        description="Total amount of ongoing charge requests (hub operators and staff).",
    )
    total_cancel_pending = graphene.Field(
        Money,
        required=True,
        description="Total amount of ongoing cancel requests (hub operators and staff).",
    )
    total_remaining_grant = graphene.Field(
        Money,
        required=True,
        description="Granted refunds not paid back nor being paid back (hub operators, staff).",
    )
    pickup_code = graphene.String(
        description=(
            "Code the buyer tells the village hub operator at pickup: shown to the signed-in "
            "buyer, the hub's operators and platform staff; null for anyone else."
        )
    )
    village_hub = graphene.Field(
        VillageHub, description="The village hub where the order is picked up."
    )

    available_collection_points = graphene.List(
        graphene.NonNull(Warehouse),
        required=True,
        description="Collection points that can be used for this order (its hub's).",
    )

    class Meta:
        description = "Represents an order in the shop."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, OrderModel)

    @staticmethod
    def resolve_id(root: OrderModel, info: graphene.ResolveInfo) -> str:
        return str(root.pk)

    @staticmethod
    def resolve_available_collection_points(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        channel = ChannelByIdLoader(info.context).load_from(root, key=lambda o: o.channel_id)
        assert channel is not None  # Order.channel is a non-null foreign key
        return list(pickup_points_for_channel(channel=channel))

    @staticmethod
    def resolve_created(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return root.created_at

    @staticmethod
    def resolve_status(root: OrderModel, info: graphene.ResolveInfo) -> str:
        return str(root.status)

    @staticmethod
    def resolve_user(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        if not viewer_may_see_user(info, root.user_id):
            return None
        return root.user

    @staticmethod
    def resolve_billing_address(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        if root.billing_address_id is None:
            return None
        loader = AddressByIdLoader(info.context)
        address = address_from_model(loader.load_from(root, key=lambda o: o.billing_address_id))
        return address if _access(info, root).sees_personal_data else _obfuscated(address)

    @staticmethod
    def resolve_shipping_address(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        if root.shipping_address_id is None:
            return None
        loader = AddressByIdLoader(info.context)
        address = address_from_model(loader.load_from(root, key=lambda o: o.shipping_address_id))
        return address if _access(info, root).sees_personal_data else _obfuscated(address)

    @staticmethod
    def resolve_shipping_method_name(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return root.shipping_method_name or None

    @staticmethod
    def resolve_collection_point_name(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return root.collection_point_name or None

    @staticmethod
    def resolve_channel(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return ChannelByIdLoader(info.context).load_from(root, key=lambda o: o.channel_id)

    @staticmethod
    def resolve_lines(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        cooperative_lines = _cooperative_lines(root)
        if cooperative_lines is not None:
            lines = cooperative_lines
        else:
            lines = OrderLinesByOrderIdLoader(info.context).load_from(root, key=lambda o: o.pk)
            if not _access(info, root).sees_all_lines:
                mine = permissions.scope_of(access.viewer(info)).cooperative_ids
                lines = [line for line in lines if line.cooperative_id in mine]
        for line in lines:
            # its voucher, for the line's discount fields (read by getattr)
            line._lumbung_order = root  # type: ignore[attr-defined]
        return lines

    @staticmethod
    def resolve_fulfillments(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        fulfillments = FulfillmentsByOrderIdLoader(info.context).load_from(root, key=lambda o: o.pk)
        cooperative_lines = _cooperative_lines(root)
        if cooperative_lines is not None:
            mine = {line.cooperative_id for line in cooperative_lines}
            return [f for f in fulfillments if f.cooperative_id in mine]
        if not _access(info, root).sees_all_lines:
            mine = set(permissions.scope_of(access.viewer(info)).cooperative_ids)
            return [f for f in fulfillments if f.cooperative_id in mine]
        return fulfillments

    @staticmethod
    def resolve_number(root: OrderModel, info: graphene.ResolveInfo) -> str:
        return str(root.number)

    @staticmethod
    def resolve_is_paid(root: OrderModel, info: graphene.ResolveInfo) -> bool:
        return root.is_paid

    @staticmethod
    def resolve_payment_status(root: OrderModel, info: graphene.ResolveInfo) -> str:
        return _PAYMENT_STATUS.get(root.charge_status, "not-charged")

    @staticmethod
    def resolve_payment_status_display(root: OrderModel, info: graphene.ResolveInfo) -> str:
        return str(root.get_charge_status_display())

    @staticmethod
    def resolve_authorize_status(root: OrderModel, info: graphene.ResolveInfo) -> str:
        return payment_fields.order_authorize_status(root, info)

    @staticmethod
    def resolve_charge_status(root: OrderModel, info: graphene.ResolveInfo) -> str:
        return str(root.charge_status)

    @staticmethod
    def resolve_tax_exemption(root: OrderModel, info: graphene.ResolveInfo) -> bool:
        return False

    @staticmethod
    def resolve_total(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return taxed(root.total_amount, root.currency, root.tax_amount)

    @staticmethod
    def resolve_undiscounted_total(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return taxed(root.total_amount + root.discount_amount, root.currency, root.tax_amount)

    @staticmethod
    def resolve_shipping_method(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return root.shipping_method if root.shipping_method_id else None

    @staticmethod
    def resolve_undiscounted_shipping_price(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return _money(root, root.undiscounted_shipping_price_amount)

    @staticmethod
    def resolve_shipping_price(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return taxed(root.shipping_price_amount, root.currency)

    @staticmethod
    def resolve_shipping_tax_rate(root: OrderModel, info: graphene.ResolveInfo) -> float:
        return 0.0

    @staticmethod
    def resolve_token(root: OrderModel, info: graphene.ResolveInfo) -> str:
        return str(root.pk)

    @staticmethod
    def resolve_customer_note(root: OrderModel, info: graphene.ResolveInfo) -> str:
        return root.customer_note

    @staticmethod
    def resolve_subtotal(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return taxed(root.subtotal_amount, root.currency, root.tax_amount)

    @staticmethod
    def resolve_status_display(root: OrderModel, info: graphene.ResolveInfo) -> str:
        return str(root.get_status_display())

    @staticmethod
    def resolve_total_authorized(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return _money(root, 0)

    @staticmethod
    def resolve_total_captured(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return _money(root, root.total_charged_amount)

    @staticmethod
    def resolve_total_charged(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return _money(root, root.total_charged_amount)

    @staticmethod
    def resolve_total_canceled(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return _money(root, 0)

    @staticmethod
    def resolve_total_balance(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return payment_fields.order_total_balance(root, info)

    @staticmethod
    def resolve_total_refunded(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return payment_fields.order_total(root, info, "refunded")

    @staticmethod
    def resolve_user_email(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        if not root.user_email:
            return None
        if _access(info, root).sees_personal_data:
            return root.user_email
        return permissions.obfuscate_email(root.user_email)

    @staticmethod
    def resolve_is_shipping_required(root: OrderModel, info: graphene.ResolveInfo) -> bool:
        return True

    @staticmethod
    def resolve_delivery_method(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        if root.collection_point_id:
            return root.collection_point
        if root.shipping_method_id:
            return root.shipping_method
        return None

    @staticmethod
    def resolve_language_code(root: OrderModel, info: graphene.ResolveInfo) -> str:
        return root.language_code

    @staticmethod
    def resolve_language_code_enum(root: OrderModel, info: graphene.ResolveInfo) -> str:
        return (root.language_code or "id").lower()

    @staticmethod
    def resolve_display_gross_prices(root: OrderModel, info: graphene.ResolveInfo) -> bool:
        return True

    @staticmethod
    def resolve_checkout_id(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return global_id("Checkout", root.checkout_token) if root.checkout_token else None

    @staticmethod
    def resolve_voucher(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        if root.voucher_id is None:
            return None
        voucher = VoucherByIdLoader(info.context).load_from(root, key=lambda o: o.voucher_id)
        if voucher is None:
            return None
        channel = ChannelByIdLoader(info.context).load_from(root, key=lambda o: o.channel_id)
        assert channel is not None  # Order.channel is a non-null foreign key
        return VoucherContext(voucher=voucher, channel_slug=channel.slug, code=root.voucher_code)

    @staticmethod
    def resolve_voucher_code(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return root.voucher_code or None

    @staticmethod
    def resolve_discount(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return _money(root, root.discount_amount) if root.voucher_code else None

    @staticmethod
    def resolve_discount_name(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return root.discount_name or None

    @staticmethod
    def resolve_translated_discount_name(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return root.translated_discount_name or None

    @staticmethod
    def resolve_discounts(root: OrderModel, info: graphene.ResolveInfo) -> list:
        return [OrderDiscountData(order=root)] if root.voucher_code else []

    @staticmethod
    def resolve_events(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        _require_order_staff(info, root)
        return OrderEventsByOrderIdLoader(info.context).load_from(root, key=lambda o: o.pk)

    # --- payments ---

    @staticmethod
    def resolve_transactions(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        _require_order_staff(info, root)
        return payment_fields.order_transactions(root, info)

    @staticmethod
    def resolve_granted_refunds(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        _require_order_staff(info, root)
        return payment_fields.order_granted_refunds(root, info)

    @staticmethod
    def resolve_total_granted_refund(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        _require_order_staff(info, root)
        return payment_fields.order_total_granted_refund(root, info)

    @staticmethod
    def resolve_total_refund_pending(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        _require_order_staff(info, root)
        return payment_fields.order_total(root, info, "refund_pending")

    @staticmethod
    def resolve_total_authorize_pending(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        _require_order_staff(info, root)
        return payment_fields.order_total(root, info, "authorize_pending")

    @staticmethod
    def resolve_total_charge_pending(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        _require_order_staff(info, root)
        return payment_fields.order_total(root, info, "charge_pending")

    @staticmethod
    def resolve_total_cancel_pending(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        _require_order_staff(info, root)
        return payment_fields.order_total(root, info, "cancel_pending")

    @staticmethod
    def resolve_total_remaining_grant(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        _require_order_staff(info, root)
        return payment_fields.order_total_remaining_grant(root, info)

    @staticmethod
    def resolve_pickup_code(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        if not _access(info, root).sees_pickup_code:
            return None
        return root.pickup_code or None

    @staticmethod
    def resolve_village_hub(root: OrderModel, info: graphene.ResolveInfo) -> Any:
        return VillageHubByChannelIdLoader(info.context).load_from(root, key=lambda o: o.channel_id)


class OrderCountableConnection(CountableConnection):
    class Meta:
        node = Order
