from __future__ import annotations

from typing import Any

import graphene

from marketplace.village_hubs import services
from marketplace.village_hubs.error_codes import VillageHubErrorCode
from marketplace.village_hubs.models import Producer as ProducerModel
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.inputs import ProducerUpdateInput
from storefront_api.village_hubs.mutations.producer_create import producer_fields
from storefront_api.village_hubs.types import Producer, ProducerError
from storefront_api.village_hubs.utils import get_by_global_id, provided


class ProducerUpdate(BaseMutation):
    producer = graphene.Field(Producer, description="The updated producer.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the producer to update.")
        input = ProducerUpdateInput(required=True, description="Fields to change.")

    class Meta:
        description = (
            "Updates a producer. Requires platform staff or staff of the producer's cooperative."
        )
        error_type_class = ProducerError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: Any
    ) -> ProducerUpdate:
        producer = get_by_global_id(
            ProducerModel.objects.all(),
            id,
            type_name="Producer",
            field="id",
            error_code=VillageHubErrorCode.NOT_FOUND,
        )
        access.require(access.can_see_cooperative_private(info, producer.cooperative_id))
        producer = services.producer_update(producer=producer, **producer_fields(provided(input)))
        return cls(producer=producer, errors=[])
