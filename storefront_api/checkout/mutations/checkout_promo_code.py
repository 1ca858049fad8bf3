"""``checkoutAddPromoCode`` and ``checkoutRemovePromoCode`` (vouchers; Lumbung has no
gift cards)."""

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
from storefront_api.core.ids import decode_int_pk


class CheckoutAddPromoCode(CheckoutBaseMutation):
    checkout = graphene.Field(
        Checkout, description="The checkout with the added gift card or voucher."
    )

    class Arguments(CheckoutIdArguments):
        promo_code = graphene.String(required=True, description="Gift card code or voucher code.")

    class Meta:
        description = "Adds a gift card or a voucher to a checkout."
        error_type_class = CheckoutError
        error_type_field = "checkout_errors"

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, promo_code: str, **ids: Any
    ) -> CheckoutAddPromoCode:
        checkout = checkout_for_mutation(info, **ids)
        checkout = services.checkout_add_promo_code(checkout=checkout, promo_code=promo_code)
        return cls.respond(checkout)


class CheckoutRemovePromoCode(CheckoutBaseMutation):
    checkout = graphene.Field(
        Checkout, description="The checkout with the removed gift card or voucher."
    )

    class Arguments(CheckoutIdArguments):
        promo_code = graphene.String(description="Gift card code or voucher code.")
        promo_code_id = graphene.ID(description="Gift card or voucher ID.")

    class Meta:
        description = "Remove a gift card or a voucher from a checkout."
        error_type_class = CheckoutError
        error_type_field = "checkout_errors"

    @classmethod
    def perform_mutation(
        cls,
        root: Any,
        info: graphene.ResolveInfo,
        /,
        *,
        promo_code: str | None = None,
        promo_code_id: str | None = None,
        **ids: Any,
    ) -> CheckoutRemovePromoCode:
        if (promo_code is None) == (promo_code_id is None):
            raise field_error(
                "promo_code",
                _("Argument 'promo_code' or 'promo_code_id' must be provided, not both."),
                CheckoutErrorCode.GRAPHQL_ERROR,
            )
        checkout = checkout_for_mutation(info, **ids)
        voucher_id = None
        if promo_code_id is not None:
            voucher_id = decode_int_pk(promo_code_id, only_type="Voucher", field="promo_code_id")
        checkout = services.checkout_remove_promo_code(
            checkout=checkout, promo_code=promo_code, voucher_id=voucher_id
        )
        return cls.respond(checkout)
