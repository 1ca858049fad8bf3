"""Catalog types with Saleor's names and fields: categories, product types, attributes,
products, variants, media, channel listings, prices and stock.

Related objects are loaded with the loaders of :mod:`.dataloaders`. Channel listings,
cost prices and stock are staff data: they are shown only within the viewer's scope
(:mod:`.permissions`); outside it the field raises ``PermissionDenied`` (Saleor's
``MANAGE_PRODUCTS`` fields do the same) or, for ``costPrice``, is ``null``.

A product or variant reached through a channel (``products(channel: …)``) remembers
the channel's slug in ``channel_slug``, which ``Product.channel`` returns.
"""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from typing import Any

import graphene
from django.conf import settings
from django.urls import get_script_prefix, reverse

from marketplace.catalog import images
from marketplace.catalog.files import attribute_file_url
from marketplace.catalog.models import Attribute as AttributeModel
from marketplace.catalog.models import AttributeValue as AttributeValueModel
from marketplace.catalog.models import Category as CategoryModel
from marketplace.catalog.models import Product as ProductModel
from marketplace.catalog.models import ProductChannelListing as ProductChannelListingModel
from marketplace.catalog.models import ProductMedia as ProductMediaModel
from marketplace.catalog.models import ProductType as ProductTypeModel
from marketplace.catalog.models import ProductVariant as ProductVariantModel
from marketplace.catalog.models import (
    ProductVariantChannelListing as ProductVariantChannelListingModel,
)
from marketplace.catalog.models import Thumbnail as ThumbnailModel
from marketplace.catalog.selectors import product_permits
from marketplace.warehouses.models import Stock as StockModel
from storefront_api.catalog import assigned_attributes as aa
from storefront_api.catalog import storefront as sf
from storefront_api.catalog import translations as tr
from storefront_api.catalog.attribute_choices import choices_arguments, choices_condition
from storefront_api.catalog.attribute_dataloaders import (
    AttributeProductsByProductTypeIdLoader,
    AttributeVariantsByProductTypeIdLoader,
    ProductTypesByAttributeIdLoader,
    VariantProductTypesByAttributeIdLoader,
)
from storefront_api.catalog.dataloaders import (
    CategoryByIdLoader,
    ChannelByIdLoader,
    ChoicesByAttributeIdLoader,
    CooperativeByIdLoader,
    FilteredVariantsByProductIdLoader,
    MediaByProductIdLoader,
    ProducerByIdLoader,
    ProductByIdLoader,
    ProductChannelListingsByProductIdLoader,
    ProductTypeByIdLoader,
    StocksByVariantIdLoader,
    ThumbnailsByMediaIdLoader,
    VariantByIdLoader,
    VariantChannelListingsByVariantIdLoader,
    VariantsByProductIdLoader,
    WarehouseByIdLoader,
)
from storefront_api.catalog.enums import (
    AttributeEntityTypeEnum,
    AttributeInputTypeEnum,
    AttributeTypeEnum,
    MeasurementUnitsEnum,
    ProductErrorCode,
    ProductMediaType,
    ProductTypeKindEnum,
    StockErrorCode,
    VariantAttributeScope,
)
from storefront_api.catalog.filters import ChannelScope, ProductFilterInput, ProductWhereInput
from storefront_api.catalog.permissions import require, scope_of
from storefront_api.catalog.search import ProductFacets, resolve_did_you_mean, resolve_facets
from storefront_api.catalog.sorters import MediaSortingInput, ProductOrder, sort_media
from storefront_api.catalog.variant_filters import (
    variant_list_arguments,
    variants_condition,
    variants_order,
)
from storefront_api.core.connection import CountableConnection
from storefront_api.core.enums import (
    CountryCode,
    LanguageCodeEnum,
    ThumbnailFormatEnum,
    WeightUnitsEnum,
)
from storefront_api.core.ids import decode_int_pk, global_id
from storefront_api.core.metadata import NoStoredMetadata, ObjectWithMetadata
from storefront_api.core.scalars import PositiveInt
from storefront_api.village_hubs.inputs import AddressInput
from storefront_api.village_hubs.types import Channel, Cooperative, Producer, Warehouse

# storefront browsing: ``address`` arguments are accepted and ignored
ADDRESS_DESCRIPTION = "Destination address; ignored (prices and stock are per channel)."

ERROR_FIELD_DESCRIPTION = (
    "Name of a field that caused the error. A value of `null` indicates that the error "
    "isn't associated with a particular field."
)


# --- helpers -----------------------------------------------------------------------------


def absolute_url(url: str) -> str:
    """``url`` made absolute with ``settings.PUBLIC_URL`` unless it already is."""
    if url.startswith(("http://", "https://")):
        return url
    return settings.PUBLIC_URL + (url if url.startswith("/") else f"/{url}")


def file_of(value: AttributeValueModel) -> Any:
    """The ``File`` of a file attribute's value (absolute URL), ``None`` for other values."""
    if not value.file_url:
        return None
    return tr.File(
        url=absolute_url(attribute_file_url(value.file_url)),
        content_type=value.content_type or None,
    )


def _format_value(format: Any) -> str:
    value = getattr(format, "value", format)
    return str(value or images.ThumbnailFormat.ORIGINAL).lower()


def media_url(
    media: ProductMediaModel, thumbnails: list[ThumbnailModel], size: int | None, format: Any
) -> str:
    """Absolute URL of ``media`` at the nearest Saleor size: the stored thumbnail when it
    exists, else the thumbnail view that makes it. ``size`` ``None``/0: the original."""
    if size is None or size == images.ORIGINAL_SIZE:
        return absolute_url(media.image.url)
    target = images.thumbnail_size_for(size)
    fmt = _format_value(format)
    for thumbnail in thumbnails:
        if thumbnail.size == target and thumbnail.format == fmt:
            return absolute_url(thumbnail.image.url)
    return absolute_url(thumbnail_path(global_id("ProductMedia", media.pk), target, fmt))


_ID_MARK, _SIZE_MARK, _FORMAT_MARK = "IDMARK", 987654321, "FORMATMARK"


@functools.lru_cache(maxsize=16)
def _thumbnail_route(script_prefix: str, with_format: bool) -> str:
    kwargs: dict[str, Any] = {"instance_id": _ID_MARK, "size": _SIZE_MARK}
    if with_format:
        kwargs["format"] = _FORMAT_MARK
    return reverse("thumbnail-format" if with_format else "thumbnail", kwargs=kwargs)


def thumbnail_path(media_id: str, size: int, fmt: str) -> str:
    """The thumbnail view's path for ``media_id``, as ``reverse`` gives it.

    A product list asks it for every product; ``reverse`` costs ~0.2 ms a call, so the
    route is reversed once (per script prefix) and filled in. Ids and formats are plain
    base64 and words: nothing ``reverse`` would quote differently.
    """
    with_format = fmt != images.ThumbnailFormat.ORIGINAL
    if "/" in media_id or not fmt.isalnum():
        kwargs: dict[str, Any] = {"instance_id": media_id, "size": size}
        if with_format:
            kwargs["format"] = fmt
        return reverse("thumbnail-format" if with_format else "thumbnail", kwargs=kwargs)
    route = _thumbnail_route(get_script_prefix(), with_format)
    route = route.replace(_ID_MARK, media_id, 1).replace(str(_SIZE_MARK), str(size), 1)
    return route.replace(_FORMAT_MARK, fmt, 1) if with_format else route


def _channel_slug(obj: Any) -> str | None:
    return getattr(obj, "channel_slug", None)


def _weight(grams: int | None) -> dict[str, Any] | None:
    if grams is None:
        return None
    return {"unit": "g", "value": float(grams)}


def _manages(info: graphene.ResolveInfo, cooperative_id: int | None) -> bool:
    return scope_of(info.context).works_for_cooperative(cooperative_id)


# --- small value types -------------------------------------------------------------------


class Weight(graphene.ObjectType):
    unit = WeightUnitsEnum(required=True, description="Weight unit.")
    value = graphene.Float(required=True, description="Weight value.")

    class Meta:
        description = "Represents weight value in a specific weight unit."


class Money(graphene.ObjectType):
    currency = graphene.String(required=True, description="Currency code.")
    amount = graphene.Float(required=True, description="Amount of money; whole rupiah for IDR.")
    fractional_amount = graphene.Int(
        required=True, description="Amount in the currency's minor unit."
    )
    fraction_digits = graphene.Int(
        required=True, description="Number of digits after the decimal point."
    )

    class Meta:
        description = "Represents amount of money in specific currency."

    @staticmethod
    def resolve_amount(root: dict[str, Any], info: graphene.ResolveInfo) -> float:
        return float(root["amount"])

    @staticmethod
    def resolve_fraction_digits(root: dict[str, Any], info: graphene.ResolveInfo) -> int:
        return 0  # rupiah has no minor unit in practice

    @staticmethod
    def resolve_fractional_amount(root: dict[str, Any], info: graphene.ResolveInfo) -> int:
        return int(root["amount"])


def money(amount: Decimal | int | None, currency: str) -> dict[str, Any] | None:
    if amount is None:
        return None
    return {"amount": amount, "currency": currency}


class Image(graphene.ObjectType):
    url = graphene.String(required=True, description="The URL of the image.")
    alt = graphene.String(description="Alt text for an image.")

    class Meta:
        description = "Represents an image."


class TaxType(graphene.ObjectType):
    description = graphene.String(description="Description of the tax type.")
    tax_code = graphene.String(description="External tax code used to identify given tax group.")

    class Meta:
        description = (
            "Representation of tax types fetched from tax gateway. Lumbung has no tax "
            "gateway: listing prices are final (no PPN is added for non-PKP sellers)."
        )


TAX_TYPE_DEPRECATION = "Use `taxClass` field instead."


class ProductPermit(graphene.ObjectType):
    number = graphene.String(required=True, description="Permit or certificate number.")
    expired = graphene.Boolean(required=True, description="Whether the permit has expired.")
    expires_on = graphene.Date(description="Expiry date (halal certificates).")
    expiry_year = graphene.Int(description="Last year the permit is valid (P-IRT).")

    class Meta:
        description = "A food permit of the product's producer."


class ProductPermits(graphene.ObjectType):
    halal = graphene.Field(ProductPermit, description="Halal certificate.")
    pirt = graphene.Field(ProductPermit, description="Home-industry food permit (P-IRT).")
    bpom = graphene.Field(ProductPermit, description="BPOM registration (MD/ML).")

    class Meta:
        description = "Food permits (halal, P-IRT, BPOM) of the product's producer."


# --- errors ------------------------------------------------------------------------------


class ProductError(graphene.ObjectType):
    field = graphene.String(description=ERROR_FIELD_DESCRIPTION)
    message = graphene.String(description="The error message.")
    code = ProductErrorCode(required=True, description="The error code.")
    attributes = graphene.List(
        graphene.NonNull(graphene.ID), description="List of attributes IDs which causes the error."
    )
    values = graphene.List(
        graphene.NonNull(graphene.ID),
        description="List of attribute values IDs which causes the error.",
    )


class ProductChannelListingError(ProductError):
    channels = graphene.List(
        graphene.NonNull(graphene.ID), description="List of channels IDs which causes the error."
    )
    variants = graphene.List(
        graphene.NonNull(graphene.ID), description="List of variants IDs which causes the error."
    )


class BulkStockError(ProductError):
    index = graphene.Int(description="Index of an input list item that caused the error.")


class StockError(graphene.ObjectType):
    field = graphene.String(description=ERROR_FIELD_DESCRIPTION)
    message = graphene.String(description="The error message.")
    code = StockErrorCode(required=True, description="The error code.")


# --- categories and product types --------------------------------------------------------


class Category(NoStoredMetadata, graphene.ObjectType):
    name = graphene.String(required=True, description="Name of the category.")
    description = graphene.JSONString(description="Description of the category (EditorJS).")
    description_json = graphene.JSONString(
        description="Description of the category (EditorJS).",
        deprecation_reason="Use the `description` field instead.",
        resolver=lambda root, info: root.description,
    )
    slug = graphene.String(required=True, description="Slug of the category.")
    parent = graphene.Field(lambda: Category, description="Parent category, if any.")
    level = graphene.Int(required=True, description="Depth in the tree; 0 for roots.")
    updated_at = graphene.DateTime(required=True, description="Last update time.")
    products = graphene.ConnectionField(
        lambda: ProductCountableConnection,
        channel=graphene.String(description="Slug of a channel to list products in."),
        filter=graphene.Argument(ProductFilterInput, description="Filtering options for products."),
        where=graphene.Argument(ProductWhereInput, description="Where filtering options."),
        sort_by=graphene.Argument(ProductOrder, description="Sort products."),
        search=graphene.String(description="Search products by name, slug or SKU."),
        description="Products of the category visible to the requestor.",
    )
    children = graphene.ConnectionField(
        lambda: CategoryCountableConnection, description="Direct subcategories."
    )
    background_image = graphene.Field(
        Image,
        size=graphene.Int(description="Ignored: the original image is returned."),
        format=ThumbnailFormatEnum(
            default_value="original", description="Ignored: the original image is returned."
        ),
        description="Background image of the category.",
    )

    # --- storefront browsing ---
    seo_title = graphene.String(description="SEO title; the name when not set.")
    seo_description = graphene.String(
        description="SEO description; the start of the description when not set."
    )
    translation = graphene.Field(
        lambda: tr.CategoryTranslation,
        language_code=graphene.Argument(
            LanguageCodeEnum,
            required=True,
            description="A language code to return the translation for.",
        ),
        description="Returns translated category fields for the given language code.",
    )
    ancestors = graphene.ConnectionField(
        lambda: CategoryCountableConnection, description="List of ancestors of the category."
    )

    @staticmethod
    def resolve_seo_title(root: CategoryModel, info: graphene.ResolveInfo) -> str:
        return root.name

    @staticmethod
    def resolve_seo_description(root: CategoryModel, info: graphene.ResolveInfo) -> str:
        return tr.seo_description(root.description_plaintext)

    @staticmethod
    def resolve_translation(
        root: CategoryModel, info: graphene.ResolveInfo, language_code: Any
    ) -> Any:
        return tr.load_translation(info, "category", root, language_code)

    @staticmethod
    def resolve_ancestors(root: CategoryModel, info: graphene.ResolveInfo, **args: Any) -> Any:
        ancestors: list[CategoryModel] = []
        parent_id = root.parent_id
        while parent_id is not None and len(ancestors) < 50:
            parent = CategoryByIdLoader(info.context).load(parent_id)
            if parent is None:
                break
            ancestors.append(parent)
            parent_id = parent.parent_id
        return sf.list_connection(ancestors, info, args, CategoryCountableConnection)

    # --- end storefront browsing ---

    class Meta:
        description = "A category of products."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, CategoryModel)

    @classmethod
    def get_node(cls, info: graphene.ResolveInfo, id: str) -> CategoryModel | None:
        return CategoryModel.objects.filter(pk=id).first() if str(id).isdigit() else None

    @staticmethod
    def resolve_parent(root: CategoryModel, info: graphene.ResolveInfo) -> Any:
        if root.parent_id is None:
            return None
        return CategoryByIdLoader(info.context).load_from(root, key=lambda c: c.parent_id)

    @staticmethod
    def resolve_products(root: CategoryModel, info: graphene.ResolveInfo, **args: Any) -> Any:
        from storefront_api.catalog.schema import resolve_products

        return resolve_products(info, args, category=root)

    @staticmethod
    def resolve_children(root: CategoryModel, info: graphene.ResolveInfo, **args: Any) -> Any:
        from storefront_api.core.connection import resolve_connection

        return resolve_connection(
            CategoryModel.objects.filter(parent=root), info, args, CategoryCountableConnection
        )

    @staticmethod
    def resolve_background_image(
        root: CategoryModel, info: graphene.ResolveInfo, **_args: Any
    ) -> dict[str, Any] | None:
        if not root.background_image:
            return None
        return {
            "url": absolute_url(root.background_image.url),
            "alt": root.background_image_alt,
        }


class CategoryCountableConnection(CountableConnection):
    class Meta:
        node = Category


class ProductType(NoStoredMetadata, graphene.ObjectType):
    name = graphene.String(required=True, description="Name of the product type.")
    slug = graphene.String(required=True, description="Slug of the product type.")
    has_variants = graphene.Boolean(
        required=True,
        description="Whether products of this type have several variants.",
        deprecation_reason=(
            "This is a leftover from the past Simple/Configurable product distinction. "
            "Products can have multiple variants regardless of this setting. "
        ),
    )
    is_shipping_required = graphene.Boolean(
        required=True, description="Whether products of this type need delivery."
    )
    weight = graphene.Field(Weight, description="Default weight of products of this type.")
    kind = ProductTypeKindEnum(required=True, description="The product type kind.")
    # --- product types and attributes management (read side) ---
    variant_attributes = graphene.List(
        graphene.NonNull(lambda: Attribute),
        variant_selection=VariantAttributeScope(description="Define scope of returned attributes."),
        description="Variant attributes of that product type.",
        deprecation_reason="Use `assignedVariantAttributes` instead.",
    )
    assigned_variant_attributes = graphene.List(
        graphene.NonNull(lambda: AssignedVariantAttribute),
        variant_selection=VariantAttributeScope(description="Define scope of returned attributes."),
        description="Variant attributes of that product type with attached variant selection.",
    )
    product_attributes = graphene.List(
        graphene.NonNull(lambda: Attribute), description="Product attributes of that product type."
    )
    # --- end product types and attributes management ---
    products = graphene.ConnectionField(
        lambda: ProductCountableConnection,
        channel=graphene.String(
            description="Slug of a channel for which the data should be returned."
        ),
        description="List of products of this type visible to the requestor.",
        deprecation_reason="Use the top-level `products` query with the `productTypes` filter.",
    )
    tax_type = graphene.Field(
        TaxType,
        description="A type of tax (Lumbung has no tax gateway: null).",
        deprecation_reason=TAX_TYPE_DEPRECATION,
        resolver=lambda root, info: None,
    )

    @staticmethod
    def resolve_products(root: ProductTypeModel, info: graphene.ResolveInfo, **args: Any) -> Any:
        from storefront_api.catalog.schema import resolve_products

        return resolve_products(info, args, product_type=root)

    class Meta:
        description = "A kind of product, with its default settings."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ProductTypeModel)

    @staticmethod
    def resolve_weight(root: ProductTypeModel, info: graphene.ResolveInfo) -> Any:
        return _weight(root.weight_grams)

    @staticmethod
    def resolve_kind(root: ProductTypeModel, info: graphene.ResolveInfo) -> str:
        return str(getattr(root.kind, "value", root.kind))

    # --- product types and attributes management (read side) ---
    @staticmethod
    def resolve_product_attributes(root: ProductTypeModel, info: graphene.ResolveInfo) -> Any:
        rows = AttributeProductsByProductTypeIdLoader(info.context).load_from(
            root, key=lambda t: t.pk
        )
        return [row.attribute for row in rows]

    @staticmethod
    def resolve_assigned_variant_attributes(
        root: ProductTypeModel, info: graphene.ResolveInfo, variant_selection: Any = None
    ) -> Any:
        rows = AttributeVariantsByProductTypeIdLoader(info.context).load_from(
            root, key=lambda t: t.pk
        )
        scope = getattr(variant_selection, "value", variant_selection) or "all"
        if scope == "variant_selection":
            return [row for row in rows if row.variant_selection]
        if scope == "not_variant_selection":
            return [row for row in rows if not row.variant_selection]
        return rows

    @staticmethod
    def resolve_variant_attributes(
        root: ProductTypeModel, info: graphene.ResolveInfo, variant_selection: Any = None
    ) -> Any:
        rows = ProductType.resolve_assigned_variant_attributes(root, info, variant_selection)
        return [row.attribute for row in rows]


class AssignedVariantAttribute(graphene.ObjectType):
    attribute = graphene.Field(
        lambda: Attribute, required=True, description="Attribute assigned to variant."
    )
    variant_selection = graphene.Boolean(
        required=True,
        description="Determines, whether assigned attribute is allowed for variant selection.",
    )

    class Meta:
        description = "Represents assigned attribute to variant with variant selection attached."


# --- end product types and attributes management ---


class ProductTypeCountableConnection(CountableConnection):
    class Meta:
        node = ProductType


# --- attributes --------------------------------------------------------------------------


class AttributeValue(graphene.ObjectType):
    name = graphene.String(description="Name of the value.")
    slug = graphene.String(description="Slug of the value.")
    input_type = AttributeInputTypeEnum(description="Input type of the value's attribute.")
    rich_text = graphene.JSONString(description="Rich text value (EditorJS).")
    plain_text = graphene.String(description="Plain text value.")
    boolean = graphene.Boolean(description="Boolean value.")
    date_time = graphene.DateTime(description="Date and time value.")
    date = graphene.Date(description="Represents the date value of the attribute value.")
    external_reference = graphene.String(description="External ID of this attribute value.")

    @staticmethod
    def resolve_date(root: AttributeValueModel, info: graphene.ResolveInfo) -> Any:
        if root.date_time is None or root.attribute.input_type != AttributeModel.InputType.DATE:
            return None
        return root.date_time.date()

    # --- storefront browsing (no swatches or value translations yet: null) ---
    value = graphene.String(description="Represents the value of the attribute value.")
    file = graphene.Field(
        lambda: tr.File,
        description="Represents file URL and content type (if attribute value is a file).",
    )
    reference = graphene.ID(description="The ID of the referenced object.")
    translation = graphene.Field(
        lambda: tr.AttributeValueTranslation,
        language_code=graphene.Argument(
            LanguageCodeEnum,
            required=True,
            description="A language code to return the translation for.",
        ),
        description="Returns translated attribute value fields for the given language code.",
    )

    @staticmethod
    def resolve_value(root: AttributeValueModel, info: graphene.ResolveInfo) -> None:
        return None

    @staticmethod
    def resolve_file(root: AttributeValueModel, info: graphene.ResolveInfo) -> Any:
        return file_of(root)

    @staticmethod
    def resolve_reference(root: AttributeValueModel, info: graphene.ResolveInfo) -> str | None:
        if root.reference_collection_id is None:
            return None
        return global_id("Collection", root.reference_collection_id)

    @staticmethod
    def resolve_translation(
        root: AttributeValueModel, info: graphene.ResolveInfo, language_code: Any
    ) -> None:
        return None

    # --- end storefront browsing ---

    class Meta:
        description = "A value of an attribute."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, AttributeValueModel)

    @staticmethod
    def resolve_input_type(root: AttributeValueModel, info: graphene.ResolveInfo) -> str:
        return str(getattr(root.attribute.input_type, "value", root.attribute.input_type))


class AttributeValueCountableConnection(CountableConnection):
    class Meta:
        node = AttributeValue


class Attribute(NoStoredMetadata, graphene.ObjectType):
    input_type = AttributeInputTypeEnum(description="How values of the attribute are entered.")
    name = graphene.String(required=True, description="Name of the attribute.")
    slug = graphene.String(required=True, description="Slug of the attribute.")
    type = AttributeTypeEnum(required=True, description="What the attribute describes.")
    # --- acct: unit and reference entity type ---
    unit = MeasurementUnitsEnum(description="The unit of attribute values.")
    entity_type = AttributeEntityTypeEnum(
        description="The entity type which can be used as a reference."
    )

    @staticmethod
    def resolve_unit(root: AttributeModel, info: graphene.ResolveInfo) -> str | None:
        return root.unit or None

    @staticmethod
    def resolve_entity_type(root: AttributeModel, info: graphene.ResolveInfo) -> str | None:
        return root.entity_type or None

    # --- end acct ---
    external_reference = graphene.String(description="External ID of this attribute.")
    product_types = graphene.ConnectionField(
        ProductTypeCountableConnection,
        required=True,
        description="Product types using the attribute on products.",
    )
    product_variant_types = graphene.ConnectionField(
        ProductTypeCountableConnection,
        required=True,
        description="Product types using the attribute on variants.",
    )
    reference_types = graphene.List(
        graphene.NonNull("storefront_api.content.types.ReferenceType"),
        limit=PositiveInt(
            default_value=100, description="Maximum number of reference types to return."
        ),
        description="The reference types (product or page type) that are used to narrow down "
        "the choices of reference objects. Lumbung's references point at collections, not "
        "at types of products or pages: empty.",
    )

    @staticmethod
    def resolve_product_types(root: AttributeModel, info: graphene.ResolveInfo, **args: Any) -> Any:
        types = ProductTypesByAttributeIdLoader(info.context).load_from(root, key=lambda a: a.pk)
        return sf.list_connection(types, info, args, ProductTypeCountableConnection)

    @staticmethod
    def resolve_product_variant_types(
        root: AttributeModel, info: graphene.ResolveInfo, **args: Any
    ) -> Any:
        loader = VariantProductTypesByAttributeIdLoader(info.context)
        types = loader.load_from(root, key=lambda a: a.pk)
        return sf.list_connection(types, info, args, ProductTypeCountableConnection)

    @staticmethod
    def resolve_reference_types(root: AttributeModel, info: graphene.ResolveInfo, **_: Any) -> list:
        return []

    choices = graphene.ConnectionField(
        AttributeValueCountableConnection,
        description="Predefined values of the attribute.",
        **choices_arguments(),
    )
    value_required = graphene.Boolean(required=True, description="Whether a value must be given.")
    visible_in_storefront = graphene.Boolean(
        required=True, description="Whether the attribute is shown in the storefront."
    )
    with_choices = graphene.Boolean(
        required=True, description="Whether the attribute has predefined values."
    )
    # --- product types and attributes management (read side) ---
    filterable_in_storefront = graphene.Boolean(
        required=True,
        description="Whether the attribute can be filtered in storefront.",
        deprecation_reason="This flag is not used by Saleor. Keep the logic in the storefront "
        "or use `Attribute` metadata instead.",
    )
    storefront_search_position = graphene.Int(
        required=True,
        description="The position of the attribute in the storefront navigation.",
        deprecation_reason="This flag is not used by Saleor. Keep the logic in the storefront "
        "or use `Attribute` metadata instead.",
    )
    # --- end product types and attributes management ---
    # --- storefront browsing (no attribute translations yet: null) ---
    translation = graphene.Field(
        lambda: tr.AttributeTranslation,
        language_code=graphene.Argument(
            LanguageCodeEnum,
            required=True,
            description="A language code to return the translation for.",
        ),
        description="Returns translated attribute fields for the given language code.",
    )

    @staticmethod
    def resolve_translation(
        root: AttributeModel, info: graphene.ResolveInfo, language_code: Any
    ) -> None:
        return None

    # --- end storefront browsing ---

    class Meta:
        description = "A product attribute (e.g. size, flavour)."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, AttributeModel)

    @staticmethod
    def resolve_type(root: AttributeModel, info: graphene.ResolveInfo) -> str:
        return "product-type"

    @staticmethod
    def resolve_input_type(root: AttributeModel, info: graphene.ResolveInfo) -> str:
        return str(getattr(root.input_type, "value", root.input_type))

    @staticmethod
    def resolve_with_choices(root: AttributeModel, info: graphene.ResolveInfo) -> bool:
        return root.input_type in {
            AttributeModel.InputType.DROPDOWN,
            AttributeModel.InputType.MULTISELECT,
        }

    @staticmethod
    def resolve_choices(root: AttributeModel, info: graphene.ResolveInfo, **args: Any) -> Any:
        """The attribute's values kept by ``args``, loaded for a whole page of attributes
        at once (one query per set of arguments)."""
        chosen = {name: args.get(name) for name in ("filter", "where", "search", "sort_by")}
        condition, order = choices_condition(chosen)
        args_key = json.dumps(chosen, default=str, sort_keys=True)
        loader = ChoicesByAttributeIdLoader(info.context)
        loader.register(args_key, condition, order)
        values = loader.load_from(root, key=lambda attribute: (attribute.pk, args_key))
        return sf.list_connection(values, info, args, AttributeValueCountableConnection)


class AttributeCountableConnection(CountableConnection):
    class Meta:
        node = Attribute


# --- media -------------------------------------------------------------------------------


class ProductMedia(NoStoredMetadata, graphene.ObjectType):
    sort_order = graphene.Int(description="Position among the product's media.")
    alt = graphene.String(required=True, description="Alternative text of the image.")
    type = ProductMediaType(required=True, description="Type of the media.")
    url = graphene.String(
        required=True,
        size=graphene.Int(
            description="Size of the longer side in pixels; the nearest available size is "
            "used. Without it, or with 0, the original image."
        ),
        format=ThumbnailFormatEnum(default_value="original", description="Image format."),
        description="Absolute URL of the image.",
    )
    product_id = graphene.ID(description="Global ID of the product.")
    oembed_data = graphene.JSONString(
        required=True,
        description="The oEmbed data of the media (Lumbung embeds none: an empty object).",
        resolver=lambda root, info: {},
    )

    class Meta:
        description = "An image of a product."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ProductMediaModel)

    @staticmethod
    def resolve_type(root: ProductMediaModel, info: graphene.ResolveInfo) -> str:
        return str(getattr(root.type, "value", root.type))

    @staticmethod
    def resolve_url(
        root: ProductMediaModel,
        info: graphene.ResolveInfo,
        size: int | None = None,
        format: Any = None,
    ) -> str:
        thumbnails: list[ThumbnailModel] = []
        if size:
            thumbnails = ThumbnailsByMediaIdLoader(info.context).load_from(root, key=lambda m: m.pk)
        return media_url(root, thumbnails, size, format)

    @staticmethod
    def resolve_product_id(root: ProductMediaModel, info: graphene.ResolveInfo) -> str:
        return global_id("Product", root.product_id)


class ProductImage(graphene.ObjectType):
    id = graphene.ID(required=True, description="The ID of the image.")
    alt = graphene.String(description="The alt text of the image.")
    sort_order = graphene.Int(description="Position among the product's images.")
    url = graphene.String(
        required=True,
        size=graphene.Int(
            description="Size of the longer side in pixels; the nearest available size is "
            "used. Without it, or with 0, the original image."
        ),
        format=ThumbnailFormatEnum(default_value="original", description="Image format."),
        description="The URL of the image.",
    )

    class Meta:
        description = "Represents a product image (a product media of type IMAGE)."

    @staticmethod
    def resolve_id(root: ProductMediaModel, info: graphene.ResolveInfo) -> str:
        return global_id("ProductImage", root.pk)

    @staticmethod
    def resolve_url(root: ProductMediaModel, info: graphene.ResolveInfo, **args: Any) -> str:
        return ProductMedia.resolve_url(root, info, **args)


def _images(media: list[ProductMediaModel]) -> list[ProductMediaModel]:
    return [item for item in media if item.type == ProductMediaModel.Type.IMAGE]


# --- channel listings and stock ----------------------------------------------------------


def _listing_visible(info: graphene.ResolveInfo, listing: Any) -> bool:
    scope = scope_of(info.context)
    return scope.works_for_cooperative(listing.cooperative_id) or scope.operates_channel(
        listing.channel_id
    )


class ProductChannelListing(graphene.ObjectType):
    published_at = graphene.DateTime(description="When the product is (or was) published.")
    is_published = graphene.Boolean(
        required=True, description="Whether the product is published in the channel."
    )
    channel = graphene.Field(Channel, required=True, description="The channel.")
    visible_in_listings = graphene.Boolean(
        required=True, description="Whether the product appears in product lists."
    )
    available_for_purchase_at = graphene.DateTime(
        description="From when the product can be bought."
    )

    class Meta:
        description = "A product's listing in a channel (a village hub's storefront)."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ProductChannelListingModel)

    @staticmethod
    def resolve_channel(root: ProductChannelListingModel, info: graphene.ResolveInfo) -> Any:
        return ChannelByIdLoader(info.context).load_from(root, key=lambda obj: obj.channel_id)


class ProductVariantChannelListing(graphene.ObjectType):
    channel = graphene.Field(Channel, required=True, description="The channel.")
    price = graphene.Field(Money, description="Price of the variant in the channel.")
    cost_price = graphene.Field(
        Money, description="Cost price; only for the product's cooperative and platform staff."
    )

    class Meta:
        description = "A variant's price in a channel."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ProductVariantChannelListingModel)

    @staticmethod
    def resolve_channel(root: ProductVariantChannelListingModel, info: graphene.ResolveInfo) -> Any:
        return ChannelByIdLoader(info.context).load_from(root, key=lambda obj: obj.channel_id)

    @staticmethod
    def resolve_price(root: ProductVariantChannelListingModel, info: graphene.ResolveInfo) -> Any:
        return money(root.price_amount, root.currency)

    @staticmethod
    def resolve_cost_price(
        root: ProductVariantChannelListingModel, info: graphene.ResolveInfo
    ) -> Any:
        if not _manages(info, getattr(root, "cooperative_id", None)):
            return None
        return money(root.cost_price_amount, root.currency)


class Stock(graphene.ObjectType):
    warehouse = graphene.Field(Warehouse, required=True, description="The warehouse.")
    product_variant = graphene.Field(
        lambda: ProductVariant, required=True, description="The variant."
    )
    quantity = graphene.Int(required=True, description="Units in the warehouse.")
    quantity_allocated = graphene.Int(
        required=True, description="Units allocated to orders not yet fulfilled."
    )
    quantity_reserved = graphene.Int(
        required=True, description="Units reserved by checkouts (always 0 for now)."
    )

    class Meta:
        description = "Stock of a variant in a warehouse."
        interfaces = (graphene.relay.Node,)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, StockModel)

    @staticmethod
    def resolve_warehouse(root: StockModel, info: graphene.ResolveInfo) -> Any:
        return WarehouseByIdLoader(info.context).load_from(root, key=lambda s: s.warehouse_id)

    @staticmethod
    def resolve_product_variant(root: StockModel, info: graphene.ResolveInfo) -> Any:
        return VariantByIdLoader(info.context).load_from(root, key=lambda s: s.product_variant_id)

    @staticmethod
    def resolve_quantity_reserved(root: StockModel, info: graphene.ResolveInfo) -> int:
        return 0


# --- products and variants ---------------------------------------------------------------


PREORDER_DEPRECATION = (
    "Preorder is deprecated and will be removed. Model pre-sales with regular stock "
    "instead: create the planned quantity in a warehouse, or set `trackInventory` to false "
    "to sell without a stock limit."
)


class PreorderData(graphene.ObjectType):
    global_threshold = graphene.Int(
        description="The global preorder threshold for product variant.",
        deprecation_reason=PREORDER_DEPRECATION,
    )
    global_sold_units = graphene.Int(
        required=True,
        description="Total number of sold product variant during preorder.",
        deprecation_reason=PREORDER_DEPRECATION,
    )
    end_date = graphene.DateTime(
        description="Preorder end date.", deprecation_reason=PREORDER_DEPRECATION
    )


class ProductVariant(graphene.ObjectType):
    name = graphene.String(required=True, description="Name of the variant.")
    sku = graphene.String(description="Stock keeping unit.")
    product = graphene.Field(lambda: Product, required=True, description="The product.")
    track_inventory = graphene.Boolean(
        required=True, description="Whether stock is checked when the variant is sold."
    )
    quantity_limit_per_customer = graphene.Int(description="Most units one customer may buy.")
    weight = graphene.Field(Weight, description="Weight of the variant.")
    channel = graphene.String(description="Slug of the channel the variant was asked for in.")
    channel_listings = graphene.List(
        graphene.NonNull(ProductVariantChannelListing),
        description="Prices per channel. Requires managing the product or operating the hub.",
    )
    media = graphene.List(
        graphene.NonNull(ProductMedia), description="Images of the variant's product."
    )
    preorder = graphene.Field(
        PreorderData,
        description="Preorder data for product variant (Lumbung sells from stock: null).",
        deprecation_reason=PREORDER_DEPRECATION,
        resolver=lambda root, info: None,
    )
    stocks = graphene.List(
        graphene.NonNull(Stock),
        description="Stock per warehouse. Requires managing the product or operating the hub.",
    )
    created = graphene.DateTime(required=True, description="Creation time.")
    updated_at = graphene.DateTime(required=True, description="Last update time.")

    # --- storefront browsing ---
    pricing = graphene.Field(
        lambda: sf.VariantPricingInfo,
        address=graphene.Argument(AddressInput, description=ADDRESS_DESCRIPTION),
        description="Lists the storefront variant's pricing in the channel; null when the "
        "variant has no price or its product is not published there.",
    )
    quantity_available = graphene.Int(
        address=graphene.Argument(AddressInput, description=ADDRESS_DESCRIPTION),
        country_code=graphene.Argument(
            CountryCode,
            description="Ignored.",
            deprecation_reason="Use `address` argument instead.",
        ),
        description="Quantity a customer can buy in the channel: stock minus allocations "
        "and other checkouts' reservations, at most the per-line limit.",
    )
    attributes = graphene.List(
        graphene.NonNull(lambda: sf.SelectedAttribute),
        required=True,
        variant_selection=graphene.Argument(
            VariantAttributeScope, description="Define scope of returned attributes."
        ),
        description="List of attributes assigned to this variant.",
        deprecation_reason="Use the `assignedAttributes` field instead.",
    )
    translation = graphene.Field(
        lambda: tr.ProductVariantTranslation,
        language_code=graphene.Argument(
            LanguageCodeEnum,
            required=True,
            description="A language code to return the translation for.",
        ),
        description="Returns translated product variant fields for the given language code.",
    )
    assigned_attribute = graphene.Field(
        lambda: aa.AssignedAttribute,
        slug=graphene.String(required=True, description="Slug of the attribute"),
        description="Get a single attribute attached to product variant by attribute slug.",
    )
    assigned_attributes = graphene.NonNull(
        graphene.List(graphene.NonNull(lambda: aa.AssignedAttribute)),
        limit=PositiveInt(
            default_value=aa.DEFAULT_LIMIT, description="Maximum number of attributes to return."
        ),
        description="List of attributes assigned to this variant.",
    )
    external_reference = graphene.String(
        description="External ID of this product variant (Lumbung stores none: null).",
        resolver=lambda root, info: None,
    )
    images = graphene.List(
        graphene.NonNull(ProductImage),
        description="List of images for the product variant.",
        deprecation_reason="Use the `media` field instead.",
    )
    margin = graphene.Int(
        description="Gross margin percentage value in the channel; only for the product's "
        "cooperative and platform staff (as `costPrice`), else null."
    )

    @staticmethod
    def resolve_assigned_attribute(
        root: ProductVariantModel, info: graphene.ResolveInfo, slug: str
    ) -> Any:
        items = aa.assigned(sf.resolve_variant_attributes(info, root), owner=root)
        return next((item for item in items if item.attribute.slug == slug), None)

    @staticmethod
    def resolve_assigned_attributes(
        root: ProductVariantModel, info: graphene.ResolveInfo, limit: int = aa.DEFAULT_LIMIT
    ) -> Any:
        return aa.assigned(sf.resolve_variant_attributes(info, root), owner=root)[:limit]

    @staticmethod
    def resolve_images(root: ProductVariantModel, info: graphene.ResolveInfo) -> Any:
        return _images(ProductVariant.resolve_media(root, info))

    @staticmethod
    def resolve_margin(root: ProductVariantModel, info: graphene.ResolveInfo) -> int | None:
        channel = sf.channel_of(info, root)
        if channel is None or not _manages(info, _variant_cooperative_id(info, root)):
            return None
        listings = VariantChannelListingsByVariantIdLoader(info.context).load_from(
            root, key=lambda v: v.pk
        )
        listing = next((item for item in listings if item.channel_id == channel.pk), None)
        if listing is None or not listing.price_amount or listing.cost_price_amount is None:
            return None
        gain = (listing.price_amount - listing.cost_price_amount) / listing.price_amount
        return int(round(gain * 100))

    @staticmethod
    def resolve_pricing(root: ProductVariantModel, info: graphene.ResolveInfo, **_args: Any) -> Any:
        product = ProductByIdLoader(info.context).load_from(root, key=lambda v: v.product_id)
        return sf.resolve_variant_pricing(info, root, product)

    @staticmethod
    def resolve_quantity_available(
        root: ProductVariantModel, info: graphene.ResolveInfo, **_args: Any
    ) -> int | None:
        return sf.resolve_quantity_available(info, root)

    @staticmethod
    def resolve_attributes(
        root: ProductVariantModel, info: graphene.ResolveInfo, variant_selection: Any = None
    ) -> Any:
        return sf.resolve_variant_attributes(info, root, variant_selection)

    @staticmethod
    def resolve_translation(
        root: ProductVariantModel, info: graphene.ResolveInfo, language_code: Any
    ) -> Any:
        return tr.load_translation(info, "variant", root, language_code)

    # --- end storefront browsing ---

    class Meta:
        description = "A variant of a product (e.g. a package size) with its own SKU."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ProductVariantModel)

    @staticmethod
    def resolve_name(root: ProductVariantModel, info: graphene.ResolveInfo) -> str:
        return root.name or ""

    @staticmethod
    def resolve_created(root: ProductVariantModel, info: graphene.ResolveInfo) -> Any:
        return root.created_at

    @staticmethod
    def resolve_product(root: ProductVariantModel, info: graphene.ResolveInfo) -> Any:
        product = ProductByIdLoader(info.context).load_from(root, key=lambda v: v.product_id)
        if product is not None and _channel_slug(root):
            product.channel_slug = _channel_slug(root)
        return product

    @staticmethod
    def resolve_weight(root: ProductVariantModel, info: graphene.ResolveInfo) -> Any:
        return _weight(root.weight_grams)

    @staticmethod
    def resolve_channel(root: ProductVariantModel, info: graphene.ResolveInfo) -> str | None:
        return _channel_slug(root)

    @staticmethod
    def resolve_channel_listings(root: ProductVariantModel, info: graphene.ResolveInfo) -> Any:
        scope = scope_of(info.context)
        require(scope.is_catalog_staff)
        listings = VariantChannelListingsByVariantIdLoader(info.context).load_from(
            root, key=lambda v: v.pk
        )
        if scope.works_for_cooperative(_variant_cooperative_id(info, root)):
            return listings
        return [listing for listing in listings if scope.operates_channel(listing.channel_id)]

    @staticmethod
    def resolve_media(root: ProductVariantModel, info: graphene.ResolveInfo) -> Any:
        return MediaByProductIdLoader(info.context).load_from(root, key=lambda v: v.product_id)

    @staticmethod
    def resolve_stocks(root: ProductVariantModel, info: graphene.ResolveInfo, **_args: Any) -> Any:
        scope = scope_of(info.context)
        require(scope.is_catalog_staff)
        stocks = StocksByVariantIdLoader(info.context).load_from(root, key=lambda v: v.pk)
        if scope.works_for_cooperative(_variant_cooperative_id(info, root)):
            return stocks
        return [stock for stock in stocks if scope.operates_hub(stock.hub_id)]


def _variant_cooperative_id(info: graphene.ResolveInfo, variant: ProductVariantModel) -> int:
    cooperative_id = getattr(variant, "cooperative_id", None)
    if cooperative_id is None:
        product = ProductByIdLoader(info.context).load_from(variant, key=lambda v: v.product_id)
        cooperative_id = product.cooperative_id
    return cooperative_id


class ProductVariantCountableConnection(CountableConnection):
    class Meta:
        node = ProductVariant


class Product(graphene.ObjectType):
    name = graphene.String(required=True, description="Name of the product.")
    description = graphene.JSONString(description="Description of the product (EditorJS).")
    description_json = graphene.JSONString(
        description="Description of the product (EditorJS).",
        deprecation_reason="Use the `description` field instead.",
        resolver=lambda root, info: root.description,
    )
    product_type = graphene.Field(ProductType, required=True, description="Type of the product.")
    slug = graphene.String(required=True, description="Slug of the product.")
    category = graphene.Field(Category, description="Category of the product.")
    created = graphene.DateTime(required=True, description="Creation time.")
    updated_at = graphene.DateTime(required=True, description="Last update time.")
    weight = graphene.Field(Weight, description="Weight of the product.")
    default_variant = graphene.Field(
        ProductVariant, description="The first variant of the product."
    )
    rating = graphene.Float(description="Rating of the product, 0 to 5.")
    channel = graphene.String(description="Slug of the channel the product was asked for in.")
    thumbnail = graphene.Field(
        Image,
        size=graphene.Int(
            description="Size of the longer side in pixels; the nearest available size is "
            "used (4096 when omitted, the original with 0)."
        ),
        format=ThumbnailFormatEnum(default_value="original", description="Image format."),
        description="The main image of the product.",
    )
    channel_listings = graphene.List(
        graphene.NonNull(ProductChannelListing),
        description="Listings per channel. Requires managing the product or operating the hub.",
    )
    variants = graphene.List(
        graphene.NonNull(ProductVariant),
        description="Variants of the product.",
        deprecation_reason="Use `productVariants` field instead.",
    )
    media = graphene.List(
        graphene.NonNull(ProductMedia),
        sort_by=graphene.Argument(MediaSortingInput, description="Sort media."),
        description="Images of the product.",
    )
    collections = graphene.List(
        graphene.NonNull("storefront_api.content.types.Collection"),
        description="List of collections for the product (those shown in the channel).",
    )
    media_by_id = graphene.Field(
        ProductMedia,
        id=graphene.ID(required=True, description="ID of a product media."),
        description="Get a single product media by ID.",
    )
    cooperative = graphene.Field(Cooperative, description="The cooperative selling the product.")
    producer = graphene.Field(Producer, description="The member producer making the product.")
    permits = graphene.Field(
        ProductPermits, required=True, description="Food permits of the product's producer."
    )

    # --- storefront browsing ---
    seo_title = graphene.String(description="SEO title; the name when not set.")
    seo_description = graphene.String(
        description="SEO description; the start of the description when not set."
    )
    pricing = graphene.Field(
        lambda: sf.ProductPricingInfo,
        address=graphene.Argument(AddressInput, description=ADDRESS_DESCRIPTION),
        description="Lists the storefront product's pricing in the channel; null when the "
        "product is not published there or no channel is given.",
    )
    is_available = graphene.Boolean(
        address=graphene.Argument(
            AddressInput, description=ADDRESS_DESCRIPTION, deprecation_reason="Not used."
        ),
        description="Whether the product is in stock, visible and available for purchase.",
    )
    is_available_for_purchase = graphene.Boolean(
        description="Whether the product is available for purchase."
    )
    available_for_purchase_at = graphene.DateTime(
        description="Date when product is available for purchase."
    )
    product_variants = graphene.ConnectionField(
        lambda: ProductVariantCountableConnection,
        description="List of variants for the product.",
        **variant_list_arguments(),
    )
    attributes = graphene.List(
        graphene.NonNull(lambda: sf.SelectedAttribute),
        required=True,
        description="List of attributes assigned to this product.",
        deprecation_reason="Use the `assignedAttributes` field instead.",
    )
    assigned_attribute = graphene.Field(
        lambda: aa.AssignedAttribute,
        slug=graphene.String(required=True, description="Slug of the attribute"),
        description="Get a single attribute attached to product by attribute slug.",
    )
    assigned_attributes = graphene.NonNull(
        graphene.List(graphene.NonNull(lambda: aa.AssignedAttribute)),
        limit=PositiveInt(
            default_value=aa.DEFAULT_LIMIT, description="Maximum number of attributes to return."
        ),
        description="List of attributes assigned to this product.",
    )
    translation = graphene.Field(
        lambda: tr.ProductTranslation,
        language_code=graphene.Argument(
            LanguageCodeEnum,
            required=True,
            description="A language code to return the translation for.",
        ),
        description="Returns translated product fields for the given language code.",
    )
    attribute = graphene.Field(
        lambda: sf.SelectedAttribute,
        slug=graphene.String(required=True, description="Slug of the attribute"),
        description="Get a single attribute attached to product by attribute slug.",
        deprecation_reason="Use the `assignedAttribute` field instead.",
    )
    available_for_purchase = graphene.Date(
        description="Date when product is available for purchase.",
        deprecation_reason="Use the `availableForPurchaseAt` field to fetch the available "
        "for purchase date.",
    )
    charge_taxes = graphene.Boolean(
        required=True,
        description="Whether taxes are added to the product's prices: false, Lumbung's "
        "listing prices are final (sellers are not PKP, no PPN is added).",
        deprecation_reason="Use `Channel.taxConfiguration` field to determine whether tax "
        "collection is enabled.",
        resolver=lambda root, info: False,
    )
    external_reference = graphene.String(
        description="External ID of this product (Lumbung stores none: null).",
        resolver=lambda root, info: None,
    )
    image_by_id = graphene.Field(
        ProductImage,
        id=graphene.ID(required=True, description="ID of a product image."),
        description="Get a single product image by ID.",
        deprecation_reason="Use the `mediaById` field instead.",
    )
    images = graphene.List(
        graphene.NonNull(ProductImage),
        description="List of images for the product.",
        deprecation_reason="Use the `media` field instead.",
    )
    tax_type = graphene.Field(
        TaxType,
        description="A type of tax (Lumbung has no tax gateway: null).",
        deprecation_reason=TAX_TYPE_DEPRECATION,
        resolver=lambda root, info: None,
    )

    @staticmethod
    def resolve_attribute(root: ProductModel, info: graphene.ResolveInfo, slug: str) -> Any:
        groups = sf.resolve_product_attributes(info, root)
        return next((group for group in groups if group["attribute"].slug == slug), None)

    @staticmethod
    def resolve_available_for_purchase(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        moment = sf.resolve_available_for_purchase_at(info, root)
        return moment.date() if moment else None

    @staticmethod
    def resolve_image_by_id(root: ProductModel, info: graphene.ResolveInfo, *, id: str) -> Any:
        wanted = decode_int_pk(id, only_type="ProductImage")
        media = MediaByProductIdLoader(info.context).load_from(root, key=lambda p: p.pk)
        return next((item for item in _images(media) if item.pk == wanted), None)

    @staticmethod
    def resolve_images(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        return _images(MediaByProductIdLoader(info.context).load_from(root, key=lambda p: p.pk))

    @staticmethod
    def resolve_seo_title(root: ProductModel, info: graphene.ResolveInfo) -> str:
        return root.name

    @staticmethod
    def resolve_seo_description(root: ProductModel, info: graphene.ResolveInfo) -> str:
        return tr.seo_description(root.description_plaintext)

    @staticmethod
    def resolve_pricing(root: ProductModel, info: graphene.ResolveInfo, **_args: Any) -> Any:
        return sf.resolve_product_pricing(info, root)

    @staticmethod
    def resolve_is_available(root: ProductModel, info: graphene.ResolveInfo, **_args: Any) -> Any:
        return sf.resolve_product_is_available(info, root, Product._variants(root, info))

    @staticmethod
    def resolve_is_available_for_purchase(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        return sf.resolve_is_available_for_purchase(info, root)

    @staticmethod
    def resolve_available_for_purchase_at(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        return sf.resolve_available_for_purchase_at(info, root)

    @staticmethod
    def resolve_product_variants(
        root: ProductModel, info: graphene.ResolveInfo, **args: Any
    ) -> Any:
        if all(args.get(name) is None for name in ("filter", "where", "sort_by")):
            variants = Product._variants(root, info)
        else:
            variants = Product._filtered_variants(root, info, args)
        return sf.list_connection(variants, info, args, ProductVariantCountableConnection)

    @staticmethod
    def _filtered_variants(
        root: ProductModel, info: graphene.ResolveInfo, args: dict[str, Any]
    ) -> list[ProductVariantModel]:
        """The product's variants kept by ``args``, loaded for the whole page at once."""
        slug = _channel_slug(root)
        chosen = {name: args.get(name) for name in ("filter", "where", "sort_by")}
        args_key = json.dumps([chosen, slug], default=str, sort_keys=True)
        loader = FilteredVariantsByProductIdLoader(info.context)
        loader.register(
            args_key,
            variants_condition(chosen, ChannelScope(slug)),
            variants_order(chosen, ["sort_order"]),
        )
        variants = loader.load_from(root, key=lambda p: (p.pk, args_key))
        for variant in variants if slug else []:
            variant.channel_slug = slug
        return variants

    @staticmethod
    def resolve_attributes(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        return sf.resolve_product_attributes(info, root)

    @staticmethod
    def resolve_assigned_attribute(
        root: ProductModel, info: graphene.ResolveInfo, slug: str
    ) -> Any:
        items = aa.assigned(sf.resolve_product_attributes(info, root), owner=root)
        return next((item for item in items if item.attribute.slug == slug), None)

    @staticmethod
    def resolve_assigned_attributes(
        root: ProductModel, info: graphene.ResolveInfo, limit: int = aa.DEFAULT_LIMIT
    ) -> Any:
        return aa.assigned(sf.resolve_product_attributes(info, root), owner=root)[:limit]

    @staticmethod
    def resolve_translation(
        root: ProductModel, info: graphene.ResolveInfo, language_code: Any
    ) -> Any:
        return tr.load_translation(info, "product", root, language_code)

    # --- end storefront browsing ---

    class Meta:
        description = "A product sold by a village cooperative."
        interfaces = (graphene.relay.Node, ObjectWithMetadata)

    @classmethod
    def is_type_of(cls, root: Any, info: graphene.ResolveInfo) -> bool:
        return isinstance(root, ProductModel)

    @staticmethod
    def resolve_created(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        return root.created_at

    @staticmethod
    def resolve_product_type(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        return ProductTypeByIdLoader(info.context).load_from(root, key=lambda p: p.product_type_id)

    @staticmethod
    def resolve_category(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        if root.category_id is None:
            return None
        return CategoryByIdLoader(info.context).load_from(root, key=lambda p: p.category_id)

    @staticmethod
    def resolve_weight(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        return _weight(root.weight_grams)

    @staticmethod
    def resolve_channel(root: ProductModel, info: graphene.ResolveInfo) -> str | None:
        return _channel_slug(root)

    @staticmethod
    def _variants(root: ProductModel, info: graphene.ResolveInfo) -> list[ProductVariantModel]:
        variants = VariantsByProductIdLoader(info.context).load_from(root, key=lambda p: p.pk)
        slug = _channel_slug(root)
        if slug:
            for variant in variants:
                variant.channel_slug = slug
        return variants

    @staticmethod
    def resolve_variants(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        return Product._variants(root, info)

    @staticmethod
    def resolve_default_variant(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        variants = Product._variants(root, info)
        return variants[0] if variants else None

    @staticmethod
    def resolve_thumbnail(
        root: ProductModel, info: graphene.ResolveInfo, size: int | None = None, format: Any = None
    ) -> dict[str, Any] | None:
        media = MediaByProductIdLoader(info.context).load_from(root, key=lambda p: p.pk)
        if not media:
            return None
        first = media[0]
        requested = images.DEFAULT_THUMBNAIL_SIZE if size is None else size
        thumbnails: list[ThumbnailModel] = []
        if requested:
            thumbnails = ThumbnailsByMediaIdLoader(info.context).load_from(
                first, key=lambda m: m.pk
            )
        return {"url": media_url(first, thumbnails, requested, format), "alt": first.alt}

    @staticmethod
    def resolve_channel_listings(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        scope = scope_of(info.context)
        require(scope.is_catalog_staff)
        listings = ProductChannelListingsByProductIdLoader(info.context).load_from(
            root, key=lambda p: p.pk
        )
        return [listing for listing in listings if _listing_visible(info, listing)]

    @staticmethod
    def resolve_media(
        root: ProductModel, info: graphene.ResolveInfo, sort_by: Any = None, **_args: Any
    ) -> Any:
        media = MediaByProductIdLoader(info.context).load_from(root, key=lambda p: p.pk)
        return sort_media(media, sort_by)

    @staticmethod
    def resolve_collections(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        from storefront_api.content.dataloaders import VisibleCollectionsByProductLoader

        loader = VisibleCollectionsByProductLoader(info.context)
        return loader.load_from(root, key=lambda p: (p.pk, _channel_slug(p)))

    @staticmethod
    def resolve_media_by_id(root: ProductModel, info: graphene.ResolveInfo, *, id: str) -> Any:
        wanted = decode_int_pk(id, only_type="ProductMedia")
        media = MediaByProductIdLoader(info.context).load_from(root, key=lambda p: p.pk)
        return next((item for item in media if item.pk == wanted), None)

    @staticmethod
    def resolve_cooperative(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        return CooperativeByIdLoader(info.context).load_from(root, key=lambda p: p.cooperative_id)

    @staticmethod
    def resolve_producer(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        if root.producer_id is None:
            return None
        return ProducerByIdLoader(info.context).load_from(root, key=lambda p: p.producer_id)

    @staticmethod
    def resolve_permits(root: ProductModel, info: graphene.ResolveInfo) -> Any:
        producer = None
        if root.producer_id is not None:
            producer = ProducerByIdLoader(info.context).load_from(root, key=lambda p: p.producer_id)
        root.producer = producer  # already loaded: product_permits reads it
        return product_permits(root)


class ProductCountableConnection(CountableConnection):
    class Meta:
        node = Product

    facets = graphene.Field(
        ProductFacets,
        resolver=resolve_facets,
        description="Lumbung: counts by category, cooperative, price band and permit.",
    )
    did_you_mean = graphene.String(
        resolver=resolve_did_you_mean,
        description="Lumbung: the search text with its typos corrected, if it has any.",
    )
