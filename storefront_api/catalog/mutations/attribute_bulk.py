"""Saleor's bulk attribute mutations: ``attributeBulkCreate``, ``attributeBulkUpdate``,
``attributeBulkDelete``, ``attributeValueBulkDelete`` and ``attributeReorderValues``.

Platform staff only, as every attribute mutation (:func:`require_platform_staff`). Each
row of a bulk create/update goes through the same code as ``attributeCreate`` /
``attributeUpdate``, inside its own savepoint; its errors come back in its result with
the input ``path`` and Saleor's code. With ``errorPolicy: REJECT_EVERYTHING`` (the
default) one refused row rolls every row back; with ``REJECT_FAILED_ROWS`` the other rows
are kept. ``IGNORE_FAILED`` (Saleor: save the valid part of a row) is handled as
``REJECT_FAILED_ROWS``: a row is saved whole or not at all.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.catalog import attributes as attribute_services
from marketplace.catalog.error_codes import AttributeErrorCode
from marketplace.catalog.models import Attribute as AttributeModel
from marketplace.catalog.models import AttributeValue as AttributeValueModel
from marketplace.core.exceptions import field_error
from storefront_api.catalog.mutations.attribute_common import (
    AttributeCreateInput,
    AttributeError,
    AttributeUpdateInput,
    require_platform_staff,
)
from storefront_api.catalog.mutations.attribute_create import create_attribute
from storefront_api.catalog.mutations.attribute_update import attribute_to_manage, update_attribute
from storefront_api.catalog.mutations.common import get_node
from storefront_api.catalog.types.attributes import Attribute
from storefront_api.core.enums import ErrorPolicyEnum
from storefront_api.core.errors import validation_error_to_errors
from storefront_api.core.ids import decode_int_pk
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters

BULK_CODES = (
    "ALREADY_EXISTS",
    "BLANK",
    "DUPLICATED_INPUT_ITEM",
    "GRAPHQL_ERROR",
    "INVALID",
    "MAX_LENGTH",
    "NOT_FOUND",
    "REQUIRED",
    "UNIQUE",
)

AttributeBulkCreateErrorCode = graphene.Enum(
    "AttributeBulkCreateErrorCode", [(code, code.lower()) for code in BULK_CODES]
)
AttributeBulkUpdateErrorCode = graphene.Enum(
    "AttributeBulkUpdateErrorCode", [(code, code.lower()) for code in BULK_CODES]
)
_ALLOWED = frozenset(code.lower() for code in BULK_CODES)


class AttributeBulkCreateError(graphene.ObjectType):
    path = graphene.String(
        description="Path to field that caused the error. A value of `null` indicates that "
        "the error isn't associated with a particular field."
    )
    message = graphene.String(description="The error message.")
    code = AttributeBulkCreateErrorCode(required=True, description="The error code.")


class AttributeBulkUpdateError(graphene.ObjectType):
    path = graphene.String(
        description="Path to field that caused the error. A value of `null` indicates that "
        "the error isn't associated with a particular field."
    )
    message = graphene.String(description="The error message.")
    code = AttributeBulkUpdateErrorCode(required=True, description="The error code.")


class AttributeBulkCreateResult(graphene.ObjectType):
    attribute = graphene.Field(Attribute, description="Attribute data.")
    errors = graphene.List(
        graphene.NonNull(AttributeBulkCreateError), description="List of errors occurred."
    )


class AttributeBulkUpdateResult(graphene.ObjectType):
    attribute = graphene.Field(Attribute, description="Attribute data.")
    errors = graphene.List(
        graphene.NonNull(AttributeBulkUpdateError), description="List of errors occurred."
    )


class AttributeBulkUpdateInput(graphene.InputObjectType):
    id = graphene.ID(description="ID of an attribute to update.")
    external_reference = graphene.String(description="External ID of this attribute.")
    fields = graphene.InputField(
        AttributeUpdateInput, required=True, description="Fields to update."
    )


def _row_errors(exc: ValidationError, error_type: type) -> list[Any]:
    return [
        error_type(path=data["field"], message=data["message"], code=data["code"])
        for data in validation_error_to_errors(exc, allowed_codes=_ALLOWED)
    ]


def _duplicates(rows: list[dict[str, Any]], key: Any) -> set[int]:
    """Indexes of rows whose ``key`` (when set) another row also has."""
    keys = [key(row) for row in rows]
    counts = Counter(value for value in keys if value)
    return {index for index, value in enumerate(keys) if value and counts[value] > 1}


def _duplicated_fields(rows: list[dict[str, Any]], *fields: str) -> dict[int, str]:
    """Row index → the first of ``fields`` whose value another row repeats."""
    found: dict[int, str] = {}
    for field in reversed(fields):
        for index in _duplicates(rows, lambda row, f=field: str(row.get(f) or "").lower()):
            found[index] = field
    return found


def _policy(error_policy: Any) -> str:
    return str(getattr(error_policy, "value", error_policy) or "reject_everything")


def _run_rows(
    rows: list[dict[str, Any]],
    work: Any,
    error_type: type,
    result_type: type,
    error_policy: Any,
    duplicated: dict[int, str],
) -> tuple[int, list[Any]]:
    """Run ``work(row)`` for each row in its own savepoint; ``(count saved, results)``."""
    results: list[Any] = []
    with transaction.atomic():
        for index, row in enumerate(rows):
            if index in duplicated:
                error = field_error(
                    duplicated[index],
                    _("Duplicated value in the input."),
                    "duplicated_input_item",
                )
                results.append(result_type(attribute=None, errors=_row_errors(error, error_type)))
                continue
            try:
                with transaction.atomic():
                    attribute = work(row)
            except ValidationError as exc:
                results.append(result_type(attribute=None, errors=_row_errors(exc, error_type)))
            else:
                results.append(result_type(attribute=attribute, errors=[]))
        failed = any(result.errors for result in results)
        if failed and _policy(error_policy) == "reject_everything":
            transaction.set_rollback(True)
            for result in results:
                result.attribute = None
    return sum(1 for result in results if result.attribute is not None), results


class AttributeBulkCreate(graphene.Mutation):
    count = graphene.Int(required=True, description="Returns how many objects were created.")
    results = graphene.List(
        graphene.NonNull(AttributeBulkCreateResult),
        required=True,
        description="List of the created attributes.",
    )
    errors = graphene.List(
        graphene.NonNull(AttributeBulkCreateError),
        required=True,
        description="List of errors that occurred executing the mutation.",
    )

    class Arguments:
        attributes = graphene.List(
            graphene.NonNull(AttributeCreateInput),
            required=True,
            description="Input list of attributes to create.",
        )
        error_policy = ErrorPolicyEnum(
            description="Policies of error handling. DEFAULT: REJECT_EVERYTHING"
        )

    class Meta:
        description = "Creates attributes. Requires platform staff."

    @classmethod
    def mutate(
        cls, root: Any, info: graphene.ResolveInfo, attributes: list, error_policy: Any = None
    ) -> AttributeBulkCreate:
        require_platform_staff(info)
        duplicated = _duplicated_fields(attributes, "slug", "external_reference")
        count, results = _run_rows(
            attributes,
            create_attribute,
            AttributeBulkCreateError,
            AttributeBulkCreateResult,
            error_policy,
            duplicated,
        )
        return cls(count=count, results=results, errors=[])


class AttributeBulkUpdate(graphene.Mutation):
    count = graphene.Int(required=True, description="Returns how many objects were updated.")
    results = graphene.List(
        graphene.NonNull(AttributeBulkUpdateResult),
        required=True,
        description="List of the updated attributes.",
    )
    errors = graphene.List(
        graphene.NonNull(AttributeBulkUpdateError),
        required=True,
        description="List of errors that occurred executing the mutation.",
    )

    class Arguments:
        attributes = graphene.List(
            graphene.NonNull(AttributeBulkUpdateInput),
            required=True,
            description="Input list of attributes to update.",
        )
        error_policy = ErrorPolicyEnum(
            description="Policies of error handling. DEFAULT: REJECT_EVERYTHING"
        )

    class Meta:
        description = "Updates attributes. Requires platform staff."

    @classmethod
    def mutate(
        cls, root: Any, info: graphene.ResolveInfo, attributes: list, error_policy: Any = None
    ) -> AttributeBulkUpdate:
        require_platform_staff(info)

        def work(row: dict[str, Any]) -> AttributeModel:
            attribute = attribute_to_manage(info, row.get("id"), row.get("external_reference"))
            return update_attribute(attribute, row["fields"])

        duplicated = _duplicated_fields(attributes, "id", "external_reference")
        count, results = _run_rows(
            attributes,
            work,
            AttributeBulkUpdateError,
            AttributeBulkUpdateResult,
            error_policy,
            duplicated,
        )
        return cls(count=count, results=results, errors=[])


def _rows_by_ids(model: Any, ids: list[str], *, only_type: str) -> list[Any]:
    pks = [decode_int_pk(value, only_type=only_type, field="ids") for value in ids]
    found = model.objects.in_bulk(pks)
    missing = [value for value, pk in zip(ids, pks, strict=True) if pk not in found]
    if missing:
        raise field_error(
            "ids",
            _("Couldn't resolve to a node: %(id)s") % {"id": ", ".join(missing)},
            AttributeErrorCode.NOT_FOUND,
        )
    return list(found.values())


class _CountOnError:
    """``count`` is non-null: a refused bulk delete affected 0 objects (as Saleor)."""

    @classmethod
    def handle_errors(cls, exc: ValidationError) -> Any:
        # a mixin: the mutation class it is mixed into (before BaseMutation) has handle_errors
        payload = super().handle_errors(exc)  # type: ignore[misc]
        payload.count = 0
        return payload


class AttributeBulkDelete(_CountOnError, BaseMutation):
    count = graphene.Int(required=True, description="Returns how many objects were affected.")

    class Arguments:
        ids = graphene.List(
            graphene.NonNull(graphene.ID),
            required=True,
            description="List of attribute IDs to delete.",
        )

    class Meta:
        description = (
            "Deletes attributes with their values; products and variants lose them. "
            "Requires platform staff."
        )
        error_type_class = AttributeError
        error_type_field = "attribute_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, ids: list[str]
    ) -> AttributeBulkDelete:
        require_platform_staff(info)
        attributes = _rows_by_ids(AttributeModel, ids, only_type="Attribute")
        return cls(count=attribute_services.attributes_delete(attributes=attributes))


class AttributeValueBulkDelete(_CountOnError, BaseMutation):
    count = graphene.Int(required=True, description="Returns how many objects were affected.")

    class Arguments:
        ids = graphene.List(
            graphene.NonNull(graphene.ID),
            required=True,
            description="List of attribute value IDs to delete.",
        )

    class Meta:
        description = (
            "Deletes values of attributes; products and variants lose them. "
            "Requires platform staff."
        )
        error_type_class = AttributeError
        error_type_field = "attribute_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, ids: list[str]
    ) -> AttributeValueBulkDelete:
        require_platform_staff(info)
        values = _rows_by_ids(AttributeValueModel, ids, only_type="AttributeValue")
        return cls(count=attribute_services.attribute_values_delete(values=values))


class ReorderInput(graphene.InputObjectType):
    id = graphene.ID(required=True, description="The ID of the item to move.")
    sort_order = graphene.Int(
        description="The new relative sorting position of the item (from -inf to +inf). 1 "
        "moves the item one position forward, -1 moves the item one position backward, 0 "
        "leaves the item unchanged."
    )


class AttributeReorderValues(BaseMutation):
    attribute = graphene.Field(Attribute, description="Attribute from which values are reordered.")

    class Arguments:
        attribute_id = graphene.ID(required=True, description="ID of an attribute.")
        moves = graphene.List(
            graphene.NonNull(ReorderInput),
            required=True,
            description="The list of reordering operations for given attribute values.",
        )

    class Meta:
        description = "Reorder the values of an attribute. Requires platform staff."
        error_type_class = AttributeError
        error_type_field = "attribute_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, attribute_id: str, moves: list
    ) -> AttributeReorderValues:
        require_platform_staff(info)
        attribute = get_node(
            AttributeModel.objects.all(),
            attribute_id,
            only_type="Attribute",
            field="attribute_id",
            code=AttributeErrorCode.NOT_FOUND,
        )
        pks = [
            decode_int_pk(move["id"], only_type="AttributeValue", field="moves") for move in moves
        ]
        values = AttributeValueModel.objects.in_bulk(pks)
        missing = [move["id"] for move, pk in zip(moves, pks, strict=True) if pk not in values]
        if missing:
            raise field_error(
                "moves",
                _("Couldn't resolve to an attribute value: %(id)s") % {"id": missing[0]},
                AttributeErrorCode.NOT_FOUND,
            )
        attribute = attribute_services.attribute_values_reorder(
            attribute=attribute,
            moves=[
                (values[pk], move.get("sort_order") or 0)
                for move, pk in zip(moves, pks, strict=True)
            ],
        )
        return cls(attribute=attribute)
