"""Shared parts of the content mutations: error types, inputs, lookups, permission."""

from __future__ import annotations

from typing import Any, TypeVar

import graphene
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from marketplace.core.exceptions import field_error
from storefront_api.catalog.enums import ProductErrorCode
from storefront_api.catalog.permissions import require, scope_of
from storefront_api.content.enums import CollectionErrorCode, MenuErrorCode, PageErrorCode
from storefront_api.core.ids import decode_int_pk
from storefront_api.core.types import Error

M = TypeVar("M", bound=Model)


def require_platform_staff(info: graphene.ResolveInfo) -> None:
    """Collections, menus and pages are managed by platform staff only."""
    require(scope_of(info.context).platform_staff)


def get_node(queryset: QuerySet[M], value: str, *, only_type: str, field: str) -> M:
    pk = decode_int_pk(value, only_type=only_type, field=field)
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise field_error(
            field, _("Couldn't resolve to a node: %(id)s") % {"id": value}, "not_found"
        )
    return obj


def get_nodes(queryset: QuerySet[M], values: list[str], *, only_type: str, field: str) -> list[M]:
    pks = [decode_int_pk(value, only_type=only_type, field=field) for value in values]
    found = {obj.pk: obj for obj in queryset.filter(pk__in=pks)}
    missing = [value for value, pk in zip(values, pks, strict=True) if pk not in found]
    if missing:
        raise field_error(
            field, _("Couldn't resolve to a node: %(id)s") % {"id": missing[0]}, "not_found"
        )
    return [found[pk] for pk in pks]


def seo_fields(input: dict[str, Any]) -> dict[str, Any]:
    seo = input.get("seo") or {}
    fields: dict[str, Any] = {}
    if "title" in seo:
        fields["seo_title"] = seo["title"]
    if "description" in seo:
        fields["seo_description"] = seo["description"]
    return fields


class CollectionError(Error):
    products = graphene.List(
        graphene.NonNull(graphene.ID), description="List of products IDs which causes the error."
    )
    code = CollectionErrorCode(required=True, description="The error code.")


class CollectionChannelListingError(Error):
    code = ProductErrorCode(required=True, description="The error code.")
    attributes = graphene.List(
        graphene.NonNull(graphene.ID), description="List of attributes IDs which causes the error."
    )
    values = graphene.List(
        graphene.NonNull(graphene.ID),
        description="List of attribute values IDs which causes the error.",
    )
    channels = graphene.List(
        graphene.NonNull(graphene.ID), description="List of channels IDs which causes the error."
    )


class MenuError(Error):
    code = MenuErrorCode(required=True, description="The error code.")


class PageError(Error):
    code = PageErrorCode(required=True, description="The error code.")
    attributes = graphene.List(
        graphene.NonNull(graphene.ID), description="List of attributes IDs which causes the error."
    )
    values = graphene.List(
        graphene.NonNull(graphene.ID),
        description="List of attribute values IDs which causes the error.",
    )


class SeoInput(graphene.InputObjectType):
    title = graphene.String(description="SEO title.")
    description = graphene.String(description="SEO description.")


class CollectionInput(graphene.InputObjectType):
    name = graphene.String(description="Name of the collection.")
    slug = graphene.String(description="Slug of the collection.")
    description = graphene.JSONString(description="Description of the collection (EditorJS).")
    background_image_alt = graphene.String(description="Alt text for an image.")
    seo = graphene.InputField(SeoInput, description="Search engine optimization fields.")


class CollectionCreateInput(CollectionInput):
    products = graphene.List(
        graphene.NonNull(graphene.ID), description="List of products to be added."
    )


class MenuItemInput(graphene.InputObjectType):
    name = graphene.String(description="Name of the menu item.")
    url = graphene.String(description="URL of the pointed item.")
    category = graphene.ID(description="Category to which item points.")
    collection = graphene.ID(description="Collection to which item points.")
    page = graphene.ID(description="Page to which item points.")


class MenuItemCreateInput(graphene.InputObjectType):
    name = graphene.String(required=True, description="Name of the menu item.")
    url = graphene.String(description="URL of the pointed item.")
    category = graphene.ID(description="Category to which item points.")
    collection = graphene.ID(description="Collection to which item points.")
    page = graphene.ID(description="Page to which item points.")
    menu = graphene.ID(required=True, description="Menu to which item belongs.")
    parent = graphene.ID(description="ID of the parent menu. If empty, menu will be top level.")


class PageInput(graphene.InputObjectType):
    slug = graphene.String(description="Page internal name.")
    title = graphene.String(description="Page title.")
    content = graphene.JSONString(description="Page content (EditorJS).")
    is_published = graphene.Boolean(description="Determines if page is visible in the storefront.")
    published_at = graphene.DateTime(description="Publication date time.")
    seo = graphene.InputField(SeoInput, description="Search engine optimization fields.")


class PageCreateInput(PageInput):
    page_type = graphene.ID(required=True, description="ID of the page type that page belongs to.")
