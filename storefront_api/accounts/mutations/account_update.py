from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.db import transaction

from marketplace.accounts import services
from marketplace.core.metadata import metadata_update
from storefront_api.accounts.inputs import AccountInput
from storefront_api.accounts.mutations.address_common import address_data, address_errors
from storefront_api.accounts.types import AccountError, User
from storefront_api.core.metadata import metadata_input_items
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs.utils import provided


class AccountUpdate(BaseMutation):
    user = graphene.Field(User)

    class Arguments:
        input = AccountInput(required=True, description="Fields required to update the account.")
        customer_id = graphene.ID(
            description="ID of a customer to update. Staff-only in Saleor; not supported yet."
        )

    class Meta:
        description = (
            "Updates the account of the logged-in user: name, language, and new default "
            "addresses (added to the address book)."
        )
        error_type_class = AccountError
        error_type_field = "account_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: Any, customer_id: str | None = None
    ) -> AccountUpdate:
        from storefront_api.core.exceptions import PermissionDenied

        user = info.context.user
        if customer_id is not None:
            raise PermissionDenied(permissions=["MANAGE_USERS"])
        data = provided(input)
        changes = {
            field: data[field]
            for field in ("first_name", "last_name", "language_code")
            if field in data
        }
        with transaction.atomic():
            user = services.user_update(user=user, data=changes)
            if data.get("metadata"):
                metadata_update(
                    instance=user, items=metadata_input_items(data["metadata"]), field="metadata"
                )
            for kind in ("shipping", "billing"):
                field = f"default_{kind}_address"
                if data.get(field) is None:
                    continue
                try:
                    services.address_create(
                        data=address_data(data[field]),
                        user=user,
                        **{f"default_{kind}": True},
                    )
                except ValidationError as exc:
                    raise address_errors(exc, prefix=field) from None
        user.refresh_from_db()
        return cls(user=user, errors=[])
