from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError

from marketplace.warehouses import selectors, services
from marketplace.warehouses.error_codes import WarehouseErrorCode
from marketplace.warehouses.models import Warehouse as WarehouseModel
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.village_hubs import access
from storefront_api.village_hubs.utils import (
    get_by_global_id,
    get_village,
    provided,
    rename_error_fields,
)
from storefront_api.warehouses.inputs import WarehouseUpdateInput
from storefront_api.warehouses.mutations.warehouse_create import (
    WAREHOUSE_ERROR_FIELDS,
    address_fields,
)
from storefront_api.warehouses.types import Warehouse, WarehouseError


class WarehouseUpdate(BaseMutation):
    warehouse = graphene.Field(Warehouse, description="The updated warehouse.")

    class Arguments:
        id = graphene.ID(description="ID of a warehouse to update.")
        input = WarehouseUpdateInput(
            required=True, description="Fields required to update warehouse."
        )

    class Meta:
        description = (
            "Updates given warehouse. Platform staff update any; hub operators their hubs' "
            "pickup points; cooperative staff their cooperatives' warehouses."
        )
        error_type_class = WarehouseError
        error_type_field = "warehouse_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: Any, id: str | None = None
    ) -> WarehouseUpdate:
        warehouse = get_by_global_id(
            WarehouseModel.objects.all(),
            id or "",
            type_name="Warehouse",
            field="id",
            error_code=WarehouseErrorCode.NOT_FOUND,
        )
        access.require(selectors.user_can_manage_warehouse(access.viewer(info), warehouse))
        data = provided(input)
        changes: dict[str, Any] = {}
        for key in ("name", "slug", "email", "click_and_collect_option", "is_private"):
            if data.get(key) is not None:
                changes[key] = data[key].strip() if isinstance(data[key], str) else data[key]
        if "email" in changes:
            changes["email"] = changes["email"].lower()
        if data.get("village_code"):
            changes["village"] = get_village(
                data["village_code"], field="village_code", error_code=WarehouseErrorCode.NOT_FOUND
            )
        if data.get("address") is not None:
            changes.update(address_fields(data["address"]))
        try:
            warehouse = services.warehouse_update(warehouse=warehouse, **changes)
        except ValidationError as exc:
            raise rename_error_fields(exc, WAREHOUSE_ERROR_FIELDS) from exc
        return cls(warehouse=warehouse, errors=[])
