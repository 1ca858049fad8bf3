from __future__ import annotations

import uuid
from typing import Any

import graphene
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from graphql_relay import from_global_id

from marketplace.core.exceptions import field_error
from marketplace.payments.error_codes import PaymentErrorCode
from marketplace.payments.selectors import user_may_manage_order_payments
from marketplace.payments.services import granted_refunds
from storefront_api.core.exceptions import PermissionDenied
from storefront_api.core.ids import global_id
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.core.scalars import Decimal
from storefront_api.orders.mutations.base import order_from_global_id
from storefront_api.payments.mutations.base import transaction_from
from storefront_api.payments.types import OrderGrantedRefund, OrderGrantRefundCreateError


class OrderGrantRefundCreateLineInput(graphene.InputObjectType):
    id = graphene.ID(required=True, description="The ID of the order line.")
    quantity = graphene.Int(
        required=True, description="The quantity of line items to be marked to refund."
    )
    reason = graphene.String(description="Reason of the granted refund for the line.")
    reason_reference = graphene.ID(description="Not used by Lumbung (reasons are free text).")

    class Meta:
        description = "A line of an order to include in a granted refund."


class OrderGrantRefundCreateInput(graphene.InputObjectType):
    amount = Decimal(
        description="Amount of the granted refund, whole rupiah. By default the lines' "
        "prices plus shipping when `grantRefundForShipping`, at most what the transaction "
        "charged."
    )
    reason = graphene.String(description="Reason of the granted refund.")
    reason_reference = graphene.ID(description="Not used by Lumbung (reasons are free text).")
    lines = graphene.List(
        graphene.NonNull(OrderGrantRefundCreateLineInput),
        description="Lines to assign to the granted refund.",
    )
    grant_refund_for_shipping = graphene.Boolean(
        description="Determine if granted refund should include shipping costs."
    )
    transaction_id = graphene.ID(
        required=True, description="The ID of the order's transaction to refund through."
    )

    class Meta:
        description = "A refund to grant on an order."


def _line_error(line_id: str, field: str, message: str, code: str) -> dict[str, str]:
    return {"line_id": line_id, "field": field, "message": message, "code": code}


def _clean_lines(lines: list[dict[str, Any]]) -> list[tuple[object, int, str]]:
    """``(order line pk, quantity, reason)`` of each input line; IDs that do not decode
    and reason references are refused per line."""
    errors: list[dict[str, str]] = []
    cleaned: list[tuple[object, int, str]] = []
    for line in lines:
        try:
            type_name, pk = from_global_id(line["id"])
            key: object = uuid.UUID(pk) if type_name == "OrderLine" else None
        except (TypeError, ValueError, UnicodeDecodeError):
            key = None
        if key is None:
            errors.append(
                _line_error(line["id"], "id", _("Must receive an OrderLine id."), "graphql_error")
            )
            continue
        if line.get("reason_reference"):
            errors.append(
                _line_error(
                    line["id"],
                    "reasonReference",
                    _("Reason reference type is not configured."),
                    "not_configured",
                )  # fmt: skip
            )
            continue
        cleaned.append((key, line["quantity"], line.get("reason") or ""))
    if errors:
        raise ValidationError(
            {
                "lines": ValidationError(
                    _("Provided input for lines is invalid."),
                    code=PaymentErrorCode.INVALID.value,
                    params={"lines": errors},
                )
            }
        )
    return cleaned


def _with_line_ids(exc: ValidationError) -> ValidationError:
    """The service's line errors name order line pks: make them OrderLine IDs."""
    error_dict = getattr(exc, "error_dict", None) or {NON_FIELD_ERRORS: exc.error_list}
    result: dict[str, list[ValidationError]] = {}
    for field, errors in error_dict.items():
        for error in errors:
            params = dict(error.params or {})
            if "lines" in params:
                params["lines"] = [
                    {**line, "line_id": global_id("OrderLine", line["line_id"])}
                    for line in params["lines"]
                ]
            result.setdefault(field, []).append(
                ValidationError(error.messages[0], code=error.code, params=params)
            )
    return ValidationError(result)


class OrderGrantRefundCreate(BaseMutation):
    order = graphene.Field(
        "storefront_api.orders.types.Order",
        description="Order which has assigned new grant refund.",
    )
    granted_refund = graphene.Field(OrderGrantedRefund, description="Created granted refund.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the order.")
        input = OrderGrantRefundCreateInput(
            required=True, description="Fields required to create a granted refund for the order."
        )

    class Meta:
        description = (
            "Grants a refund on an order, to be paid back through one of its Midtrans "
            "transactions with `transactionRequestRefundForGrantedRefund`. Platform staff "
            "and operators of the order's village hub."
        )
        error_type_class = OrderGrantRefundCreateError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: dict[str, Any]
    ) -> OrderGrantRefundCreate:
        order = order_from_global_id(id)
        if not user_may_manage_order_payments(info.context.user, order):
            raise PermissionDenied(permissions=["MANAGE_ORDERS"])
        if input.get("reason_reference"):
            raise field_error(
                "reason_reference",
                _("Reason reference type is not configured."),
                PaymentErrorCode.NOT_CONFIGURED,
            )
        tx = transaction_from(input["transaction_id"], None, field="transaction_id")
        lines = _clean_lines(input.get("lines") or [])
        try:
            grant = granted_refunds.order_grant_refund_create(
                order=order,
                transaction_item=tx,
                actor=info.context.user,
                amount=input.get("amount"),
                lines=lines,
                grant_refund_for_shipping=bool(input.get("grant_refund_for_shipping")),
                reason=input.get("reason") or "",
            )
        except ValidationError as exc:
            raise _with_line_ids(exc) from None
        order.refresh_from_db()
        return cls(order=order, granted_refund=grant, errors=[])
