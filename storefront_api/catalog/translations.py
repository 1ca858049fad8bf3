"""Saleor's translation types for the catalog (``ProductTranslation``,
``CategoryTranslation``, ``ProductVariantTranslation``) and their batch loading.

``translation(languageCode:)`` answers the stored translation of the object into that
language, or ``null`` when there is none (Saleor does not fall back to another language).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import graphene
from django.conf.locale import LANG_INFO

from marketplace.content.models import (
    CategoryTranslation as CategoryTranslationModel,
)
from marketplace.content.models import (
    ProductTranslation as ProductTranslationModel,
)
from marketplace.content.models import (
    ProductVariantTranslation as ProductVariantTranslationModel,
)
from storefront_api.content.translatable_content import (
    remember_original,
    translatable_content_field,
)
from storefront_api.core.dataloaders import BaseLoader
from storefront_api.core.enums import LanguageCodeEnum

SEO_DESCRIPTION_LENGTH = 300


def seo_description(plaintext: str | None) -> str:
    """Saleor's fallback SEO description: the start of the plain-text description."""
    text = " ".join((plaintext or "").split())
    return text[:SEO_DESCRIPTION_LENGTH]


def language_code_value(language_code: Any) -> str:
    """Saleor's stored form of a ``LanguageCodeEnum`` member: ``en``, ``pt-br``."""
    return str(getattr(language_code, "value", language_code)).lower().replace("_", "-")


def language_name(code: str) -> str:
    info = LANG_INFO.get(code) or LANG_INFO.get(code.split("-")[0]) or {}
    return str(info.get("name") or code)


class LanguageDisplay(graphene.ObjectType):
    code = LanguageCodeEnum(
        required=True, description="ISO 639 representation of the language name."
    )
    language = graphene.String(required=True, description="Full name of the language.")

    class Meta:
        description = "A language (code and name)."


def _language(root: Any) -> dict[str, Any]:
    return {"code": root.language_code, "language": language_name(root.language_code)}


class _SeoTranslationFields:
    language = graphene.Field(LanguageDisplay, required=True, description="Translation language.")
    seo_title = graphene.String(description="Translated SEO title.")
    seo_description = graphene.String(description="Translated SEO description.")
    slug = graphene.String(description="Translated slug.")
    name = graphene.String(description="Translated name.")
    description = graphene.JSONString(description="Translated description (EditorJS).")
    description_json = graphene.JSONString(
        description="Translated description (EditorJS).",
        deprecation_reason="Use the `description` field instead.",
        resolver=lambda root, info: root.description,
    )

    @staticmethod
    def resolve_language(root: Any, info: graphene.ResolveInfo) -> dict[str, Any]:
        return _language(root)


class ProductTranslation(_SeoTranslationFields, graphene.ObjectType):
    translatable_content = translatable_content_field(
        "storefront_api.content.translatable_content.ProductTranslatableContent"
    )

    class Meta:
        description = "Represents product translations."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ProductTranslationModel)


class CategoryTranslation(_SeoTranslationFields, graphene.ObjectType):
    translatable_content = translatable_content_field(
        "storefront_api.content.translatable_content.CategoryTranslatableContent"
    )

    class Meta:
        description = "Represents category translations."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, CategoryTranslationModel)


class ProductVariantTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True, description="Translation language.")
    name = graphene.String(required=True, description="Translated product variant name.")
    translatable_content = translatable_content_field(
        "storefront_api.content.translatable_content.ProductVariantTranslatableContent"
    )

    class Meta:
        description = "Represents product variant translations."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ProductVariantTranslationModel)

    @staticmethod
    def resolve_language(root: Any, info: graphene.ResolveInfo) -> dict[str, Any]:
        return _language(root)


_TranslationModel = (
    type[ProductTranslationModel]
    | type[CategoryTranslationModel]
    | type[ProductVariantTranslationModel]
)


def _by_object_and_language(
    model: _TranslationModel, fk: str, keys: Sequence[tuple[int, str]]
) -> list[Any]:
    rows = model.objects.filter(
        **{f"{fk}__in": {key[0] for key in keys}},
        language_code__in={key[1] for key in keys},
    )
    found = {(getattr(row, fk), row.language_code): row for row in rows}
    return [found.get(key) for key in keys]


class ProductTranslationLoader(BaseLoader[tuple[int, str], Any]):
    def batch_load(self, keys: Sequence[tuple[int, str]]) -> list[Any]:
        return _by_object_and_language(ProductTranslationModel, "product_id", keys)


class CategoryTranslationLoader(BaseLoader[tuple[int, str], Any]):
    def batch_load(self, keys: Sequence[tuple[int, str]]) -> list[Any]:
        return _by_object_and_language(CategoryTranslationModel, "category_id", keys)


class ProductVariantTranslationLoader(BaseLoader[tuple[int, str], Any]):
    def batch_load(self, keys: Sequence[tuple[int, str]]) -> list[Any]:
        return _by_object_and_language(ProductVariantTranslationModel, "variant_id", keys)


_LOADERS: dict[str, type[BaseLoader]] = {
    "product": ProductTranslationLoader,
    "category": CategoryTranslationLoader,
    "variant": ProductVariantTranslationLoader,
}


def load_translation(info: graphene.ResolveInfo, kind: str, obj: Any, language_code: Any) -> Any:
    """The translation of ``obj`` (a product, category or variant) or ``None``."""
    code = language_code_value(language_code)
    row = _LOADERS[kind](info.context).load_from(obj, key=lambda o: (o.pk, code))
    return remember_original(row, obj)


# Attributes and their values have no stored translations yet: ``translation`` is null.


class AttributeTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True, description="Translation language.")
    name = graphene.String(required=True, description="Translated attribute name.")
    translatable_content = translatable_content_field(
        "storefront_api.content.translatable_content.AttributeTranslatableContent"
    )

    class Meta:
        description = "Represents attribute translations."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return False


class AttributeValueTranslation(graphene.ObjectType):
    language = graphene.Field(LanguageDisplay, required=True, description="Translation language.")
    name = graphene.String(required=True, description="Translated attribute value name.")
    rich_text = graphene.JSONString(description="Translated rich-text attribute value.")
    plain_text = graphene.String(description="Translated plain text attribute value .")
    translatable_content = translatable_content_field(
        "storefront_api.content.translatable_content.AttributeValueTranslatableContent"
    )

    class Meta:
        description = "Represents attribute value translations."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return False


class File(graphene.ObjectType):
    url = graphene.String(required=True, description="The URL of the file.")
    content_type = graphene.String(description="Content type of the file.")

    class Meta:
        description = "A file: the value of a file attribute."
