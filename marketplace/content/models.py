"""Storefront content, shaped like Saleor's: collections (curated product sets published
per channel), menus (a tree of links to categories, collections, pages or URLs), pages
(EditorJS content), and translations of these and of catalog objects.

Translations are kept here rather than in ``marketplace.catalog`` so catalog migrations
stay owned by the catalog. One row per object and language (``language_code`` as Saleor
stores it: lower case BCP 47, e.g. ``en``, ``pt-br``); empty fields mean "not
translated".
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import Category, Product, ProductVariant
from marketplace.channels.models import Channel
from marketplace.content.error_codes import CollectionErrorCode, MenuErrorCode
from marketplace.core.models import TimeStampedModel


class Translation(models.Model):
    language_code = models.CharField(_("language code"), max_length=35)

    class Meta:
        abstract = True


class SeoTranslation(Translation):
    name = models.CharField(_("name"), max_length=250, blank=True, null=True)  # noqa: DJ001 (null: not translated / no link, as Saleor)
    slug = models.SlugField(_("slug"), max_length=255, allow_unicode=True, blank=True, null=True)  # noqa: DJ001 (null: not translated / no link, as Saleor)
    description = models.JSONField(_("description"), blank=True, null=True)
    seo_title = models.CharField(_("SEO title"), max_length=70, blank=True, null=True)  # noqa: DJ001 (null: not translated / no link, as Saleor)
    seo_description = models.CharField(_("SEO description"), max_length=300, blank=True, null=True)  # noqa: DJ001 (null: not translated / no link, as Saleor)

    class Meta:
        abstract = True


class ProductTranslation(SeoTranslation):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="translations")

    class Meta:
        verbose_name = _("product translation")
        verbose_name_plural = _("product translations")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "language_code"], name="product_translation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} [{self.language_code}]"


class CategoryTranslation(SeoTranslation):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="translations")

    class Meta:
        verbose_name = _("category translation")
        verbose_name_plural = _("category translations")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "language_code"], name="category_translation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category_id} [{self.language_code}]"


class ProductVariantTranslation(Translation):
    variant = models.ForeignKey(
        ProductVariant, on_delete=models.CASCADE, related_name="translations"
    )
    name = models.CharField(_("name"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("product variant translation")
        verbose_name_plural = _("product variant translations")
        constraints = [
            models.UniqueConstraint(
                fields=["variant", "language_code"], name="product_variant_translation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.variant_id} [{self.language_code}]"


# --- collections -------------------------------------------------------------------------


class Collection(models.Model):
    name = models.CharField(_("name"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, allow_unicode=True)
    description = models.JSONField(_("description"), blank=True, null=True)
    description_plaintext = models.TextField(_("description (plain text)"), blank=True)
    background_image = models.ImageField(
        _("background image"), upload_to="collection-backgrounds", max_length=255, blank=True
    )
    background_image_alt = models.CharField(
        _("background image alt text"), max_length=128, blank=True
    )
    seo_title = models.CharField(_("SEO title"), max_length=70, blank=True)
    seo_description = models.CharField(_("SEO description"), max_length=300, blank=True)
    products: models.ManyToManyField[Product, CollectionProduct] = models.ManyToManyField(
        Product,
        through="CollectionProduct",
        related_name="collections",
        blank=True,
        verbose_name=_("products"),
    )

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.name


class CollectionProduct(models.Model):
    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="collection_products"
    )
    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="collection_products"
    )
    sort_order = models.IntegerField(_("sort order"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("collection product")
        verbose_name_plural = _("collection products")
        ordering = ("sort_order", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "product"],
                name="collection_product_unique",
                violation_error_code=CollectionErrorCode.DUPLICATED_INPUT_ITEM.value,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.collection_id}: {self.product_id}"


class CollectionChannelListing(models.Model):
    """A collection published (or not) on one village hub's storefront."""

    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="channel_listings"
    )
    channel = models.ForeignKey(
        Channel, on_delete=models.CASCADE, related_name="collection_listings"
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("collection channel listing")
        verbose_name_plural = _("collection channel listings")
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "channel"],
                name="collection_channel_listing_unique",
                violation_error_code=CollectionErrorCode.UNIQUE.value,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.collection_id} @ {self.channel_id}"


class CollectionTranslation(SeoTranslation):
    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="translations"
    )

    class Meta:
        verbose_name = _("collection translation")
        verbose_name_plural = _("collection translations")
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "language_code"], name="collection_translation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.collection_id} [{self.language_code}]"


# --- pages -------------------------------------------------------------------------------


class PageType(models.Model):
    name = models.CharField(_("name"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, allow_unicode=True)

    class Meta:
        verbose_name = _("page type")
        verbose_name_plural = _("page types")
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.name


class Page(TimeStampedModel):
    page_type = models.ForeignKey(
        PageType, on_delete=models.PROTECT, related_name="pages", verbose_name=_("page type")
    )
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, allow_unicode=True)
    content = models.JSONField(_("content"), blank=True, null=True)
    seo_title = models.CharField(_("SEO title"), max_length=70, blank=True)
    seo_description = models.CharField(_("SEO description"), max_length=300, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ("slug",)

    def __str__(self) -> str:
        return self.title


class PageTranslation(Translation):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="translations")
    title = models.CharField(_("title"), max_length=250, blank=True, null=True)  # noqa: DJ001 (null: not translated / no link, as Saleor)
    slug = models.SlugField(_("slug"), max_length=255, allow_unicode=True, blank=True, null=True)  # noqa: DJ001 (null: not translated / no link, as Saleor)
    content = models.JSONField(_("content"), blank=True, null=True)
    seo_title = models.CharField(_("SEO title"), max_length=70, blank=True, null=True)  # noqa: DJ001 (null: not translated / no link, as Saleor)
    seo_description = models.CharField(_("SEO description"), max_length=300, blank=True, null=True)  # noqa: DJ001 (null: not translated / no link, as Saleor)

    class Meta:
        verbose_name = _("page translation")
        verbose_name_plural = _("page translations")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language_code"], name="page_translation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.page_id} [{self.language_code}]"


# --- menus -------------------------------------------------------------------------------


class Menu(models.Model):
    name = models.CharField(_("name"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, allow_unicode=True)

    class Meta:
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        ordering = ("pk",)

    def __str__(self) -> str:
        return self.name


class MenuItem(models.Model):
    """A link in a menu: to a URL, a category, a collection or a page (at most one)."""

    menu = models.ForeignKey(Menu, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    name = models.CharField(_("name"), max_length=128)
    sort_order = models.IntegerField(_("sort order"), null=True, blank=True, db_index=True)
    level = models.PositiveSmallIntegerField(_("level"), default=0, editable=False)
    url = models.URLField(_("URL"), max_length=256, blank=True, null=True)  # noqa: DJ001 (null: not translated / no link, as Saleor)
    category = models.ForeignKey(
        Category, on_delete=models.CASCADE, null=True, blank=True, related_name="menu_items"
    )
    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, null=True, blank=True, related_name="menu_items"
    )
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, null=True, blank=True, related_name="menu_items"
    )

    class Meta:
        verbose_name = _("menu item")
        verbose_name_plural = _("menu items")
        ordering = ("sort_order", "pk")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(url__isnull=True, category__isnull=True, collection__isnull=True)
                    | Q(url__isnull=True, category__isnull=True, page__isnull=True)
                    | Q(url__isnull=True, collection__isnull=True, page__isnull=True)
                    | Q(category__isnull=True, collection__isnull=True, page__isnull=True)
                ),
                name="menu_item_one_link",
                violation_error_code=MenuErrorCode.TOO_MANY_MENU_ITEMS.value,
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="menu_item_not_own_parent",
                violation_error_code=MenuErrorCode.INVALID.value,
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MenuItemTranslation(Translation):
    menu_item = models.ForeignKey(MenuItem, on_delete=models.CASCADE, related_name="translations")
    name = models.CharField(_("name"), max_length=128)

    class Meta:
        verbose_name = _("menu item translation")
        verbose_name_plural = _("menu item translations")
        constraints = [
            models.UniqueConstraint(
                fields=["menu_item", "language_code"], name="menu_item_translation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.menu_item_id} [{self.language_code}]"
