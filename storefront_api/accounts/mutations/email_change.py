"""``requestEmailChange`` and ``confirmEmailChange``: a signed-in user moves to a new
e-mail address once they open the link sent to it (Saleor's flow)."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import services
from storefront_api.accounts.mutations.account_delete import CHANNEL_DESCRIPTION
from storefront_api.accounts.mutations.notify_channel import notify_channel_clean
from storefront_api.accounts.types import AccountError, User
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class RequestEmailChange(BaseMutation):
    user = graphene.Field(User, description="A user instance.")

    class Arguments:
        password = graphene.String(required=True, description="User password.")
        new_email = graphene.String(required=True, description="New user email.")
        redirect_url = graphene.String(
            required=True,
            description=(
                "URL of a view where users should be redirected to update the email address. "
                "URL in RFC 1808 format."
            ),
        )
        channel = graphene.String(description=CHANNEL_DESCRIPTION)

    class Meta:
        description = "Request email change of the logged in user."
        error_type_class = AccountError
        error_type_field = "account_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        /,
        *,
        password: str,
        new_email: str,
        redirect_url: str,
        channel: str | None = None,
    ) -> RequestEmailChange:
        user = info.context.user
        notify_channel_clean(channel)
        services.user_email_change_request(
            user=user, new_email=new_email, password=password, redirect_url=redirect_url
        )
        return cls(user=user, errors=[])


class ConfirmEmailChange(BaseMutation):
    user = graphene.Field(User, description="A user instance with a new email.")

    class Arguments:
        token = graphene.String(
            required=True, description="A one-time token required to change the email."
        )
        channel = graphene.String(description=CHANNEL_DESCRIPTION)

    class Meta:
        description = (
            "Confirm the email change of the logged-in user. Tokens issued for the old "
            "address stop working: sign in again with the new one."
        )
        error_type_class = AccountError
        error_type_field = "account_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, token: str, channel: str | None = None
    ) -> ConfirmEmailChange:
        notify_channel_clean(channel)
        user = services.user_email_change_confirm(user=info.context.user, token=token)
        return cls(user=user, errors=[])
