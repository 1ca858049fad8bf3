from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.selectors import user_get_by_email
from marketplace.core.exceptions import field_error
from marketplace.village_hubs import services
from marketplace.village_hubs.error_codes import VillageHubErrorCode
from marketplace.village_hubs.models import VillageHub as VillageHubModel
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.types import VillageHub, VillageHubError
from storefront_api.village_hubs.utils import get_by_global_id


class HubOperatorAdd(BaseMutation):
    village_hub = graphene.Field(VillageHub, description="The village hub.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the village hub.")
        email = graphene.String(required=True, description="E-mail address of an existing user.")

    class Meta:
        description = "Lets an existing user operate a village hub. Requires platform staff."
        error_type_class = VillageHubError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, email: str
    ) -> HubOperatorAdd:
        access.require_platform_staff(info)
        hub = get_by_global_id(
            VillageHubModel.objects.all(),
            id,
            type_name="VillageHub",
            field="id",
            error_code=VillageHubErrorCode.NOT_FOUND,
        )
        user = user_get_by_email(email=email)
        if user is None:
            raise field_error(
                "email", _("No active user has this e-mail address."), VillageHubErrorCode.NOT_FOUND
            )
        services.hub_operator_add(hub=hub, user=user)
        return cls(village_hub=hub, errors=[])
