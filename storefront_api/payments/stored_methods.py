"""Saleor's stored payment methods and tokenization, and the legacy ``paymentInitialize``
and ``paymentCheckBalance``: the types, and the mutations' truthful answers.

Lumbung's gateways (Midtrans' payment page, pay at pickup) store no cards or other
payment methods for later and have no payment app that could tokenize one, so:

* ``User.storedPaymentMethods``, ``User.storedPaymentSources`` and
  ``Checkout.storedPaymentMethods`` are empty lists, ``Payment.creditCard`` is null;
* the tokenization mutations and ``storedPaymentMethodRequestDelete`` answer what Saleor
  answers when no payment app handles them: after checking the channel (``NOT_FOUND`` /
  ``CHANNEL_INACTIVE`` on ``channel``), the error ``NOT_FOUND`` "No active payment app…"
  with ``result`` ``FAILED_TO_DELIVER``; nothing changes;
* ``paymentInitialize`` checks the channel and answers ``initializedPayment: null`` (no
  gateway of Lumbung needs a legacy initialization step, as Saleor answers for a gateway
  without one); ``paymentCheckBalance`` checks the gateway, currency and channel as
  Saleor does and answers ``data: null`` (no gateway checks a card's balance).
"""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.channels.models import Channel as ChannelModel
from marketplace.core.exceptions import field_error
from storefront_api.catalog.scalars import PositiveDecimal
from storefront_api.core.metadata import metadata_field, resolve_empty_metadata
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.core.types import Error
from storefront_api.payments.gateways import GATEWAY_IDS, PaymentGateway
from storefront_api.payments.scalars import JSON
from storefront_api.payments.types import PaymentError

GATEWAY_CURRENCY = "IDR"  # Midtrans and pay at pickup take rupiah only


def _codes(name: str, codes: str, description: str) -> type[graphene.Enum]:
    return graphene.Enum(
        name, [(code, code.lower()) for code in codes.split()], description=description
    )


def _error_type(name: str, code_enum: Any) -> type[graphene.ObjectType]:
    return type(
        name,
        (Error,),
        {
            "code": code_enum(required=True, description="The error code."),
        },
    )


_TOKENIZATION_CODES = "GRAPHQL_ERROR INVALID NOT_FOUND CHANNEL_INACTIVE GATEWAY_ERROR"
PaymentGatewayInitializeTokenizationErrorCode = _codes(
    "PaymentGatewayInitializeTokenizationErrorCode", _TOKENIZATION_CODES,
    "Why tokenization could not be initialized.",
)  # fmt: skip
PaymentMethodInitializeTokenizationErrorCode = _codes(
    "PaymentMethodInitializeTokenizationErrorCode", _TOKENIZATION_CODES,
    "Why a payment method could not be tokenized.",
)  # fmt: skip
PaymentMethodProcessTokenizationErrorCode = _codes(
    "PaymentMethodProcessTokenizationErrorCode", _TOKENIZATION_CODES,
    "Why a payment method tokenization could not be processed.",
)  # fmt: skip
StoredPaymentMethodRequestDeleteErrorCode = _codes(
    "StoredPaymentMethodRequestDeleteErrorCode", _TOKENIZATION_CODES,
    "Why a stored payment method could not be deleted.",
)  # fmt: skip
PaymentGatewayInitializeTokenizationResult = graphene.Enum(
    "PaymentGatewayInitializeTokenizationResult",
    [
        ("SUCCESSFULLY_INITIALIZED", "successfully_initialized"),
        ("FAILED_TO_INITIALIZE", "failed_to_initialize"),
        ("FAILED_TO_DELIVER", "failed_to_deliver"),
    ],
    description="Result of initialize payment gateway for tokenization of payment method.",
)
PaymentMethodTokenizationResult = graphene.Enum(
    "PaymentMethodTokenizationResult",
    [
        ("SUCCESSFULLY_TOKENIZED", "successfully_tokenized"),
        ("PENDING", "pending"),
        ("ADDITIONAL_ACTION_REQUIRED", "additional_action_required"),
        ("FAILED_TO_TOKENIZE", "failed_to_tokenize"),
        ("FAILED_TO_DELIVER", "failed_to_deliver"),
    ],
    description="Result of tokenization of payment method.",
)
StoredPaymentMethodRequestDeleteResult = graphene.Enum(
    "StoredPaymentMethodRequestDeleteResult",
    [
        ("SUCCESSFULLY_DELETED", "successfully_deleted"),
        ("FAILED_TO_DELETE", "failed_to_delete"),
        ("FAILED_TO_DELIVER", "failed_to_deliver"),
    ],
    description="Result of deleting a stored payment method.",
)
TokenizedPaymentFlowEnum = graphene.Enum(
    "TokenizedPaymentFlowEnum",
    [("INTERACTIVE", "interactive")],
    description="Represents possible tokenized payment flows that can be used to process payment.",
)

PaymentGatewayInitializeTokenizationError = _error_type(
    "PaymentGatewayInitializeTokenizationError", PaymentGatewayInitializeTokenizationErrorCode
)
PaymentMethodInitializeTokenizationError = _error_type(
    "PaymentMethodInitializeTokenizationError", PaymentMethodInitializeTokenizationErrorCode
)
PaymentMethodProcessTokenizationError = _error_type(
    "PaymentMethodProcessTokenizationError", PaymentMethodProcessTokenizationErrorCode
)
PaymentMethodRequestDeleteError = _error_type(
    "PaymentMethodRequestDeleteError", StoredPaymentMethodRequestDeleteErrorCode
)


# --- types -------------------------------------------------------------------------------


class CreditCard(graphene.ObjectType):
    brand = graphene.String(required=True, description="Card brand.")
    first_digits = graphene.String(description="First 4 digits of the card number.")
    last_digits = graphene.String(required=True, description="Last 4 digits of the card number.")
    exp_month = graphene.Int(
        description="Two-digit number representing the card’s expiration month."
    )
    exp_year = graphene.Int(
        description="Four-digit number representing the card’s expiration year."
    )

    class Meta:
        description = "Represents a credit card (Lumbung keeps none)."


class PaymentSource(graphene.ObjectType):
    gateway = graphene.String(required=True, description="Payment gateway name.")
    payment_method_id = graphene.String(description="ID of stored payment method.")
    credit_card_info = graphene.Field(
        CreditCard, description="Stored credit card details if available."
    )
    metadata = metadata_field("List of public metadata items.")

    class Meta:
        description = "Represents a payment source stored for user in payment gateway (none)."

    resolve_metadata = staticmethod(resolve_empty_metadata)


class StoredPaymentMethod(graphene.ObjectType):
    id = graphene.ID(required=True, description="Stored payment method ID.")
    gateway = graphene.Field(
        PaymentGateway,
        required=True,
        description="Payment gateway that stores this payment method.",
    )
    payment_method_id = graphene.String(
        required=True, description="ID of stored payment method used to make payment actions."
    )
    credit_card_info = graphene.Field(
        CreditCard, description="Stored credit card details if available."
    )
    supported_payment_flows = graphene.List(
        graphene.NonNull(TokenizedPaymentFlowEnum),
        description="List of supported flows that can be performed with this payment method.",
    )
    type = graphene.String(required=True, description="Type of stored payment method.")
    name = graphene.String(description="Payment method name.")
    data = JSON(description="JSON data returned by Payment Provider app for this payment method.")

    class Meta:
        description = "Represents a payment method stored for user (Lumbung stores none)."


# --- mutations ---------------------------------------------------------------------------


def channel_for_payment(slug: str | None, codes: Any) -> ChannelModel:
    """Saleor's ``validate_channel``: an active channel, else ``NOT_FOUND`` or
    ``CHANNEL_INACTIVE`` on ``channel``."""
    channel = ChannelModel.objects.filter(slug=slug or "").first()
    if channel is None:
        raise field_error(
            "channel",
            _("Channel with '%(slug)s' slug does not exist.") % {"slug": slug},
            codes.NOT_FOUND.value,
        )
    if not channel.is_active:
        raise field_error(
            "channel",
            _("Channel with '%(slug)s' is inactive.") % {"slug": slug},
            codes.CHANNEL_INACTIVE.value,
        )
    return channel


class _NoPaymentApp(BaseMutation):
    """Checks the channel, then answers that no payment app handles the request."""

    class Meta:
        abstract = True

    failed_result = "failed_to_deliver"
    codes: Any = None

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, /, **data: Any) -> Any:
        channel_for_payment(data.get("channel"), cls.codes)
        raise field_error(
            None, _("No active payment app to handle requested action."), cls.codes.NOT_FOUND.value
        )

    @classmethod
    def handle_errors(cls, exc: Any) -> Any:
        payload = super().handle_errors(exc)
        payload.result = cls.failed_result
        return payload


_CHANNEL_ARG = "Slug of a channel related to tokenization request."
_DATA_ARG = "The data that will be passed to the payment gateway."


class PaymentGatewayInitializeTokenization(_NoPaymentApp):
    result = PaymentGatewayInitializeTokenizationResult(
        required=True, description="A status of the payment gateway initialization."
    )
    data = JSON(description="A data returned by payment app.")

    class Arguments:
        id = graphene.String(
            required=True,
            description="The identifier of the payment gateway app to initialize tokenization.",
        )
        channel = graphene.String(required=True, description=_CHANNEL_ARG)
        data = graphene.Argument(JSON, description=_DATA_ARG)

    class Meta:
        description = "Initializes payment gateway for tokenizing payment method session."
        error_type_class = PaymentGatewayInitializeTokenizationError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    codes = PaymentGatewayInitializeTokenizationErrorCode


class PaymentMethodInitializeTokenization(_NoPaymentApp):
    result = PaymentMethodTokenizationResult(
        required=True, description="A status of the payment method tokenization."
    )
    id = graphene.String(description="The identifier of the payment method.")
    data = JSON(description="A data returned by the payment app.")

    class Arguments:
        id = graphene.String(
            required=True,
            description="The identifier of the payment gateway app to initialize payment "
            "method tokenization.",
        )
        channel = graphene.String(required=True, description=_CHANNEL_ARG)
        payment_flow_to_support = TokenizedPaymentFlowEnum(
            required=True,
            description="The payment flow that the tokenized payment method should support.",
        )
        data = graphene.Argument(JSON, description=_DATA_ARG)

    class Meta:
        description = "Tokenize payment method."
        error_type_class = PaymentMethodInitializeTokenizationError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    codes = PaymentMethodInitializeTokenizationErrorCode


class PaymentMethodProcessTokenization(_NoPaymentApp):
    result = PaymentMethodTokenizationResult(
        required=True, description="A status of the payment method tokenization."
    )
    id = graphene.String(description="The identifier of the payment method.")
    data = JSON(description="A data returned by the payment app.")

    class Arguments:
        id = graphene.String(
            required=True,
            description="The identifier of the payment method returned by the payment app.",
        )
        channel = graphene.String(required=True, description=_CHANNEL_ARG)
        data = graphene.Argument(JSON, description=_DATA_ARG)

    class Meta:
        description = "Tokenize payment method."
        error_type_class = PaymentMethodProcessTokenizationError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    codes = PaymentMethodProcessTokenizationErrorCode


class StoredPaymentMethodRequestDelete(_NoPaymentApp):
    result = StoredPaymentMethodRequestDeleteResult(
        required=True, description="The result of deleting a stored payment method."
    )

    class Arguments:
        id = graphene.ID(required=True, description="The ID of the payment method.")
        channel = graphene.String(
            required=True, description="Slug of a channel related to delete request."
        )

    class Meta:
        description = "Request to delete a stored payment method on payment provider side."
        error_type_class = PaymentMethodRequestDeleteError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    codes = StoredPaymentMethodRequestDeleteErrorCode


class PaymentInitialized(graphene.ObjectType):
    gateway = graphene.String(required=True, description="ID of a gateway.")
    name = graphene.String(required=True, description="Payment gateway name.")
    data = graphene.JSONString(description="Initialized data by gateway.")

    class Meta:
        description = "Server-side data generated by a payment gateway (none in Lumbung)."


class PaymentInitialize(BaseMutation):
    initialized_payment = graphene.Field(PaymentInitialized)

    class Arguments:
        gateway = graphene.String(
            required=True, description="A gateway name used to initialize the payment."
        )
        channel = graphene.String(
            description="Slug of a channel for which the data should be returned."
        )
        payment_data = graphene.JSONString(
            required=False,
            description="Client-side generated data required to initialize the payment.",
        )

    class Meta:
        description = (
            "Initializes payment process when it is required by gateway (no gateway of "
            "Lumbung needs it: initializedPayment is null)."
        )
        error_type_class = PaymentError
        error_type_field = "payment_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, gateway: str, channel: str | None = None,
        payment_data: Any = None,
    ) -> PaymentInitialize:  # fmt: skip
        from storefront_api.payments.enums import PaymentErrorCode

        channel_for_payment(channel, PaymentErrorCode)
        return cls(initialized_payment=None)


class MoneyInput(graphene.InputObjectType):
    currency = graphene.String(description="Currency code.", required=True)
    amount = PositiveDecimal(description="Amount of money.", required=True)


class CardInput(graphene.InputObjectType):
    code = graphene.String(
        required=True,
        description="Payment method nonce, a token returned by the appropriate provider's SDK.",
    )
    cvc = graphene.String(description="Card security code.")
    money = graphene.InputField(
        MoneyInput, required=True, description="Information about currency and amount."
    )

    class Meta:
        description = "Card data used to check a payment balance."


class PaymentCheckBalanceInput(graphene.InputObjectType):
    gateway_id = graphene.String(required=True, description="An ID of a payment gateway to check.")
    method = graphene.String(required=True, description="Payment method name.")
    channel = graphene.String(
        required=True, description="Slug of a channel for which the data should be returned."
    )
    card = graphene.InputField(CardInput, required=True, description="Information about card.")

    class Meta:
        description = "Fields required to check a payment balance."


class PaymentCheckBalance(BaseMutation):
    data = graphene.JSONString()

    class Arguments:
        input = PaymentCheckBalanceInput(
            description="Fields required to check payment balance.", required=True
        )

    class Meta:
        description = "Check payment balance (no gateway of Lumbung checks balances: data is null)."
        error_type_class = PaymentError
        error_type_field = "payment_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: dict[str, Any]
    ) -> PaymentCheckBalance:
        from storefront_api.payments.enums import PaymentErrorCode

        gateway_id = input["gateway_id"]
        if gateway_id not in GATEWAY_IDS:
            raise field_error(
                "gateway_id",
                _("The gateway_id %(gateway)s is not available.") % {"gateway": gateway_id},
                PaymentErrorCode.NOT_SUPPORTED_GATEWAY.value,
            )
        currency = input["card"]["money"]["currency"]
        if currency != GATEWAY_CURRENCY:
            raise field_error(
                "currency",
                _("The currency %(currency)s is not available for %(gateway)s.")
                % {"currency": currency, "gateway": gateway_id},
                PaymentErrorCode.NOT_SUPPORTED_GATEWAY.value,
            )
        channel_for_payment(input["channel"], PaymentErrorCode)
        return cls(data=None)
