"""``voucherCreate``."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.discounts import services
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.discounts.inputs import VoucherInput
from storefront_api.discounts.mutations.common import (
    DiscountBaseMutation,
    owner_objects,
    payload_voucher,
    voucher_changes,
)
from storefront_api.discounts.permissions import require_voucher_manager
from storefront_api.discounts.types import DiscountError, Voucher


class VoucherCreate(DiscountBaseMutation):
    voucher = graphene.Field(Voucher, description="The created voucher.")

    class Arguments:
        input = VoucherInput(required=True, description="Fields required to create a voucher.")

    class Meta:
        description = (
            "Creates a new voucher. Requires platform staff, an operator of the voucher's "
            "village hub or an admin of its cooperative."
        )
        error_type_class = DiscountError
        error_type_field = "discount_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: dict[str, Any]
    ) -> VoucherCreate:
        require_voucher_manager(info)
        voucher = services.voucher_create(
            actor=info.context.user, **owner_objects(input), **voucher_changes(input)
        )
        return cls(voucher=payload_voucher(voucher))
