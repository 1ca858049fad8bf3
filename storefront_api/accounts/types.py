"""Account types: ``User`` and ``AccountError``, as in Saleor's schema."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.accounts.models import User as UserModel
from storefront_api.core.enums import AccountErrorCode, AddressTypeEnum


class User(graphene.ObjectType):
    email = graphene.String(required=True, description="The email address of the user.")
    first_name = graphene.String(required=True, description="The given name of the address.")
    last_name = graphene.String(required=True, description="The family name of the address.")
    is_staff = graphene.Boolean(
        required=True, description="Determine if the user is a staff admin."
    )
    is_active = graphene.Boolean(required=True, description="Determine if the user is active.")
    is_confirmed = graphene.Boolean(
        required=True, description="Determines if user has confirmed email."
    )
    last_login = graphene.DateTime(
        description="The date when the user last time log in to the system."
    )
    date_joined = graphene.DateTime(
        required=True, description="The data when the user create account."
    )
    updated_at = graphene.DateTime(
        required=True, description="The data when the user last update the account information."
    )

    class Meta:
        description = "Represents user data."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, cls | UserModel)


class AccountError(graphene.ObjectType):
    field = graphene.String(
        description=(
            "Name of a field that caused the error. A value of `null` indicates that the "
            "error isn't associated with a particular field."
        )
    )
    message = graphene.String(description="The error message.")
    code = AccountErrorCode(required=True, description="The error code.")
    address_type = AddressTypeEnum(description="A type of address that causes the error.")
