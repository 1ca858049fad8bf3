from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.core.exceptions import field_error
from marketplace.payments.error_codes import PaymentErrorCode
from marketplace.payments.interface import GatewayUnavailable
from marketplace.payments.services import transaction_actions
from storefront_api.catalog.scalars import PositiveDecimal
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.payments.enums import TransactionActionEnum
from storefront_api.payments.mutations.base import transaction_from
from storefront_api.payments.types import TransactionItem, TransactionRequestActionError


def unreachable() -> Exception:
    return field_error(
        None,
        _("The payment provider cannot be reached. Try again in a moment."),
        PaymentErrorCode.GRAPHQL_ERROR,
    )


class TransactionRequestAction(BaseMutation):
    transaction = graphene.Field(TransactionItem, description="The transaction.")

    class Arguments:
        action_type = TransactionActionEnum(
            required=True, description="Determines the action type: REFUND or CANCEL."
        )
        amount = PositiveDecimal(
            description="Amount to refund, whole rupiah; by default all that is left."
        )
        id = graphene.ID(description="The ID of the transaction.")
        refund_reason = graphene.String(description="Reason of the refund.")
        refund_reason_reference = graphene.ID(
            description="Not used by Lumbung (refund reasons are free text)."
        )
        token = graphene.UUID(description="The token of the transaction.")

    class Meta:
        description = (
            "Refunds a paid transaction through Midtrans, in full or in part (REFUND), or "
            "cancels one not paid yet (CANCEL). Platform staff and operators of the "
            "order's village hub; the buyer may cancel their own unpaid attempt. CHARGE is "
            "refused: Midtrans charges when the buyer pays."
        )
        error_type_class = TransactionRequestActionError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        /,
        *,
        action_type: Any,
        id: str | None = None,
        token: Any = None,
        amount: Any = None,
        refund_reason: str | None = None,
        refund_reason_reference: str | None = None,
    ) -> TransactionRequestAction:
        tx = transaction_from(id, token)
        actor = info.context.user
        action = getattr(action_type, "value", action_type)
        if refund_reason_reference:
            raise field_error(
                "refund_reason_reference",
                _("Refund reason references are not used; give the reason as text."),
                PaymentErrorCode.INVALID,
            )
        try:
            if action == "refund":
                tx = transaction_actions.transaction_refund(
                    transaction=tx, amount=amount, actor=actor, reason=refund_reason or ""
                )
            elif action == "cancel":
                tx = transaction_actions.transaction_cancel(transaction=tx, actor=actor)
            else:
                tx = transaction_actions.transaction_charge(transaction=tx, actor=actor)
        except GatewayUnavailable:
            raise unreachable() from None
        return cls(transaction=tx, errors=[])
