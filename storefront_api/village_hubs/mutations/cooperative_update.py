from __future__ import annotations

from typing import Any

import graphene

from marketplace.village_hubs import services
from marketplace.village_hubs.error_codes import VillageHubErrorCode
from marketplace.village_hubs.models import Cooperative as CooperativeModel
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.inputs import CooperativeUpdateInput
from storefront_api.village_hubs.mutations.cooperative_create import cooperative_fields
from storefront_api.village_hubs.types import Cooperative, CooperativeError
from storefront_api.village_hubs.utils import get_by_global_id, provided

# Only platform staff may (de)activate a cooperative.
PLATFORM_ONLY_FIELDS = frozenset({"is_active"})
# Fields the model requires: a null in the input means "leave as is".
REQUIRED_FIELDS = frozenset({
    "name", "jenis", "village", "is_merah_putih", "has_savings_unit", "member_count",
    "members_male", "members_female", "fee_percentage", "is_active",
})  # fmt: skip


class CooperativeUpdate(BaseMutation):
    cooperative = graphene.Field(Cooperative, description="The updated cooperative.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the cooperative to update.")
        input = CooperativeUpdateInput(required=True, description="Fields to change.")

    class Meta:
        description = (
            "Updates a cooperative. Requires platform staff or an admin (pengurus) of the "
            "cooperative; only platform staff may change isActive."
        )
        error_type_class = CooperativeError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: Any
    ) -> CooperativeUpdate:
        cooperative = get_by_global_id(
            CooperativeModel.objects.all(),
            id,
            type_name="Cooperative",
            field="id",
            error_code=VillageHubErrorCode.NOT_FOUND,
        )
        access.require(access.can_administer_cooperative(info, cooperative.pk))
        data = provided(input)
        if PLATFORM_ONLY_FIELDS & set(data):
            access.require_platform_staff(info)
        changes = {
            key: value
            for key, value in cooperative_fields(data).items()
            if value is not None or key not in REQUIRED_FIELDS
        }
        cooperative = services.cooperative_update(cooperative=cooperative, **changes)
        return cls(cooperative=cooperative, errors=[])
