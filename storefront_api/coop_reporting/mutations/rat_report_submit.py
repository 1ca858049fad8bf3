from __future__ import annotations

from typing import Any

import graphene

from coop_reporting.rat import services
from storefront_api.coop_reporting.access import report_to_write
from storefront_api.coop_reporting.types import RatError, RatReport
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class RatReportSubmit(BaseMutation):
    rat_report = graphene.Field(RatReport, description="The submitted report.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the draft report.")

    class Meta:
        description = (
            "Submits a draft RAT report: every figure must be given and add up. A meeting "
            "after the deadline is accepted and marked late. Requires an admin (pengurus) of "
            "the cooperative or platform staff."
        )
        error_type_class = RatError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str
    ) -> RatReportSubmit:
        report = report_to_write(info, id)
        return cls(rat_report=services.rat_report_submit(report=report, actor=info.context.user))
