"""``voucherTranslate``."""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.discounts import services
from storefront_api.catalog.mutations.translate_common import (
    NameTranslationInput,
    TranslationError,
)
from storefront_api.catalog.translations import language_code_value
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.discounts.mutations.common import payload_voucher, voucher_to_manage
from storefront_api.discounts.permissions import require_voucher_manager
from storefront_api.discounts.types import Voucher


class VoucherTranslate(BaseMutation):
    voucher = graphene.Field(Voucher, description="The translated voucher.")

    class Arguments:
        id = graphene.ID(required=True, description="Voucher ID or VoucherTranslatableContent ID.")
        input = NameTranslationInput(
            required=True, description="Fields required to update voucher translations."
        )
        language_code = LanguageCodeEnum(required=True, description="Translation language code.")

    class Meta:
        description = (
            "Creates/updates translations for a voucher (the name buyers see as the checkout's "
            "translatedDiscountName). Requires a manager of the voucher."
        )
        error_type_class = TranslationError
        error_type_field = "translation_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: dict, language_code: Any
    ) -> VoucherTranslate:
        require_voucher_manager(info)
        voucher = voucher_to_manage(info, id)
        services.voucher_translate(
            voucher=voucher,
            actor=info.context.user,
            language_code=language_code_value(language_code),
            name=input.get("name"),
        )
        return cls(voucher=payload_voucher(voucher))
