from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from marketplace.core.exceptions import field_error
from marketplace.core.phone import normalize_phone_id
from marketplace.village_hubs.models import Cooperative as CooperativeModel
from marketplace.village_hubs.models import VillageHub as VillageHubModel
from marketplace.warehouses import services
from marketplace.warehouses.error_codes import WarehouseErrorCode
from marketplace.warehouses.models import ClickAndCollectOption
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.utils import (
    get_by_global_id,
    get_village,
    provided,
    rename_error_fields,
)
from storefront_api.warehouses.inputs import WarehouseCreateInput
from storefront_api.warehouses.types import Warehouse, WarehouseError

# Model field -> input field, for errors.
WAREHOUSE_ERROR_FIELDS = {
    "street_address": "street_address1",
    "village": "village_code",
    "village_hub": "village_hub",
}


def address_fields(address: Any) -> dict[str, Any]:
    """What a Saleor ``AddressInput`` sets on a warehouse; the region fields (city,
    cityArea, countryArea) follow from the village code and are ignored."""
    data = provided(address)
    country = data.get("country")
    if country is not None and country != "ID":
        raise field_error(
            "country", _("Warehouses can only be in Indonesia (ID)."), WarehouseErrorCode.INVALID
        )
    fields: dict[str, Any] = {}
    if "street_address1" in data:
        fields["street_address"] = (data["street_address1"] or "").strip()
    if "postal_code" in data:
        fields["postal_code"] = (data["postal_code"] or "").strip()
    if "phone" in data:
        phone = (data["phone"] or "").strip()
        try:
            fields["phone"] = normalize_phone_id(phone) if phone else ""
        except (ValidationError, ValueError):
            fields["phone"] = phone  # reported by the model's validator
    return fields


class WarehouseCreate(BaseMutation):
    warehouse = graphene.Field(Warehouse, description="The created warehouse.")

    class Arguments:
        input = WarehouseCreateInput(
            required=True, description="Fields required to create warehouse."
        )

    class Meta:
        description = (
            "Creates a new warehouse. Platform staff create any; hub operators pickup points "
            "of their hubs; cooperative staff warehouses of their cooperatives."
        )
        error_type_class = WarehouseError
        error_type_field = "warehouse_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: Any
    ) -> WarehouseCreate:
        data = provided(input)
        hub = cooperative = None
        if data.get("village_hub"):
            hub = get_by_global_id(
                VillageHubModel.objects.select_related("village", "channel"),
                data["village_hub"],
                type_name="VillageHub",
                field="village_hub",
                error_code=WarehouseErrorCode.NOT_FOUND,
            )
            access.require(access.can_operate_hub(info, hub.pk))
        if data.get("cooperative"):
            cooperative = get_by_global_id(
                CooperativeModel.objects.select_related("village"),
                data["cooperative"],
                type_name="Cooperative",
                field="cooperative",
                error_code=WarehouseErrorCode.NOT_FOUND,
            )
            access.require(access.can_see_cooperative_private(info, cooperative.pk))
        if hub is None and cooperative is None:
            access.require_platform_staff(info)  # a platform warehouse
        if data.get("village_code"):
            village = get_village(
                data["village_code"], field="village_code", error_code=WarehouseErrorCode.NOT_FOUND
            )
        elif hub is not None:
            village = hub.village
        elif cooperative is not None:
            village = cooperative.village
        else:
            raise field_error(
                "village_code", _("Enter the village code."), WarehouseErrorCode.REQUIRED
            )
        extra: dict[str, Any] = {}
        if hub is not None:  # a pickup point: buyers collect local stock there
            extra = {"click_and_collect_option": ClickAndCollectOption.LOCAL_STOCK,
                     "is_private": False}  # fmt: skip
        try:
            warehouse = services.warehouse_create(
                name=(data["name"] or "").strip(),
                slug=(data.get("slug") or "").strip() or None,
                email=(data.get("email") or "").strip().lower(),
                village=village,
                village_hub=hub,
                cooperative=cooperative,
                **address_fields(data["address"]),
                **extra,
            )
        except ValidationError as exc:
            raise rename_error_fields(exc, WAREHOUSE_ERROR_FIELDS) from exc
        return cls(warehouse=warehouse, errors=[])
