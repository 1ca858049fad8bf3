from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace.core.exceptions import field_error
from marketplace.village_hubs import services
from marketplace.village_hubs.error_codes import VillageHubErrorCode
from marketplace.village_hubs.models import Cooperative as CooperativeModel
from marketplace.village_hubs.models import VillageHub as VillageHubModel
from storefront_api.core.ids import decode_int_pk
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.types import VillageHub, VillageHubError
from storefront_api.village_hubs.utils import get_by_global_id


class HubSupplySet(BaseMutation):
    village_hub = graphene.Field(VillageHub, description="The village hub.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the village hub.")
        cooperatives = graphene.List(
            graphene.NonNull(graphene.ID),
            required=True,
            description="IDs of the cooperatives the hub lists; replaces the current list.",
        )

    class Meta:
        description = (
            "Sets which cooperatives' products a village hub lists. Requires platform staff "
            "or an operator of the hub."
        )
        error_type_class = VillageHubError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, cooperatives: list[str]
    ) -> HubSupplySet:
        hub = get_by_global_id(
            VillageHubModel.objects.all(),
            id,
            type_name="VillageHub",
            field="id",
            error_code=VillageHubErrorCode.NOT_FOUND,
        )
        access.require(access.can_operate_hub(info, hub.pk))
        try:
            pks = [
                decode_int_pk(value, only_type="Cooperative", field="cooperatives")
                for value in cooperatives
            ]
        except ValidationError as exc:
            raise field_error(
                "cooperatives", exc.messages[0], VillageHubErrorCode.GRAPHQL_ERROR
            ) from None
        found = list(CooperativeModel.objects.filter(pk__in=pks))
        if len(found) != len(set(pks)):
            raise field_error(
                "cooperatives",
                _("Some of these cooperatives do not exist."),
                VillageHubErrorCode.NOT_FOUND,
            )
        services.hub_supply_set(hub=hub, cooperatives=found)
        return cls(village_hub=hub, errors=[])
