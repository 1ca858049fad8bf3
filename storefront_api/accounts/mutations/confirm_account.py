from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import services
from marketplace.orders.customer_orders import guest_orders_attach
from storefront_api.accounts.types import AccountError, User
from storefront_api.core.mutations import BaseMutation


class ConfirmAccount(BaseMutation):
    user = graphene.Field(User, description="An activated user account.")

    class Arguments:
        token = graphene.String(
            required=True, description="A one-time token required to confirm the account."
        )
        email = graphene.String(
            required=True, description="E-mail of the user performing account confirmation."
        )
        password = graphene.String(
            description=(
                "Password of the user confirming their account. Accepted for Saleor "
                "compatibility; not needed in Lumbung."
            )
        )

    class Meta:
        description = "Confirm user account with token sent by email during registration."
        error_type_class = AccountError
        error_type_field = "account_errors"

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        /,
        *,
        token: str,
        email: str,
        password: str | None = None,
    ) -> ConfirmAccount:
        user = services.user_confirm(email=email, token=token)
        guest_orders_attach(user=user)  # as Saleor: earlier guest orders of this e-mail
        return cls(user=user, errors=[])
