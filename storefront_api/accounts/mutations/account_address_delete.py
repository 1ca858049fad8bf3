from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts import services
from storefront_api.accounts.address import Address, address_from_model
from storefront_api.accounts.mutations.account_address_update import not_found
from storefront_api.accounts.mutations.address_common import user_address_or_none
from storefront_api.accounts.types import AccountError, User
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class AccountAddressDelete(BaseMutation):
    user = graphene.Field(User, description="A user instance for which the address was deleted.")
    address = graphene.Field(Address)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the address to delete.")

    class Meta:
        description = (
            "Delete an address of the logged-in user. Someone else's address: "
            "PermissionDenied, as in Saleor."
        )
        error_type_class = AccountError
        error_type_field = "account_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str
    ) -> AccountAddressDelete:
        user = info.context.user
        address, owned = user_address_or_none(id, user)
        if address is None:
            raise not_found(id)
        if not owned:
            raise PermissionDenied()
        deleted = address_from_model(address)
        services.address_delete(address=address, user=user)
        user.refresh_from_db()
        return cls(user=user, address=deleted, errors=[])
