"""Write use cases of the catalog.

Every service is keyword-only, runs in a transaction, validates with ``full_clean`` and
raises ``ValidationError`` with ``ProductErrorCode`` values (Saleor uses that enum for
categories too); nothing is saved then. Permission checks are the API's job (see
``selectors.py``). Writes that change what search sees set ``search_index_dirty``; a later
task rebuilds ``search_vector``.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any, TypedDict, Unpack

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from marketplace.catalog import images
from marketplace.catalog.attributes import (
    AttributeInput,
    product_attributes_set,
    variant_attributes_set,
)
from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.catalog.models import (
    Category,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
    Thumbnail,
)
from marketplace.catalog.rich_text import editorjs_clean, editorjs_to_plaintext
from marketplace.catalog.selectors import category_descendants, cooperative_supplies_channel
from marketplace.channels.models import Channel
from marketplace.core.exceptions import field_error
from marketplace.core.money import parse_rupiah_amount
from marketplace.village_hubs.models import Cooperative, Producer

logger = logging.getLogger(__name__)

_NOT_SUPPLIED = _("The product's cooperative does not supply the village hub of this channel.")
_PRODUCER_OTHER_COOP = _("The producer is not a member of the product's cooperative.")


def _unique_slug(
    model: type[Category] | type[Product], text: str, *, exclude_pk: int | None = None
) -> str:
    base = slugify(text, allow_unicode=True)[:240] or uuid.uuid4().hex[:8]
    slug, n = base, 1
    qs = model.objects.all()
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _full_clean(instance: Any, *, exclude: Sequence[str] = ()) -> None:
    instance.full_clean(exclude=list(exclude))


# --- categories --------------------------------------------------------------------------


@transaction.atomic
def category_create(
    *,
    name: str,
    slug: str | None = None,
    parent: Category | None = None,
    description: Any = None,
    background_image_alt: str = "",
) -> Category:
    """Create a category (a root without ``parent``)."""
    document = editorjs_clean(description)
    category = Category(
        name=name,
        slug=slug or _unique_slug(Category, name),
        parent=parent,
        level=0 if parent is None else parent.level + 1,
        description=document,
        description_plaintext=editorjs_to_plaintext(document),
        background_image_alt=background_image_alt,
    )
    _full_clean(category)
    category.save()
    logger.info("category_created", extra={"category_id": category.pk})
    return category


class CategoryUpdateData(TypedDict, total=False):
    name: str
    slug: str
    parent: Category | None
    description: Any
    background_image_alt: str


_RELEVEL_SQL = """
    WITH RECURSIVE tree(id, level) AS (
        SELECT id, %s::smallint FROM catalog_category WHERE parent_id = %s
        UNION ALL
        SELECT c.id, (t.level + 1)::smallint
        FROM catalog_category c JOIN tree t ON c.parent_id = t.id
    )
    UPDATE catalog_category SET level = tree.level FROM tree WHERE catalog_category.id = tree.id
"""


@transaction.atomic
def category_update(*, category: Category, **data: Unpack[CategoryUpdateData]) -> Category:
    """Change a category; moving it re-levels its whole subtree.

    A category cannot become its own parent or a child of one of its descendants.
    """
    if "parent" in data:
        parent = data["parent"]
        if parent is not None and (
            parent.pk == category.pk
            or category_descendants(category=category).filter(pk=parent.pk).exists()
        ):
            raise field_error(
                "parent",
                _("A category cannot be moved below itself or its subcategories."),
                ProductErrorCode.INVALID,
            )
        category.parent = parent
        category.level = 0 if parent is None else parent.level + 1
    if "description" in data:
        category.description = editorjs_clean(data["description"])
        category.description_plaintext = editorjs_to_plaintext(category.description)
    for field in ("name", "slug", "background_image_alt"):
        if field in data:
            setattr(category, field, data[field])
    _full_clean(category)
    category.save()
    if "parent" in data:
        with connection.cursor() as cursor:
            cursor.execute(_RELEVEL_SQL, [category.level + 1, category.pk])
    logger.info("category_updated", extra={"category_id": category.pk})
    return category


@transaction.atomic
def category_delete(*, category: Category) -> None:
    """Delete a category and all its subcategories, as Saleor does.

    Products of the deleted categories are kept: their category becomes empty and they
    are unpublished from every channel (a product without a category cannot be published).
    """
    tree = category_descendants(category=category, include_self=True)
    products = Product.objects.filter(category__in=tree)
    product_ids = list(products.values_list("pk", flat=True))
    ProductChannelListing.objects.filter(product_id__in=product_ids).update(
        is_published=False, published_at=None
    )
    Product.objects.filter(pk__in=product_ids).update(
        category=None, search_index_dirty=True, updated_at=timezone.now()
    )
    category_id = category.pk
    category.delete()  # children cascade
    logger.info(
        "category_deleted",
        extra={"category_id": category_id, "products_unpublished": len(product_ids)},
    )


# --- products ----------------------------------------------------------------------------


def _check_producer(producer: Producer | None, cooperative: Cooperative) -> None:
    if producer is not None and producer.cooperative_id != cooperative.pk:
        raise field_error("producer", _PRODUCER_OTHER_COOP, ProductErrorCode.INVALID)


@transaction.atomic
def product_create(
    *,
    product_type: ProductType,
    cooperative: Cooperative,
    name: str,
    slug: str | None = None,
    category: Category | None = None,
    producer: Producer | None = None,
    description: Any = None,
    weight_grams: int | None = None,
    rating: float | None = None,
    attributes: Sequence[AttributeInput] = (),
) -> Product:
    """Create a product sold by ``cooperative`` (made by ``producer``, one of its members).

    The description is EditorJS JSON, sanitized against XSS. ``attributes`` are set with
    ``attributes.product_attributes_set`` (required attributes then all needed).
    """
    _check_producer(producer, cooperative)
    document = editorjs_clean(description)
    product = Product(
        product_type=product_type,
        cooperative=cooperative,
        producer=producer,
        category=category,
        name=name,
        slug=slug or _unique_slug(Product, name),
        description=document,
        description_plaintext=editorjs_to_plaintext(document),
        weight_grams=weight_grams,
        rating=rating,
        search_index_dirty=True,
    )
    _full_clean(product)
    product.save()
    if attributes:
        product_attributes_set(product=product, attributes=attributes, creation=True)
    logger.info(
        "product_created", extra={"product_id": product.pk, "cooperative_id": cooperative.pk}
    )
    return product


class ProductUpdateData(TypedDict, total=False):
    name: str
    slug: str
    category: Category | None
    producer: Producer | None
    description: Any
    weight_grams: int | None
    rating: float | None


@transaction.atomic
def product_update(
    *,
    product: Product,
    attributes: Sequence[AttributeInput] = (),
    **data: Unpack[ProductUpdateData],
) -> Product:
    """Change a product's fields and the values of the ``attributes`` given; the
    cooperative and product type are fixed."""
    if "producer" in data:
        _check_producer(data["producer"], product.cooperative)
    if "description" in data:
        product.description = editorjs_clean(data["description"])
        product.description_plaintext = editorjs_to_plaintext(product.description)
    for field in ("name", "slug", "category", "producer", "weight_grams", "rating"):
        if field in data:
            setattr(product, field, data[field])
    product.search_index_dirty = True
    _full_clean(product)
    product.save()
    if attributes:
        product_attributes_set(product=product, attributes=attributes)
    logger.info("product_updated", extra={"product_id": product.pk})
    return product


@transaction.atomic
def product_delete(*, product: Product) -> None:
    """Delete a product with its variants, listings and media rows.

    Files of its media stay in storage (no storage side effects inside a transaction).
    """
    product_id = product.pk
    product.delete()
    logger.info("product_deleted", extra={"product_id": product_id})


# --- variants ----------------------------------------------------------------------------


@transaction.atomic
def product_variant_create(
    *,
    product: Product,
    sku: str | None = None,
    name: str = "",
    weight_grams: int | None = None,
    track_inventory: bool = True,
    quantity_limit_per_customer: int | None = None,
    sort_order: int | None = None,
    attributes: Sequence[AttributeInput] = (),
) -> ProductVariant:
    """Add a variant; without ``sort_order`` it goes last. An empty SKU is stored as null.
    ``attributes`` are set with ``attributes.variant_attributes_set``."""
    if sort_order is None:
        highest = product.variants.aggregate(highest=Max("sort_order"))["highest"]
        sort_order = 0 if highest is None else highest + 1
    variant = ProductVariant(
        product=product,
        sku=(sku or "").strip() or None,
        name=name,
        weight_grams=weight_grams,
        track_inventory=track_inventory,
        quantity_limit_per_customer=quantity_limit_per_customer,
        sort_order=sort_order,
    )
    _full_clean(variant)
    variant.save()
    if attributes:
        variant_attributes_set(variant=variant, attributes=attributes, creation=True)
    Product.objects.filter(pk=product.pk).update(search_index_dirty=True)
    logger.info(
        "product_variant_created", extra={"variant_id": variant.pk, "product_id": product.pk}
    )
    return variant


class ProductVariantUpdateData(TypedDict, total=False):
    sku: str | None
    name: str
    weight_grams: int | None
    track_inventory: bool
    quantity_limit_per_customer: int | None
    sort_order: int | None


@transaction.atomic
def product_variant_update(
    *,
    variant: ProductVariant,
    attributes: Sequence[AttributeInput] = (),
    **data: Unpack[ProductVariantUpdateData],
) -> ProductVariant:
    """Change a variant's fields and the values of the ``attributes`` given."""
    if "sku" in data:
        data["sku"] = (data["sku"] or "").strip() or None
    for field, value in data.items():
        setattr(variant, field, value)
    _full_clean(variant)
    variant.save()
    if attributes:
        variant_attributes_set(variant=variant, attributes=attributes)
    Product.objects.filter(pk=variant.product_id).update(search_index_dirty=True)
    logger.info("product_variant_updated", extra={"variant_id": variant.pk})
    return variant


@transaction.atomic
def product_variant_delete(*, variant: ProductVariant) -> None:
    """Delete a variant with its prices and stock rows."""
    variant_id, product_id = variant.pk, variant.product_id
    variant.delete()
    Product.objects.filter(pk=product_id).update(search_index_dirty=True)
    logger.info("product_variant_deleted", extra={"variant_id": variant_id})


# --- channel listings --------------------------------------------------------------------


@dataclass(frozen=True)
class ProductChannelListingInput:
    """Add or update a product's listing in ``channel``; ``None`` leaves a field as is."""

    channel: Channel
    is_published: bool | None = None
    published_at: datetime | None = None
    visible_in_listings: bool | None = None
    available_for_purchase_at: datetime | None = None


def _check_no_duplicates(channels: Sequence[Channel], field: str) -> None:
    ids = [channel.pk for channel in channels]
    if len(ids) != len(set(ids)):
        raise field_error(
            field, _("A channel is given more than once."), ProductErrorCode.DUPLICATED_INPUT_ITEM
        )


@transaction.atomic
def product_channel_listing_update(
    *,
    product: Product,
    update_channels: Sequence[ProductChannelListingInput] = (),
    remove_channels: Sequence[Channel] = (),
) -> Product:
    """Add, change or remove a product's channel listings (Saleor's
    ``productChannelListingUpdate``).

    A product can only be listed in the channel of a village hub its cooperative supplies
    (``HubSupply``), and only published with a category. Removing a channel also removes
    the variants' prices there.
    """
    _check_no_duplicates([item.channel for item in update_channels], "update_channels")
    _check_no_duplicates(remove_channels, "remove_channels")
    both = {item.channel.pk for item in update_channels} & {c.pk for c in remove_channels}
    if both:
        raise field_error(
            "remove_channels",
            _("A channel cannot be both updated and removed."),
            ProductErrorCode.DUPLICATED_INPUT_ITEM,
        )
    for item in update_channels:
        if not cooperative_supplies_channel(
            cooperative_id=product.cooperative_id, channel=item.channel
        ):
            raise field_error("channel", _NOT_SUPPLIED, ProductErrorCode.INVALID)
        if item.is_published and product.category_id is None:
            raise field_error(
                "is_published",
                _("A product without a category cannot be published."),
                ProductErrorCode.PRODUCT_WITHOUT_CATEGORY,
            )
    for item in update_channels:
        listing = (
            ProductChannelListing.objects.select_for_update()
            .filter(product=product, channel=item.channel)
            .first()
        ) or ProductChannelListing(product=product, channel=item.channel)
        if item.is_published is not None:
            listing.is_published = item.is_published
            if item.is_published and item.published_at is None and listing.published_at is None:
                listing.published_at = timezone.now()
            if not item.is_published:
                listing.published_at = None
        if item.published_at is not None:
            listing.published_at = item.published_at
        if item.visible_in_listings is not None:
            listing.visible_in_listings = item.visible_in_listings
        if item.available_for_purchase_at is not None:
            listing.available_for_purchase_at = item.available_for_purchase_at
        _full_clean(listing, exclude=["product", "channel"])
        listing.save()
    if remove_channels:
        ProductVariantChannelListing.objects.filter(
            variant__product=product, channel__in=remove_channels
        ).delete()
        ProductChannelListing.objects.filter(product=product, channel__in=remove_channels).delete()
    Product.objects.filter(pk=product.pk).update(search_index_dirty=True, updated_at=timezone.now())
    logger.info(
        "product_channel_listing_updated",
        extra={
            "product_id": product.pk,
            "channels_updated": [item.channel.pk for item in update_channels],
            "channels_removed": [channel.pk for channel in remove_channels],
        },
    )
    return product


@dataclass(frozen=True)
class VariantChannelListingInput:
    """A variant's price (and optional cost price) in ``channel``, in whole rupiah."""

    channel: Channel
    price: Any
    cost_price: Any = None


@transaction.atomic
def product_variant_channel_listing_update(
    *,
    variant: ProductVariant,
    update_channels: Sequence[VariantChannelListingInput] = (),
    remove_channels: Sequence[Channel] = (),
) -> ProductVariant:
    """Set or remove a variant's prices per channel (Saleor's
    ``productVariantChannelListingUpdate``).

    Prices are whole rupiah (``marketplace.core.money.parse_rupiah_amount``): fractions,
    negative amounts, amounts above ``settings.MAX_PRICE_IDR`` and non-numbers are refused
    with ``INVALID`` on ``price``/``cost_price``. The product must already be listed in
    the channel (``PRODUCT_NOT_ASSIGNED_TO_CHANNEL``), which implies the cooperative
    supplies it; that is checked again here.
    """
    _check_no_duplicates([item.channel for item in update_channels], "update_channels")
    _check_no_duplicates(remove_channels, "remove_channels")
    product = variant.product
    parsed: list[tuple[Channel, int, int | None]] = []
    for item in update_channels:
        price = parse_rupiah_amount(item.price, field="price")
        cost_price = (
            None
            if item.cost_price is None
            else parse_rupiah_amount(item.cost_price, field="cost_price")
        )
        if not cooperative_supplies_channel(
            cooperative_id=product.cooperative_id, channel=item.channel
        ):
            raise field_error("channel", _NOT_SUPPLIED, ProductErrorCode.INVALID)
        if not ProductChannelListing.objects.filter(product=product, channel=item.channel).exists():
            raise field_error(
                "channel",
                _("Add the product to this channel before setting a price there."),
                ProductErrorCode.PRODUCT_NOT_ASSIGNED_TO_CHANNEL,
            )
        parsed.append((item.channel, price, cost_price))
    for channel, price, cost_price in parsed:
        ProductVariantChannelListing.objects.update_or_create(
            variant=variant,
            channel=channel,
            defaults={
                "price_amount": price,
                "cost_price_amount": cost_price,
                "currency": channel.currency_code,
            },
        )
    if remove_channels:
        ProductVariantChannelListing.objects.filter(
            variant=variant, channel__in=remove_channels
        ).delete()
    logger.info(
        "product_variant_channel_listing_updated",
        extra={
            "variant_id": variant.pk,
            "channels_updated": [channel.pk for channel, _p, _c in parsed],
            "channels_removed": [channel.pk for channel in remove_channels],
        },
    )
    return variant


# --- media -------------------------------------------------------------------------------


def _enqueue_thumbnails(media_id: int) -> None:
    # Imported here: the tasks module imports this one (tasks → services, one way).
    from marketplace.catalog.tasks import product_media_thumbnails_task

    product_media_thumbnails_task.delay(media_id)


def product_media_create(
    *, product: Product, uploaded_file: IO[bytes] | bytes, alt: str = ""
) -> ProductMedia:
    """Store an uploaded product image, cleaned of metadata, under ``products/``.

    Runs ``images.image_clean`` (refusals are ValidationErrors on ``image``), saves the
    cleaned bytes with the default storage, creates the row and, after commit, enqueues
    ``product_media_thumbnails_task``.
    """
    clean = images.image_clean(uploaded_file)
    name = default_storage.save(
        f"products/{uuid.uuid4().hex}.{clean.extension}", ContentFile(clean.content)
    )
    try:
        with transaction.atomic():
            highest = product.media.aggregate(highest=Max("sort_order"))["highest"]
            media = ProductMedia(
                product=product,
                image=name,
                alt=alt,
                type=ProductMedia.Type.IMAGE,
                sort_order=0 if highest is None else highest + 1,
                width=clean.width,
                height=clean.height,
                format=clean.format,
            )
            _full_clean(media)
            media.save()
            Product.objects.filter(pk=product.pk).update(updated_at=timezone.now())
            transaction.on_commit(lambda: _enqueue_thumbnails(media.pk))
    except BaseException:
        default_storage.delete(name)
        raise
    logger.info(
        "product_media_created",
        extra={"media_id": media.pk, "product_id": product.pk, "image_format": clean.format},
    )
    return media


@transaction.atomic
def product_media_update(*, media: ProductMedia, alt: str) -> ProductMedia:
    """Change a product image's alt text (what screen readers say, and shown when the
    image can't load)."""
    media.alt = (alt or "").strip()
    _full_clean(media)
    media.save(update_fields=["alt"])
    return media


@transaction.atomic
def product_media_delete(*, media: ProductMedia) -> None:
    """Remove a product image and its thumbnails; their files go after commit."""
    names = [media.image.name, *media.thumbnails.values_list("image", flat=True)]
    product_id = media.product_id
    media.delete()
    Product.objects.filter(pk=product_id).update(updated_at=timezone.now())

    def delete_files() -> None:
        for name in names:
            if name:
                default_storage.delete(name)

    transaction.on_commit(delete_files)
    logger.info("product_media_deleted", extra={"product_id": product_id})


@transaction.atomic
def product_media_reorder(*, product: Product, media_ids: list[int]) -> list[ProductMedia]:
    """Put the product's images in the given order; the list must name each exactly once."""
    media = {item.pk: item for item in product.media.select_for_update()}
    if sorted(media_ids) != sorted(media):
        raise field_error(
            "media_ids",
            _("List every image of this product exactly once."),
            ProductErrorCode.INVALID,
        )
    ordered = [media[pk] for pk in media_ids]
    for position, item in enumerate(ordered):
        item.sort_order = position
    ProductMedia.objects.bulk_update(ordered, ["sort_order"])
    return ordered


def thumbnail_get_or_create(
    *, media: ProductMedia, size: int | None, format: str | None
) -> Thumbnail | None:
    """The thumbnail of ``media`` at the nearest Saleor size and ``format``, made if missing.

    ``size`` is mapped with ``images.thumbnail_size_for``; size 0 means "the original
    image" and gives ``None``. ``format`` is ``original``/``webp``/``avif`` (``None`` = original).
    Safe to call concurrently: a lost race returns the row the other caller made.
    """
    target_size = images.thumbnail_size_for(size)
    if target_size == images.ORIGINAL_SIZE:
        return None
    fmt = str(format or images.ThumbnailFormat.ORIGINAL).lower()
    if fmt not in {choice.value for choice in images.ThumbnailFormat}:
        raise field_error("format", _("Unsupported thumbnail format."), ProductErrorCode.INVALID)
    existing = Thumbnail.objects.filter(media=media, size=target_size, format=fmt).first()
    if existing is not None:
        return existing
    with media.image.open("rb") as source:
        content = source.read()
    thumb = images.thumbnail_make(content, size=target_size, format=fmt)
    name = default_storage.save(
        f"thumbnails/{media.pk}-{target_size}-{fmt}.{thumb.extension}", ContentFile(thumb.content)
    )
    try:
        with transaction.atomic():
            thumbnail = Thumbnail.objects.create(
                media=media, size=target_size, format=fmt, image=name
            )
    except IntegrityError:
        default_storage.delete(name)
        return Thumbnail.objects.get(media=media, size=target_size, format=fmt)
    logger.info(
        "product_thumbnail_created",
        extra={"media_id": media.pk, "thumbnail_size": target_size, "thumbnail_format": fmt},
    )
    return thumbnail
