"""Saleor's deprecated catalog fields and the ones Lumbung answers truthfully: the aliases
answer what their new fields answer (``images`` = ``media``, ``availableForPurchase`` =
``availableForPurchaseAt``, ``attribute(slug:)`` = the ``attributes`` entry, ...), variant
``assignedAttributes`` as the product's, tax types are none, and lists stay flat in SQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    AssignedVariantAttributeValue,
    Attribute,
    AttributeProduct,
    AttributeValue,
    AttributeVariant,
    ProductChannelListing,
    ProductMedia,
)
from marketplace.content.models import Menu, MenuItem, Page, PageType
from tests.factories.catalog import ProductVariantChannelListingFactory, ProductVariantFactory
from tests.storefront_api.catalog.conftest import gid, token_for

pytestmark = pytest.mark.django_db

PRODUCT = """
query ($id: ID, $channel: String, $image: ID!, $media: ID!) {
  product(id: $id, channel: $channel) {
    images { id url alt sortOrder }
    media { id url alt sortOrder }
    imageById(id: $image) { url alt }
    mediaById(id: $media) { url alt }
    availableForPurchase availableForPurchaseAt
    chargeTaxes taxType { taxCode } externalReference
    attribute(slug: "asal") { attribute { slug } values { name plainText } }
    attributes { attribute { slug } values { name plainText } }
    assignedAttribute(slug: "cerita") { ... on AssignedTextAttribute { value } }
    productType { taxType { taxCode } products(first: 10, channel: $channel) {
      edges { node { slug } } } }
    variants { id externalReference
      images { url } media { url }
      assignedAttributes { attribute { slug } ... on AssignedPlainTextAttribute { value } }
      assignedAttribute(slug: "ukuran") { ... on AssignedPlainTextAttribute { value } }
      attributes { attribute { slug } values { plainText } } }
  }
  taxTypes { taxCode }
}
"""


def _attribute(slug: str, input_type: str, **value: object) -> AttributeValue:
    attribute = Attribute.objects.create(name=slug.title(), slug=slug, input_type=input_type)
    return AttributeValue.objects.create(
        attribute=attribute, name=f"{slug} value", slug=f"{slug}-value", **value
    )


def test_deprecated_product_fields_answer_what_their_new_fields_answer(gql, world):
    product = world.product_a
    image = ProductMedia.objects.create(product=product, image="products/a.jpg", alt="Keripik")
    ProductMedia.objects.create(product=world.product_b, image="products/b.jpg", alt="Other")
    opens = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)
    ProductChannelListing.objects.filter(product=product).update(available_for_purchase_at=opens)
    origin = _attribute("asal", Attribute.InputType.PLAIN_TEXT, plain_text="Desa Pecatu")
    story_text = {"blocks": [{"type": "paragraph", "data": {"text": "Dari dapur desa"}}]}
    story = _attribute("cerita", Attribute.InputType.RICH_TEXT, rich_text=story_text)
    size = _attribute("ukuran", Attribute.InputType.PLAIN_TEXT, plain_text="250 g")
    for value in (origin, story):
        AttributeProduct.objects.create(
            attribute=value.attribute, product_type=product.product_type
        )
        AssignedProductAttributeValue.objects.create(product=product, value=value)
    AttributeVariant.objects.create(attribute=size.attribute, product_type=product.product_type)
    AssignedVariantAttributeValue.objects.create(variant=world.variant_a, value=size)

    result = gql.execute(
        PRODUCT,
        {
            "id": gid("Product", product.pk),
            "channel": world.channel1.slug,
            "image": gid("ProductImage", image.pk),
            "media": gid("ProductMedia", image.pk),
        },
    )

    assert "errors" not in result, result
    data = result["data"]["product"]
    # images are the product's media of type IMAGE, with ProductImage IDs
    assert [(i["url"], i["alt"]) for i in data["images"]] == [
        (m["url"], m["alt"]) for m in data["media"]
    ]
    assert data["images"][0]["id"] == gid("ProductImage", image.pk)
    assert (
        data["imageById"] == data["mediaById"] == {"url": data["media"][0]["url"], "alt": "Keripik"}
    )
    assert data["availableForPurchase"] == "2026-03-01"
    assert data["availableForPurchaseAt"].startswith("2026-03-01")
    # Lumbung's prices are final: no tax is added, there is no tax gateway
    assert data["chargeTaxes"] is False
    assert data["taxType"] is None
    assert data["productType"]["taxType"] is None
    assert result["data"]["taxTypes"] == []
    assert data["externalReference"] is None
    # attribute(slug:) is the entry of attributes with that slug
    entry = next(a for a in data["attributes"] if a["attribute"]["slug"] == "asal")
    assert (
        data["attribute"]
        == entry
        == {
            "attribute": {"slug": "asal"},
            "values": [{"name": "asal value", "plainText": "Desa Pecatu"}],
        }
    )
    assert data["assignedAttribute"] == {"value": story_text}
    # the type's products in the channel: the published one, not the hidden or other hub's
    products = data["productType"]["products"]["edges"]
    assert [edge["node"]["slug"] for edge in products] == ["keripik-a"]
    # variants: their attributes as AssignedAttribute, images = their product's media
    [variant] = data["variants"]
    assert variant["externalReference"] is None
    assert variant["images"] == variant["media"] == [{"url": data["media"][0]["url"]}]
    assert variant["assignedAttributes"] == [{"attribute": {"slug": "ukuran"}, "value": "250 g"}]
    assert variant["assignedAttribute"] == {"value": "250 g"}
    assert variant["attributes"] == [
        {"attribute": {"slug": "ukuran"}, "values": [{"plainText": "250 g"}]}
    ]


ATTRIBUTE = """
query ($id: ID!) {
  attribute(id: $id) {
    externalReference referenceTypes { __typename }
    productTypes(first: 5) { totalCount edges { node { slug } } }
    productVariantTypes(first: 5) { totalCount edges { node { slug } } }
    choices(first: 5) { edges { node { date dateTime externalReference } } }
  }
}
"""


def test_an_attribute_lists_the_product_types_using_it(gql, world):
    value = _attribute(
        "panen", Attribute.InputType.DATE, date_time=dt.datetime(2026, 5, 2, tzinfo=dt.UTC)
    )
    attribute = value.attribute
    AttributeProduct.objects.create(attribute=attribute, product_type=world.product_a.product_type)

    result = gql.execute(ATTRIBUTE, {"id": gid("Attribute", attribute.pk)})

    data = result["data"]["attribute"]
    slug = world.product_a.product_type.slug
    assert data["productTypes"] == {"totalCount": 1, "edges": [{"node": {"slug": slug}}]}
    assert data["productVariantTypes"] == {"totalCount": 0, "edges": []}
    assert data["referenceTypes"] == []  # Lumbung's references point at collections
    assert data["externalReference"] is None
    [choice] = [edge["node"] for edge in data["choices"]["edges"]]
    assert choice["date"] == "2026-05-02"
    assert choice["externalReference"] is None


MARGIN = """
query ($id: ID!, $channel: String) {
  productVariant(id: $id, channel: $channel) { margin }
}
"""


@pytest.mark.parametrize(
    ("role", "margin"),
    [("staff_a", 40), ("platform", 40), ("staff_b", None), ("customer", None), ("anonymous", None)],
)
def test_a_variants_margin_is_shown_to_those_who_see_its_cost(gql, world, role, margin):
    # variant A: Rp15.000 in hub 1, cost Rp9.000 → (15000 - 9000) / 15000 = 40 %
    variables = {"id": gid("ProductVariant", world.variant_a.pk), "channel": world.channel1.slug}
    result = gql.execute(MARGIN, variables, token=token_for(world.user(role)))
    assert result["data"]["productVariant"] == {"margin": margin}


PAGE_AND_MENU = """
query ($channel: String, $filter: MenuItemFilterInput) {
  page(slug: "tentang") { publicationDate publishedAt attribute(slug: "x") { values { name } } }
  menuItems(first: 5, channel: $channel, filter: $filter) { edges { node { name } } }
}
"""


def test_page_publication_date_and_menu_item_metadata_filter(gql, world):
    Page.objects.create(
        page_type=PageType.objects.create(name="Info", slug="info"),
        title="Tentang",
        slug="tentang",
        is_published=True,
        published_at=dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC),
    )
    MenuItem.objects.create(menu=Menu.objects.create(name="Utama", slug="utama"), name="Beranda")
    channel = world.channel1.slug

    data = gql.execute(PAGE_AND_MENU, {"channel": channel})["data"]
    assert data["page"]["publicationDate"] == "2026-01-15"
    assert data["page"]["publishedAt"].startswith("2026-01-15")
    assert data["page"]["attribute"] is None  # pages have no attributes
    assert [edge["node"]["name"] for edge in data["menuItems"]["edges"]] == ["Beranda"]
    # menu items carry no metadata: a metadata condition matches none
    filtered = gql.execute(
        PAGE_AND_MENU, {"channel": channel, "filter": {"metadata": [{"key": "icon"}]}}
    )
    assert filtered["data"]["menuItems"]["edges"] == []


VARIANT_GRID = """
query ($channel: String!, $first: Int!) {
  products(first: $first, channel: $channel) { edges { node {
    images { url } imageById(id: "UHJvZHVjdEltYWdlOjE=") { url }
    productType { taxType { taxCode } }
    attribute(slug: "ukuran") { values { name } }
    variants { images { url } margin
      assignedAttributes { attribute { slug } ... on AssignedPlainTextAttribute { value } }
      translation(languageCode: EN) { translatableContent { name attributeValues { name } } }
    }
    translation(languageCode: EN) { translatableContent { attributeValues { name } } }
  } } }
}
"""


def test_the_new_fields_cost_the_same_for_1_and_20_products(gql, world):
    size = _attribute("ukuran", Attribute.InputType.PLAIN_TEXT, plain_text="250 g")
    AttributeVariant.objects.create(
        attribute=size.attribute, product_type=world.product_a.product_type
    )
    AssignedVariantAttributeValue.objects.create(variant=world.variant_a, value=size)
    from tests.factories.catalog import ProductChannelListingFactory, ProductFactory

    for n in range(20):
        product = ProductFactory(
            cooperative=world.coop_a,
            category=world.product_a.category,
            product_type=world.product_a.product_type,
        )
        ProductChannelListingFactory(product=product, channel=world.channel1)
        ProductMedia.objects.create(product=product, image=f"products/{n}.jpg", alt="x")
        variant = ProductVariantFactory(product=product)
        ProductVariantChannelListingFactory(
            variant=variant, channel=world.channel1, price_amount=Decimal(5_000)
        )
        AssignedVariantAttributeValue.objects.create(variant=variant, value=size)

    def count(first: int) -> int:
        with CaptureQueriesContext(connection) as queries:
            result = gql.execute(VARIANT_GRID, {"channel": world.channel1.slug, "first": first})
        assert "errors" not in result, result["errors"][0]
        assert len(result["data"]["products"]["edges"]) == first
        return len(queries)

    assert count(1) == count(20)
