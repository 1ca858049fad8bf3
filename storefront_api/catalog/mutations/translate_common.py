"""Shared parts of Saleor's ``*Translate`` mutations: inputs and the error type."""

from __future__ import annotations

from typing import Any

import graphene

from storefront_api.catalog.enums import TranslationErrorCode
from storefront_api.core.types import Error


class TranslationError(Error):
    code = TranslationErrorCode(required=True, description="The error code.")


class TranslationInput(graphene.InputObjectType):
    slug = graphene.String(description="Translated slug.")
    seo_title = graphene.String(description="Translated SEO title.")
    seo_description = graphene.String(description="Translated SEO description.")
    name = graphene.String(description="Translated name.")
    description = graphene.JSONString(description="Translated description (EditorJS).")


class NameTranslationInput(graphene.InputObjectType):
    name = graphene.String(description="Translated name.")


def translation_data(input: dict[str, Any]) -> dict[str, Any]:
    return dict(input.items())
