"""``appTokenVerify``: whether a token belongs to an active app. Lumbung installs no
apps, so no token is an app's: ``valid`` is always false, as Saleor answers for a token
it does not know."""

from __future__ import annotations

from typing import Any

import graphene

from storefront_api.apps.types import AppError
from storefront_api.core.mutations import BaseMutation


class AppTokenVerify(BaseMutation):
    valid = graphene.Boolean(
        default_value=False, required=True, description="Determine if token is valid or not."
    )

    class Arguments:
        token = graphene.String(description="App token to verify.", required=True)

    class Meta:
        description = "Verify provided app token (Lumbung has no apps: never valid)."
        error_type_class = AppError
        error_type_field = "app_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, token: str
    ) -> AppTokenVerify:
        return cls(valid=False)
