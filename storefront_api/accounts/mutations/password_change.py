from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import services
from storefront_api.accounts.types import AccountError, User
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class PasswordChange(BaseMutation):
    user = graphene.Field(User, description="A user instance with a new password.")

    class Arguments:
        old_password = graphene.String(
            description="Current user password. Required unless the account has no password."
        )
        new_password = graphene.String(required=True, description="New user password.")

    class Meta:
        description = (
            "Change the password of the logged in user. Tokens issued before stay valid "
            "(use tokensDeactivateAll to sign out everywhere)."
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
        new_password: str,
        old_password: str | None = None,
    ) -> PasswordChange:
        user = services.user_password_change(
            user=info.context.user, old_password=old_password, new_password=new_password
        )
        return cls(user=user, errors=[])
