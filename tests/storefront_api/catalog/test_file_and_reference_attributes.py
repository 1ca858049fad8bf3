"""File attributes (``fileUpload`` → ``AttributeValueInput.file`` → ``AssignedFileAttribute``)
and single-reference attributes pointing at collections
(``AssignedSingleCollectionReferenceAttribute``), over HTTP."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image
from pypdf import PdfWriter

from marketplace.catalog import attributes
from marketplace.catalog.models import AttributeValue, Product
from marketplace.content.models import Collection, CollectionChannelListing
from tests.factories.catalog import ProductChannelListingFactory, ProductFactory
from tests.storefront_api.catalog.conftest import gid, permission_denied, token_for

pytestmark = pytest.mark.django_db

FILE_UPLOAD = """
mutation ($file: Upload!) {
  fileUpload(file: $file) { uploadedFile { url contentType } errors { field message code } }
}
"""
A_CREATE = """
mutation ($input: AttributeCreateInput!) {
  attributeCreate(input: $input) {
    attribute { id slug inputType entityType } errors { field code }
  }
}
"""
PRODUCT_UPDATE = """
mutation ($id: ID!, $input: ProductInput!) {
  productUpdate(id: $id, input: $input) { product { id } errors { field code message attributes } }
}
"""
ASSIGNED = """
query ($id: ID, $channel: String) {
  product(id: $id, channel: $channel) {
    assignedAttributes(limit: 50) {
      attribute { slug inputType entityType }
      ... on AssignedFileAttribute { file: value { url contentType } }
      ... on AssignedSingleCollectionReferenceAttribute { collection: value { slug name } }
    }
    attributes { attribute { slug } values { name reference file { url contentType } } }
  }
}
"""


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def pdf_bytes(*, password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_bytes(format: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 60)).save(buffer, format=format)
    return buffer.getvalue()


def upload(client: Any, content: bytes, name: str, user: Any) -> dict:
    token = token_for(user)
    response = client.post(
        "/graphql/",
        data={
            "operations": json.dumps({"query": FILE_UPLOAD, "variables": {"file": None}}),
            "map": json.dumps({"0": ["variables.file"]}),
            "0": SimpleUploadedFile(name, content),
        },
        headers={"Authorization": f"Bearer {token}"} if token else {},
    )
    assert response.status_code == 200, response.content
    return response.json()


def set_values(gql: Any, world: Any, product: Product, values: list[dict], user: Any) -> dict:
    return gql.execute(
        PRODUCT_UPDATE,
        {"id": gid("Product", product.pk), "input": {"attributes": values}},
        token=token_for(user),
    )["data"]["productUpdate"]


@pytest.fixture
def certificate(world: Any) -> Any:
    """A file attribute ("Sertifikat halal") on the products of the world's product type."""
    attribute = attributes.attribute_create(name="Sertifikat halal", input_type="file")
    attributes.product_type_attributes_assign(
        product_type=world.product_a.product_type, product_attributes=[attribute]
    )
    return attribute


@pytest.fixture
def featured_in(world: Any) -> Any:
    """A single-reference attribute pointing at a collection ("Bagian dari koleksi")."""
    attribute = attributes.attribute_create(
        name="Bagian dari koleksi", input_type="single-reference", entity_type="Collection"
    )
    attributes.product_type_attributes_assign(
        product_type=world.product_a.product_type, product_attributes=[attribute]
    )
    return attribute


# --- fileUpload ---------------------------------------------------------------------------


def test_cooperative_staff_upload_a_certificate_and_attach_it(
    client: Any, gql: Any, world: Any, certificate: Any, media_root: Path
):
    # when: the cooperative uploads a PDF
    result = upload(client, pdf_bytes(), "Sertifikat Halal 2026.pdf", world.staff_a)
    # then: it is stored under file_upload/ with Saleor's URL shape
    payload = result["data"]["fileUpload"]
    assert payload["errors"] == []
    url = payload["uploadedFile"]["url"]
    assert url.startswith(f"{settings.PUBLIC_URL}/media/file_upload/sertifikat-halal-2026_")
    assert url.endswith(".pdf")
    assert payload["uploadedFile"]["contentType"] == "application/pdf"
    stored = media_root / "file_upload" / url.rsplit("/", 1)[1]
    assert stored.read_bytes() == pdf_bytes()

    # when: the URL goes into the product's file attribute
    done = set_values(
        gql, world, world.product_a, [{"id": gid("Attribute", certificate.pk), "file": url}],
        world.staff_a,
    )  # fmt: skip
    # then: the storefront reads it in both attribute APIs
    assert done["errors"] == []
    product = gql.execute(
        ASSIGNED, {"id": gid("Product", world.product_a.pk), "channel": world.channel1.slug}
    )["data"]["product"]
    assert product["assignedAttributes"] == [
        {
            "attribute": {"slug": "sertifikat-halal", "inputType": "FILE", "entityType": None},
            "file": {"url": url, "contentType": "application/pdf"},
        }
    ]
    assert product["attributes"] == [
        {
            "attribute": {"slug": "sertifikat-halal"},
            "values": [
                {
                    "name": url.rsplit("/", 1)[1],
                    "reference": None,
                    "file": {"url": url, "contentType": "application/pdf"},
                }
            ],
        }
    ]


def test_images_are_stored_re_encoded(client: Any, world: Any, media_root: Path):
    result = upload(client, image_bytes("PNG"), "label.png", world.platform)
    uploaded = result["data"]["fileUpload"]["uploadedFile"]
    assert uploaded["contentType"] == "image/png"
    stored = media_root / "file_upload" / uploaded["url"].rsplit("/", 1)[1]
    assert Image.open(stored).size == (40, 30)


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"GIF89a" + b"\x00" * 40, "animasi.gif", "UNSUPPORTED_MIME_TYPE"),
        (b"<html><script>alert(1)</script></html>", "halaman.pdf", "UNSUPPORTED_MIME_TYPE"),
        (pdf_bytes(password="rahasia"), "terkunci.pdf", "INVALID_FILE_TYPE"),
        (b"%PDF-1.7 rusak", "rusak.pdf", "INVALID_FILE_TYPE"),
        (b"", "kosong.pdf", "INVALID_FILE_TYPE"),
    ],
    ids=["animasi.gif", "halaman.pdf", "terkunci.pdf", "rusak.pdf", "kosong.pdf"],
)
def test_upload_refuses_other_files_and_stores_nothing(
    client: Any, world: Any, media_root: Path, content: bytes, name: str, code: str
):
    result = upload(client, content, name, world.staff_a)
    payload = result["data"]["fileUpload"]
    assert payload["uploadedFile"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("file", code)]
    assert not (media_root / "file_upload").exists()


@pytest.mark.parametrize("role", ["anonymous", "customer", "operator1"])
def test_upload_needs_catalog_staff(client: Any, world: Any, media_root: Path, role: str):
    result = upload(client, pdf_bytes(), "x.pdf", world.user(role))
    assert permission_denied(result)
    assert not (media_root / "file_upload").exists()


@pytest.mark.parametrize(
    "url",
    [
        "https://penipu.example.com/media/file_upload/x.pdf",
        "file_upload/../settings.py",
        "file_upload/tidak-ada.pdf",
        "product-media/foto.jpg",
    ],
)
def test_file_values_must_be_uploaded_files(gql: Any, world: Any, certificate: Any, url: str):
    done = set_values(
        gql, world, world.product_a, [{"id": gid("Attribute", certificate.pk), "file": url}],
        world.staff_a,
    )  # fmt: skip
    assert done["errors"] == [
        {
            "field": "attributes",
            "code": "INVALID",
            "message": "The file_url must be the path to the default storage.",
            "attributes": [gid("Attribute", certificate.pk)],
        }
    ]
    assert not AttributeValue.objects.filter(attribute=certificate).exists()


# --- single-reference attributes (collections) ----------------------------------------------


def test_reference_attributes_need_the_collection_entity_type(gql: Any, world: Any):
    def create(**input: Any) -> dict:
        input = {
            "name": "Koleksi",
            "type": "PRODUCT_TYPE",
            "inputType": "SINGLE_REFERENCE",
            **input,
        }
        return gql.execute(A_CREATE, {"input": input}, token=token_for(world.platform))["data"][
            "attributeCreate"
        ]

    assert create()["errors"] == [{"field": "entityType", "code": "REQUIRED"}]
    assert create(entityType="PAGE")["errors"] == [{"field": "entityType", "code": "INVALID"}]
    assert create(inputType="DROPDOWN", entityType="COLLECTION")["errors"] == [
        {"field": "entityType", "code": "INVALID"}
    ]
    created = create(entityType="COLLECTION")
    assert created["errors"] == []
    assert created["attribute"]["entityType"] == "COLLECTION"
    assert created["attribute"]["inputType"] == "SINGLE_REFERENCE"


def test_product_points_at_a_collection_shown_where_it_is_published(
    gql: Any, world: Any, featured_in: Any
):
    # given a collection published in hub 1 only
    collection = Collection.objects.create(name="Oleh-oleh Pecatu", slug="oleh-oleh")
    CollectionChannelListing.objects.create(
        collection=collection, channel=world.channel1, is_published=True
    )
    value = {"id": gid("Attribute", featured_in.pk), "reference": gid("Collection", collection.pk)}
    # when
    done = set_values(gql, world, world.product_a, [value], world.staff_a)
    # then
    assert done["errors"] == []
    variables = {"id": gid("Product", world.product_a.pk), "channel": world.channel1.slug}
    product = gql.execute(ASSIGNED, variables)["data"]["product"]
    assert product["assignedAttributes"] == [
        {
            "attribute": {
                "slug": "bagian-dari-koleksi",
                "inputType": "SINGLE_REFERENCE",
                "entityType": "COLLECTION",
            },
            "collection": {"slug": "oleh-oleh", "name": "Oleh-oleh Pecatu"},
        }
    ]
    assert product["attributes"][0]["values"] == [
        {"name": "Oleh-oleh Pecatu", "reference": gid("Collection", collection.pk), "file": None}
    ]

    # when the collection is unpublished, shoppers no longer see it through the product
    CollectionChannelListing.objects.update(is_published=False)
    hidden = gql.execute(ASSIGNED, variables)["data"]["product"]["assignedAttributes"]
    assert hidden[0]["collection"] is None


@pytest.mark.parametrize(
    ("reference", "code"),
    [
        (gid("Collection", 999_999), "INVALID"),
        (gid("Product", 1), "GRAPHQL_ERROR"),
    ],
)
def test_reference_to_nothing_is_refused(
    gql: Any, world: Any, featured_in: Any, reference: str, code: str
):
    value = {"id": gid("Attribute", featured_in.pk), "reference": reference}
    done = set_values(gql, world, world.product_a, [value], world.staff_a)
    assert [(e["field"], e["code"]) for e in done["errors"]] == [("attributes", code)]
    assert not AttributeValue.objects.filter(attribute=featured_in).exists()


def test_required_file_and_reference_values(gql: Any, world: Any, certificate: Any, featured_in):
    certificate.value_required = featured_in.value_required = True
    certificate.save()
    featured_in.save()
    done = set_values(
        gql,
        world,
        world.product_a,
        [{"id": gid("Attribute", certificate.pk)}, {"id": gid("Attribute", featured_in.pk)}],
        world.staff_a,
    )
    assert [(e["code"], e["message"]) for e in done["errors"]] == [
        ("REQUIRED", "A file URL is required for this attribute."),
        ("REQUIRED", "A reference is required for this attribute."),
    ]


def test_collection_references_of_a_product_page_load_in_constant_queries(
    gql: Any, world: Any, featured_in: Any
):
    collection = Collection.objects.create(name="Kopi", slug="kopi")
    CollectionChannelListing.objects.create(
        collection=collection, channel=world.channel1, is_published=True
    )
    query = """
    query ($channel: String) {
      products(first: 20, channel: $channel) { edges { node { assignedAttributes {
        ... on AssignedSingleCollectionReferenceAttribute { value { slug } }
      } } } }
    }"""

    def add_product() -> None:
        product = ProductFactory(
            cooperative=world.coop_a, product_type=world.product_a.product_type
        )
        ProductChannelListingFactory(product=product, channel=world.channel1)
        value = {
            "id": gid("Attribute", featured_in.pk),
            "reference": gid("Collection", collection.pk),
        }
        assert set_values(gql, world, product, [value], world.staff_a)["errors"] == []

    def count() -> tuple[int, list]:
        with CaptureQueriesContext(connection) as queries:
            result = gql.execute(query, {"channel": world.channel1.slug})
        edges = result["data"]["products"]["edges"]
        return len(queries), edges

    add_product()
    few, edges = count()
    for _ in range(3):
        add_product()
    many, more_edges = count()
    assert len(more_edges) == len(edges) + 3
    assert {"value": {"slug": "kopi"}} in more_edges[-1]["node"]["assignedAttributes"]
    assert many == few
