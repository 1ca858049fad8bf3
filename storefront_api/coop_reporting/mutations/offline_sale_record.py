from __future__ import annotations

from typing import Any

import graphene

from coop_reporting.sales import services
from coop_reporting.sales.error_codes import CoopSalesErrorCode
from marketplace.village_hubs.models import Cooperative as CooperativeModel
from storefront_api.catalog.scalars import PositiveDecimal
from storefront_api.coop_reporting.activity import CoopSalesError, OfflineSale
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.utils import get_by_global_id


class OfflineSaleInput(graphene.InputObjectType):
    month = graphene.Date(
        description="Any day of the month of the sales (the month may not be in the future)."
    )
    amount = PositiveDecimal(description="Whole rupiah above zero, e.g. 1500000.")
    note = graphene.String(description="What the sales were (at most 255 characters).")


class OfflineSaleRecordInput(OfflineSaleInput):
    cooperative = graphene.ID(required=True, description="ID of the cooperative.")
    month = graphene.Date(
        required=True,
        description="Any day of the month of the sales (the month may not be in the future).",
    )
    amount = PositiveDecimal(required=True, description="Whole rupiah above zero, e.g. 1500000.")


def cooperative_to_enter_sales(info: Any, cooperative_id: str) -> CooperativeModel:
    """The cooperative, once the requestor administers it (pengurus) or is platform
    staff; ``PermissionDenied`` otherwise, before anything changes."""
    access.require_signed_in(info)
    cooperative = get_by_global_id(
        CooperativeModel.objects.all(),
        cooperative_id,
        type_name="Cooperative",
        field="cooperative",
        error_code=CoopSalesErrorCode.NOT_FOUND,
    )
    access.require(access.can_administer_cooperative(info, cooperative.pk))
    return cooperative


class OfflineSaleRecord(BaseMutation):
    offline_sale = graphene.Field(OfflineSale, description="The sales entered.")

    class Arguments:
        input = OfflineSaleRecordInput(required=True, description="The month's sales.")

    class Meta:
        description = (
            "Enters a cooperative's sales outside the marketplace for a month (they count in "
            "its volume usaha). Requires an admin (pengurus) of the cooperative or platform "
            "staff."
        )
        error_type_class = CoopSalesError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: Any
    ) -> OfflineSaleRecord:
        cooperative = cooperative_to_enter_sales(info, input["cooperative"])
        sale = services.offline_sale_record(
            cooperative=cooperative,
            month=input["month"],
            amount=input["amount"],
            note=input.get("note") or "",
            entered_by=info.context.user,
        )
        return cls(offline_sale=sale)
