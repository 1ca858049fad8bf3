from __future__ import annotations

from typing import Any

import graphene

from coop_reporting.sales import services
from storefront_api.coop_reporting.activity import CoopSalesError, OfflineSale
from storefront_api.coop_reporting.mutations.offline_sale_update import offline_sale_to_write
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class OfflineSaleDelete(BaseMutation):
    offline_sale = graphene.Field(OfflineSale, description="The sales removed.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the offline sale.")

    class Meta:
        description = (
            "Removes offline sales entered by mistake. Requires an admin (pengurus) of the "
            "cooperative or platform staff."
        )
        error_type_class = CoopSalesError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str
    ) -> OfflineSaleDelete:
        sale = offline_sale_to_write(info, id)
        services.offline_sale_delete(offline_sale=sale, actor=info.context.user)
        return cls(offline_sale=sale)
