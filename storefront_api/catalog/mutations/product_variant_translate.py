from __future__ import annotations

from typing import Any

import graphene

from marketplace.content import services
from storefront_api.catalog.mutations.product_variant_update import variant_to_manage
from storefront_api.catalog.mutations.translate_common import (
    NameTranslationInput,
    TranslationError,
)
from storefront_api.catalog.translations import language_code_value
from storefront_api.catalog.types.variants import ProductVariant
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class ProductVariantTranslate(BaseMutation):
    product_variant = graphene.Field(ProductVariant, description="The translated variant.")

    class Arguments:
        id = graphene.ID(required=True, description="ProductVariant ID.")
        input = NameTranslationInput(
            required=True, description="Fields required to update product variant translations."
        )
        language_code = LanguageCodeEnum(required=True, description="Translation language code.")

    class Meta:
        description = (
            "Creates/updates translations for a product variant. Requires staff of the "
            "product's cooperative or platform staff."
        )
        error_type_class = TranslationError
        error_type_field = "translation_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: dict, language_code: Any
    ) -> ProductVariantTranslate:
        variant = variant_to_manage(info, id, None)
        services.product_variant_translate(
            variant=variant,
            language_code=language_code_value(language_code),
            name=input.get("name"),
        )
        return cls(product_variant=variant)
