"""``addressSetDefault``: platform staff set a customer's default address (Saleor's
``MANAGE_USERS`` mutation; in Lumbung platform staff hold ``MANAGE_USERS``)."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.accounts import services
from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.models import Address as AddressModel
from marketplace.accounts.models import User as UserModel
from marketplace.core.exceptions import field_error
from storefront_api.accounts.enums import AddressTypeEnum
from storefront_api.accounts.mutations.address_common import address_type_value
from storefront_api.accounts.types import AccountError, User
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.core.ids import decode_int_pk
from storefront_api.core.mutations import BaseMutation
from storefront_api.village_hubs import access


def _not_found(field: str, value: str) -> Exception:
    return field_error(
        field,
        _("Couldn't resolve to a node: %(id)s") % {"id": value},
        AccountErrorCode.NOT_FOUND,
    )


class AddressSetDefault(BaseMutation):
    user = graphene.Field(User, description="An updated user instance.")

    class Arguments:
        address_id = graphene.ID(required=True, description="ID of the address.")
        type = AddressTypeEnum(required=True, description="The type of address.")
        user_id = graphene.ID(
            required=True, description="ID of the user to change the address for."
        )

    class Meta:
        description = (
            "Sets a default address for the given user. Requires one of the following "
            "permissions: MANAGE_USERS (platform staff)."
        )
        error_type_class = AccountError
        error_type_field = "account_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, address_id: str, type: Any, user_id: str
    ) -> AddressSetDefault:
        if not access.is_platform_staff(access.viewer(info)):
            raise PermissionDenied(permissions=["MANAGE_USERS"])
        address_pk = decode_int_pk(address_id, only_type="Address", field="address_id")
        user_pk = decode_int_pk(user_id, only_type="User", field="user_id")
        address = AddressModel.objects.filter(pk=address_pk).first()
        if address is None:
            raise _not_found("address_id", address_id)
        user = UserModel.objects.filter(pk=user_pk).first()
        if user is None:
            raise _not_found("user_id", user_id)
        if not user.addresses.filter(pk=address.pk).exists():
            raise field_error(
                "address_id",
                _("The address doesn't belong to that user."),
                AccountErrorCode.INVALID,
            )
        user = services.user_default_address_set(
            user=user, address=address, address_type=address_type_value(type) or "shipping"
        )
        return cls(user=user, errors=[])
