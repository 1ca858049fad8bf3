"""Product image pipeline, on real image bytes made here with Pillow."""

from __future__ import annotations

import io
import random
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import ExifTags, Image, ImageCms, ImageFile, PngImagePlugin

from marketplace.catalog.error_codes import ProductErrorCode
from marketplace.catalog.images import (
    DEFAULT_THUMBNAIL_SIZE,
    ORIGINAL_SIZE,
    THUMBNAIL_SIZES,
    CleanImage,
    ThumbnailFormat,
    image_clean,
    thumbnail_make,
    thumbnail_size_for,
)


@pytest.fixture(autouse=True)
def _english_messages():
    """These tests read the English wording; Indonesian is covered by test_translations."""
    with translation.override("en"):
        yield


RED = (220, 20, 20)
BLUE = (20, 20, 220)


def image_bytes(
    image_format: str,
    size: tuple[int, int] = (40, 30),
    mode: str = "RGB",
    color: tuple[int, ...] | int = RED,
    **save_options,
) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, format=image_format, **save_options)
    return buffer.getvalue()


def noisy_jpeg(size: tuple[int, int] = (300, 200)) -> bytes:
    """A JPEG that does not compress away, so that cutting it loses real scan data."""
    rng = random.Random(7)
    image = Image.frombytes(
        "RGB", size, bytes(rng.randrange(256) for _ in range(size[0] * size[1] * 3))
    )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=95)
    return buffer.getvalue()


def two_colour_image(size: tuple[int, int]) -> Image.Image:
    """Left half red, right half blue."""
    image = Image.new("RGB", size, RED)
    image.paste(BLUE, (size[0] // 2, 0, size[0], size[1]))
    return image


def is_red(pixel: tuple[int, ...]) -> bool:
    return pixel[0] > 150 and pixel[2] < 100


def is_blue(pixel: tuple[int, ...]) -> bool:
    return pixel[2] > 150 and pixel[0] < 100


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` RGB pixels, with almost no data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


def opened(result: CleanImage) -> Image.Image:
    return Image.open(io.BytesIO(result.content))


def error_code(exc_info: pytest.ExceptionInfo[ValidationError], field: str = "image") -> str:
    errors = exc_info.value.error_dict[field]
    assert len(errors) == 1
    return errors[0].code


@pytest.fixture
def pixel_loads(monkeypatch) -> list[tuple[int, int]]:
    """Sizes of every image whose pixels Pillow decodes through ImageFile.load."""
    loads: list[tuple[int, int]] = []
    original_load = ImageFile.ImageFile.load

    def spy(self):
        loads.append(self.size)
        return original_load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)
    return loads


def test_pixel_loads_sees_decoded_images(pixel_loads):
    # the spy the decompression-bomb tests rely on does see ordinary decoding
    image_clean(image_bytes("PNG", size=(12, 9)))

    assert (12, 9) in pixel_loads


# --- accepted formats -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("image_format", "mime_type", "extension"),
    [("JPEG", "image/jpeg", "jpg"), ("PNG", "image/png", "png"), ("WEBP", "image/webp", "webp")],
)
def test_image_clean_accepts_format_and_keeps_it(image_format, mime_type, extension):
    # given
    content = image_bytes(image_format, size=(40, 30))

    # when
    result = image_clean(content)

    # then
    assert result.format == image_format
    assert result.mime_type == mime_type
    assert result.extension == extension
    assert (result.width, result.height) == (40, 30)
    stored = opened(result)
    assert stored.format == image_format
    assert stored.size == (40, 30)
    red, green, blue = stored.convert("RGB").getpixel((20, 15))
    assert abs(red - RED[0]) < 8
    assert abs(green - RED[1]) < 8
    assert abs(blue - RED[2]) < 8


def test_image_clean_reads_an_uploaded_file_whatever_its_name():
    # given
    upload = SimpleUploadedFile("foto.gif", image_bytes("PNG"), content_type="image/gif")

    # when
    result = image_clean(upload)

    # then
    assert result.format == "PNG"
    assert result.mime_type == "image/png"


def test_image_clean_keeps_png_transparency():
    # given
    image = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    image.paste((*RED, 255), (5, 0, 10, 10))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")

    # when
    result = image_clean(buffer.getvalue())

    # then
    stored = opened(result)
    assert stored.mode == "RGBA"
    assert stored.getpixel((0, 0))[3] == 0
    assert stored.getpixel((9, 9)) == (*RED, 255)


def test_image_clean_keeps_palette_png_transparency():
    # given
    content = image_bytes("PNG", mode="P", color=0, transparency=0)

    # when
    result = image_clean(content)

    # then
    stored = opened(result)
    assert stored.mode == "P"
    assert stored.info["transparency"] == 0


def test_image_clean_keeps_lossless_webp_lossless():
    # given
    content = image_bytes("WEBP", lossless=True)

    # when
    result = image_clean(content)

    # then
    assert b"VP8L" in result.content[:64]


def test_image_clean_reencodes_jpeg_with_its_own_quantization():
    # given: a photo compressed at quality 50 (a fixed high quality would inflate it)
    source = Image.open(io.BytesIO(noisy_jpeg((200, 200))))
    buffer = io.BytesIO()
    source.save(buffer, format="JPEG", quality=50)
    content = buffer.getvalue()

    # when
    result = image_clean(content)

    # then
    assert opened(result).quantization == Image.open(io.BytesIO(content)).quantization
    assert len(result.content) < len(content) * 1.1


def test_image_clean_stores_grey_jpeg_as_rgb():
    # given
    content = image_bytes("JPEG", mode="L", color=128, quality=70)

    # when
    result = image_clean(content)

    # then
    stored = opened(result)
    assert stored.mode == "RGB"
    assert all(abs(channel - 128) <= 2 for channel in stored.getpixel((20, 15)))


def test_image_clean_stores_cmyk_jpeg_as_rgb():
    # given
    content = image_bytes("JPEG", mode="CMYK", color=(0, 255, 255, 0))

    # when
    result = image_clean(content)

    # then
    stored = opened(result)
    assert stored.format == "JPEG"
    assert stored.mode == "RGB"


def test_image_clean_stores_multi_picture_jpeg_as_jpeg():
    # given
    buffer = io.BytesIO()
    first, second = Image.new("RGB", (16, 8), RED), Image.new("RGB", (16, 8), BLUE)
    first.save(buffer, format="MPO", save_all=True, append_images=[second])
    assert Image.open(io.BytesIO(buffer.getvalue())).format == "MPO"

    # when
    result = image_clean(buffer.getvalue())

    # then
    assert result.format == "JPEG"
    assert opened(result).format == "JPEG"
    assert (result.width, result.height) == (16, 8)


# --- refused files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(image_bytes("GIF"), id="gif"),
        pytest.param(image_bytes("BMP"), id="bmp"),
        pytest.param(image_bytes("TIFF"), id="tiff"),
        pytest.param(
            b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" '
            b'height="10"><rect width="10" height="10"/></svg>',
            id="svg",
        ),
    ],
)
def test_image_clean_refuses_other_image_formats(content):
    # when
    with pytest.raises(ValidationError) as exc_info:
        image_clean(content)

    # then
    assert error_code(exc_info) == ProductErrorCode.UNSUPPORTED_MIME_TYPE.value
    assert "JPEG, PNG or WebP" in exc_info.value.error_dict["image"][0].message


def test_image_clean_refuses_text_renamed_as_jpeg():
    # given
    upload = SimpleUploadedFile(
        "produk.jpg", b"Keripik tempe, 100 gram\n", content_type="image/jpeg"
    )

    # when
    with pytest.raises(ValidationError) as exc_info:
        image_clean(upload)

    # then
    assert error_code(exc_info) == ProductErrorCode.INVALID.value


def test_image_clean_refuses_empty_file():
    # when
    with pytest.raises(ValidationError) as exc_info:
        image_clean(b"")

    # then
    assert error_code(exc_info) == ProductErrorCode.REQUIRED.value


def test_image_clean_refuses_truncated_jpeg():
    # given
    content = noisy_jpeg()
    truncated = content[: len(content) // 2]

    # when
    with pytest.raises(ValidationError) as exc_info:
        image_clean(truncated)

    # then
    assert error_code(exc_info) == ProductErrorCode.INVALID.value


def test_image_clean_refuses_truncated_png():
    # given
    rng = random.Random(3)
    image = Image.frombytes("L", (200, 200), bytes(rng.randrange(256) for _ in range(200 * 200)))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    truncated = buffer.getvalue()[: len(buffer.getvalue()) // 2]

    # when
    with pytest.raises(ValidationError) as exc_info:
        image_clean(truncated)

    # then
    assert error_code(exc_info) == ProductErrorCode.INVALID.value


def test_image_clean_refuses_file_over_the_byte_limit(settings):
    # given
    settings.PRODUCT_IMAGE_MAX_BYTES = 2_000
    content = noisy_jpeg((100, 100))
    assert len(content) > 2_000

    # when
    with pytest.raises(ValidationError) as exc_info:
        image_clean(content)

    # then
    assert error_code(exc_info) == ProductErrorCode.FILE_SIZE_LIMIT_EXCEEDED.value


def test_image_clean_reads_at_most_the_byte_limit_from_a_file(settings):
    # given
    settings.PRODUCT_IMAGE_MAX_BYTES = 2_000
    upload = io.BytesIO(noisy_jpeg((100, 100)))

    # when
    with pytest.raises(ValidationError) as exc_info:
        image_clean(upload)

    # then
    assert error_code(exc_info) == ProductErrorCode.FILE_SIZE_LIMIT_EXCEEDED.value
    assert upload.tell() == 2_001


def test_image_clean_refuses_header_claiming_huge_dimensions(pixel_loads):
    # given: 50000 x 50000 pixels (7.5 GB decoded) in a file of about a hundred bytes
    content = png_header_only(50_000, 50_000)
    assert len(content) < 200

    # when
    with pytest.raises(ValidationError) as exc_info:
        image_clean(content)

    # then
    assert error_code(exc_info) == ProductErrorCode.FILE_SIZE_LIMIT_EXCEEDED.value
    assert pixel_loads == []


def test_image_clean_refuses_image_over_our_pixel_limit_below_pillows(pixel_loads):
    # given: 64 megapixels, over our 40 MP default but under Pillow's own bomb check
    content = png_header_only(8_000, 8_000)

    # when
    with pytest.raises(ValidationError) as exc_info:
        image_clean(content)

    # then
    assert error_code(exc_info) == ProductErrorCode.FILE_SIZE_LIMIT_EXCEEDED.value
    assert pixel_loads == []


def test_image_clean_refuses_genuine_huge_but_compressible_image(pixel_loads):
    # given: a real, complete 1-bit PNG of 8000 x 8000 pixels, only a few kilobytes
    content = image_bytes("PNG", size=(8_000, 8_000), mode="1", color=0)
    assert len(content) < 100_000

    # when
    with pytest.raises(ValidationError) as exc_info:
        image_clean(content)

    # then
    assert error_code(exc_info) == ProductErrorCode.FILE_SIZE_LIMIT_EXCEEDED.value
    assert pixel_loads == []


def test_image_clean_pixel_limit_comes_from_settings(settings):
    # given
    settings.PRODUCT_IMAGE_MAX_PIXELS = 100
    content = image_bytes("JPEG", size=(20, 20))

    # when
    with pytest.raises(ValidationError) as exc_info:
        image_clean(content)

    # then
    assert error_code(exc_info) == ProductErrorCode.FILE_SIZE_LIMIT_EXCEEDED.value


# --- metadata ---------------------------------------------------------------------------


def exif_with_gps(orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "KameraDesa"
    exif[ExifTags.Base.BodySerialNumber] = "SN-123456"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "S",
        ExifTags.GPS.GPSLatitude: (7.0, 48.0, 0.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (110.0, 22.0, 0.0),
    }
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    return exif


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_image_clean_strips_exif_and_gps(image_format):
    # given
    content = image_bytes(image_format, exif=exif_with_gps().tobytes())
    original_exif = Image.open(io.BytesIO(content)).getexif()
    assert original_exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "S"

    # when
    result = image_clean(content)

    # then
    stored = opened(result)
    assert "exif" not in stored.info
    assert dict(stored.getexif()) == {}
    assert stored.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert b"KameraDesa" not in result.content
    assert b"SN-123456" not in result.content


def test_image_clean_strips_jpeg_comment_and_xmp():
    # given
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>rahasia-xmp</rdf:RDF></x:xmpmeta>'
    content = image_bytes("JPEG", comment=b"rahasia-komentar", xmp=xmp)
    assert {"comment", "xmp"} <= set(Image.open(io.BytesIO(content)).info)

    # when
    result = image_clean(content)

    # then
    stored = opened(result)
    assert not {"comment", "xmp", "exif"} & set(stored.info)
    assert b"rahasia" not in result.content


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_image_clean_converts_to_srgb_and_drops_icc_profile(image_format):
    # given
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    content = image_bytes(image_format, icc_profile=icc)
    assert "icc_profile" in Image.open(io.BytesIO(content)).info

    # when
    result = image_clean(content)

    # then
    stored = opened(result)
    assert "icc_profile" not in stored.info
    assert is_red(stored.convert("RGB").getpixel((20, 15)))


def test_image_clean_ignores_unusable_icc_profile():
    # given
    content = image_bytes("JPEG", icc_profile=b"not really a colour profile")
    assert Image.open(io.BytesIO(content)).info["icc_profile"] == b"not really a colour profile"

    # when
    result = image_clean(content)

    # then
    stored = opened(result)
    assert "icc_profile" not in stored.info
    assert is_red(stored.getpixel((20, 15)))


def test_image_clean_keeps_alpha_when_converting_colours():
    # given
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    image.paste((*RED, 255), (5, 0, 10, 10))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", icc_profile=icc)

    # when
    result = image_clean(buffer.getvalue())

    # then
    stored = opened(result)
    assert "icc_profile" not in stored.info
    assert stored.mode == "RGBA"
    assert stored.getpixel((0, 0))[3] == 0
    assert stored.getpixel((9, 9))[3] == 255
    assert is_red(stored.getpixel((9, 9)))


def test_image_clean_strips_png_text_chunks():
    # given
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "rahasia-teks")
    content = image_bytes("PNG", pnginfo=text)

    # when
    result = image_clean(content)

    # then
    assert b"rahasia" not in result.content
    assert "Comment" not in opened(result).info


def test_image_clean_applies_exif_orientation():
    # given: stored sideways, orientation 6 says "rotate 90 degrees clockwise to view"
    buffer = io.BytesIO()
    two_colour_image((40, 20)).save(buffer, format="JPEG", exif=exif_with_gps(6).tobytes())

    # when
    result = image_clean(buffer.getvalue())

    # then
    stored = opened(result).convert("RGB")
    assert stored.size == (20, 40)
    assert is_red(stored.getpixel((10, 5)))  # the left (red) half is now on top
    assert is_blue(stored.getpixel((10, 35)))
    assert dict(opened(result).getexif()) == {}


# --- thumbnail sizes --------------------------------------------------------------------


def test_thumbnail_sizes_are_saleors():
    assert THUMBNAIL_SIZES == (32, 64, 128, 256, 512, 1024, 2048, 4096)
    assert DEFAULT_THUMBNAIL_SIZE == 4096


@pytest.mark.parametrize(
    ("requested", "expected"),
    [
        (None, 4096),  # Saleor's default
        (0, ORIGINAL_SIZE),  # Saleor: 0 means the original image
        (-5, 32),  # no validation in Saleor: nearest size
        (1, 32),
        (32, 32),
        (48, 32),  # tie between 32 and 64: the smaller
        (49, 64),
        (100, 128),
        (256, 256),
        (300, 256),
        (3000, 2048),
        (3072, 2048),  # tie: the smaller
        (4096, 4096),
        (5000, 4096),
        (1_000_000, 4096),
    ],
)
def test_thumbnail_size_for_picks_nearest_available_size(requested, expected):
    assert thumbnail_size_for(requested) == expected


# --- thumbnails -------------------------------------------------------------------------


def test_thumbnail_make_fits_longer_side_and_keeps_original_format():
    # given
    buffer = io.BytesIO()
    two_colour_image((1000, 500)).save(buffer, format="JPEG")

    # when
    result = thumbnail_make(buffer.getvalue(), size=256, format=None)

    # then
    assert (result.format, result.width, result.height) == ("JPEG", 256, 128)
    thumbnail = opened(result)
    assert thumbnail.format == "JPEG"
    assert thumbnail.mode == "RGB"
    assert thumbnail.size == (256, 128)


def test_thumbnail_make_fits_tall_image():
    # given
    content = image_bytes("PNG", size=(300, 900))

    # when
    result = thumbnail_make(content, size=64, format=ThumbnailFormat.ORIGINAL)

    # then
    assert (result.format, result.width, result.height) == ("PNG", 21, 64)


@pytest.mark.parametrize("requested_format", ["webp", "WEBP", ThumbnailFormat.WEBP])
def test_thumbnail_make_webp(requested_format):
    # given
    content = image_bytes("JPEG", size=(600, 400))

    # when
    result = thumbnail_make(content, size=128, format=requested_format)

    # then
    assert (result.format, result.mime_type, result.extension) == ("WEBP", "image/webp", "webp")
    assert opened(result).format == "WEBP"
    assert (result.width, result.height) == (128, 85)


def test_thumbnail_make_webp_keeps_png_transparency():
    # given
    image = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    image.paste((*BLUE, 255), (200, 0, 400, 400))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")

    # when
    result = thumbnail_make(buffer.getvalue(), size=64, format="webp")

    # then
    thumbnail = opened(result)
    assert thumbnail.format == "WEBP"
    assert thumbnail.mode == "RGBA"
    assert thumbnail.size == (64, 64)
    assert thumbnail.getpixel((5, 32))[3] == 0
    assert thumbnail.getpixel((60, 32))[3] == 255


def test_thumbnail_make_webp_keeps_palette_png_transparency():
    # given
    image = Image.new("P", (100, 100), 0)
    image.putpalette([0, 0, 0, *RED] + [0] * (256 * 3 - 6))
    image.paste(1, (50, 0, 100, 100))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", transparency=0)

    # when
    result = thumbnail_make(buffer.getvalue(), size=32, format="webp")

    # then
    thumbnail = opened(result)
    assert thumbnail.mode == "RGBA"
    assert thumbnail.getpixel((2, 16))[3] == 0
    assert thumbnail.getpixel((30, 16))[3] == 255


def test_thumbnail_make_does_not_upscale():
    # given
    content = image_bytes("PNG", size=(20, 10))

    # when
    result = thumbnail_make(content, size=4096, format="webp")

    # then
    assert (result.width, result.height) == (20, 10)
    assert opened(result).size == (20, 10)


def test_thumbnail_make_applies_orientation_and_strips_exif():
    # given
    buffer = io.BytesIO()
    two_colour_image((400, 200)).save(buffer, format="JPEG", exif=exif_with_gps(6).tobytes())

    # when
    result = thumbnail_make(buffer.getvalue(), size=64, format=None)

    # then
    thumbnail = opened(result)
    assert thumbnail.size == (32, 64)
    assert "exif" not in thumbnail.info
    assert dict(thumbnail.getexif()) == {}
    assert is_red(thumbnail.convert("RGB").getpixel((16, 8)))
    assert is_blue(thumbnail.convert("RGB").getpixel((16, 56)))


def test_thumbnail_make_scales_sixteen_bit_grey_instead_of_clipping():
    # given
    content = image_bytes("PNG", size=(64, 64), mode="I;16", color=32_768)
    assert Image.open(io.BytesIO(content)).mode == "I;16"

    # when
    result = thumbnail_make(content, size=32, format="webp")

    # then
    red, green, blue = opened(result).convert("RGB").getpixel((16, 16))
    assert 120 <= red <= 136
    assert red == green == blue


@pytest.mark.parametrize("requested_format", ["gif", "GIF", "jpeg", "heic"])
def test_thumbnail_make_refuses_unsupported_format(requested_format):
    # when
    with pytest.raises(ValidationError) as exc_info:
        thumbnail_make(image_bytes("PNG"), size=64, format=requested_format)

    # then
    assert error_code(exc_info, field="format") == ProductErrorCode.INVALID.value
    assert "ORIGINAL, WEBP or AVIF" in exc_info.value.error_dict["format"][0].message


@pytest.mark.parametrize("requested_format", ["avif", "AVIF"])
def test_thumbnail_make_writes_avif_keeping_transparency(requested_format):
    # given: a transparent PNG
    content = image_bytes("PNG", size=(200, 100), mode="RGBA", color=(200, 30, 30, 0))

    # when
    result = thumbnail_make(content, size=64, format=requested_format)

    # then
    image = opened(result)
    assert (result.format, result.mime_type, result.extension) == ("AVIF", "image/avif", "avif")
    assert image.format == "AVIF"
    assert image.size == (64, 32)
    assert image.mode == "RGBA"
    assert image.getpixel((10, 10))[3] == 0


@pytest.mark.parametrize("size", [0, -32])
def test_thumbnail_make_refuses_size_below_one(size):
    # when
    with pytest.raises(ValidationError) as exc_info:
        thumbnail_make(image_bytes("PNG"), size=size, format=None)

    # then
    assert error_code(exc_info, field="size") == ProductErrorCode.INVALID.value


def test_thumbnail_make_refuses_unsupported_source():
    # when
    with pytest.raises(ValidationError) as exc_info:
        thumbnail_make(image_bytes("GIF"), size=64, format="webp")

    # then
    assert error_code(exc_info) == ProductErrorCode.UNSUPPORTED_MIME_TYPE.value


def test_thumbnail_make_refuses_truncated_jpeg():
    # given
    content = noisy_jpeg((800, 600))

    # when
    with pytest.raises(ValidationError) as exc_info:
        thumbnail_make(content[: len(content) // 2], size=64, format="webp")

    # then
    assert error_code(exc_info) == ProductErrorCode.INVALID.value


# --- error codes ------------------------------------------------------------------------


def test_product_error_code_mirrors_saleor_schema():
    # enum ProductErrorCode in shared/reference/saleor-schema.graphql, in order
    saleor_names = [
        "ALREADY_EXISTS", "ATTRIBUTE_ALREADY_ASSIGNED", "ATTRIBUTE_CANNOT_BE_ASSIGNED",
        "ATTRIBUTE_VARIANTS_DISABLED", "MEDIA_ALREADY_ASSIGNED", "DUPLICATED_INPUT_ITEM",
        "GRAPHQL_ERROR", "INVALID", "INVALID_PRICE", "PRODUCT_WITHOUT_CATEGORY",
        "NOT_PRODUCTS_IMAGE", "NOT_PRODUCTS_VARIANT", "NOT_FOUND", "REQUIRED", "UNIQUE",
        "CANNOT_MANAGE_PRODUCT_WITHOUT_VARIANT", "PRODUCT_NOT_ASSIGNED_TO_CHANNEL",
        "UNSUPPORTED_MEDIA_PROVIDER", "PREORDER_VARIANT_CANNOT_BE_DEACTIVATED",
        "INVALID_FILE_TYPE", "UNSUPPORTED_MIME_TYPE", "FILE_SIZE_LIMIT_EXCEEDED",
    ]  # fmt: skip

    assert [code.name for code in ProductErrorCode] == saleor_names
    assert all(code.value == code.name.lower() for code in ProductErrorCode)
