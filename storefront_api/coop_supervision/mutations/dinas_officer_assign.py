from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from coop_reporting.supervision import services
from coop_reporting.supervision.error_codes import DinasOfficerErrorCode
from marketplace.accounts.models import User as UserModel
from marketplace.core.exceptions import field_error
from storefront_api.coop_supervision.types import DinasOfficerAssignment, DinasOfficerError
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.utils import get_by_global_id


class DinasOfficerAssignInput(graphene.InputObjectType):
    user = graphene.ID(description="ID of the user (or give `email`).")
    email = graphene.String(description="E-mail address of the user (or give `user`).")
    regency = graphene.String(
        description="Kemendagri code of the regency or city supervised (e.g. 33.19)."
    )
    province = graphene.String(description="Kemendagri code of the province supervised (e.g. 33).")
    office_name = graphene.String(
        required=True,
        description="Name of the Dinas office (e.g. Dinas Koperasi dan UKM Kabupaten Kudus).",
    )


def _user(data: dict[str, Any]) -> UserModel:
    user_id, email = data.get("user"), (data.get("email") or "").strip()
    if user_id and email:
        raise field_error("email", _("Give the user's ID or e-mail address, not both."),
                          DinasOfficerErrorCode.INVALID)  # fmt: skip
    if user_id:
        return get_by_global_id(
            UserModel.objects.all(),
            user_id,
            type_name="User",
            field="user",
            error_code=DinasOfficerErrorCode.NOT_FOUND,
        )
    if not email:
        raise field_error("user", _("Choose the user to assign."), DinasOfficerErrorCode.REQUIRED)
    user = UserModel.objects.filter(email__iexact=email).first()
    if user is None:
        raise field_error(
            "email", _("No user has this e-mail address."), DinasOfficerErrorCode.NOT_FOUND
        )
    return user


class DinasOfficerAssign(BaseMutation):
    assignment = graphene.Field(DinasOfficerAssignment, description="The assignment in force.")

    class Arguments:
        input = DinasOfficerAssignInput(required=True, description="Who supervises what.")

    class Meta:
        description = (
            "Makes a user a Dinas Koperasi officer supervising the cooperatives of one "
            "regency/city or one province (read-only access to their reporting). Assigning "
            "a region again reactivates it. Requires platform staff."
        )
        error_type_class = DinasOfficerError
        permissions = (AuthorizationFilters.AUTHENTICATED_STAFF_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: Any
    ) -> DinasOfficerAssign:
        actor = access.require_platform_staff(info)
        data = dict(input)
        assignment = services.dinas_officer_assign(
            user=_user(data),
            office_name=data.get("office_name") or "",
            regency_code=data.get("regency"),
            province_code=data.get("province"),
            actor=actor,
        )
        return cls(assignment=assignment)
