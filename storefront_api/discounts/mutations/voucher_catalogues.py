"""``voucherCataloguesAdd`` and ``voucherCataloguesRemove``."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.discounts import services
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.discounts.inputs import CatalogueInput
from storefront_api.discounts.mutations.common import (
    DiscountBaseMutation,
    catalogue_objects,
    payload_voucher,
    voucher_to_manage,
)
from storefront_api.discounts.permissions import require_voucher_manager
from storefront_api.discounts.types import DiscountError, Voucher


class _VoucherCatalogues(DiscountBaseMutation):
    voucher = graphene.Field(
        Voucher, description="Voucher of which catalogue IDs will be modified."
    )
    add = True

    class Arguments:
        id = graphene.ID(required=True, description="ID of a voucher.")
        input = CatalogueInput(
            required=True, description="Fields required to modify catalogue IDs of voucher."
        )

    class Meta:
        abstract = True

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: dict[str, Any]
    ) -> Any:
        require_voucher_manager(info)
        voucher = voucher_to_manage(info, id)
        services.voucher_catalogues_change(
            voucher=voucher, actor=info.context.user, add=cls.add, **catalogue_objects(input)
        )
        return cls(voucher=payload_voucher(voucher))


class VoucherAddCatalogues(_VoucherCatalogues):
    class Meta:
        description = (
            "Adds products, categories, collections to a voucher (a cooperative's voucher: "
            "only its own products)."
        )
        error_type_class = DiscountError
        error_type_field = "discount_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)


class VoucherRemoveCatalogues(_VoucherCatalogues):
    add = False

    class Meta:
        description = "Removes products, categories, collections from a voucher."
        error_type_class = DiscountError
        error_type_field = "discount_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)
