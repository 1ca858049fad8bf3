"""Write use cases of storefront content: collections, pages, menus and translations.

Permissions are the caller's job (the API checks them before calling); these functions
validate input and raise ``ValidationError`` with codes of :mod:`.error_codes`.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from marketplace.catalog.models import Category, Product, ProductVariant
from marketplace.catalog.rich_text import editorjs_clean, editorjs_to_plaintext
from marketplace.channels.models import Channel
from marketplace.content.error_codes import CollectionErrorCode, MenuErrorCode, PageErrorCode
from marketplace.content.models import (
    CategoryTranslation,
    Collection,
    CollectionChannelListing,
    CollectionProduct,
    Menu,
    MenuItem,
    Page,
    PageType,
    ProductTranslation,
    ProductVariantTranslation,
)
from marketplace.core.exceptions import field_error, full_clean_with_codes, reject_unknown_keys

logger = logging.getLogger(__name__)

_SEO_FIELDS = ("name", "slug", "description", "seo_title", "seo_description")


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    values = {field: data[field] for field in _SEO_FIELDS if field in data}
    if values.get("description") is not None:
        values["description"] = editorjs_clean(values["description"])
    return values


@transaction.atomic
def product_translate(
    *, product: Product, language_code: str, data: dict[str, Any]
) -> ProductTranslation:
    """Create or update the product's translation into ``language_code``."""
    translation, _created = ProductTranslation.objects.update_or_create(
        product=product, language_code=language_code, defaults=_clean(data)
    )
    logger.info(
        "product_translated", extra={"product_id": product.pk, "language_code": language_code}
    )
    return translation


@transaction.atomic
def category_translate(
    *, category: Category, language_code: str, data: dict[str, Any]
) -> CategoryTranslation:
    """Create or update the category's translation into ``language_code``."""
    translation, _created = CategoryTranslation.objects.update_or_create(
        category=category, language_code=language_code, defaults=_clean(data)
    )
    logger.info(
        "category_translated", extra={"category_id": category.pk, "language_code": language_code}
    )
    return translation


@transaction.atomic
def product_variant_translate(
    *, variant: ProductVariant, language_code: str, name: str | None
) -> ProductVariantTranslation:
    """Create or update the variant's translation into ``language_code``."""
    translation, _created = ProductVariantTranslation.objects.update_or_create(
        variant=variant, language_code=language_code, defaults={"name": name or ""}
    )
    logger.info(
        "product_variant_translated",
        extra={"variant_id": variant.pk, "language_code": language_code},
    )
    return translation


# --- collections, pages, menus -----------------------------------------------------------
# Callers check permissions first; each service validates with codes of error_codes.py.


def _slug(value: str | None, fallback: str) -> str:
    return slugify(value or fallback, allow_unicode=True)[:255]


def _rich_text(value: Any, field: str) -> Any:
    return editorjs_clean(value, field=field)


@transaction.atomic
def collection_create(
    *, name: str, slug: str | None = None, products: Sequence[Product] = (), **fields: Any
) -> Collection:
    """A new collection (unpublished everywhere until listed in a channel)."""
    reject_unknown_keys(fields, _COLLECTION_FIELDS)
    collection = Collection(name=name, slug=_slug(slug, name))
    _collection_apply(collection, fields)
    full_clean_with_codes(collection, CollectionErrorCode)
    collection.save()
    if products:
        collection_add_products(collection=collection, products=products)
    logger.info("collection_created", extra={"collection_id": collection.pk})
    return collection


_COLLECTION_FIELDS = frozenset(
    {"name", "slug", "description", "background_image_alt", "seo_title", "seo_description"}
)


def _collection_apply(collection: Collection, fields: dict[str, Any]) -> None:
    for field, value in fields.items():
        if field == "description":
            collection.description = _rich_text(value, "description")
            collection.description_plaintext = editorjs_to_plaintext(collection.description)
        elif field == "slug":
            collection.slug = _slug(value, collection.name)
        else:
            setattr(collection, field, value if value is not None else "")


@transaction.atomic
def collection_update(*, collection: Collection, **fields: Any) -> Collection:
    reject_unknown_keys(fields, _COLLECTION_FIELDS)
    _collection_apply(collection, fields)
    full_clean_with_codes(collection, CollectionErrorCode)
    collection.save()
    logger.info("collection_updated", extra={"collection_id": collection.pk})
    return collection


@transaction.atomic
def collection_delete(*, collection: Collection) -> None:
    collection_id = collection.pk
    collection.delete()
    logger.info("collection_deleted", extra={"collection_id": collection_id})


@transaction.atomic
def collection_add_products(*, collection: Collection, products: Sequence[Product]) -> None:
    """Add products (already in the collection: ``DUPLICATED_INPUT_ITEM``, nothing added)."""
    ids = [product.pk for product in products]
    present = set(
        CollectionProduct.objects.filter(collection=collection, product_id__in=ids).values_list(
            "product_id", flat=True
        )
    )
    if present or len(set(ids)) != len(ids):
        raise ValidationError(
            {
                "products": ValidationError(
                    _("Products are already in the collection."),
                    code=CollectionErrorCode.DUPLICATED_INPUT_ITEM.value,
                    params={"products": sorted(present)},
                )
            }
        )
    CollectionProduct.objects.bulk_create(
        CollectionProduct(collection=collection, product_id=pk, sort_order=index)
        for index, pk in enumerate(ids)
    )
    Product.objects.filter(pk__in=ids).update(updated_at=timezone.now())
    logger.info(
        "collection_products_added", extra={"collection_id": collection.pk, "count": len(ids)}
    )


@transaction.atomic
def collection_remove_products(*, collection: Collection, products: Sequence[Product]) -> None:
    ids = [product.pk for product in products]
    CollectionProduct.objects.filter(collection=collection, product_id__in=ids).delete()
    logger.info(
        "collection_products_removed", extra={"collection_id": collection.pk, "count": len(ids)}
    )


@dataclass(frozen=True)
class CollectionListingInput:
    channel: Channel
    is_published: bool = False
    published_at: datetime.datetime | None = None


@transaction.atomic
def collection_channel_listing_update(
    *,
    collection: Collection,
    add: Sequence[CollectionListingInput] = (),
    remove: Sequence[Channel] = (),
) -> None:
    """Publish or unpublish the collection per channel; ``remove`` drops listings."""
    add_ids = {listing.channel.pk for listing in add}
    if len(add_ids) != len(add) or add_ids & {channel.pk for channel in remove}:
        raise field_error(
            "addChannels",
            _("A channel can be added or removed once, not both."),
            CollectionErrorCode.DUPLICATED_INPUT_ITEM,
        )
    for listing in add:
        published_at = listing.published_at
        if listing.is_published and published_at is None:
            published_at = timezone.now()
        CollectionChannelListing.objects.update_or_create(
            collection=collection,
            channel=listing.channel,
            defaults={"is_published": listing.is_published, "published_at": published_at},
        )
    CollectionChannelListing.objects.filter(collection=collection, channel__in=remove).delete()
    logger.info("collection_listings_updated", extra={"collection_id": collection.pk})


_PAGE_FIELDS = frozenset(
    {"title", "slug", "content", "seo_title", "seo_description", "is_published", "published_at"}
)


def _page_apply(page: Page, fields: dict[str, Any]) -> None:
    for field, value in fields.items():
        if field == "content":
            page.content = _rich_text(value, "content")
        elif field == "slug":
            page.slug = _slug(value, page.title)
        elif field in {"seo_title", "seo_description"}:
            setattr(page, field, value or "")
        elif field == "is_published":
            page.is_published = bool(value)
            if page.is_published and page.published_at is None:
                page.published_at = timezone.now()
        else:
            setattr(page, field, value)


@transaction.atomic
def page_create(*, page_type: PageType, title: str, **fields: Any) -> Page:
    reject_unknown_keys(fields, _PAGE_FIELDS)
    page = Page(page_type=page_type, title=title, slug=_slug(fields.pop("slug", None), title))
    _page_apply(page, fields)
    full_clean_with_codes(page, PageErrorCode)
    page.save()
    logger.info("page_created", extra={"page_id": page.pk})
    return page


@transaction.atomic
def page_update(*, page: Page, **fields: Any) -> Page:
    reject_unknown_keys(fields, _PAGE_FIELDS)
    _page_apply(page, fields)
    full_clean_with_codes(page, PageErrorCode)
    page.save()
    logger.info("page_updated", extra={"page_id": page.pk})
    return page


@transaction.atomic
def page_delete(*, page: Page) -> None:
    page_id = page.pk
    page.delete()
    logger.info("page_deleted", extra={"page_id": page_id})


@transaction.atomic
def menu_create(*, name: str, slug: str | None = None) -> Menu:
    menu = Menu(name=name, slug=_slug(slug, name))
    full_clean_with_codes(menu, MenuErrorCode)
    menu.save()
    logger.info("menu_created", extra={"menu_id": menu.pk})
    return menu


@transaction.atomic
def menu_update(*, menu: Menu, name: str | None = None, slug: str | None = None) -> Menu:
    if name is not None:
        menu.name = name
    if slug is not None:
        menu.slug = _slug(slug, menu.name)
    full_clean_with_codes(menu, MenuErrorCode)
    menu.save()
    logger.info("menu_updated", extra={"menu_id": menu.pk})
    return menu


@transaction.atomic
def menu_delete(*, menu: Menu) -> None:
    menu_id = menu.pk
    menu.delete()
    logger.info("menu_deleted", extra={"menu_id": menu_id})


_MENU_ITEM_LINKS = ("url", "category", "collection", "page")


def _menu_item_apply(item: MenuItem, fields: dict[str, Any]) -> None:
    links = [field for field in _MENU_ITEM_LINKS if fields.get(field)]
    if len(links) > 1:
        raise field_error(
            "items",
            _("More than one item provided."),
            MenuErrorCode.TOO_MANY_MENU_ITEMS,
        )
    if "name" in fields and fields["name"] is not None:
        item.name = fields["name"]
    if links:  # one link replaces any other
        for field in _MENU_ITEM_LINKS:
            setattr(item, field, fields.get(field) or None)


@transaction.atomic
def menu_item_create(
    *, menu: Menu, name: str, parent: MenuItem | None = None, **links: Any
) -> MenuItem:
    """A new item at the end of ``parent``'s children (or the menu's top level)."""
    reject_unknown_keys(links, _MENU_ITEM_LINKS)
    if parent is not None and parent.menu_id != menu.pk:
        raise field_error(
            "parent", _("The parent item belongs to another menu."), MenuErrorCode.INVALID
        )
    siblings = MenuItem.objects.filter(menu=menu, parent=parent)
    item = MenuItem(
        menu=menu,
        parent=parent,
        name=name,
        level=0 if parent is None else parent.level + 1,
        sort_order=siblings.count(),
    )
    _menu_item_apply(item, {"name": name, **links})
    full_clean_with_codes(item, MenuErrorCode)
    item.save()
    logger.info("menu_item_created", extra={"menu_id": menu.pk, "menu_item_id": item.pk})
    return item


@transaction.atomic
def menu_item_update(*, item: MenuItem, **fields: Any) -> MenuItem:
    reject_unknown_keys(fields, {"name", *_MENU_ITEM_LINKS})
    _menu_item_apply(item, fields)
    full_clean_with_codes(item, MenuErrorCode)
    item.save()
    logger.info("menu_item_updated", extra={"menu_item_id": item.pk})
    return item


@transaction.atomic
def menu_item_delete(*, item: MenuItem) -> None:
    item_id = item.pk
    item.delete()
    logger.info("menu_item_deleted", extra={"menu_item_id": item_id})
