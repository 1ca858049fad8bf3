from __future__ import annotations

from typing import Any

import graphene

from marketplace.village_hubs import services
from marketplace.village_hubs.error_codes import VillageHubErrorCode
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.inputs import VillageHubCreateInput
from storefront_api.village_hubs.types import VillageHub, VillageHubError
from storefront_api.village_hubs.utils import get_village, provided


class VillageHubCreate(BaseMutation):
    village_hub = graphene.Field(VillageHub, description="The opened village hub.")

    class Arguments:
        input = VillageHubCreateInput(
            required=True, description="Fields required to open a village hub."
        )

    class Meta:
        description = (
            "Opens a village hub with its own channel (IDR, Indonesia, unpaid orders allowed: "
            "buyers pay at pickup). Requires platform staff."
        )
        error_type_class = VillageHubError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: Any
    ) -> VillageHubCreate:
        access.require_platform_staff(info)
        data = provided(input)
        village = get_village(
            data.pop("village_code"), field="village_code", error_code=VillageHubErrorCode.NOT_FOUND
        )
        kwargs = {key: value for key, value in data.items() if value is not None}
        hub = services.village_hub_create(village=village, **kwargs)
        return cls(village_hub=hub, errors=[])
