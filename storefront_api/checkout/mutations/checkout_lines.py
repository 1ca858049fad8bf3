"""``checkoutLinesAdd``, ``checkoutLinesUpdate`` and ``checkoutLinesDelete``."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.checkout import services
from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.core.exceptions import field_error
from storefront_api.checkout.inputs import CheckoutLineInput, CheckoutLineUpdateInput
from storefront_api.checkout.mutations.base import (
    CheckoutBaseMutation,
    CheckoutIdArguments,
    CheckoutTokenArguments,
)
from storefront_api.checkout.types import Checkout, CheckoutError
from storefront_api.checkout.utils import (
    checkout_for_mutation,
    refuse_price_override,
    variants_for_lines,
)
from storefront_api.core.ids import decode_global_id, global_id


class CheckoutLinesAdd(CheckoutBaseMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments(CheckoutIdArguments):
        lines = graphene.List(
            graphene.NonNull(CheckoutLineInput),
            required=True,
            description="A list of checkout lines, each containing information about an item "
            "in the checkout.",
        )

    class Meta:
        description = "Adds a checkout line to the existing checkout."
        error_type_class = CheckoutError
        error_type_field = "checkout_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, lines: list[Any], **ids: Any
    ) -> CheckoutLinesAdd:
        checkout = checkout_for_mutation(info, **ids)
        checkout = services.checkout_lines_add(checkout=checkout, lines=variants_for_lines(lines))
        return cls.respond(checkout)


class CheckoutLinesUpdate(CheckoutBaseMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments(CheckoutIdArguments):
        lines = graphene.List(
            graphene.NonNull(CheckoutLineUpdateInput),
            required=True,
            description="A list of checkout lines, each containing information about an item "
            "in the checkout.",
        )

    class Meta:
        description = "Updates checkout line in the existing checkout."
        error_type_class = CheckoutError
        error_type_field = "checkout_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, lines: list[Any], **ids: Any
    ) -> CheckoutLinesUpdate:
        refuse_price_override(lines)
        checkout = checkout_for_mutation(info, **ids)
        by_line = {str(line.pk): line.variant_id for line in checkout.lines.all()}
        resolved = []
        for line in lines:
            if line.get("line_id"):
                line_pk = decode_global_id(
                    line["line_id"], only_type="CheckoutLine", field="line_id"
                )
                if line_pk not in by_line:
                    raise field_error(
                        "line_id",
                        _("Provided line_ids aren't part of checkout."),
                        CheckoutErrorCode.INVALID,
                    )
                variant_id = global_id("ProductVariant", by_line[line_pk])
            elif line.get("variant_id"):
                variant_id = line["variant_id"]
            else:
                raise field_error(
                    "line_id", _("Provide lineId or variantId."), CheckoutErrorCode.REQUIRED
                )
            if line.get("quantity") is None:
                raise field_error(
                    "quantity", _("Provide the quantity."), CheckoutErrorCode.REQUIRED
                )
            resolved.append({"variant_id": variant_id, "quantity": line["quantity"]})
        checkout = services.checkout_lines_update(
            checkout=checkout, lines=variants_for_lines(resolved)
        )
        return cls.respond(checkout)


class CheckoutLinesDelete(CheckoutBaseMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments(CheckoutTokenArguments):
        lines_ids = graphene.List(
            graphene.NonNull(graphene.ID), required=True, description="A list of checkout lines."
        )

    class Meta:
        description = "Deletes checkout lines."
        error_type_class = CheckoutError

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, lines_ids: list[str], **ids: Any
    ) -> CheckoutLinesDelete:
        checkout = checkout_for_mutation(info, **ids)
        pks = [
            decode_global_id(value, only_type="CheckoutLine", field="line_id")
            for value in lines_ids
        ]
        checkout = services.checkout_lines_delete(checkout=checkout, line_ids=pks)
        return cls.respond(checkout)
