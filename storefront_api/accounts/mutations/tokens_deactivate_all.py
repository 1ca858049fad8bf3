from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import services
from storefront_api.accounts.types import AccountError
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class DeactivateAllUserTokens(BaseMutation):
    class Meta:
        description = "Deactivate all JWT tokens of the currently authenticated user."
        error_type_class = AccountError
        error_type_field = "account_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(cls, root: Any, info: graphene.ResolveInfo, /) -> DeactivateAllUserTokens:
        services.user_deactivate_all_tokens(user=info.context.user)
        return cls(errors=[])
