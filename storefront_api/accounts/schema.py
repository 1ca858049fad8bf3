"""Account root fields: ``me`` and the JWT mutations, named as in Saleor."""

from __future__ import annotations

from typing import Any

import graphene

from storefront_api.accounts.mutations.token_create import CreateToken
from storefront_api.accounts.mutations.token_refresh import RefreshToken
from storefront_api.accounts.mutations.token_verify import VerifyToken
from storefront_api.accounts.mutations.tokens_deactivate_all import DeactivateAllUserTokens
from storefront_api.accounts.types import User


class AccountQueries(graphene.ObjectType):
    me = graphene.Field(User, description="Return the currently authenticated user.")

    @staticmethod
    def resolve_me(root: Any, info: graphene.ResolveInfo) -> Any:
        user = info.context.user
        return user if user.is_authenticated else None


class AccountMutations(graphene.ObjectType):
    token_create = CreateToken.Field()
    token_refresh = RefreshToken.Field()
    token_verify = VerifyToken.Field()
    tokens_deactivate_all = DeactivateAllUserTokens.Field()
