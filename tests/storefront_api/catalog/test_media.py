"""productMediaCreate over the multipart request spec, media URLs and the thumbnail view."""

from __future__ import annotations

import io
import json

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from marketplace.catalog import services
from marketplace.catalog.models import ProductMedia, Thumbnail
from tests.storefront_api.catalog.conftest import gid, permission_denied, token_for

pytestmark = pytest.mark.django_db

MEDIA_CREATE = """
mutation ($input: ProductMediaCreateInput!) {
  productMediaCreate(input: $input) {
    product { slug thumbnail(size: 100, format: WEBP) { url alt } }
    media { id alt type sortOrder url productId big: url(size: 200) }
    errors { field message code }
  }
}
"""


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = str(tmp_path)
    monkeypatch.setattr(
        "marketplace.catalog.tasks.product_media_thumbnails_task.delay", lambda pk: None
    )
    return tmp_path


def image_bytes(format: str = "JPEG", size=(300, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (180, 90, 20)).save(buffer, format=format)
    return buffer.getvalue()


def upload(client, world, content: bytes, name: str, token: str | None) -> dict:
    operations = {
        "query": MEDIA_CREATE,
        "variables": {
            "input": {
                "product": gid("Product", world.product_a.pk),
                "image": None,
                "alt": "Keripik",
            }
        },
    }
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.post(
        "/graphql/",
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.input.image"]}),
            "0": SimpleUploadedFile(name, content),
        },
        headers=headers,
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_upload_jpeg_and_absolute_urls(client, world):
    result = upload(client, world, image_bytes(), "foto.jpg", token_for(world.staff_a))
    assert "errors" not in result, result
    payload = result["data"]["productMediaCreate"]
    assert payload["errors"] == []
    media = ProductMedia.objects.get(product=world.product_a)
    media_id = gid("ProductMedia", media.pk)
    assert payload["media"]["id"] == media_id
    assert payload["media"]["alt"] == "Keripik"
    assert payload["media"]["type"] == "IMAGE"
    assert payload["media"]["productId"] == gid("Product", world.product_a.pk)
    assert payload["media"]["url"] == f"{settings.PUBLIC_URL}/media/{media.image.name}"
    # no thumbnail yet: the thumbnail view's URL, at the nearest Saleor size
    assert payload["media"]["big"] == f"{settings.PUBLIC_URL}/thumbnail/{media_id}/256/"
    assert payload["product"]["thumbnail"] == {
        "url": f"{settings.PUBLIC_URL}/thumbnail/{media_id}/128/webp/",
        "alt": "Keripik",
    }


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (image_bytes("GIF"), "animasi.gif", "UNSUPPORTED_MIME_TYPE"),
        (image_bytes()[:200], "putus.jpg", "INVALID"),
    ],
)
def test_refused_images(client, world, content, name, code):
    result = upload(client, world, content, name, token_for(world.staff_a))
    payload = result["data"]["productMediaCreate"]
    assert payload["media"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("image", code)]
    assert not ProductMedia.objects.exists()


def test_upload_denied_to_other_cooperative(client, world):
    result = upload(client, world, image_bytes(), "foto.jpg", token_for(world.staff_b))
    assert permission_denied(result)
    assert not ProductMedia.objects.exists()


def test_thumbnail_view_makes_webp_of_nearest_size_then_url_points_to_it(client, gql, world):
    media = services.product_media_create(
        product=world.product_a,
        uploaded_file=SimpleUploadedFile("foto.jpg", image_bytes(size=(600, 400))),
        alt="Keripik",
    )
    media_id = gid("ProductMedia", media.pk)
    response = client.get(f"/thumbnail/{media_id}/120/webp/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert image.format == "WEBP"
    assert max(image.size) == 128
    thumbnail = Thumbnail.objects.get(media=media)
    assert (thumbnail.size, thumbnail.format) == (128, "webp")
    # the bare primary key works too, and the original format
    response = client.get(f"/thumbnail/{media.pk}/64/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    # now that it exists, the URL is the stored thumbnail's
    query = '{ product(slug: "keripik-a") { thumbnail(size: 120, format: WEBP) { url } } }'
    url = gql.execute(query)["data"]["product"]["thumbnail"]["url"]
    assert url == f"{settings.PUBLIC_URL}/media/{thumbnail.image.name}"
    assert client.get("/thumbnail/UHJvZHVjdDox/64/").status_code == 404
    response = client.get(f"/thumbnail/{media_id}/64/avif/")  # Saleor's AVIF too
    assert response.status_code == 200
    assert response["Content-Type"] == "image/avif"
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).format == "AVIF"
    assert client.get(f"/thumbnail/{media_id}/64/gif/").status_code == 400
