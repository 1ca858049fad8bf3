from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.models import Product as ProductModel
from marketplace.content import services
from storefront_api.catalog.mutations.common import get_node
from storefront_api.catalog.mutations.translate_common import (
    TranslationError,
    TranslationInput,
    translation_data,
)
from storefront_api.catalog.permissions import require, scope_of
from storefront_api.catalog.translations import language_code_value
from storefront_api.catalog.types.products import Product
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class ProductTranslate(BaseMutation):
    product = graphene.Field(Product, description="The translated product.")

    class Arguments:
        id = graphene.ID(required=True, description="Product ID.")
        input = TranslationInput(
            required=True, description="Fields required to update product translations."
        )
        language_code = LanguageCodeEnum(required=True, description="Translation language code.")

    class Meta:
        description = (
            "Creates/updates translations for a product. Requires staff of the product's "
            "cooperative or platform staff."
        )
        error_type_class = TranslationError
        error_type_field = "translation_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: dict, language_code: Any
    ) -> ProductTranslate:
        product = get_node(ProductModel.objects.all(), id, only_type="Product", field="id")
        require(scope_of(info.context).works_for_cooperative(product.cooperative_id))
        services.product_translate(
            product=product,
            language_code=language_code_value(language_code),
            data=translation_data(input),
        )
        return cls(product=product)
