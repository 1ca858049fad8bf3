from __future__ import annotations

from typing import Any

import graphene

from marketplace.village_hubs import services
from marketplace.village_hubs.error_codes import VillageHubErrorCode
from marketplace.village_hubs.models import VillageHub as VillageHubModel
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.inputs import VillageHubUpdateInput
from storefront_api.village_hubs.types import VillageHub, VillageHubError
from storefront_api.village_hubs.utils import get_by_global_id, get_village, provided

# What a hub's operators may change themselves; the rest needs platform staff.
OPERATOR_FIELDS = frozenset({"address", "phone"})
TEXT_FIELDS = frozenset({"address", "phone"})


class VillageHubUpdate(BaseMutation):
    village_hub = graphene.Field(VillageHub, description="The updated village hub.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the village hub to update.")
        input = VillageHubUpdateInput(required=True, description="Fields to change.")

    class Meta:
        description = (
            "Updates a village hub; its channel follows the name, slug and active flag. "
            "Hub operators may change the contact fields (address, phone); the rest "
            "requires platform staff."
        )
        error_type_class = VillageHubError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: Any
    ) -> VillageHubUpdate:
        hub = get_by_global_id(
            VillageHubModel.objects.select_related("channel"),
            id,
            type_name="VillageHub",
            field="id",
            error_code=VillageHubErrorCode.NOT_FOUND,
        )
        access.require(access.can_operate_hub(info, hub.pk))
        data = provided(input)
        if set(data) - OPERATOR_FIELDS:
            access.require_platform_staff(info)
        changes: dict[str, Any] = {}
        for key, value in data.items():
            if key == "village_code":
                if value is not None:
                    changes["village"] = get_village(
                        value, field="village_code", error_code=VillageHubErrorCode.NOT_FOUND
                    )
            elif value is None and key in TEXT_FIELDS:
                changes[key] = ""
            elif value is not None:
                changes[key] = value
        hub = services.village_hub_update(hub=hub, **changes)
        return cls(village_hub=hub, errors=[])
