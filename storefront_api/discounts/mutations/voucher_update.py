"""``voucherUpdate`` and ``voucherDelete``."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.core.exceptions import field_error
from marketplace.discounts import services
from marketplace.discounts.error_codes import DiscountErrorCode
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.discounts.inputs import VoucherInput
from storefront_api.discounts.mutations.common import (
    DiscountBaseMutation,
    payload_voucher,
    voucher_changes,
    voucher_to_manage,
)
from storefront_api.discounts.permissions import require_voucher_manager
from storefront_api.discounts.types import DiscountError, Voucher


class VoucherUpdate(DiscountBaseMutation):
    voucher = graphene.Field(Voucher, description="The updated voucher.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a voucher to update.")
        input = VoucherInput(required=True, description="Fields required to update a voucher.")

    class Meta:
        description = "Updates a voucher. Requires a manager of the voucher."
        error_type_class = DiscountError
        error_type_field = "discount_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: dict[str, Any]
    ) -> VoucherUpdate:
        require_voucher_manager(info)
        voucher = voucher_to_manage(info, id)
        for owner in ("village_hub", "cooperative"):
            if input.get(owner):
                raise field_error(
                    owner,
                    _("Who gives a voucher cannot change; create a new voucher."),
                    DiscountErrorCode.INVALID,
                )
        voucher = services.voucher_update(
            voucher=voucher, actor=info.context.user, **voucher_changes(input)
        )
        return cls(voucher=payload_voucher(voucher))


class VoucherDelete(DiscountBaseMutation):
    voucher = graphene.Field(Voucher, description="The deleted voucher.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of a voucher to delete.")

    class Meta:
        description = "Deletes a voucher. Requires a manager of the voucher."
        error_type_class = DiscountError
        error_type_field = "discount_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str
    ) -> VoucherDelete:
        require_voucher_manager(info)
        voucher = voucher_to_manage(info, id)
        services.voucher_delete(voucher=voucher, actor=info.context.user)
        return cls(voucher=payload_voucher(voucher))
