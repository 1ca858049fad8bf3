from __future__ import annotations

from typing import Any

import graphene

from coop_reporting.supervision import services
from coop_reporting.supervision.error_codes import DinasOfficerErrorCode
from coop_reporting.supervision.models import DinasOfficerAssignment as AssignmentModel
from storefront_api.coop_supervision.types import DinasOfficerAssignment, DinasOfficerError
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.utils import get_by_global_id


class DinasOfficerUnassign(BaseMutation):
    assignment = graphene.Field(DinasOfficerAssignment, description="The stopped assignment.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the assignment.")

    class Meta:
        description = (
            "Stops a Dinas officer assignment (kept as history, inactive). Requires platform staff."
        )
        error_type_class = DinasOfficerError
        permissions = (AuthorizationFilters.AUTHENTICATED_STAFF_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str
    ) -> DinasOfficerUnassign:
        actor = access.require_platform_staff(info)
        assignment = get_by_global_id(
            AssignmentModel.objects.all(),
            id,
            type_name="DinasOfficerAssignment",
            field="id",
            error_code=DinasOfficerErrorCode.NOT_FOUND,
        )
        return cls(assignment=services.dinas_officer_unassign(assignment=assignment, actor=actor))
