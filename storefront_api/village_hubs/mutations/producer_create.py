from __future__ import annotations

from typing import Any

import graphene

from marketplace.village_hubs import services
from marketplace.village_hubs.error_codes import VillageHubErrorCode
from marketplace.village_hubs.models import Cooperative as CooperativeModel
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.inputs import ProducerCreateInput
from storefront_api.village_hubs.types import Producer, ProducerError
from storefront_api.village_hubs.utils import (
    get_by_global_id,
    get_village,
    provided,
    strings_not_null,
)

PRODUCER_TEXT_FIELDS = (
    "owner_name", "nib", "pirt_number", "halal_certificate_number", "bpom_number", "phone",
)  # fmt: skip
PRODUCER_REQUIRED_FIELDS = frozenset({"name", "village", "size_class", "is_active"})


def producer_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Service keyword arguments from a producer input; nulls of required fields dropped."""
    data = strings_not_null(dict(data), PRODUCER_TEXT_FIELDS)
    if "halal_certificate_expiry" in data:
        data["halal_certificate_expires_on"] = data.pop("halal_certificate_expiry")
    if data.get("village_code") is not None:
        data["village"] = get_village(
            data["village_code"], field="village_code", error_code=VillageHubErrorCode.NOT_FOUND
        )
    data.pop("village_code", None)
    return {
        key: value
        for key, value in data.items()
        if value is not None or key not in PRODUCER_REQUIRED_FIELDS
    }


class ProducerCreate(BaseMutation):
    producer = graphene.Field(Producer, description="The registered producer.")

    class Arguments:
        input = ProducerCreateInput(
            required=True, description="Fields required to register a producer."
        )

    class Meta:
        description = (
            "Registers a producer of a cooperative. Requires platform staff or staff of the "
            "cooperative."
        )
        error_type_class = ProducerError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: Any
    ) -> ProducerCreate:
        data = provided(input)
        cooperative = get_by_global_id(
            CooperativeModel.objects.select_related("village"),
            data.pop("cooperative"),
            type_name="Cooperative",
            field="cooperative",
            error_code=VillageHubErrorCode.NOT_FOUND,
        )
        access.require(access.can_see_cooperative_private(info, cooperative.pk))
        fields = producer_fields(data)
        fields.setdefault("village", cooperative.village)
        producer = services.producer_create(cooperative=cooperative, **fields)
        return cls(producer=producer, errors=[])
