from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import services
from storefront_api.accounts.types import AccountError
from storefront_api.core.mutations import BaseMutation


class RequestPasswordReset(BaseMutation):
    class Arguments:
        email = graphene.String(
            required=True, description="Email of the user that will be used for password recovery."
        )
        redirect_url = graphene.String(
            required=True,
            description=(
                "URL of a view where users should be redirected to reset the password. URL in "
                "RFC 1808 format."
            ),
        )
        channel = graphene.String(
            description="Slug of a channel which will be used to notify the user. Optional."
        )

    class Meta:
        description = (
            "Sends an email with the account password modification link. Answers the same "
            "whether or not an account uses the address."
        )
        error_type_class = AccountError
        error_type_field = "account_errors"

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        /,
        *,
        email: str,
        redirect_url: str,
        channel: str | None = None,
    ) -> RequestPasswordReset:
        services.user_password_reset_request(email=email, redirect_url=redirect_url)
        return cls(errors=[])
