from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.models import Category as CategoryModel
from marketplace.content import services
from storefront_api.catalog.mutations.common import get_node
from storefront_api.catalog.mutations.translate_common import (
    TranslationError,
    TranslationInput,
    translation_data,
)
from storefront_api.catalog.permissions import require, scope_of
from storefront_api.catalog.translations import language_code_value
from storefront_api.catalog.types.categories import Category
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters


class CategoryTranslate(BaseMutation):
    category = graphene.Field(Category, description="The translated category.")

    class Arguments:
        id = graphene.ID(required=True, description="Category ID.")
        input = TranslationInput(
            required=True, description="Fields required to update category translations."
        )
        language_code = LanguageCodeEnum(required=True, description="Translation language code.")

    class Meta:
        description = "Creates/updates translations for a category. Requires platform staff."
        error_type_class = TranslationError
        error_type_field = "translation_errors"
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, id: str, input: dict, language_code: Any
    ) -> CategoryTranslate:
        require(scope_of(info.context).platform_staff)
        category = get_node(CategoryModel.objects.all(), id, only_type="Category", field="id")
        services.category_translate(
            category=category,
            language_code=language_code_value(language_code),
            data=translation_data(input),
        )
        return cls(category=category)
