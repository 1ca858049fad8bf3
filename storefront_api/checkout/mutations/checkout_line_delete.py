"""``checkoutLineDelete``: Saleor's deprecated one-line delete, removed in Saleor 3.24 but
still sent by react-storefront and vercel/commerce-based storefronts. Served as Saleor
3.20 served it, through the same service as ``checkoutLinesDelete``."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext as _

from marketplace.checkout import services
from marketplace.checkout.error_codes import CheckoutErrorCode
from marketplace.core.exceptions import field_error
from storefront_api.checkout.mutations.base import CheckoutBaseMutation, CheckoutIdArguments
from storefront_api.checkout.types import Checkout, CheckoutError
from storefront_api.checkout.utils import checkout_for_mutation
from storefront_api.core.ids import decode_global_id


class CheckoutLineDelete(CheckoutBaseMutation):
    checkout = graphene.Field(Checkout, description="An updated checkout.")

    class Arguments(CheckoutIdArguments):
        line_id = graphene.ID(description="ID of the checkout line to delete.")

    class Meta:
        description = (
            "Deletes a CheckoutLine. A line of another checkout is refused (INVALID on "
            "`lineId`), as `checkoutLinesDelete` refuses it."
        )
        error_type_class = CheckoutError
        error_type_field = "checkout_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, line_id: str | None = None, **ids: Any
    ) -> CheckoutLineDelete:
        checkout = checkout_for_mutation(info, **ids)
        if not line_id:
            raise field_error(
                "line_id", _("Provide the ID of the line to delete."), CheckoutErrorCode.REQUIRED
            )
        pk = decode_global_id(line_id, only_type="CheckoutLine", field="line_id")
        checkout = services.checkout_lines_delete(checkout=checkout, line_ids=[pk])
        return cls.respond(checkout)
