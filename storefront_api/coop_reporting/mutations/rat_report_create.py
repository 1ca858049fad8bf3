from __future__ import annotations

from typing import Any

import graphene

from coop_reporting.rat import services
from storefront_api.coop_reporting.access import cooperative_to_write
from storefront_api.coop_reporting.inputs import RatReportCreateInput
from storefront_api.coop_reporting.mutations.common import report_fields
from storefront_api.coop_reporting.types import RatError, RatReport
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class RatReportCreate(BaseMutation):
    rat_report = graphene.Field(RatReport, description="The new draft report (version 1).")

    class Arguments:
        input = RatReportCreateInput(
            required=True, description="The cooperative, year and figures."
        )

    class Meta:
        description = (
            "Starts a cooperative's RAT report for a financial year as a draft. Figures may be "
            "partial; groups given in full must add up. Requires an admin (pengurus) of the "
            "cooperative or platform staff."
        )
        error_type_class = RatError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: Any
    ) -> RatReportCreate:
        cooperative = cooperative_to_write(info, input["cooperative"])
        report = services.rat_report_create(
            cooperative=cooperative,
            financial_year=input["financial_year"],
            actor=info.context.user,
            **report_fields(input),
        )
        return cls(rat_report=report)
