from __future__ import annotations

from typing import Any

import graphene

from coop_reporting.rat import services
from storefront_api.coop_reporting.access import report_to_write
from storefront_api.coop_reporting.inputs import RatReportInput
from storefront_api.coop_reporting.mutations.common import report_fields
from storefront_api.coop_reporting.types import RatError, RatReport
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class RatReportUpdate(BaseMutation):
    rat_report = graphene.Field(RatReport, description="The updated draft.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the draft report.")
        input = RatReportInput(required=True, description="Figures to change.")

    class Meta:
        description = (
            "Changes a draft RAT report; submitted versions are frozen (correct them instead). "
            "Requires an admin (pengurus) of the cooperative or platform staff."
        )
        error_type_class = RatError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: Any
    ) -> RatReportUpdate:
        report = report_to_write(info, id)
        report = services.rat_report_update(
            report=report, actor=info.context.user, **report_fields(input)
        )
        return cls(rat_report=report)
