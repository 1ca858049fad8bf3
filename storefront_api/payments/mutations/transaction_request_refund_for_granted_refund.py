from __future__ import annotations

from typing import Any

import graphene

from marketplace.payments.selectors import user_may_manage_order_payments
from marketplace.payments.services import granted_refunds
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.payments.mutations.base import granted_refund_from, transaction_from
from storefront_api.payments.types import (
    TransactionItem,
    TransactionRequestRefundForGrantedRefundError,
)


class TransactionRequestRefundForGrantedRefund(BaseMutation):
    transaction = graphene.Field(TransactionItem, description="The transaction.")

    class Arguments:
        granted_refund_id = graphene.ID(required=True, description="The ID of the granted refund.")
        id = graphene.ID(
            description="The ID of the transaction (optional: the grant names its own)."
        )
        token = graphene.UUID(description="The token of the transaction.")

    class Meta:
        description = (
            "Pays a granted refund back through its transaction at Midtrans. Platform "
            "staff and operators of the order's village hub."
        )
        error_type_class = TransactionRequestRefundForGrantedRefundError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        /,
        *,
        granted_refund_id: str,
        id: str | None = None,
        token: Any = None,
    ) -> TransactionRequestRefundForGrantedRefund:
        grant = granted_refund_from(granted_refund_id)
        if not user_may_manage_order_payments(info.context.user, grant.order):
            raise PermissionDenied(permissions=["MANAGE_ORDERS"])
        tx = transaction_from(id, token) if (id or token) else None
        tx = granted_refunds.granted_refund_process(
            granted_refund=grant, actor=info.context.user, transaction_item=tx
        )
        return cls(transaction=tx, errors=[])
