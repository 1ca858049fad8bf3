"""``accountRequestDeletion`` and ``accountDelete``: a signed-in customer deletes their
account through a link e-mailed to them (Saleor's flow)."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import services
from storefront_api.accounts.mutations.notify_channel import notify_channel_clean
from storefront_api.accounts.types import AccountError, User
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters

CHANNEL_DESCRIPTION = (
    "Slug of a channel which will be used to notify users. Optional when only one channel exists."
)


class AccountRequestDeletion(BaseMutation):
    class Arguments:
        redirect_url = graphene.String(
            required=True,
            description=(
                "URL of a view where users should be redirected to delete their account. URL "
                "in RFC 1808 format."
            ),
        )
        channel = graphene.String(description=CHANNEL_DESCRIPTION)

    class Meta:
        description = (
            "Sends an email with the account removal link for the logged-in user. Platform "
            "staff, and the only admin of a cooperative or only operator of a village hub, "
            "are refused (DELETE_STAFF_ACCOUNT, LEFT_NOT_MANAGEABLE_PERMISSION)."
        )
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
        redirect_url: str,
        channel: str | None = None,
    ) -> AccountRequestDeletion:
        notify_channel_clean(channel)
        services.user_deletion_request(user=info.context.user, redirect_url=redirect_url)
        return cls(errors=[])


class AccountDelete(BaseMutation):
    user = graphene.Field(User)

    class Arguments:
        token = graphene.String(
            required=True,
            description=(
                "A one-time token required to remove account. Sent by email using "
                "AccountRequestDeletion mutation."
            ),
        )

    class Meta:
        description = (
            "Remove user account. Orders stay with the e-mail address they were placed "
            "with; addresses go."
        )
        error_type_class = AccountError
        error_type_field = "account_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, token: str
    ) -> AccountDelete:
        user = info.context.user
        user_id = user.pk
        services.user_delete(user=user, token=token)
        # The payload carries the deleted user with their former ID, as Saleor's does.
        user.pk = user_id
        return cls(user=user, errors=[])
