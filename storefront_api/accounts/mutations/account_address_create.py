from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError

from marketplace.accounts import services
from storefront_api.accounts.address import Address, AddressInput, address_from_model
from storefront_api.accounts.enums import AddressTypeEnum
from storefront_api.accounts.mutations.address_common import (
    address_data,
    address_errors,
    address_type_value,
)
from storefront_api.accounts.types import AccountError, User
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class AccountAddressCreate(BaseMutation):
    user = graphene.Field(User, description="A user instance for which the address was created.")
    address = graphene.Field(Address)

    class Arguments:
        input = AddressInput(required=True, description="Fields required to create address.")
        type = AddressTypeEnum(
            description=(
                "A type of address. If provided, the new address will be automatically "
                "assigned as the customer's default address of that type."
            )
        )
        customer_id = graphene.ID(
            description="ID of customer the application will create the address for. Apps only."
        )

    class Meta:
        description = (
            "Create a new address for the customer. Indonesian addresses need street, city "
            "(kabupaten/kota), province and a 5-digit postal code; `villageCode` fills them."
        )
        error_type_class = AccountError
        error_type_field = "account_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        /,
        *,
        input: Any,
        type: Any = None,
        customer_id: str | None = None,
    ) -> AccountAddressCreate:
        if customer_id is not None:
            raise PermissionDenied(permissions=["AUTHENTICATED_APP"])
        user = info.context.user
        address_type = address_type_value(type)
        try:
            address = services.address_create(
                data=address_data(input),
                user=user,
                default_shipping=address_type == "shipping",
                default_billing=address_type == "billing",
            )
        except ValidationError as exc:
            raise address_errors(exc) from None
        user.refresh_from_db()
        return cls(
            user=user,
            address=address_from_model(
                address,
                default_shipping_id=user.default_shipping_address_id or 0,
                default_billing_id=user.default_billing_address_id or 0,
            ),
            errors=[],
        )
