"""Catalog shaped like Saleor's ``product`` and ``attribute`` apps.

Categories form a tree (``parent`` + ``level``; descendants via a recursive CTE in
``selectors.py``). Products belong to the cooperative that sells them and optionally to
one of its member producers, whose permits (P-IRT, halal, BPOM) the storefront shows.
Prices live on variant channel listings, in whole rupiah. Write use cases are in
``services.py``; stock lives in ``marketplace.warehouses``.
"""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
)
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.channels.models import Channel
from marketplace.core.models import ModelWithMetadata, TimeStampedModel
from marketplace.core.validators import VisibleTextValidator
from marketplace.village_hubs.models import Cooperative, Producer

# Whole rupiah: numeric(12, 0) holds up to Rp999,999,999,999; the accepted maximum is
# ``settings.MAX_PRICE_IDR`` (see ``marketplace.core.money``).
PRICE_MAX_DIGITS = 12
PRICE_DECIMAL_PLACES = 0
CURRENCY_IDR = "IDR"


class Category(TimeStampedModel):
    """A node of the category tree; ``level`` is 0 for roots and parent's level + 1 below."""

    name = models.CharField(_("name"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, allow_unicode=True)
    description = models.JSONField(_("description"), null=True, blank=True)
    description_plaintext = models.TextField(_("description (plain text)"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent category"),
    )
    level = models.PositiveSmallIntegerField(_("level"), default=0, editable=False)
    background_image = models.ImageField(
        _("background image"), upload_to="category-backgrounds", max_length=255, blank=True
    )
    background_image_alt = models.CharField(
        _("background image alt text"), max_length=128, blank=True
    )

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ("level", "name", "pk")
        constraints = [
            models.CheckConstraint(
                condition=(Q(parent__isnull=True) & Q(level=0))
                | (Q(parent__isnull=False) & Q(level__gt=0)),
                name="category_level_matches_parent",
                violation_error_code=ProductErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="category_not_own_parent",
                violation_error_code=ProductErrorCode.INVALID.value,
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProductTypeKind(models.TextChoices):
    """Saleor's ``ProductTypeKindEnum``; values as in Saleor's database."""

    NORMAL = "normal", _("Regular product")
    GIFT_CARD = "gift_card", _("Gift card")


class ProductType(models.Model):
    Kind = ProductTypeKind

    name = models.CharField(_("name"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, allow_unicode=True)
    kind = models.CharField(
        _("kind"), max_length=32, choices=ProductTypeKind.choices, default=ProductTypeKind.NORMAL
    )
    has_variants = models.BooleanField(_("has variants"), default=True)
    is_shipping_required = models.BooleanField(_("shipping required"), default=True)
    weight_grams = models.PositiveIntegerField(_("weight (grams)"), null=True, blank=True)

    class Meta:
        verbose_name = _("product type")
        verbose_name_plural = _("product types")
        ordering = ("slug",)
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ProductTypeKind.values),
                name="product_type_kind_valid",
                violation_error_code=ProductErrorCode.INVALID.value,
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AttributeInputType(models.TextChoices):
    """The subset of Saleor's ``AttributeInputTypeEnum`` we support; values as Saleor's."""

    DROPDOWN = "dropdown", _("Dropdown")
    MULTISELECT = "multiselect", _("Multi select")
    PLAIN_TEXT = "plain-text", _("Plain text")
    RICH_TEXT = "rich-text", _("Rich text")
    NUMERIC = "numeric", _("Numeric")
    BOOLEAN = "boolean", _("Boolean")
    DATE = "date", _("Date")
    DATE_TIME = "date-time", _("Date time")
    FILE = "file", _("File")
    SINGLE_REFERENCE = "single-reference", _("Single reference")


class AttributeEntityType(models.TextChoices):
    """What a reference attribute points at; values are Saleor's (GraphQL type names).

    Lumbung serves references to collections only so far.
    """

    COLLECTION = "Collection", _("Collection")


class MeasurementUnit(models.TextChoices):
    """Saleor's ``MeasurementUnitsEnum``: distance, area, volume and weight; values as
    Saleor stores them."""

    MM = "mm", _("Millimeter")
    CM = "cm", _("Centimeter")
    DM = "dm", _("Decimeter")
    M = "m", _("Meter")
    KM = "km", _("Kilometer")
    FT = "ft", _("Foot")
    YD = "yd", _("Yard")
    INCH = "inch", _("Inch")
    SQ_MM = "sq_mm", _("Square millimeter")
    SQ_CM = "sq_cm", _("Square centimeter")
    SQ_DM = "sq_dm", _("Square decimeter")
    SQ_M = "sq_m", _("Square meter")
    SQ_KM = "sq_km", _("Square kilometer")
    SQ_FT = "sq_ft", _("Square foot")
    SQ_YD = "sq_yd", _("Square yard")
    SQ_INCH = "sq_inch", _("Square inch")
    CUBIC_MILLIMETER = "cubic_millimeter", _("Cubic millimeter")
    CUBIC_CENTIMETER = "cubic_centimeter", _("Cubic centimeter")
    CUBIC_DECIMETER = "cubic_decimeter", _("Cubic decimeter")
    CUBIC_METER = "cubic_meter", _("Cubic meter")
    LITER = "liter", _("Liter")
    CUBIC_FOOT = "cubic_foot", _("Cubic foot")
    CUBIC_INCH = "cubic_inch", _("Cubic inch")
    CUBIC_YARD = "cubic_yard", _("Cubic yard")
    QT = "qt", _("Quart")
    PINT = "pint", _("Pint")
    FL_OZ = "fl_oz", _("Fluid ounce")
    ACRE_IN = "acre_in", _("Acre inch")
    ACRE_FT = "acre_ft", _("Acre foot")
    G = "g", _("Gram")
    LB = "lb", _("Pound")
    OZ = "oz", _("Ounce")
    KG = "kg", _("Kilogram")
    TONNE = "tonne", _("Tonne")


class Attribute(models.Model):
    InputType = AttributeInputType

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=250, unique=True, allow_unicode=True)
    input_type = models.CharField(
        _("input type"),
        max_length=50,
        choices=AttributeInputType.choices,
        default=AttributeInputType.DROPDOWN,
    )
    # "" when the attribute has no unit (Saleor: null)
    unit = models.CharField(_("unit"), max_length=100, blank=True, choices=MeasurementUnit.choices)
    entity_type = models.CharField(
        _("reference entity type"),
        max_length=50,
        blank=True,
        choices=AttributeEntityType.choices,
    )
    value_required = models.BooleanField(_("value required"), default=False)
    visible_in_storefront = models.BooleanField(_("visible in storefront"), default=True)
    filterable_in_storefront = models.BooleanField(_("filterable in storefront"), default=True)
    storefront_search_position = models.IntegerField(_("storefront search position"), default=0)
    # Saleor's ``externalReference``: an ID in another system, to find the attribute by
    external_reference = models.CharField(  # noqa: DJ001 (null: none, unique when set)
        _("external reference"), max_length=250, unique=True, null=True, blank=True
    )

    product_types: models.ManyToManyField[ProductType, AttributeProduct] = models.ManyToManyField(
        ProductType,
        through="AttributeProduct",
        related_name="product_attributes",
        blank=True,
        verbose_name=_("product types"),
    )
    product_variant_types: models.ManyToManyField[ProductType, AttributeVariant] = (
        models.ManyToManyField(
            ProductType,
            through="AttributeVariant",
            related_name="variant_attributes",
            blank=True,
            verbose_name=_("product types (variant level)"),
        )
    )

    class Meta:
        verbose_name = _("attribute")
        verbose_name_plural = _("attributes")
        ordering = ("storefront_search_position", "slug")
        constraints = [
            models.CheckConstraint(
                condition=Q(input_type__in=AttributeInputType.values),
                name="attribute_input_type_valid",
                violation_error_code=ProductErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(unit="") | Q(unit__in=MeasurementUnit.values),
                name="attribute_unit_valid",
                violation_error_code=ProductErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=(
                    Q(input_type=AttributeInputType.SINGLE_REFERENCE)
                    & Q(entity_type__in=AttributeEntityType.values)
                )
                | (~Q(input_type=AttributeInputType.SINGLE_REFERENCE) & Q(entity_type="")),
                name="attribute_entity_type_only_for_references",
                violation_error_code=ProductErrorCode.INVALID.value,
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AttributeValue(models.Model):
    attribute = models.ForeignKey(
        Attribute, on_delete=models.CASCADE, related_name="values", verbose_name=_("attribute")
    )
    name = models.CharField(_("name"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=255, allow_unicode=True)
    sort_order = models.IntegerField(_("sort order"), null=True, blank=True, db_index=True)
    plain_text = models.TextField(_("plain text"), blank=True)
    rich_text = models.JSONField(_("rich text"), null=True, blank=True)
    boolean = models.BooleanField(_("boolean"), null=True, blank=True)
    date_time = models.DateTimeField(_("date and time"), null=True, blank=True)
    # file attributes: a path in the default storage (``file_upload/…``), as Saleor's
    file_url = models.CharField(_("file"), max_length=500, blank=True)
    content_type = models.CharField(_("content type"), max_length=50, blank=True)
    external_reference = models.CharField(  # noqa: DJ001 (null: none, unique when set)
        _("external reference"), max_length=250, unique=True, null=True, blank=True
    )
    # single-reference attributes of entity type Collection
    reference_collection = models.ForeignKey(
        "content.Collection",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attribute_references",
        verbose_name=_("referenced collection"),
    )

    class Meta:
        verbose_name = _("attribute value")
        verbose_name_plural = _("attribute values")
        ordering = ("sort_order", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["attribute", "slug"],
                name="attribute_value_attribute_slug_unique",
                violation_error_code=ProductErrorCode.UNIQUE.value,
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AttributeProduct(models.Model):
    """An attribute assigned to a product type at product level."""

    attribute = models.ForeignKey(
        Attribute, on_delete=models.CASCADE, related_name="attribute_product"
    )
    product_type = models.ForeignKey(
        ProductType, on_delete=models.CASCADE, related_name="attribute_product"
    )
    sort_order = models.IntegerField(_("sort order"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("product attribute assignment")
        verbose_name_plural = _("product attribute assignments")
        ordering = ("sort_order", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["attribute", "product_type"],
                name="attribute_product_unique",
                violation_error_code=ProductErrorCode.ATTRIBUTE_ALREADY_ASSIGNED.value,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attribute_id} → type {self.product_type_id}"


class AttributeVariant(models.Model):
    """An attribute assigned to a product type at variant level."""

    attribute = models.ForeignKey(
        Attribute, on_delete=models.CASCADE, related_name="attribute_variant"
    )
    product_type = models.ForeignKey(
        ProductType, on_delete=models.CASCADE, related_name="attribute_variant"
    )
    variant_selection = models.BooleanField(_("used for variant selection"), default=False)
    sort_order = models.IntegerField(_("sort order"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("variant attribute assignment")
        verbose_name_plural = _("variant attribute assignments")
        ordering = ("sort_order", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["attribute", "product_type"],
                name="attribute_variant_unique",
                violation_error_code=ProductErrorCode.ATTRIBUTE_ALREADY_ASSIGNED.value,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attribute_id} → type {self.product_type_id} (variants)"


class Product(TimeStampedModel, ModelWithMetadata):
    """Something a cooperative sells; ``producer`` (optional) is the member who makes it."""

    product_type = models.ForeignKey(
        ProductType,
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("product type"),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("category"),
    )
    name = models.CharField(
        _("name"),
        max_length=250,
        validators=[ProhibitNullCharactersValidator(), VisibleTextValidator()],
    )
    slug = models.SlugField(_("slug"), max_length=255, unique=True, allow_unicode=True)
    description = models.JSONField(_("description"), null=True, blank=True)
    description_plaintext = models.TextField(_("description (plain text)"), blank=True)
    cooperative = models.ForeignKey(
        Cooperative,
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("cooperative"),
    )
    producer = models.ForeignKey(
        Producer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="products",
        verbose_name=_("producer"),
    )
    weight_grams = models.PositiveIntegerField(_("weight (grams)"), null=True, blank=True)
    rating = models.FloatField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(5)],
    )
    search_vector = SearchVectorField(null=True, blank=True, editable=False)
    search_index_dirty = models.BooleanField(_("search index outdated"), default=True)
    # 0…1 from stock and recent sales, set with the search vector (catalog.search).
    search_boost = models.FloatField(_("search boost"), default=0.0, editable=False)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ("slug",)
        indexes = [
            GinIndex(fields=["search_vector"], name="product_search_vector_gin"),
            models.Index(
                fields=["search_index_dirty"],
                condition=Q(search_index_dirty=True),
                name="product_search_dirty_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=0, rating__lte=5),
                name="product_rating_0_5",
                violation_error_code=ProductErrorCode.INVALID.value,
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (
            self.producer_id is not None
            and self.cooperative_id is not None
            and self.producer is not None
            and self.producer.cooperative_id != self.cooperative_id
        ):
            raise ValidationError(
                {
                    "producer": ValidationError(
                        _("The producer is not a member of the product's cooperative."),
                        code=ProductErrorCode.INVALID.value,
                    )
                }
            )


class ProductVariant(TimeStampedModel, ModelWithMetadata):
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="variants", verbose_name=_("product")
    )
    sku = models.CharField(_("SKU"), max_length=255, unique=True, null=True, blank=True)
    name = models.CharField(_("name"), max_length=255, blank=True)
    weight_grams = models.PositiveIntegerField(_("weight (grams)"), null=True, blank=True)
    track_inventory = models.BooleanField(_("track inventory"), default=True)
    quantity_limit_per_customer = models.PositiveIntegerField(
        _("quantity limit per customer"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    sort_order = models.IntegerField(_("sort order"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("product variant")
        verbose_name_plural = _("product variants")
        ordering = ("sort_order", "sku", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity_limit_per_customer__isnull=True)
                | Q(quantity_limit_per_customer__gte=1),
                name="product_variant_quantity_limit_positive",
                violation_error_code=ProductErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(sku__isnull=True) | ~Q(sku=""),
                name="product_variant_sku_null_not_blank",
                violation_error_code=ProductErrorCode.INVALID.value,
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.sku or f"#{self.pk}"


class AssignedProductAttributeValue(models.Model):
    """A value of a product-level attribute on a product."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="attribute_values")
    value = models.ForeignKey(
        AttributeValue, on_delete=models.CASCADE, related_name="product_assignments"
    )
    sort_order = models.IntegerField(_("sort order"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("product attribute value")
        verbose_name_plural = _("product attribute values")
        ordering = ("sort_order", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "value"],
                name="assigned_product_attribute_value_unique",
                violation_error_code=ProductErrorCode.DUPLICATED_INPUT_ITEM.value,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id}: {self.value_id}"


class AssignedVariantAttributeValue(models.Model):
    """A value of a variant-level attribute on a variant."""

    variant = models.ForeignKey(
        ProductVariant, on_delete=models.CASCADE, related_name="attribute_values"
    )
    value = models.ForeignKey(
        AttributeValue, on_delete=models.CASCADE, related_name="variant_assignments"
    )
    sort_order = models.IntegerField(_("sort order"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("variant attribute value")
        verbose_name_plural = _("variant attribute values")
        ordering = ("sort_order", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["variant", "value"],
                name="assigned_variant_attribute_value_unique",
                violation_error_code=ProductErrorCode.DUPLICATED_INPUT_ITEM.value,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.variant_id}: {self.value_id}"


class ProductChannelListing(models.Model):
    """A product offered in a channel (a village hub's storefront)."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="channel_listings")
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="product_listings")
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    visible_in_listings = models.BooleanField(_("visible in listings"), default=False)
    available_for_purchase_at = models.DateTimeField(
        _("available for purchase from"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("product channel listing")
        verbose_name_plural = _("product channel listings")
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["product", "channel"],
                name="product_channel_listing_unique",
                violation_error_code=ProductErrorCode.UNIQUE.value,
            ),
        ]
        indexes = [models.Index(fields=["channel", "is_published"], name="pcl_channel_pub_idx")]

    def __str__(self) -> str:
        return f"{self.product_id} @ {self.channel_id}"


class ProductVariantChannelListing(models.Model):
    """A variant's price in a channel, in whole rupiah (``numeric(12, 0)``)."""

    variant = models.ForeignKey(
        ProductVariant, on_delete=models.CASCADE, related_name="channel_listings"
    )
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="variant_listings")
    currency = models.CharField(_("currency"), max_length=3, default=CURRENCY_IDR)
    price_amount = models.DecimalField(
        _("price"),
        max_digits=PRICE_MAX_DIGITS,
        decimal_places=PRICE_DECIMAL_PLACES,
        validators=[MinValueValidator(0)],
    )
    cost_price_amount = models.DecimalField(
        _("cost price"),
        max_digits=PRICE_MAX_DIGITS,
        decimal_places=PRICE_DECIMAL_PLACES,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = _("variant channel listing")
        verbose_name_plural = _("variant channel listings")
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["variant", "channel"],
                name="product_variant_channel_listing_unique",
                violation_error_code=ProductErrorCode.UNIQUE.value,
            ),
            models.CheckConstraint(
                condition=Q(price_amount__gte=0),
                name="variant_listing_price_non_negative",
                violation_error_code=ProductErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(cost_price_amount__isnull=True) | Q(cost_price_amount__gte=0),
                name="variant_listing_cost_price_non_negative",
                violation_error_code=ProductErrorCode.INVALID.value,
            ),
            models.CheckConstraint(
                condition=Q(currency=CURRENCY_IDR),
                name="variant_listing_currency_idr",
                violation_error_code=ProductErrorCode.INVALID.value,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.variant_id} @ {self.channel_id}: {self.price_amount} {self.currency}"


class ProductMediaType(models.TextChoices):
    """Saleor's ``ProductMediaTypes``; only images are uploaded here."""

    IMAGE = "IMAGE", _("An uploaded image or an URL to an image")
    VIDEO = "VIDEO", _("A URL to an external video")


class ProductMedia(TimeStampedModel):
    Type = ProductMediaType

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="media")
    image = models.ImageField(_("image"), upload_to="products", max_length=255, blank=True)
    alt = models.CharField(_("alt text"), max_length=250, blank=True)
    type = models.CharField(
        _("type"), max_length=32, choices=ProductMediaType.choices, default=ProductMediaType.IMAGE
    )
    sort_order = models.IntegerField(_("sort order"), null=True, blank=True, db_index=True)
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    format = models.CharField(_("format"), max_length=8, blank=True)  # Pillow's: JPEG/PNG/WEBP

    class Meta:
        verbose_name = _("product media")
        verbose_name_plural = _("product media")
        ordering = ("sort_order", "pk")
        constraints = [
            models.CheckConstraint(
                condition=Q(type__in=ProductMediaType.values),
                name="product_media_type_valid",
                violation_error_code=ProductErrorCode.INVALID.value,
            ),
        ]

    def __str__(self) -> str:
        return self.image.name or f"#{self.pk}"


class ThumbnailFormatChoices(models.TextChoices):
    """Values of ``catalog.images.ThumbnailFormat``."""

    ORIGINAL = "original", _("Original format")
    WEBP = "webp", _("WebP")
    AVIF = "avif", _("AVIF")


class Thumbnail(models.Model):
    media = models.ForeignKey(ProductMedia, on_delete=models.CASCADE, related_name="thumbnails")
    size = models.PositiveIntegerField(_("size"))
    format = models.CharField(_("format"), max_length=16, choices=ThumbnailFormatChoices.choices)
    image = models.ImageField(_("image"), upload_to="thumbnails", max_length=255)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("thumbnail")
        verbose_name_plural = _("thumbnails")
        ordering = ("media", "size", "format")
        constraints = [
            models.UniqueConstraint(
                fields=["media", "size", "format"],
                name="thumbnail_media_size_format_unique",
                violation_error_code=ProductErrorCode.UNIQUE.value,
            ),
            models.CheckConstraint(
                condition=Q(format__in=ThumbnailFormatChoices.values),
                name="thumbnail_format_valid",
                violation_error_code=ProductErrorCode.INVALID.value,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.media_id} {self.size} {self.format}"


class SearchTerm(models.Model):
    """A word of the indexed products (names, categories, attributes, producers,
    cooperatives, villages, descriptions): the vocabulary typos are corrected to and
    words are completed from (``catalog.search.vocabulary``)."""

    word = models.CharField(_("word"), max_length=64, primary_key=True)
    documents = models.PositiveIntegerField(_("products"), default=0)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self) -> str:
        return self.word
