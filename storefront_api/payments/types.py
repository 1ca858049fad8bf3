"""Saleor's payment types: TransactionItem, TransactionEvent, PaymentGatewayConfig,
OrderGrantedRefund(Line), the legacy Payment (a TransactionItem seen through the
deprecated Payments API), the payment error types and the ``UserOrApp`` union (users
only: Lumbung has no apps).

Who sees a transaction: whoever reached it. It is reachable from the mutation that
started or processed it (the buyer's storefront), from ``Checkout.transactions`` (whoever
knows the checkout's unguessable id, as Saleor lets storefronts read checkouts), and from
``Order.transactions`` / ``Order.grantedRefunds`` (platform staff and operators of the
order's hub only). ``createdBy`` and a grant's ``user`` are shown to platform staff and
to that user only.
"""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.payments import selectors
from marketplace.payments.models import OrderGrantedRefund as OrderGrantedRefundModel
from marketplace.payments.models import OrderGrantedRefundLine as OrderGrantedRefundLineModel
from marketplace.payments.models import TransactionEvent as TransactionEventModel
from marketplace.payments.models import TransactionItem as TransactionItemModel
from storefront_api.accounts.dataloaders import UserByIdLoader
from storefront_api.accounts.types import User
from storefront_api.apps.types import App
from storefront_api.checkout.dataloaders import CheckoutByIdLoader
from storefront_api.core.ids import global_id
from storefront_api.core.metadata import NoStoredMetadata, metadata_field, resolve_empty_metadata
from storefront_api.core.permissions import viewer_may_see_user
from storefront_api.core.types import Error, Money, money
from storefront_api.orders.dataloaders import OrderByIdLoader, OrderLineByIdLoader
from storefront_api.orders.features_not_kept import ReasonNotRecorded
from storefront_api.payments.dataloaders import (
    EventsByTransactionIdLoader,
    GrantedRefundLinesByGrantIdLoader,
    TransactionByIdLoader,
)
from storefront_api.payments.enums import (
    OrderGrantedRefundStatusEnum,
    OrderGrantRefundCreateErrorCode,
    OrderGrantRefundCreateLineErrorCode,
    PaymentChargeStatusEnum,
    PaymentErrorCode,
    PaymentGatewayConfigErrorCode,
    PaymentGatewayInitializeErrorCode,
    TransactionActionEnum,
    TransactionEventTypeEnum,
    TransactionInitializeErrorCode,
    TransactionProcessErrorCode,
    TransactionRequestActionErrorCode,
    TransactionRequestRefundForGrantedRefundErrorCode,
)
from storefront_api.payments.gateways import MIDTRANS_GATEWAY_ID
from storefront_api.payments.method_details import PaymentMethodDetails, payment_method_details
from storefront_api.payments.scalars import JSON

REFUNDABLE_STATUSES = frozenset({"capture", "settlement", "partial_refund"})


def _user(info: graphene.ResolveInfo, root: Any, attr: str) -> Any:
    """The user in ``root.<attr>``, for platform staff and that user only."""
    if not viewer_may_see_user(info, getattr(root, attr)):
        return None
    return UserByIdLoader(info.context).load_from(root, key=lambda obj: getattr(obj, attr))


class UserOrApp(graphene.Union):
    class Meta:
        description = "Represents a user or an app (Lumbung has no apps: always a user)."
        types = (User, App)

    @classmethod
    def resolve_type(cls, instance: Any, info: graphene.ResolveInfo) -> Any:
        return User


# --- errors ------------------------------------------------------------------------------


def _error_type(name: str, code_enum: Any, description: str) -> type[graphene.ObjectType]:
    return type(
        name,
        (Error,),
        {
            "code": code_enum(required=True, description="The error code."),
            "Meta": type("Meta", (), {"description": description}),
        },
    )


PaymentGatewayConfigError = _error_type(
    "PaymentGatewayConfigError", PaymentGatewayConfigErrorCode, "A gateway's problem."
)
PaymentGatewayInitializeError = _error_type(
    "PaymentGatewayInitializeError", PaymentGatewayInitializeErrorCode, "An input's problem."
)


class PaymentError(Error):
    code = PaymentErrorCode(required=True, description="The error code.")
    variants = graphene.List(
        graphene.NonNull(graphene.ID), description="List of variant IDs which causes the error."
    )

    class Meta:
        description = "A legacy payment's problem."


TransactionInitializeError = _error_type(
    "TransactionInitializeError", TransactionInitializeErrorCode, "An input's problem."
)
TransactionProcessError = _error_type(
    "TransactionProcessError", TransactionProcessErrorCode, "An input's problem."
)
TransactionRequestActionError = _error_type(
    "TransactionRequestActionError", TransactionRequestActionErrorCode, "An input's problem."
)
TransactionRequestRefundForGrantedRefundError = _error_type(
    "TransactionRequestRefundForGrantedRefundError",
    TransactionRequestRefundForGrantedRefundErrorCode,
    "An input's problem.",
)


class OrderGrantRefundCreateLineError(Error):
    code = OrderGrantRefundCreateLineErrorCode(required=True, description="The error code.")
    line_id = graphene.ID(required=True, description="The ID of the line related to the error.")

    class Meta:
        description = "A problem of one line of a granted refund."


class OrderGrantRefundCreateError(Error):
    code = OrderGrantRefundCreateErrorCode(required=True, description="The error code.")
    lines = graphene.List(
        graphene.NonNull(OrderGrantRefundCreateLineError),
        description="List of lines which cause the error.",
    )

    class Meta:
        description = "An input's problem."


# --- gateways ----------------------------------------------------------------------------


class PaymentGatewayConfig(graphene.ObjectType):
    id = graphene.String(required=True, description="The app identifier.")
    data = graphene.Field(JSON, description="The JSON data required to initialize the gateway.")
    errors = graphene.List(
        graphene.NonNull(PaymentGatewayConfigError), description="Why it cannot be used."
    )

    class Meta:
        description = "A payment gateway's configuration for a checkout or order."


# --- transactions ------------------------------------------------------------------------


class TransactionEvent(graphene.ObjectType):
    created_at = graphene.DateTime(required=True, description="Date and time of the event.")
    idempotency_key = graphene.String(
        description="Idempotency key assigned to the event (Lumbung's events have none)."
    )
    reason_reference = graphene.Field(
        "storefront_api.content.types.Page",
        description="Reason model of the event (none recorded).",
        resolver=lambda root, info: None,
    )
    psp_reference = graphene.String(required=True, description="PSP reference of transaction.")
    message = graphene.String(
        required=True, description="Message related to the transaction's event."
    )
    external_url = graphene.String(
        required=True,
        description="The url that will allow to redirect user to payment provider page.",
    )
    amount = graphene.Field(Money, required=True, description="The amount related to the event.")
    type = TransactionEventTypeEnum(description="The type of action related to this event.")
    created_by = graphene.Field(
        UserOrApp, description="User who created the event (platform staff and that user)."
    )

    class Meta:
        description = "Represents transaction's event."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, TransactionEventModel)

    @staticmethod
    def resolve_id(root: TransactionEventModel, info: graphene.ResolveInfo) -> int:
        return root.pk

    @staticmethod
    def resolve_external_url(root: TransactionEventModel, info: graphene.ResolveInfo) -> str:
        return ""

    @staticmethod
    def resolve_amount(root: TransactionEventModel, info: graphene.ResolveInfo) -> Any:
        return money(root.amount, root.currency)

    @staticmethod
    def resolve_type(root: TransactionEventModel, info: graphene.ResolveInfo) -> str:
        return str(root.type)

    @staticmethod
    def resolve_created_by(root: TransactionEventModel, info: graphene.ResolveInfo) -> Any:
        return _user(info, root, "created_by_id")


def _events(tx: TransactionItemModel, info: graphene.ResolveInfo) -> list[TransactionEventModel]:
    return EventsByTransactionIdLoader(info.context).load_from(tx, key=lambda t: t.pk)


def _resolve_transaction_created_by(root: TransactionItemModel, info: graphene.ResolveInfo) -> Any:
    """The user of the transaction's first event (``transactionInitialize``'s request)."""
    events = _events(root, info)
    return _user(info, events[0], "created_by_id") if events else None


def transaction_amounts(
    tx: TransactionItemModel, info: graphene.ResolveInfo
) -> selectors.TransactionAmounts:
    memo = vars(tx)  # kept on the instance, so each field of one transaction reuses them
    amounts: selectors.TransactionAmounts | None = memo.get("_lumbung_amounts")
    if amounts is None:
        amounts = memo["_lumbung_amounts"] = selectors.transaction_amounts(tx, _events(tx, info))
    return amounts


def _amount_resolver(name: str) -> Any:
    def resolve(root: TransactionItemModel, info: graphene.ResolveInfo) -> Any:
        return money(getattr(transaction_amounts(root, info), name), root.currency)

    return staticmethod(resolve)


class TransactionItem(ReasonNotRecorded, NoStoredMetadata, graphene.ObjectType):
    token = graphene.UUID(required=True, description="The transaction token.")
    payment_method_details = graphene.Field(
        PaymentMethodDetails,
        description="The payment method used for this transaction.",
        resolver=lambda root, info: payment_method_details(root.method),
    )
    created_at = graphene.DateTime(
        required=True, description="Date and time at which payment transaction was created."
    )
    modified_at = graphene.DateTime(
        required=True, description="Date and time at which payment transaction was modified."
    )
    actions = graphene.List(
        graphene.NonNull(TransactionActionEnum),
        required=True,
        description="List of actions that can be performed in the current state of a payment.",
    )
    created_by = graphene.Field(
        UserOrApp,
        description="User who started the payment (shown to platform staff and that user; "
        "null for a guest).",
    )
    authorized_amount = graphene.Field(
        Money, required=True, description="Total amount authorized for this payment."
    )
    authorize_pending_amount = graphene.Field(
        Money,
        required=True,
        description="Total amount of ongoing authorization requests for the transaction.",
    )
    refunded_amount = graphene.Field(
        Money, required=True, description="Total amount refunded for this payment."
    )
    refund_pending_amount = graphene.Field(
        Money,
        required=True,
        description="Total amount of ongoing refund requests for the transaction.",
    )
    canceled_amount = graphene.Field(
        Money, required=True, description="Total amount canceled for this payment."
    )
    cancel_pending_amount = graphene.Field(
        Money,
        required=True,
        description="Total amount of ongoing cancel requests for the transaction.",
    )
    charged_amount = graphene.Field(
        Money, required=True, description="Total amount charged for this payment."
    )
    charge_pending_amount = graphene.Field(
        Money,
        required=True,
        description="Total amount of ongoing charge requests for the transaction.",
    )
    name = graphene.String(required=True, description="Name of the transaction.")
    message = graphene.String(required=True, description="Message related to the transaction.")
    psp_reference = graphene.String(
        required=True,
        description="PSP reference of transaction: the Midtrans order_id of this attempt.",
    )
    order = graphene.Field("storefront_api.orders.types.Order", description="The related order.")
    checkout = graphene.Field(
        "storefront_api.checkout.types.Checkout",
        description="The related checkout (null once it became an order).",
    )
    events = graphene.List(
        graphene.NonNull(TransactionEvent),
        required=True,
        description="List of all transaction's events.",
    )
    external_url = graphene.String(
        required=True,
        description="The url that will allow to redirect user to payment provider page.",
    )
    metadata = metadata_field("List of public metadata items (none yet).")
    private_metadata = metadata_field("List of private metadata items (none yet).")

    class Meta:
        description = "Represents a payment transaction: one Midtrans attempt of a checkout."
        interfaces = (graphene.relay.Node,)

    resolve_authorized_amount = _amount_resolver("authorized")
    resolve_authorize_pending_amount = _amount_resolver("authorize_pending")
    resolve_refunded_amount = _amount_resolver("refunded")
    resolve_refund_pending_amount = _amount_resolver("refund_pending")
    resolve_canceled_amount = _amount_resolver("canceled")
    resolve_cancel_pending_amount = _amount_resolver("cancel_pending")
    resolve_charged_amount = _amount_resolver("charged")
    resolve_charge_pending_amount = _amount_resolver("charge_pending")
    resolve_metadata = staticmethod(resolve_empty_metadata)
    resolve_private_metadata = staticmethod(resolve_empty_metadata)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, TransactionItemModel)

    @staticmethod
    def resolve_id(root: TransactionItemModel, info: graphene.ResolveInfo) -> str:
        return str(root.pk)

    @staticmethod
    def resolve_token(root: TransactionItemModel, info: graphene.ResolveInfo) -> Any:
        return root.pk

    resolve_created_by = staticmethod(_resolve_transaction_created_by)

    @staticmethod
    def resolve_actions(root: TransactionItemModel, info: graphene.ResolveInfo) -> list[str]:
        amounts = transaction_amounts(root, info)
        actions = []
        if root.status in REFUNDABLE_STATUSES and amounts.charged - amounts.refund_pending > 0:
            actions.append("refund")
        if root.status in selectors.OPEN_STATUSES and not amounts.cancel_pending:
            actions.append("cancel")
        return actions

    @staticmethod
    def resolve_name(root: TransactionItemModel, info: graphene.ResolveInfo) -> str:
        return f"Midtrans - {root.get_method_display()}"

    @staticmethod
    def resolve_order(root: TransactionItemModel, info: graphene.ResolveInfo) -> Any:
        if root.order_id is None:
            return None
        return OrderByIdLoader(info.context).load_from(root, key=lambda t: t.order_id)

    @staticmethod
    def resolve_checkout(root: TransactionItemModel, info: graphene.ResolveInfo) -> Any:
        if root.checkout_id is None:
            return None
        return CheckoutByIdLoader(info.context).load_from(root, key=lambda t: t.checkout_id)

    @staticmethod
    def resolve_events(root: TransactionItemModel, info: graphene.ResolveInfo) -> Any:
        return _events(root, info)

    @staticmethod
    def resolve_external_url(root: TransactionItemModel, info: graphene.ResolveInfo) -> str:
        return ""


# --- Saleor's legacy Payments API ------------------------------------------------------

# Midtrans status of an attempt → Saleor's legacy ``PaymentChargeStatusEnum`` value.
_LEGACY_CHARGE_STATUS = {
    "": "not-charged",
    "pending": "pending",
    "authorize": "pending",
    "capture": "fully-charged",
    "settlement": "fully-charged",
    "partial_refund": "partially-refunded",
    "partial_chargeback": "partially-refunded",
    "refund": "fully-refunded",
    "chargeback": "fully-refunded",
    "deny": "refused",
    "failure": "refused",
    "expire": "cancelled",
    "cancel": "cancelled",
}


class Payment(NoStoredMetadata, graphene.ObjectType):
    """A Midtrans attempt seen through Saleor's deprecated legacy Payments API: what
    ``checkoutPaymentCreate`` returns. The same attempt is a ``TransactionItem`` (same
    UUID) in ``Checkout.transactions`` and ``Order.transactions``."""

    gateway = graphene.String(required=True, description="The payment gateway's id.")
    is_active = graphene.Boolean(
        required=True, description="Whether the attempt is waiting for the buyer or paid."
    )
    created = graphene.DateTime(required=True, description="When the payment was created.")
    modified = graphene.DateTime(required=True, description="When the payment last changed.")
    token = graphene.String(required=True, description="Midtrans' Snap token (or empty).")
    checkout = graphene.Field(
        "storefront_api.checkout.types.Checkout",
        description="The checkout paid (null once it became an order).",
    )
    order = graphene.Field("storefront_api.orders.types.Order", description="The order paid.")
    payment_method_type = graphene.String(
        required=True, description="The Midtrans method: `snap` for Midtrans' payment page."
    )
    charge_status = PaymentChargeStatusEnum(required=True, description="Internal payment status.")
    total = graphene.Field(Money, description="Total amount of the payment.")
    captured_amount = graphene.Field(Money, description="Total amount captured for this payment.")
    psp_reference = graphene.String(
        description="PSP reference of the payment: the Midtrans order_id of this attempt."
    )
    credit_card = graphene.Field(
        "storefront_api.payments.stored_methods.CreditCard",
        description="The details of the card used for this payment (none: Midtrans keeps "
        "card details on its own page).",
        resolver=lambda root, info: None,
    )
    metadata = metadata_field("List of public metadata items (none are kept).")
    private_metadata = metadata_field("List of private metadata items (none are kept).")

    class Meta:
        description = "Represents a payment of a given type (deprecated legacy Payments API)."
        interfaces = (graphene.relay.Node,)

    resolve_metadata = staticmethod(resolve_empty_metadata)
    resolve_private_metadata = staticmethod(resolve_empty_metadata)
    resolve_order = TransactionItem.resolve_order
    resolve_checkout = TransactionItem.resolve_checkout
    # No ``is_type_of``: a TransactionItem row resolves as TransactionItem wherever an
    # interface is resolved; Payment is only what the legacy mutation returns.

    @staticmethod
    def resolve_id(root: TransactionItemModel, info: graphene.ResolveInfo) -> str:
        return str(root.pk)

    @staticmethod
    def resolve_gateway(root: TransactionItemModel, info: graphene.ResolveInfo) -> str:
        return MIDTRANS_GATEWAY_ID

    @staticmethod
    def resolve_is_active(root: TransactionItemModel, info: graphene.ResolveInfo) -> bool:
        return root.status in selectors.OPEN_STATUSES or root.status in REFUNDABLE_STATUSES

    @staticmethod
    def resolve_created(root: TransactionItemModel, info: graphene.ResolveInfo) -> Any:
        return root.created_at

    @staticmethod
    def resolve_modified(root: TransactionItemModel, info: graphene.ResolveInfo) -> Any:
        return root.modified_at

    @staticmethod
    def resolve_token(root: TransactionItemModel, info: graphene.ResolveInfo) -> str:
        return str((root.data or {}).get("token") or "")

    @staticmethod
    def resolve_payment_method_type(root: TransactionItemModel, info: graphene.ResolveInfo) -> str:
        return root.method

    @staticmethod
    def resolve_charge_status(root: TransactionItemModel, info: graphene.ResolveInfo) -> str:
        return _LEGACY_CHARGE_STATUS.get(root.status, "not-charged")

    @staticmethod
    def resolve_total(root: TransactionItemModel, info: graphene.ResolveInfo) -> Any:
        return money(root.amount, root.currency)

    @staticmethod
    def resolve_captured_amount(root: TransactionItemModel, info: graphene.ResolveInfo) -> Any:
        return money(transaction_amounts(root, info).charged, root.currency)

    @staticmethod
    def resolve_psp_reference(root: TransactionItemModel, info: graphene.ResolveInfo) -> str:
        return root.psp_reference


# --- granted refunds ---------------------------------------------------------------------


class OrderGrantedRefundLine(graphene.ObjectType):
    id = graphene.ID(required=True, description="The ID of the object.")
    quantity = graphene.Int(required=True, description="Number of items to refund.")
    order_line = graphene.Field(
        "storefront_api.orders.types.OrderLine", required=True, description="Line of the order."
    )
    reason = graphene.String(description="Reason for refunding the line.")

    class Meta:
        description = "Represents granted refund line."

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, OrderGrantedRefundLineModel)

    @staticmethod
    def resolve_id(root: OrderGrantedRefundLineModel, info: graphene.ResolveInfo) -> str:
        return global_id("OrderGrantedRefundLine", root.pk)

    @staticmethod
    def resolve_order_line(root: OrderGrantedRefundLineModel, info: graphene.ResolveInfo) -> Any:
        return OrderLineByIdLoader(info.context).load_from(
            root, key=lambda line: line.order_line_id
        )

    @staticmethod
    def resolve_reason(root: OrderGrantedRefundLineModel, info: graphene.ResolveInfo) -> Any:
        return root.reason or None


class OrderGrantedRefund(graphene.ObjectType):
    id = graphene.ID(required=True, description="The ID of the object.")
    created_at = graphene.DateTime(required=True, description="Time of creation.")
    updated_at = graphene.DateTime(required=True, description="Time of last update.")
    amount = graphene.Field(Money, required=True, description="Refund amount.")
    reason = graphene.String(description="Reason of the refund.")
    user = graphene.Field(User, description="User who granted it (platform staff and that user).")
    shipping_costs_included = graphene.Boolean(
        required=True, description="If true, the refunded amount includes the shipping price."
    )
    lines = graphene.List(
        graphene.NonNull(OrderGrantedRefundLine),
        description="Lines assigned to the granted refund.",
    )
    status = OrderGrantedRefundStatusEnum(
        required=True, description="Status of the granted refund (paid back or not)."
    )
    transaction_events = graphene.List(
        graphene.NonNull(TransactionEvent),
        description="List of refund events associated with the granted refund.",
    )
    transaction = graphene.Field(
        TransactionItem, description="The transaction assigned to the granted refund."
    )

    class Meta:
        description = "The details of granted refund."

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, OrderGrantedRefundModel)

    @staticmethod
    def resolve_id(root: OrderGrantedRefundModel, info: graphene.ResolveInfo) -> str:
        return global_id("OrderGrantedRefund", root.pk)

    @staticmethod
    def resolve_amount(root: OrderGrantedRefundModel, info: graphene.ResolveInfo) -> Any:
        return money(root.amount, root.currency)

    @staticmethod
    def resolve_reason(root: OrderGrantedRefundModel, info: graphene.ResolveInfo) -> Any:
        return root.reason or None

    @staticmethod
    def resolve_user(root: OrderGrantedRefundModel, info: graphene.ResolveInfo) -> Any:
        return _user(info, root, "user_id")

    @staticmethod
    def resolve_lines(root: OrderGrantedRefundModel, info: graphene.ResolveInfo) -> Any:
        return GrantedRefundLinesByGrantIdLoader(info.context).load_from(root, key=lambda g: g.pk)

    @staticmethod
    def resolve_status(root: OrderGrantedRefundModel, info: graphene.ResolveInfo) -> str:
        return str(root.status)

    @staticmethod
    def _transaction(root: OrderGrantedRefundModel, info: graphene.ResolveInfo) -> Any:
        return TransactionByIdLoader(info.context).load_from(root, key=lambda g: g.transaction_id)

    @staticmethod
    def resolve_transaction_events(
        root: OrderGrantedRefundModel, info: graphene.ResolveInfo
    ) -> Any:
        tx = OrderGrantedRefund._transaction(root, info)
        key = f"{tx.psp_reference}-g{root.pk}"
        return [event for event in _events(tx, info) if event.psp_reference == key]

    @staticmethod
    def resolve_transaction(root: OrderGrantedRefundModel, info: graphene.ResolveInfo) -> Any:
        return OrderGrantedRefund._transaction(root, info)
