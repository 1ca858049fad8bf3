from __future__ import annotations

from typing import Any

import graphene

from coop_reporting.sales import services
from coop_reporting.sales.error_codes import CoopSalesErrorCode
from coop_reporting.sales.models import OfflineSale as OfflineSaleModel
from storefront_api.coop_reporting.activity import CoopSalesError, OfflineSale
from storefront_api.coop_reporting.mutations.offline_sale_record import OfflineSaleInput
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.utils import get_by_global_id, provided


def offline_sale_to_write(info: Any, sale_id: str) -> OfflineSaleModel:
    """The offline sale, once the requestor administers its cooperative (or is platform
    staff); ``PermissionDenied`` otherwise."""
    access.require_signed_in(info)
    sale = get_by_global_id(
        OfflineSaleModel.objects.select_related("cooperative"),
        sale_id,
        type_name="OfflineSale",
        field="id",
        error_code=CoopSalesErrorCode.NOT_FOUND,
    )
    access.require(access.can_administer_cooperative(info, sale.cooperative_id))
    return sale


class OfflineSaleUpdate(BaseMutation):
    offline_sale = graphene.Field(OfflineSale, description="The corrected sales.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the offline sale.")
        input = OfflineSaleInput(required=True, description="Fields to correct.")

    class Meta:
        description = (
            "Corrects offline sales entered earlier. Requires an admin (pengurus) of the "
            "cooperative or platform staff."
        )
        error_type_class = CoopSalesError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: Any
    ) -> OfflineSaleUpdate:
        sale = offline_sale_to_write(info, id)
        sale = services.offline_sale_update(
            offline_sale=sale, changes=provided(input), actor=info.context.user
        )
        return cls(offline_sale=sale)
