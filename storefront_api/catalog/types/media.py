"""Product media and their thumbnails: ``ProductMedia``, ``ProductImage`` and the
absolute URL of an image at a Saleor size."""

from __future__ import annotations

import functools
from typing import Any

import graphene
from django.urls import get_script_prefix, reverse

from marketplace.catalog import images
from marketplace.catalog.models import ProductMedia as ProductMediaModel
from marketplace.catalog.models import Thumbnail as ThumbnailModel
from storefront_api.catalog.dataloaders import ThumbnailsByMediaIdLoader
from storefront_api.catalog.enums import (
    ProductMediaType,
)
from storefront_api.catalog.types.common import absolute_url
from storefront_api.core.enums import (
    ThumbnailFormatEnum,
)
from storefront_api.core.ids import global_id
from storefront_api.core.metadata import NoStoredMetadata


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


def images_only(media: list[ProductMediaModel]) -> list[ProductMediaModel]:
    return [item for item in media if item.type == ProductMediaModel.Type.IMAGE]
