"""Payment mutations (Saleor's transaction API on Midtrans, granted refunds, and the
deprecated legacy ``checkoutPaymentCreate``)."""

from __future__ import annotations

import graphene

from storefront_api.payments.mutations.checkout_payment_create import (
    LEGACY_DEPRECATION,
    CheckoutPaymentCreate,
)
from storefront_api.payments.mutations.order_grant_refund_create import OrderGrantRefundCreate
from storefront_api.payments.mutations.payment_gateway_initialize import (
    PaymentGatewayInitialize,
)
from storefront_api.payments.mutations.transaction_initialize import TransactionInitialize
from storefront_api.payments.mutations.transaction_process import TransactionProcess
from storefront_api.payments.mutations.transaction_request_action import (
    TransactionRequestAction,
)
from storefront_api.payments.mutations.transaction_request_refund_for_granted_refund import (
    TransactionRequestRefundForGrantedRefund,
)
from storefront_api.payments.stored_methods import (
    PaymentCheckBalance,
    PaymentGatewayInitializeTokenization,
    PaymentInitialize,
    PaymentMethodInitializeTokenization,
    PaymentMethodProcessTokenization,
    StoredPaymentMethodRequestDelete,
)


class PaymentMutations(graphene.ObjectType):
    payment_gateway_initialize = PaymentGatewayInitialize.Field()
    transaction_initialize = TransactionInitialize.Field()
    transaction_process = TransactionProcess.Field()
    transaction_request_action = TransactionRequestAction.Field()
    transaction_request_refund_for_granted_refund = TransactionRequestRefundForGrantedRefund.Field()
    order_grant_refund_create = OrderGrantRefundCreate.Field()
    checkout_payment_create = CheckoutPaymentCreate.Field(deprecation_reason=LEGACY_DEPRECATION)
    payment_initialize = PaymentInitialize.Field(deprecation_reason=LEGACY_DEPRECATION)
    payment_check_balance = PaymentCheckBalance.Field(deprecation_reason=LEGACY_DEPRECATION)
    payment_gateway_initialize_tokenization = PaymentGatewayInitializeTokenization.Field()
    payment_method_initialize_tokenization = PaymentMethodInitializeTokenization.Field()
    payment_method_process_tokenization = PaymentMethodProcessTokenization.Field()
    stored_payment_method_request_delete = StoredPaymentMethodRequestDelete.Field()
