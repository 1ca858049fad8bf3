"""Product image upload and thumbnails, with files in a temporary MEDIA_ROOT."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from marketplace.catalog import services
from marketplace.catalog.images import THUMBNAIL_SIZES
from marketplace.catalog.models import ProductMedia, Thumbnail
from marketplace.catalog.tasks import product_media_thumbnails_task
from tests.factories.catalog import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued(monkeypatch) -> list[int]:
    calls: list[int] = []
    monkeypatch.setattr(
        "marketplace.catalog.tasks.product_media_thumbnails_task.delay", calls.append
    )
    return calls


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def jpeg_with_exif(size=(120, 80)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "KameraDesa"  # Make
    exif[0x9003] = "2024:01:01 10:00:00"  # DateTimeOriginal
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes(), quality=90)
    return buffer.getvalue()


def test_product_media_create_stores_cleaned_bytes_and_enqueues_thumbnails(
    django_capture_on_commit_callbacks, enqueued
):
    # given
    product = ProductFactory()
    upload = SimpleUploadedFile("foto.jpg", jpeg_with_exif(), content_type="image/jpeg")
    # when
    with django_capture_on_commit_callbacks(execute=True):
        media = services.product_media_create(product=product, uploaded_file=upload, alt="Keripik")
    # then
    media.refresh_from_db()
    assert media.image.name.startswith("products/")
    assert media.image.name.endswith(".jpg")
    assert (media.width, media.height, media.format) == (120, 80, "JPEG")
    assert media.alt == "Keripik"
    assert media.type == "IMAGE"
    with default_storage.open(media.image.name, "rb") as stored:
        data = stored.read()
    assert b"KameraDesa" not in data
    with Image.open(io.BytesIO(data)) as stored_image:
        assert not stored_image.getexif()
    assert enqueued == [media.pk]


def test_product_media_create_refuses_non_image_and_saves_nothing(media_root):
    # given
    product = ProductFactory()
    upload = SimpleUploadedFile("foto.jpg", b"<svg onload=alert(1)>", content_type="image/jpeg")
    # when
    with pytest.raises(ValidationError) as exc_info:
        services.product_media_create(product=product, uploaded_file=upload)
    # then
    assert exc_info.value.error_dict["image"][0].code == "unsupported_mime_type"
    assert not ProductMedia.objects.exists()
    assert not (media_root / "products").exists()


def test_thumbnail_task_makes_webp_and_original_thumbnails_idempotently(
    django_capture_on_commit_callbacks, enqueued
):
    # given
    product = ProductFactory()
    with django_capture_on_commit_callbacks(execute=True):
        media = services.product_media_create(
            product=product, uploaded_file=SimpleUploadedFile("f.jpg", jpeg_with_exif())
        )
    # when
    product_media_thumbnails_task(media.pk)
    first = dict(Thumbnail.objects.values_list("pk", "image"))
    product_media_thumbnails_task(media.pk)
    # then
    assert dict(Thumbnail.objects.values_list("pk", "image")) == first
    assert set(Thumbnail.objects.values_list("size", "format")) == {
        (size, fmt) for size in THUMBNAIL_SIZES for fmt in ("webp", "original")
    }
    webp = Thumbnail.objects.get(size=64, format="webp")
    with default_storage.open(webp.image.name, "rb") as stored, Image.open(stored) as image:
        assert image.format == "WEBP"
        assert image.size == (64, 43)
    original = Thumbnail.objects.get(size=64, format="original")
    with default_storage.open(original.image.name, "rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"


def test_thumbnail_get_or_create_makes_missing_on_first_request():
    # given
    product = ProductFactory()
    media = services.product_media_create(
        product=product, uploaded_file=SimpleUploadedFile("f.jpg", jpeg_with_exif())
    )
    # when
    thumbnail = services.thumbnail_get_or_create(media=media, size=100, format="webp")
    again = services.thumbnail_get_or_create(media=media, size=128, format="WEBP")
    original = services.thumbnail_get_or_create(media=media, size=0, format=None)
    # then
    assert (thumbnail.size, thumbnail.format) == (128, "webp")
    assert again.pk == thumbnail.pk
    assert original is None
    assert Thumbnail.objects.count() == 1


def test_thumbnail_task_ignores_deleted_media():
    # when / then: no error, nothing made
    product_media_thumbnails_task(987654)
    assert not Thumbnail.objects.exists()
