"""Saleor's ``*TranslatableContent`` types: an object's translatable fields in their
original language, with ``translation(languageCode:)`` and the object itself.

A translatable content is reached from a translation's ``translatableContent``: the
translation loaders remember the object a translation was asked for on
(:func:`remember_original`), so going back to it costs no query and keeps the channel
the object was read in. ``attributeValues`` lists the object's plain- and rich-text
attribute values (the input types Saleor translates), from the loaders the object's
``attributes`` use.
"""

from __future__ import annotations

from typing import Any

import graphene

from marketplace.catalog.models import AttributeInputType
from storefront_api.core.enums import LanguageCodeEnum
from storefront_api.core.ids import global_id

ORIGINAL_ATTR = "_lumbung_original"
TRANSLATABLE_INPUT_TYPES = {AttributeInputType.PLAIN_TEXT.value, AttributeInputType.RICH_TEXT.value}


def remember_original(translation: Any, original: Any) -> Any:
    """``translation`` (a stored translation row or ``None``) marked as the translation
    of ``original``, which its ``translatableContent`` answers."""
    if translation is not None:
        setattr(translation, ORIGINAL_ATTR, original)
    return translation


def original_of(translation: Any) -> Any:
    """The object ``translation`` was read for (see :func:`remember_original`)."""
    return getattr(translation, ORIGINAL_ATTR, None)


def _language_arg() -> dict[str, Any]:
    return {
        "language_code": graphene.Argument(
            LanguageCodeEnum,
            required=True,
            description="A language code to return the translation for.",
        )
    }


def _translatable_values(groups: list[dict[str, Any]]) -> list[Any]:
    return [
        value
        for group in groups
        if str(group["attribute"].input_type) in TRANSLATABLE_INPUT_TYPES
        for value in group["values"]
    ]


DEPRECATED_OBJECT = "Get model fields from the root level queries."


# --- attributes ------------------------------------------------------------------------


class AttributeTranslatableContent(graphene.ObjectType):
    attribute_id = graphene.ID(required=True, description="The ID of the attribute to translate.")
    name = graphene.String(required=True, description="Name of the attribute to translate.")
    translation = graphene.Field(
        "storefront_api.catalog.translations.AttributeTranslation",
        **_language_arg(),
        description="Returns translated attribute fields for the given language code.",
    )
    attribute = graphene.Field(
        "storefront_api.catalog.types.attributes.Attribute",
        description="Custom attribute of a product.",
        deprecation_reason=DEPRECATED_OBJECT,
        resolver=lambda root, info: root,
    )

    class Meta:
        description = "Represents attribute's original translatable fields."
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_attribute_id(root: Any, info: graphene.ResolveInfo) -> str:
        return global_id("Attribute", root.pk)

    @staticmethod
    def resolve_translation(root: Any, info: graphene.ResolveInfo, language_code: Any) -> None:
        return None  # attribute names are not translated in Lumbung


class AttributeValueTranslatableContent(graphene.ObjectType):
    attribute_value_id = graphene.ID(
        required=True, description="The ID of the attribute value to translate."
    )
    name = graphene.String(required=True, description="Name of the attribute value to translate.")
    rich_text = graphene.JSONString(description="Attribute value (EditorJS rich text).")
    plain_text = graphene.String(description="Attribute plain text value.")
    translation = graphene.Field(
        "storefront_api.catalog.translations.AttributeValueTranslation",
        **_language_arg(),
        description="Returns translated attribute value fields for the given language code.",
    )
    attribute_value = graphene.Field(
        "storefront_api.catalog.types.attributes.AttributeValue",
        description="Represents a value of an attribute.",
        deprecation_reason=DEPRECATED_OBJECT,
        resolver=lambda root, info: root,
    )
    attribute = graphene.Field(
        AttributeTranslatableContent, description="Associated attribute that can be translated."
    )

    class Meta:
        description = "Represents attribute value's original translatable fields."
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_attribute_value_id(root: Any, info: graphene.ResolveInfo) -> str:
        return global_id("AttributeValue", root.pk)

    @staticmethod
    def resolve_plain_text(root: Any, info: graphene.ResolveInfo) -> str | None:
        return root.plain_text or None

    @staticmethod
    def resolve_translation(root: Any, info: graphene.ResolveInfo, language_code: Any) -> None:
        return None  # attribute values are not translated in Lumbung

    @staticmethod
    def resolve_attribute(root: Any, info: graphene.ResolveInfo) -> Any:
        return root.attribute  # loaded with the value by the attribute loaders


# --- catalog ---------------------------------------------------------------------------


class _SeoContent:
    seo_title = graphene.String(description="SEO title to translate.")
    seo_description = graphene.String(description="SEO description to translate.")
    slug = graphene.String(description="Slug to translate.")
    name = graphene.String(required=True, description="Name to translate.")
    description = graphene.JSONString(description="Description to translate (EditorJS).")
    description_json = graphene.JSONString(
        description="Description to translate (EditorJS).",
        deprecation_reason="Use the `description` field instead.",
        resolver=lambda root, info: root.description,
    )


class ProductTranslatableContent(_SeoContent, graphene.ObjectType):
    product_id = graphene.ID(required=True, description="The ID of the product to translate.")
    translation = graphene.Field(
        "storefront_api.catalog.translations.ProductTranslation",
        **_language_arg(),
        description="Returns translated product fields for the given language code.",
    )
    product = graphene.Field(
        "storefront_api.catalog.types.products.Product",
        description="Represents an individual item for sale in the storefront.",
        deprecation_reason=DEPRECATED_OBJECT,
        resolver=lambda root, info: root,
    )
    attribute_values = graphene.NonNull(
        graphene.List(graphene.NonNull(AttributeValueTranslatableContent)),
        description="List of product attribute values that can be translated.",
    )

    class Meta:
        description = "Represents product's original translatable fields and related translations."
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_product_id(root: Any, info: graphene.ResolveInfo) -> str:
        return global_id("Product", root.pk)

    @staticmethod
    def resolve_seo_title(root: Any, info: graphene.ResolveInfo) -> str:
        from storefront_api.catalog.types.products import Product

        return Product.resolve_seo_title(root, info)

    @staticmethod
    def resolve_seo_description(root: Any, info: graphene.ResolveInfo) -> str:
        from storefront_api.catalog.types.products import Product

        return Product.resolve_seo_description(root, info)

    @staticmethod
    def resolve_translation(root: Any, info: graphene.ResolveInfo, language_code: Any) -> Any:
        from storefront_api.catalog.translations import load_translation

        return load_translation(info, "product", root, language_code)

    @staticmethod
    def resolve_attribute_values(root: Any, info: graphene.ResolveInfo) -> list[Any]:
        from storefront_api.catalog.storefront import resolve_product_attributes

        return _translatable_values(resolve_product_attributes(info, root))


class CategoryTranslatableContent(_SeoContent, graphene.ObjectType):
    category_id = graphene.ID(required=True, description="The ID of the category to translate.")
    translation = graphene.Field(
        "storefront_api.catalog.translations.CategoryTranslation",
        **_language_arg(),
        description="Returns translated category fields for the given language code.",
    )
    category = graphene.Field(
        "storefront_api.catalog.types.categories.Category",
        description="Represents a single category of products.",
        deprecation_reason=DEPRECATED_OBJECT,
        resolver=lambda root, info: root,
    )

    class Meta:
        description = "Represents category original translatable fields and related translations."
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_category_id(root: Any, info: graphene.ResolveInfo) -> str:
        return global_id("Category", root.pk)

    @staticmethod
    def resolve_seo_title(root: Any, info: graphene.ResolveInfo) -> str:
        from storefront_api.catalog.types.categories import Category

        return Category.resolve_seo_title(root, info)

    @staticmethod
    def resolve_seo_description(root: Any, info: graphene.ResolveInfo) -> str:
        from storefront_api.catalog.types.categories import Category

        return Category.resolve_seo_description(root, info)

    @staticmethod
    def resolve_translation(root: Any, info: graphene.ResolveInfo, language_code: Any) -> Any:
        from storefront_api.catalog.translations import load_translation

        return load_translation(info, "category", root, language_code)


class ProductVariantTranslatableContent(graphene.ObjectType):
    product_variant_id = graphene.ID(
        required=True, description="The ID of the product variant to translate."
    )
    name = graphene.String(required=True, description="Name of the product variant to translate.")
    translation = graphene.Field(
        "storefront_api.catalog.translations.ProductVariantTranslation",
        **_language_arg(),
        description="Returns translated product variant fields for the given language code.",
    )
    product_variant = graphene.Field(
        "storefront_api.catalog.types.variants.ProductVariant",
        description="Represents a version of a product such as different size or color.",
        deprecation_reason=DEPRECATED_OBJECT,
        resolver=lambda root, info: root,
    )
    attribute_values = graphene.NonNull(
        graphene.List(graphene.NonNull(AttributeValueTranslatableContent)),
        description="List of product variant attribute values that can be translated.",
    )

    class Meta:
        description = "Represents product variant's original translatable fields."
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_product_variant_id(root: Any, info: graphene.ResolveInfo) -> str:
        return global_id("ProductVariant", root.pk)

    @staticmethod
    def resolve_name(root: Any, info: graphene.ResolveInfo) -> str:
        return root.name or ""

    @staticmethod
    def resolve_translation(root: Any, info: graphene.ResolveInfo, language_code: Any) -> Any:
        from storefront_api.catalog.translations import load_translation

        return load_translation(info, "variant", root, language_code)

    @staticmethod
    def resolve_attribute_values(root: Any, info: graphene.ResolveInfo) -> list[Any]:
        from storefront_api.catalog.storefront import resolve_variant_attributes

        return _translatable_values(resolve_variant_attributes(info, root))


# --- collections, pages, menus ---------------------------------------------------------


class CollectionTranslatableContent(_SeoContent, graphene.ObjectType):
    collection_id = graphene.ID(required=True, description="The ID of the collection to translate.")
    translation = graphene.Field(
        "storefront_api.content.types.CollectionTranslation",
        **_language_arg(),
        description="Returns translated collection fields for the given language code.",
    )
    collection = graphene.Field(
        "storefront_api.content.types.Collection",
        description="Represents a collection of products.",
        deprecation_reason=DEPRECATED_OBJECT,
        resolver=lambda root, info: root,
    )

    class Meta:
        description = "Represents collection's original translatable fields."
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_collection_id(root: Any, info: graphene.ResolveInfo) -> str:
        return global_id("Collection", root.pk)

    @staticmethod
    def resolve_seo_title(root: Any, info: graphene.ResolveInfo) -> str:
        from storefront_api.content.types import Collection

        return Collection.resolve_seo_title(root, info)

    @staticmethod
    def resolve_seo_description(root: Any, info: graphene.ResolveInfo) -> str:
        from storefront_api.content.types import Collection

        return Collection.resolve_seo_description(root, info)

    @staticmethod
    def resolve_translation(root: Any, info: graphene.ResolveInfo, language_code: Any) -> Any:
        from storefront_api.content.types import Collection

        return Collection.resolve_translation(root, info, language_code)


class PageTranslatableContent(graphene.ObjectType):
    page_id = graphene.ID(required=True, description="The ID of the page to translate.")
    seo_title = graphene.String(description="SEO title to translate.")
    seo_description = graphene.String(description="SEO description to translate.")
    slug = graphene.String(description="Slug to translate.")
    title = graphene.String(required=True, description="Page title to translate.")
    content = graphene.JSONString(description="Content of the page to translate (EditorJS).")
    content_json = graphene.JSONString(
        description="Content of the page (EditorJS).",
        deprecation_reason="Use the `content` field instead.",
        resolver=lambda root, info: root.content,
    )
    translation = graphene.Field(
        "storefront_api.content.types.PageTranslation",
        **_language_arg(),
        description="Returns translated page fields for the given language code.",
    )
    page = graphene.Field(
        "storefront_api.content.types.Page",
        description="A static page that can be manually added by a shop operator.",
        deprecation_reason=DEPRECATED_OBJECT,
        resolver=lambda root, info: root,
    )
    attribute_values = graphene.NonNull(
        graphene.List(graphene.NonNull(AttributeValueTranslatableContent)),
        description="List of page content attribute values that can be translated "
        "(pages have no attributes in Lumbung: empty).",
        resolver=lambda root, info: [],
    )

    class Meta:
        description = "Represents page's original translatable fields and related translations."
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_page_id(root: Any, info: graphene.ResolveInfo) -> str:
        return global_id("Page", root.pk)

    @staticmethod
    def resolve_seo_title(root: Any, info: graphene.ResolveInfo) -> str:
        from storefront_api.content.types import Page

        return Page.resolve_seo_title(root, info)

    @staticmethod
    def resolve_seo_description(root: Any, info: graphene.ResolveInfo) -> str:
        from storefront_api.content.types import Page

        return Page.resolve_seo_description(root, info)

    @staticmethod
    def resolve_translation(root: Any, info: graphene.ResolveInfo, language_code: Any) -> Any:
        from storefront_api.content.types import Page

        return Page.resolve_translation(root, info, language_code)


class MenuItemTranslatableContent(graphene.ObjectType):
    menu_item_id = graphene.ID(required=True, description="The ID of the menu item to translate.")
    name = graphene.String(required=True, description="Name of the menu item to translate.")
    translation = graphene.Field(
        "storefront_api.content.types.MenuItemTranslation",
        **_language_arg(),
        description="Returns translated menu item fields for the given language code.",
    )
    menu_item = graphene.Field(
        "storefront_api.content.types.MenuItem",
        description="Represents a single item of the related menu.",
        deprecation_reason=DEPRECATED_OBJECT,
        resolver=lambda root, info: root,
    )

    class Meta:
        description = "Represents menu item's original translatable fields."
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_menu_item_id(root: Any, info: graphene.ResolveInfo) -> str:
        return global_id("MenuItem", root.pk)

    @staticmethod
    def resolve_translation(root: Any, info: graphene.ResolveInfo, language_code: Any) -> Any:
        from storefront_api.content.types import MenuItem

        return MenuItem.resolve_translation(root, info, language_code)


# --- vouchers and shipping methods -----------------------------------------------------


class VoucherTranslatableContent(graphene.ObjectType):
    voucher_id = graphene.ID(required=True, description="The ID of the voucher to translate.")
    name = graphene.String(description="Voucher name to translate.")
    translation = graphene.Field(
        "storefront_api.discounts.types.VoucherTranslation",
        **_language_arg(),
        description="Returns translated voucher fields for the given language code.",
    )

    class Meta:
        description = "Represents voucher's original translatable fields."
        interfaces = (graphene.relay.Node,)

    # root: the ``VoucherContext`` the voucher was read in
    @staticmethod
    def resolve_id(root: Any, info: graphene.ResolveInfo) -> Any:
        return root.voucher.pk

    @staticmethod
    def resolve_voucher_id(root: Any, info: graphene.ResolveInfo) -> str:
        return global_id("Voucher", root.voucher.pk)

    @staticmethod
    def resolve_name(root: Any, info: graphene.ResolveInfo) -> str | None:
        return root.voucher.name or None

    @staticmethod
    def resolve_translation(root: Any, info: graphene.ResolveInfo, language_code: Any) -> Any:
        from storefront_api.discounts.types import Voucher

        return Voucher.resolve_translation(root, info, language_code)


class ShippingMethodTranslatableContent(graphene.ObjectType):
    shipping_method_id = graphene.ID(
        required=True, description="The ID of the shipping method to translate."
    )
    name = graphene.String(required=True, description="Shipping method name to translate.")
    description = graphene.JSONString(
        description="Shipping method description to translate (EditorJS)."
    )
    translation = graphene.Field(
        "storefront_api.shipping.types.ShippingMethodTranslation",
        **_language_arg(),
        description="Returns translated shipping method fields for the given language code.",
    )

    class Meta:
        description = "Represents shipping method's original translatable fields."
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_shipping_method_id(root: Any, info: graphene.ResolveInfo) -> str:
        return global_id("ShippingMethod", root.pk)

    @staticmethod
    def resolve_translation(root: Any, info: graphene.ResolveInfo, language_code: Any) -> None:
        return None  # shipping methods are not translated in Lumbung


def translatable_content_field(type_path: str) -> graphene.Field:
    """A translation's ``translatableContent``: the object it translates."""
    return graphene.Field(
        type_path,
        description="Represents the original fields to translate.",
        resolver=lambda root, info: original_of(root),
    )
