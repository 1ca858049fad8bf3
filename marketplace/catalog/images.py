"""Product image pipeline: check uploads, strip metadata, make thumbnails.

Pure functions over bytes, no models and no storage: the media service stores what
``image_clean`` returns and serves what ``thumbnail_make`` returns.

- Only JPEG, PNG and WebP are accepted. The format is detected from the bytes with Pillow
  (never from the file name or the declared content type), the header is checked against
  a pixel limit *before* any pixel is decoded (decompression bombs), the file is verified
  and then fully decoded (truncated files).
- What is stored is re-encoded from the pixels alone: EXIF (GPS, camera serial numbers,
  dates), XMP, comments and text chunks are dropped. The EXIF orientation is applied
  first, so photos stay upright. Colours are converted to sRGB with the embedded ICC
  profile and the profile itself is dropped: a profile is an arbitrary blob chosen by the
  uploader (free text tags, up to megabytes, parsed by every viewer), while untagged
  sRGB is what browsers assume anyway. Transparency (alpha, PNG colour keys) is kept.
  JPEGs are re-encoded with their own quantization tables (no inflation, little loss);
  animated PNG/WebP keep their first frame.
- Thumbnails follow Saleor (``saleor/thumbnail/__init__.py``, ``saleor/thumbnail/utils.py``,
  ``saleor/graphql/core/types/common.py`` ``ThumbnailField``): fixed sizes, the nearest
  one is picked, 4096 when no size is asked for, 0 means the original image; the longer
  side fits the size, the aspect ratio is kept and images are never enlarged. Output is the
  original format, WebP or AVIF (Saleor's ``ThumbnailFormatEnum``).
"""

from __future__ import annotations

import functools
import io
import logging
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, JpegImagePlugin, UnidentifiedImageError

from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.core.exceptions import field_error

logger = logging.getLogger(__name__)

IMAGE_FIELD = "image"


# Saleor's available thumbnail resolutions (longest side, in pixels).
THUMBNAIL_SIZES: tuple[int, ...] = (32, 64, 128, 256, 512, 1024, 2048, 4096)
DEFAULT_THUMBNAIL_SIZE = 4096
# Saleor: "Pass 0 to retrieve the original size" -- no thumbnail, serve the stored image.
ORIGINAL_SIZE = 0

# Re-encoding quality of stored WebP originals (JPEG originals reuse their own
# quantization tables, PNG is lossless) and of thumbnails.
ORIGINAL_QUALITY = 90
THUMBNAIL_QUALITY = 80


class ThumbnailFormat(StrEnum):
    """Thumbnail formats we produce; values as Saleor's ``ThumbnailFormat``."""

    ORIGINAL = "original"
    WEBP = "webp"
    AVIF = "avif"


@dataclass(frozen=True)
class CleanImage:
    """An image re-encoded from its pixels only, ready to store or serve."""

    content: bytes
    format: str  # Pillow's name: "JPEG", "PNG" or "WEBP"
    width: int
    height: int
    mime_type: str
    extension: str  # without the dot: "jpg", "png", "webp"


# Pillow format -> (MIME type, file extension).
_ACCEPTED_FORMATS: dict[str, tuple[str, str]] = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}
# What thumbnails may be written as: the accepted formats and AVIF (never accepted as an
# upload: only made here from pixels already checked).
_OUTPUT_FORMATS = {**_ACCEPTED_FORMATS, "AVIF": ("image/avif", "avif")}
# Only these Pillow plugins ever parse an upload; "JPEG" also yields "MPO" (multi-picture
# JPEGs written by many phone cameras), which is stored as a plain JPEG (first picture).
_PILLOW_PLUGINS = ("JPEG", "PNG", "WEBP")
_FORMAT_ALIASES = {"MPO": "JPEG"}
_SIXTEEN_BIT_MODES = frozenset({"I", "I;16", "I;16B", "I;16L", "I;16N"})
_PNG_STORABLE_MODES = frozenset({"1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"})
_BMP_HEADER_SIZES = frozenset({12, 40, 52, 56, 64, 108, 124})  # DIB header variants

_EMPTY = _("The image file is empty.")
_NOT_AN_IMAGE = _("The file is not an image. Upload a JPEG, PNG or WebP image.")
_DAMAGED = _("The image file is damaged or incomplete. Upload it again.")
_BAD_THUMBNAIL_SIZE = _("The thumbnail size must be a positive number of pixels.")


def image_clean(content: bytes | IO[bytes]) -> CleanImage:
    """Check an uploaded product image and re-encode it without metadata.

    Accepts JPEG, PNG and WebP up to ``PRODUCT_IMAGE_MAX_BYTES`` bytes and
    ``PRODUCT_IMAGE_MAX_PIXELS`` pixels; a file object is read only up to that limit.
    Returns the image upright, in sRGB, in its original format, with no EXIF, XMP,
    ICC profile or comments.

    Raises ValidationError on field ``image`` with a ``ProductErrorCode`` value:
    ``required`` (empty file), ``file_size_limit_exceeded`` (too many bytes or pixels),
    ``unsupported_mime_type`` (an image in another format, e.g. GIF, BMP, SVG, HEIC) or
    ``invalid`` (not an image, truncated or damaged).
    """
    data = _read_bounded(content, _max_bytes())
    image, source_format = _open_image(data)
    try:
        jpeg_options = _jpeg_source_options(image)
        image = _prepared(image, output_format=source_format, keep_palette=True)
        lossless = source_format == "WEBP" and _webp_is_lossless(data)
        result = _encode(
            image, source_format, quality=ORIGINAL_QUALITY, lossless=lossless, **jpeg_options
        )
    finally:
        image.close()
    logger.info(
        "product_image_cleaned",
        extra={
            "image_format": result.format,
            "width": result.width,
            "height": result.height,
            "size_in": len(data),
            "size_out": len(result.content),
        },
    )
    return result


@functools.lru_cache(maxsize=256)  # a product list asks it once per product
def thumbnail_size_for(requested: int | None) -> int:
    """The thumbnail size to serve for a requested size, following Saleor.

    ``None`` gives the default (4096); ``0`` gives ``ORIGINAL_SIZE`` (0), meaning "serve
    the stored image, make no thumbnail"; any other value gives the nearest of
    ``THUMBNAIL_SIZES``, the smaller one on a tie (negative values give 32, values above
    4096 give 4096), as Saleor's ``get_thumbnail_size`` does.
    """
    if requested is None:
        return DEFAULT_THUMBNAIL_SIZE
    if requested == ORIGINAL_SIZE:
        return ORIGINAL_SIZE
    return min(THUMBNAIL_SIZES, key=lambda size: (abs(size - requested), size))


def thumbnail_make(content: bytes, *, size: int, format: str | None) -> CleanImage:
    """Make a thumbnail whose longer side is at most ``size`` pixels.

    Keeps the aspect ratio and never enlarges. ``format`` is ``None`` or ``"original"``
    (the source format), ``"webp"`` or ``"avif"``, case-insensitive (``ThumbnailFormat`` values or
    the GraphQL enum names). Pass a size from ``thumbnail_size_for``; ``0`` is not a
    thumbnail. The source is checked like an upload (same limits and errors on field
    ``image``) and the result carries no metadata. WebP and AVIF keep transparency; JPEG is
    RGB.

    Raises ValidationError with code ``invalid`` on field ``size`` or ``format`` for a
    size below 1 or an unsupported format (e.g. GIF).
    """
    target_format = _thumbnail_target(format)
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        raise field_error("size", _BAD_THUMBNAIL_SIZE, ProductErrorCode.INVALID)
    data = _read_bounded(content, _max_bytes())
    image, source_format = _open_image(data, draft_size=size)
    output_format = target_format or source_format
    try:
        image = _prepared(image, output_format=output_format, keep_palette=False)
        image.thumbnail((size, size), Image.Resampling.LANCZOS)  # only ever shrinks
        result = _encode(image, output_format, quality=THUMBNAIL_QUALITY)
    finally:
        image.close()
    logger.info(
        "product_thumbnail_made",
        extra={
            "image_format": result.format,
            "thumbnail_size": size,
            "width": result.width,
            "height": result.height,
            "size_out": len(result.content),
        },
    )
    return result


# --- limits and errors -------------------------------------------------------------------


def _max_bytes() -> int:
    return settings.PRODUCT_IMAGE_MAX_BYTES


def _max_pixels() -> int:
    return settings.PRODUCT_IMAGE_MAX_PIXELS


def _refuse(message: Any, code: ProductErrorCode, reason: str, **extra: Any) -> ValidationError:
    logger.info("product_image_refused", extra={"code": code.value, "reason": reason, **extra})
    return field_error(IMAGE_FIELD, message, code)


def _too_many_bytes(size: int, max_bytes: int) -> ValidationError:
    message = gettext("The image file is too large. The maximum size is %(max_mb)s MB.") % {
        "max_mb": f"{max_bytes / (1024 * 1024):g}"
    }
    return _refuse(
        message, ProductErrorCode.FILE_SIZE_LIMIT_EXCEEDED, "too_many_bytes", size_in=size
    )


def _too_many_pixels(size: tuple[int, int] | None) -> ValidationError:
    message = gettext("The image is too large. The maximum is %(max_mp)s megapixels.") % {
        "max_mp": f"{_max_pixels() / 1_000_000:g}"
    }
    width, height = size or (None, None)
    return _refuse(
        message,
        ProductErrorCode.FILE_SIZE_LIMIT_EXCEEDED,
        "too_many_pixels",
        width=width,
        height=height,
    )


def _unsupported(kind: str) -> ValidationError:
    message = gettext("%(kind)s images are not supported. Upload a JPEG, PNG or WebP image.") % {
        "kind": kind
    }
    return _refuse(message, ProductErrorCode.UNSUPPORTED_MIME_TYPE, "unsupported", kind=kind)


def _damaged(exc: BaseException) -> ValidationError:
    return _refuse(_DAMAGED, ProductErrorCode.INVALID, "damaged", error=type(exc).__name__)


# --- reading and decoding ------------------------------------------------------------------


def _read_bounded(content: bytes | IO[bytes], max_bytes: int) -> bytes:
    """The bytes of ``content``, refusing empty input and more than ``max_bytes``."""
    if isinstance(content, bytes | bytearray | memoryview):
        data = bytes(content)
    else:
        if content.seekable():
            content.seek(0)
        data = content.read(max_bytes + 1)
    if not data:
        raise _refuse(_EMPTY, ProductErrorCode.REQUIRED, "empty")
    if len(data) > max_bytes:
        raise _too_many_bytes(len(data), max_bytes)
    return data


def _open_image(data: bytes, *, draft_size: int | None = None) -> tuple[Image.Image, str]:
    """Decode ``data`` fully, after checking format, pixel count and integrity.

    ``draft_size`` lets JPEG decode at a reduced scale that still covers a
    ``draft_size`` square (for thumbnails). Returns the loaded image and its format.
    """
    try:
        with Image.open(io.BytesIO(data), formats=_PILLOW_PLUGINS) as probe:
            image_format = _checked_format(probe)
            _check_pixels(probe.size)
            probe.verify()
    except ValidationError:
        raise
    except UnidentifiedImageError:
        kind = _refused_kind(data)
        if kind is None:
            raise _refuse(_NOT_AN_IMAGE, ProductErrorCode.INVALID, "not_an_image") from None
        raise _unsupported(kind) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(None) from None
    except Exception as exc:  # any decoder failure on untrusted bytes means "damaged"
        raise _damaged(exc) from exc

    # verify() leaves the image unusable: open again and decode every pixel, which is
    # where truncated files fail.
    image = Image.open(io.BytesIO(data), formats=_PILLOW_PLUGINS)
    try:
        _checked_format(image)
        _check_pixels(image.size)
        if draft_size and image.format in ("JPEG", "MPO"):
            image.draft(None, (draft_size, draft_size))
        image.load()
    except ValidationError:
        image.close()
        raise
    except Exception as exc:
        image.close()
        raise _damaged(exc) from exc
    return image, image_format


def _checked_format(image: Image.Image) -> str:
    pillow_format = image.format or ""
    image_format = _FORMAT_ALIASES.get(pillow_format, pillow_format)
    if image_format not in _ACCEPTED_FORMATS:
        raise _unsupported(pillow_format or "Unknown")
    return image_format


def _check_pixels(size: tuple[int, int]) -> None:
    width, height = size
    if width < 1 or height < 1:
        raise _refuse(_DAMAGED, ProductErrorCode.INVALID, "no_pixels")
    if width * height > _max_pixels():
        raise _too_many_pixels(size)


def _refused_kind(data: bytes) -> str | None:
    """Name a well-known image format we refuse, to say so instead of "not an image".

    Only picks the error message: refused files are never handed to other decoders.
    """
    head = data[:1024]
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head.startswith(b"BM") and int.from_bytes(head[14:18], "little") in _BMP_HEADER_SIZES:
        return "BMP"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "TIFF"
    if head[4:8] == b"ftyp":
        return "AVIF" if head[8:12] in (b"avif", b"avis") else "HEIC"
    if head.startswith(b"8BPS"):
        return "PSD"
    if head.startswith(b"\x00\x00\x01\x00"):
        return "ICO"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml", b"<!doctype svg")) and b"<svg" in text:
        return "SVG"
    return None


def _jpeg_source_options(image: Image.Image) -> dict[str, Any]:
    """Save options reusing a JPEG's own quantization tables and chroma subsampling.

    Re-encoding with the source's tables neither inflates a modestly compressed photo
    (as a fixed high quality would) nor compounds the loss (as a lower one would).
    """
    tables = getattr(image, "quantization", None)
    if not isinstance(image, JpegImagePlugin.JpegImageFile) or not tables:
        return {}
    qtables = [list(tables[key]) for key in sorted(tables)][:4]
    if len(qtables) == 1:  # grey source, stored as RGB: chroma needs a table too
        qtables.append(qtables[0])
    options: dict[str, Any] = {"qtables": qtables}
    subsampling = JpegImagePlugin.get_sampling(image)
    if subsampling != -1:
        options["subsampling"] = subsampling
    return options


def _webp_is_lossless(data: bytes) -> bool:
    """Whether a still WebP holds a lossless (VP8L) bitstream, from its RIFF chunks."""
    offset = 12  # "RIFF", size, "WEBP"
    for _chunk in range(16):
        fourcc = data[offset : offset + 4]
        if len(fourcc) < 4:
            return False
        if fourcc in (b"VP8 ", b"VP8L"):
            return fourcc == b"VP8L"
        length = int.from_bytes(data[offset + 4 : offset + 8], "little")
        offset += 8 + length + (length & 1)
    return False


# --- pixels ------------------------------------------------------------------------------


@functools.cache
def _srgb() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _prepared(image: Image.Image, *, output_format: str, keep_palette: bool) -> Image.Image:
    """Upright, sRGB pixels in a mode ``output_format`` can store.

    ``keep_palette`` keeps palette and 1-bit PNGs as they are (for stored originals);
    thumbnails need full colour so that resampling blends pixels.
    """
    _apply_orientation(image)
    image = _to_srgb(image)
    if image.mode in _SIXTEEN_BIT_MODES and not (keep_palette and output_format == "PNG"):
        image = _to_eight_bit(image)
    has_transparency = image.has_transparency_data
    if output_format == "JPEG":
        return _flattened(image) if has_transparency else _converted(image, "RGB")
    if output_format in ("WEBP", "AVIF"):
        return _converted(image, "RGBA" if has_transparency else "RGB")
    # PNG
    if keep_palette and image.mode in _PNG_STORABLE_MODES:
        return image
    if image.mode in ("RGBA", "LA") or (image.mode == "L" and not has_transparency):
        return image
    return _converted(image, "RGBA" if has_transparency else "RGB")


def _apply_orientation(image: Image.Image) -> None:
    try:
        ImageOps.exif_transpose(image, in_place=True)
    except Exception as exc:  # unreadable EXIF: keep the pixels as they are
        logger.warning("product_image_exif_unreadable", extra={"error": type(exc).__name__})


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert colours to sRGB with the embedded ICC profile, if any.

    Grey and palette images keep their values (a grey profile barely changes them).
    An unusable profile is ignored rather than refusing the photo.
    """
    icc_profile = image.info.get("icc_profile")
    if not icc_profile or image.mode not in ("RGB", "RGBA", "CMYK"):
        return _converted(image, "RGB") if image.mode == "CMYK" else image
    alpha = image.getchannel("A") if image.mode == "RGBA" else None
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        converted = ImageCms.profileToProfile(
            image.convert("RGB") if alpha is not None else image, source, _srgb(), outputMode="RGB"
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError) as exc:
        logger.warning("product_image_icc_ignored", extra={"error": type(exc).__name__})
        return _converted(image, "RGB") if image.mode == "CMYK" else image
    assert converted is not None  # profileToProfile returns an image unless inPlace
    if alpha is not None:
        converted.putalpha(alpha)
    return converted


def _to_eight_bit(image: Image.Image) -> Image.Image:
    """16-bit grey to 8-bit grey, scaling instead of clipping."""
    return image.convert("I").point(lambda value: value * (1 / 257)).convert("L")


def _converted(image: Image.Image, mode: str) -> Image.Image:
    return image if image.mode == mode else image.convert(mode)


def _flattened(image: Image.Image) -> Image.Image:
    """Transparent pixels onto white, for formats without alpha."""
    rgba = _converted(image, "RGBA")
    background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    background.alpha_composite(rgba)
    return background.convert("RGB")


def _encode(
    image: Image.Image,
    image_format: str,
    *,
    quality: int,
    lossless: bool = False,
    **jpeg_options: Any,
) -> CleanImage:
    """Encode pixels only: no EXIF, XMP, ICC profile, comments or text chunks.

    ``jpeg_options`` (``qtables``, ``subsampling``) replace ``quality`` for JPEG.
    """
    transparency = image.info.get("transparency") if image_format == "PNG" else None
    # Pillow writes some of ``info`` back (e.g. a JPEG comment): start from nothing.
    image.info = {} if transparency is None else {"transparency": transparency}
    options: dict[str, Any] = {"format": image_format, "exif": b""}
    if image_format == "JPEG":
        # With qtables, Pillow would scale them by ``quality`` percent: leave it out.
        options.update(jpeg_options or {"quality": quality})
    elif image_format == "WEBP":
        options.update(quality=quality, lossless=lossless)
    elif image_format == "AVIF":
        options.update(quality=quality)
    buffer = io.BytesIO()
    image.save(buffer, **options)
    mime_type, extension = _OUTPUT_FORMATS[image_format]
    return CleanImage(
        content=buffer.getvalue(),
        format=image_format,
        width=image.width,
        height=image.height,
        mime_type=mime_type,
        extension=extension,
    )


def _thumbnail_target(format: str | Enum | None) -> str | None:
    """Pillow format for a requested thumbnail format; ``None`` keeps the source format."""
    value = format.value if isinstance(format, Enum) else format
    if value is None or str(value).lower() == ThumbnailFormat.ORIGINAL:
        return None
    if str(value).lower() in (ThumbnailFormat.WEBP, ThumbnailFormat.AVIF):
        return str(value).upper()
    message = gettext(
        "The %(format)s thumbnail format is not supported. Use ORIGINAL, WEBP or AVIF."
    ) % {"format": str(value).upper()}
    logger.info("product_thumbnail_refused", extra={"reason": "format", "requested": value})
    raise field_error("format", message, ProductErrorCode.INVALID)
