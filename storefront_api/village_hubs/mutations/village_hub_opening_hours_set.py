from __future__ import annotations

import datetime
from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace.village_hubs import services
from marketplace.village_hubs.error_codes import VillageHubErrorCode
from marketplace.village_hubs.models import VillageHub as VillageHubModel
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.inputs import HubOpeningHoursInput
from storefront_api.village_hubs.types import VillageHub, VillageHubError
from storefront_api.village_hubs.utils import enum_value, get_by_global_id


class VillageHubOpeningHoursSet(BaseMutation):
    village_hub = graphene.Field(VillageHub, description="The village hub.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the village hub.")
        opening_hours = graphene.List(
            graphene.NonNull(HubOpeningHoursInput),
            required=True,
            description="All opening intervals; replaces the current ones. Intervals of a "
            "day must not overlap.",
        )

    class Meta:
        description = (
            "Replaces a village hub's opening hours. Requires platform staff or an operator "
            "of the hub."
        )
        error_type_class = VillageHubError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, opening_hours: list[Any]
    ) -> VillageHubOpeningHoursSet:
        hub = get_by_global_id(
            VillageHubModel.objects.all(),
            id,
            type_name="VillageHub",
            field="id",
            error_code=VillageHubErrorCode.NOT_FOUND,
        )
        access.require(access.can_operate_hub(info, hub.pk))
        services.hub_opening_hours_set(
            hub=hub,
            intervals=[
                services.OpeningInterval(
                    weekday=enum_value(row.weekday),
                    opens=_time(row.opens),
                    closes=_time(row.closes),
                )
                for row in opening_hours
            ],
        )
        return cls(village_hub=hub, errors=[])


def _time(value: str) -> datetime.time:
    """``HH:MM`` or ``HH:MM:SS`` as a time; a ``ValidationError`` on ``openingHours``."""
    try:
        return datetime.time.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            {
                "opening_hours": ValidationError(
                    _("Enter a time as HH:MM, e.g. 08:00."),
                    code=VillageHubErrorCode.INVALID.value,
                )
            }
        ) from None
