from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from marketplace.accounts import services
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.core.exceptions import field_error
from storefront_api.accounts.address import Address, AddressInput, address_from_model
from storefront_api.accounts.mutations.address_common import (
    address_data,
    address_errors,
    user_address_or_none,
)
from storefront_api.accounts.types import AccountError, User
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


def not_found(address_id: str) -> ValidationError:
    return field_error(
        "id",
        _("Couldn't resolve to a node: %(id)s") % {"id": address_id},
        AccountErrorCode.NOT_FOUND,
    )


class AccountAddressUpdate(BaseMutation):
    user = graphene.Field(User, description="A user object for which the address was edited.")
    address = graphene.Field(Address)

    class Arguments:
        id = graphene.ID(required=True, description="ID of the address to update.")
        input = AddressInput(required=True, description="Fields required to update the address.")

    class Meta:
        description = (
            "Updates an address of the logged-in user. Someone else's address: "
            "PermissionDenied, as in Saleor."
        )
        error_type_class = AccountError
        error_type_field = "account_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: Any
    ) -> AccountAddressUpdate:
        user = info.context.user
        address, owned = user_address_or_none(id, user)
        if address is None:
            raise not_found(id)
        if not owned:
            raise PermissionDenied()
        try:
            address = services.address_update(address=address, data=address_data(input))
        except ValidationError as exc:
            raise address_errors(exc) from None
        return cls(
            user=user,
            address=address_from_model(
                address,
                default_shipping_id=user.default_shipping_address_id or 0,
                default_billing_id=user.default_billing_address_id or 0,
            ),
            errors=[],
        )
