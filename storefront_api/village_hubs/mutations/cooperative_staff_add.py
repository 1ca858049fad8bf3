from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.selectors import user_get_by_email
from marketplace.core.exceptions import field_error
from marketplace.village_hubs import services
from marketplace.village_hubs.error_codes import VillageHubErrorCode
from marketplace.village_hubs.models import Cooperative as CooperativeModel
from marketplace.village_hubs.models import StaffRole
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.enums import CooperativeStaffRoleEnum
from storefront_api.village_hubs.types import Cooperative, CooperativeError, CooperativeStaffMember
from storefront_api.village_hubs.utils import enum_value, get_by_global_id


class CooperativeStaffAdd(BaseMutation):
    cooperative = graphene.Field(Cooperative, description="The cooperative.")
    staff_member = graphene.Field(CooperativeStaffMember, description="The added staff member.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the cooperative.")
        email = graphene.String(required=True, description="E-mail address of an existing user.")
        role = CooperativeStaffRoleEnum(
            default_value=StaffRole.STAFF.value, description="Role in the cooperative."
        )

    class Meta:
        description = (
            "Lets an existing user work for a cooperative. Requires platform staff or an "
            "admin (pengurus) of the cooperative."
        )
        error_type_class = CooperativeError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        /,
        *,
        id: str,
        email: str,
        role: Any = StaffRole.STAFF,
    ) -> CooperativeStaffAdd:
        cooperative = get_by_global_id(
            CooperativeModel.objects.all(),
            id,
            type_name="Cooperative",
            field="id",
            error_code=VillageHubErrorCode.NOT_FOUND,
        )
        access.require(access.can_administer_cooperative(info, cooperative.pk))
        user = user_get_by_email(email=email)
        if user is None:
            raise field_error(
                "email", _("No active user has this e-mail address."), VillageHubErrorCode.NOT_FOUND
            )
        staff = services.cooperative_staff_add(
            cooperative=cooperative, user=user, role=enum_value(role)
        )
        return cls(cooperative=cooperative, staff_member=staff, errors=[])
