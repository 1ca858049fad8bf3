from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import services, tokens
from marketplace.core.client_ip import client_ip
from storefront_api.accounts.types import AccountError, User
from storefront_api.core.mutations import BaseMutation


class CreateToken(BaseMutation):
    token = graphene.String(description="JWT token, required to authenticate.")
    refresh_token = graphene.String(
        description="JWT refresh token, required to re-generate access token."
    )
    csrf_token = graphene.String(description="CSRF token required to re-generate access token.")
    user = graphene.Field(User, description="A user instance.")

    class Arguments:
        audience = graphene.String(
            description="The audience that will be included to JWT tokens with prefix `custom:`."
        )
        email = graphene.String(required=True, description="Email of a user.")
        password = graphene.String(required=True, description="Password of a user.")

    class Meta:
        description = "Create JWT token."
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
        password: str,
        audience: str | None = None,
    ) -> CreateToken:
        user = services.user_authenticate(
            login=email, password=password, ip=client_ip(info.context)
        )
        return cls(**sign_in(info, user, audience=audience), errors=[])


def sign_in(info: graphene.ResolveInfo, user: Any, *, audience: str | None = None) -> dict:
    """Tokens for ``user`` as tokenCreate returns them (also used by setPassword)."""
    aud = f"custom:{audience}" if audience else None
    csrf_token = tokens.new_csrf_token()
    access_token = tokens.create_access_token(user, audience=aud)
    refresh_token = tokens.create_refresh_token(user, csrf_token=csrf_token, audience=aud)
    services.user_record_login(user=user)
    request = info.context
    request.refresh_token = refresh_token  # the view sets the refreshToken cookie
    request.user = user  # fields after this one see the signed-in user, as in Saleor
    return {
        "token": access_token,
        "refresh_token": refresh_token,
        "csrf_token": csrf_token,
        "user": user,
    }
