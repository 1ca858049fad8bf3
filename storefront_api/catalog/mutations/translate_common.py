"""Shared parts of Saleor's ``*Translate`` mutations: inputs and the error type."""

from __future__ import annotations

from typing import Any

import graphene

from storefront_api.catalog.enums import TranslationErrorCode

ERROR_FIELD_DESCRIPTION = (
    "Name of a field that caused the error. A value of `null` indicates that the error "
    "isn't associated with a particular field."
)


class TranslationError(graphene.ObjectType):
    field = graphene.String(description=ERROR_FIELD_DESCRIPTION)
    message = graphene.String(description="The error message.")
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
