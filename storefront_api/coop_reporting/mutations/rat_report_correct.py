from __future__ import annotations

from typing import Any

import graphene

from coop_reporting.rat import services
from storefront_api.coop_reporting.access import report_to_write
from storefront_api.coop_reporting.types import RatError, RatReport
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class RatReportCorrect(BaseMutation):
    rat_report = graphene.Field(RatReport, description="The new draft version.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the latest submitted version.")

    class Meta:
        description = (
            "Starts a correction: a new draft version copied from the latest submitted one. "
            "Requires an admin (pengurus) of the cooperative or platform staff."
        )
        error_type_class = RatError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str
    ) -> RatReportCorrect:
        report = report_to_write(info, id)
        return cls(rat_report=services.rat_report_correct(report=report, actor=info.context.user))
