"""A cooperative changes, removes and reorders its product photos; others cannot."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from marketplace.catalog import services
from marketplace.catalog.models import ProductMedia
from tests.storefront_api.catalog.conftest import gid, permission_denied, token_for

pytestmark = pytest.mark.django_db

UPDATE = """
mutation ($id: ID!, $alt: String) {
  productMediaUpdate(id: $id, input: {alt: $alt}) { media { id alt } errors { field code } }
}"""
DELETE = """
mutation ($id: ID!) { productMediaDelete(id: $id) { media { id } errors { field code } } }"""
REORDER = """
mutation ($product: ID!, $media: [ID!]!) {
  productMediaReorder(productId: $product, mediaIds: $media) {
    media { id sortOrder } errors { field code }
  }
}"""


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = str(tmp_path)
    monkeypatch.setattr(
        "marketplace.catalog.tasks.product_media_thumbnails_task.delay", lambda pk: None
    )
    return tmp_path


def photo(product, colour=(10, 120, 40)) -> ProductMedia:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), colour).save(buffer, format="JPEG")
    return services.product_media_create(
        product=product, uploaded_file=SimpleUploadedFile("f.jpg", buffer.getvalue())
    )


def run(client, query: str, variables: dict, user) -> dict:
    token = token_for(user)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.post(
        "/graphql/",
        {"query": query, "variables": variables},
        content_type="application/json",
        headers=headers,
    )
    return response.json()


def test_staff_changes_alt_text(client, world):
    media = photo(world.product_a)

    result = run(
        client, UPDATE, {"id": gid("ProductMedia", media.pk), "alt": "Kopi"}, world.staff_a
    )

    assert result["data"]["productMediaUpdate"]["errors"] == []
    media.refresh_from_db()
    assert media.alt == "Kopi"


def test_staff_deletes_a_photo_and_its_file_goes(
    client, world, media_root, django_capture_on_commit_callbacks
):
    media = photo(world.product_a)
    path = media_root / media.image.name
    assert path.exists()

    with django_capture_on_commit_callbacks(execute=True):
        result = run(client, DELETE, {"id": gid("ProductMedia", media.pk)}, world.staff_a)

    assert result["data"]["productMediaDelete"]["errors"] == []
    assert not ProductMedia.objects.filter(pk=media.pk).exists()
    assert not path.exists()


def test_staff_reorders_photos(client, world):
    first, second, third = (photo(world.product_a) for _ in range(3))
    order = [third, first, second]

    result = run(
        client,
        REORDER,
        {
            "product": gid("Product", world.product_a.pk),
            "media": [gid("ProductMedia", m.pk) for m in order],
        },
        world.staff_a,
    )

    assert result["data"]["productMediaReorder"]["errors"] == []
    assert list(world.product_a.media.values_list("pk", flat=True)) == [m.pk for m in order]


def test_reorder_must_name_every_photo_once(client, world):
    first, second = photo(world.product_a), photo(world.product_a)

    result = run(
        client,
        REORDER,
        {"product": gid("Product", world.product_a.pk), "media": [gid("ProductMedia", second.pk)]},
        world.staff_a,
    )

    assert result["data"]["productMediaReorder"]["errors"] == [
        {"field": "mediaIds", "code": "INVALID"}
    ]
    assert list(world.product_a.media.values_list("pk", flat=True)) == [first.pk, second.pk]


@pytest.mark.parametrize("mutation", ["update", "delete"])
def test_another_cooperative_cannot_touch_the_photo(client, world, mutation):
    media = photo(world.product_a)
    query, variables = {
        "update": (UPDATE, {"id": gid("ProductMedia", media.pk), "alt": "Bukan milikmu"}),
        "delete": (DELETE, {"id": gid("ProductMedia", media.pk)}),
    }[mutation]

    result = run(client, query, variables, world.staff_b)

    assert permission_denied(result)
    media.refresh_from_db()
    assert media.alt == ""
