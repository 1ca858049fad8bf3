from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.catalog import attributes as attribute_services
from marketplace.catalog.error_codes import AttributeErrorCode
from marketplace.catalog.models import Attribute as AttributeModel
from marketplace.catalog.models import AttributeValue as AttributeValueModel
from marketplace.core.exceptions import field_error
from storefront_api.catalog.mutations.attribute_common import (
    AttributeError,
    AttributeUpdateInput,
    require_platform_staff,
)
from storefront_api.catalog.mutations.attribute_create import attribute_settings
from storefront_api.catalog.mutations.common import get_node
from storefront_api.catalog.types import Attribute
from storefront_api.core.ids import decode_int_pk
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


def attribute_to_manage(info: graphene.ResolveInfo, id: str | None) -> AttributeModel:
    require_platform_staff(info)
    if not id:
        raise field_error("id", _("Give the attribute's ID."), AttributeErrorCode.REQUIRED)
    return get_node(
        AttributeModel.objects.all(),
        id,
        only_type="Attribute",
        field="id",
        code=AttributeErrorCode.NOT_FOUND,
    )


class AttributeUpdate(BaseMutation):
    attribute = graphene.Field(Attribute, description="The updated attribute.")

    class Arguments:
        id = graphene.ID(description="ID of an attribute to update.")
        input = AttributeUpdateInput(
            required=True, description="Fields required to update an attribute."
        )

    class Meta:
        description = "Updates attribute. Requires platform staff."
        error_type_class = AttributeError
        error_type_field = "attribute_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, input: dict, id: str | None = None
    ) -> AttributeUpdate:
        attribute = attribute_to_manage(info, id)
        changes = attribute_settings(input)
        for field in ("name", "slug"):
            if field in input:
                changes[field] = input[field] or ""
        remove_pks = [
            decode_int_pk(value, only_type="AttributeValue", field="remove_values")
            for value in input.get("remove_values") or []
        ]
        remove_values = list(AttributeValueModel.objects.filter(pk__in=remove_pks))
        if len(remove_values) != len(set(remove_pks)):
            raise field_error(
                "remove_values",
                _("Some of the values to remove do not exist."),
                AttributeErrorCode.NOT_FOUND,
            )
        add_values = []
        for value in input.get("add_values") or []:
            if not value.get("name"):
                raise field_error(
                    "add_values", _("Give a name for every value."), AttributeErrorCode.REQUIRED
                )
            add_values.append(attribute_services.AttributeValueData(name=value["name"]))
        attribute = attribute_services.attribute_update(
            attribute=attribute, remove_values=remove_values, add_values=add_values, **changes
        )
        return cls(attribute=attribute)
