from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import services
from storefront_api.accounts.inputs import AccountRegisterInput
from storefront_api.accounts.types import AccountError, User
from storefront_api.core.metadata import metadata_input_items
from storefront_api.core.mutations import BaseMutation
from storefront_api.village_hubs.utils import provided


class AccountRegister(BaseMutation):
    user = graphene.Field(
        User,
        deprecation_reason=(
            "The field always returns a `User` object constructed from the input data. "
            "The `user.id` is always empty. To determine whether the user exists in Saleor, "
            "query via an external app with the required permissions."
        ),
    )
    requires_confirmation = graphene.Boolean(
        description="Informs whether users need to confirm their email address."
    )

    class Arguments:
        input = AccountRegisterInput(required=True, description="Fields required to create a user.")

    class Meta:
        description = (
            "Register a new user. With ACCOUNT_CONFIRMATION_REQUIRED (the default) the user "
            "confirms the e-mail address through the link e-mailed to `redirectUrl`."
        )
        error_type_class = AccountError
        error_type_field = "account_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: Any
    ) -> AccountRegister:
        data = provided(input)
        user, requires_confirmation = services.user_register(
            email=data["email"],
            password=data["password"],
            first_name=data.get("first_name") or "",
            last_name=data.get("last_name") or "",
            language_code=data.get("language_code"),
            redirect_url=data.get("redirect_url"),
            metadata=metadata_input_items(data.get("metadata")),
        )
        return cls(user=user, requires_confirmation=requires_confirmation, errors=[])
