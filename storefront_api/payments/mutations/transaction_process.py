from __future__ import annotations

from typing import Any

import graphene

from marketplace.payments.services import checkout_payments
from storefront_api.core.mutations import BaseMutation
from storefront_api.payments.mutations.base import (
    buyer_data,
    clean_customer_ip_address,
    last_event,
    transaction_from,
)
from storefront_api.payments.scalars import JSON
from storefront_api.payments.types import (
    TransactionEvent,
    TransactionItem,
    TransactionProcessError,
)


class TransactionProcess(BaseMutation):
    transaction = graphene.Field(TransactionItem, description="The processed transaction.")
    transaction_event = graphene.Field(
        TransactionEvent, description="The latest event of the processed transaction."
    )
    data = graphene.Field(JSON, description="The JSON data required to finalize the payment.")

    class Arguments:
        customer_ip_address = graphene.String(
            description="The customer's IP address (validated, not passed to Midtrans)."
        )
        data = graphene.Argument(JSON, description="The data from the storefront (unused).")
        id = graphene.ID(description="The ID of the transaction to process.")
        token = graphene.UUID(description="The token of the transaction to process.")

    class Meta:
        description = (
            "Asks Midtrans for the payment's status now and applies it: call it when the "
            "buyer comes back from the Snap page, or to see whether a QR code or virtual "
            "account was paid. A settled payment turns the checkout into a paid order."
        )
        error_type_class = TransactionProcessError

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        /,
        *,
        id: str | None = None,
        token: Any = None,
        data: Any = None,
        customer_ip_address: str | None = None,
    ) -> TransactionProcess:
        tx = transaction_from(id, token)
        clean_customer_ip_address(customer_ip_address)
        tx = checkout_payments.transaction_process(transaction=tx)
        return cls(transaction=tx, transaction_event=last_event(tx), data=buyer_data(tx), errors=[])
