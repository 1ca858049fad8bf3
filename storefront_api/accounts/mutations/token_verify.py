from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from graphene.types.generic import GenericScalar

from marketplace.accounts import tokens
from storefront_api.accounts.types import AccountError, User
from storefront_api.core.mutations import BaseMutation


class VerifyToken(BaseMutation):
    user = graphene.Field(User, description="User assigned to token.")
    is_valid = graphene.Boolean(required=True, description="Determine if token is valid or not.")
    payload = GenericScalar(description="JWT payload.")

    class Arguments:
        token = graphene.String(required=True, description="JWT token to validate.")

    class Meta:
        description = "Verify JWT token."
        error_type_class = AccountError
        error_type_field = "account_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, token: str
    ) -> VerifyToken:
        try:
            payload = tokens.validate_token(token)
            user = tokens.validate_token_user(payload)
        except ValidationError as exc:
            raise ValidationError({"token": exc}) from exc
        return cls(user=user, is_valid=True, payload=payload, errors=[])

    @staticmethod
    def resolve_is_valid(root: VerifyToken, info: graphene.ResolveInfo) -> bool:
        return bool(root.is_valid)
