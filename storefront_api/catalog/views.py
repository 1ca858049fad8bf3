"""``/thumbnail/<media id>/<size>/[<format>/]``: Saleor's thumbnail URL.

Serves the product image at the nearest Saleor size (``images.thumbnail_size_for``) in
the original format or WebP, making and storing the thumbnail on the first request
(``services.thumbnail_get_or_create``). The media id is its global ID
(``ProductMedia:<pk>``) or the bare primary key. Size 0 serves the original image.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.views.decorators.http import require_GET
from graphql_relay import from_global_id

from marketplace.catalog import images, services
from marketplace.catalog.models import ProductMedia

logger = logging.getLogger(__name__)

_CONTENT_TYPES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "AVIF": "image/avif",
}
_EXTENSION_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "avif": "image/avif",
}
CACHE_CONTROL = "public, max-age=31536000, immutable"


def _media_pk(instance_id: str) -> int | None:
    if instance_id.isdigit():
        return int(instance_id)
    try:
        type_name, pk = from_global_id(instance_id)
    except (TypeError, ValueError, UnicodeDecodeError):
        return None
    if type_name != "ProductMedia" or not pk.isdigit():
        return None
    return int(pk)


def _content_type(name: str) -> str:
    return _EXTENSION_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")


@require_GET
def thumbnail(
    request: HttpRequest, instance_id: str, size: int, format: str | None = None
) -> HttpResponse | FileResponse:
    pk = _media_pk(instance_id)
    media = ProductMedia.objects.filter(pk=pk).first() if pk is not None else None
    if media is None or not media.image:
        raise Http404("No such product image.")
    try:
        thumb = services.thumbnail_get_or_create(media=media, size=size, format=format)
    except ValidationError as exc:
        return HttpResponseBadRequest(" ".join(exc.messages))
    file = (thumb.image if thumb is not None else media.image).open("rb")
    response = FileResponse(file, content_type=_content_type(file.name))
    response["Cache-Control"] = CACHE_CONTROL
    logger.debug(
        "thumbnail_served",
        extra={"media_id": media.pk, "size": images.thumbnail_size_for(size), "format": format},
    )
    return response
