from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import services
from storefront_api.accounts.mutations.token_create import sign_in
from storefront_api.accounts.types import AccountError, User
from storefront_api.core.mutations import BaseMutation


class SetPassword(BaseMutation):
    token = graphene.String(description="JWT token, required to authenticate.")
    refresh_token = graphene.String(
        description="JWT refresh token, required to re-generate access token."
    )
    csrf_token = graphene.String(description="CSRF token required to re-generate access token.")
    user = graphene.Field(User, description="A user instance.")

    class Arguments:
        token = graphene.String(
            required=True,
            description="A one-time token required to set the password.",
        )
        email = graphene.String(required=True, description="Email of a user.")
        password = graphene.String(required=True, description="Password of a user.")

    class Meta:
        description = (
            "Sets the user's password from the token sent by email using the "
            "RequestPasswordReset mutation."
        )
        error_type_class = AccountError
        error_type_field = "account_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, token: str, email: str, password: str
    ) -> SetPassword:
        user = services.user_password_set(email=email, token=token, password=password)
        # Signs in as tokenCreate would (inactive accounts are refused there).
        user = services.user_authenticate(login=user.email, password=password, ip=None)
        return cls(**sign_in(info, user), errors=[])
