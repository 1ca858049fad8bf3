from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from marketplace.accounts import services, tokens
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.core.exceptions import field_error
from storefront_api.accounts.types import AccountError, User
from storefront_api.core.mutations import BaseMutation


class RefreshToken(BaseMutation):
    token = graphene.String(description="JWT token, required to authenticate.")
    user = graphene.Field(User, description="A user instance.")

    class Arguments:
        csrf_token = graphene.String(
            description=(
                "CSRF token required to refresh token. This argument is required when "
                "`refreshToken` is provided as a cookie."
            )
        )
        refresh_token = graphene.String(description="Refresh token.")

    class Meta:
        description = (
            "Refresh JWT token. Mutation tries to take refreshToken from the input. If it "
            "fails it will try to take `refreshToken` from the http-only cookie "
            "`refreshToken`. `csrfToken` is required when `refreshToken` is provided as a "
            "cookie."
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
        refresh_token: str | None = None,
        csrf_token: str | None = None,
    ) -> RefreshToken:
        from_cookie = refresh_token is None
        if from_cookie:
            refresh_token = info.context.COOKIES.get(tokens.REFRESH_TOKEN_COOKIE)
        if not refresh_token:
            raise field_error(
                "refresh_token", _("Missing refreshToken"), AccountErrorCode.JWT_MISSING_TOKEN
            )
        try:
            payload = tokens.validate_token(refresh_token)
        except ValidationError as exc:
            raise ValidationError({"refresh_token": exc}) from exc
        if payload.get("type") != tokens.REFRESH:
            raise field_error(
                "refresh_token", _("Incorrect refreshToken"), AccountErrorCode.JWT_INVALID_TOKEN
            )
        if from_cookie:
            # A cookie is sent by the browser on its own: prove the caller also read the
            # CSRF token that came with it.
            if not csrf_token:
                raise field_error(
                    "csrf_token",
                    _("CSRF token is required when refreshToken is provided by the cookie"),
                    AccountErrorCode.REQUIRED,
                )
            if not tokens.csrf_token_matches(csrf_token, payload.get(tokens.CSRF_CLAIM)):
                raise field_error(
                    "csrf_token", _("Invalid csrf token"), AccountErrorCode.JWT_INVALID_CSRF_TOKEN
                )
        try:
            user = tokens.validate_token_user(payload)
        except ValidationError as exc:
            raise ValidationError({"refresh_token": exc}) from exc
        token = tokens.create_access_token(user, audience=payload.get("aud"))
        services.user_record_login(user=user)
        return cls(token=token, user=user, errors=[])
