from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.accounts import services
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.core.exceptions import field_error
from storefront_api.accounts.enums import AddressTypeEnum
from storefront_api.accounts.mutations.account_address_update import not_found
from storefront_api.accounts.mutations.address_common import (
    address_type_value,
    user_address_or_none,
)
from storefront_api.accounts.types import AccountError, User
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class AccountSetDefaultAddress(BaseMutation):
    user = graphene.Field(User, description="An updated user instance.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the address to set as default.")
        type = AddressTypeEnum(required=True, description="The type of address.")

    class Meta:
        description = "Sets a default address for the authenticated user."
        error_type_class = AccountError
        error_type_field = "account_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, type: Any
    ) -> AccountSetDefaultAddress:
        user = info.context.user
        address, owned = user_address_or_none(id, user)
        if address is None:
            raise not_found(id)
        if not owned:
            raise field_error(
                "id", _("The address doesn't belong to that user."), AccountErrorCode.INVALID
            )
        user = services.user_default_address_set(
            user=user, address=address, address_type=address_type_value(type) or "shipping"
        )
        return cls(user=user, errors=[])
