from __future__ import annotations

from typing import Any

import graphene

from marketplace.village_hubs import services
from marketplace.village_hubs.error_codes import VillageHubErrorCode
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.inputs import CooperativeCreateInput
from storefront_api.village_hubs.types import Cooperative, CooperativeError
from storefront_api.village_hubs.utils import get_village, provided, strings_not_null

COOPERATIVE_TEXT_FIELDS = (
    "address", "nomor_induk_koperasi", "nomor_badan_hukum", "phone", "email", "nib", "npwp",
)  # fmt: skip


def cooperative_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Service keyword arguments from a cooperative input (``villageCode`` → ``village``)."""
    data = strings_not_null(dict(data), COOPERATIVE_TEXT_FIELDS)
    if "village_code" in data:
        data["village"] = get_village(
            data.pop("village_code"), field="village_code", error_code=VillageHubErrorCode.NOT_FOUND
        )
    return data


class CooperativeCreate(BaseMutation):
    cooperative = graphene.Field(Cooperative, description="The registered cooperative.")

    class Arguments:
        input = CooperativeCreateInput(
            required=True, description="Fields required to register a cooperative."
        )

    class Meta:
        description = "Registers a cooperative. Requires platform staff."
        error_type_class = CooperativeError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: Any
    ) -> CooperativeCreate:
        access.require_platform_staff(info)
        data = cooperative_fields(provided(input))
        data = {key: value for key, value in data.items() if value is not None}
        cooperative = services.cooperative_create(**data)
        return cls(cooperative=cooperative, errors=[])
