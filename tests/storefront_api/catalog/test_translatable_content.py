"""Saleor's ``translatableContent`` on translations: the original texts next to the
translation, and back to ``translation(languageCode:)``; the deprecated ``descriptionJson``
/ ``contentJson`` aliases; the shop's ``translation``."""

from __future__ import annotations

import json

import pytest

from marketplace.catalog.models import (
    AssignedProductAttributeValue,
    Attribute,
    AttributeProduct,
    AttributeValue,
)
from marketplace.content.models import (
    CategoryTranslation,
    Menu,
    MenuItem,
    MenuItemTranslation,
    Page,
    PageTranslation,
    PageType,
    ProductTranslation,
    ProductVariantTranslation,
)
from tests.storefront_api.catalog.conftest import gid

pytestmark = pytest.mark.django_db

DESCRIPTION = {"blocks": [{"type": "paragraph", "data": {"text": "Keripik singkong renyah"}}]}
TRANSLATED = {"blocks": [{"type": "paragraph", "data": {"text": "Crispy cassava chips"}}]}

PRODUCT = """
query ($id: ID, $channel: String) {
  product(id: $id, channel: $channel) {
    name
    translation(languageCode: EN) {
      name descriptionJson description
      translatableContent {
        id productId name slug seoTitle description descriptionJson
        product { id }
        translation(languageCode: EN) { name }
        attributeValues { attributeValueId name plainText
          attribute { attributeId name translation(languageCode: EN) { name } } }
      }
    }
    category { translation(languageCode: EN) { name descriptionJson
      translatableContent { categoryId name slug translation(languageCode: EN) { name } } } }
    productVariants(first: 5) { edges { node { translation(languageCode: EN) {
      translatableContent { productVariantId name attributeValues { name }
        translation(languageCode: EN) { name } } } } } }
  }
}
"""


def test_a_translation_leads_back_to_the_original_texts(gql, world):
    product = world.product_a
    product.description = DESCRIPTION
    product.save()
    ProductTranslation.objects.create(
        product=product, language_code="en", name="Cassava chips", description=TRANSLATED
    )
    CategoryTranslation.objects.create(category=product.category, language_code="en", name="Snacks")
    ProductVariantTranslation.objects.create(
        variant=world.variant_a, language_code="en", name="Small pack"
    )
    origin = Attribute.objects.create(
        name="Asal", slug="asal", input_type=Attribute.InputType.PLAIN_TEXT
    )
    AttributeProduct.objects.create(attribute=origin, product_type=product.product_type)
    value = AttributeValue.objects.create(
        attribute=origin, name="Desa Pecatu", slug="desa-pecatu", plain_text="Desa Pecatu"
    )
    AssignedProductAttributeValue.objects.create(product=product, value=value)

    result = gql.execute(
        PRODUCT, {"id": gid("Product", product.pk), "channel": world.channel1.slug}
    )

    assert "errors" not in result, result
    data = result["data"]["product"]
    translation = data["translation"]
    assert translation["name"] == "Cassava chips"
    assert translation["descriptionJson"] == translation["description"]
    content = translation["translatableContent"]
    assert content["id"] == gid("ProductTranslatableContent", product.pk)
    assert content["productId"] == gid("Product", product.pk)
    assert content["product"] == {"id": gid("Product", product.pk)}
    assert content["name"] == data["name"] == product.name
    assert content["slug"] == product.slug
    assert json.loads(content["description"]) == DESCRIPTION
    assert content["descriptionJson"] == content["description"]
    assert content["translation"] == {"name": "Cassava chips"}
    assert content["attributeValues"] == [
        {
            "attributeValueId": gid("AttributeValue", value.pk),
            "name": "Desa Pecatu",
            "plainText": "Desa Pecatu",
            "attribute": {
                "attributeId": gid("Attribute", origin.pk),
                "name": "Asal",
                "translation": None,  # attribute names are not translated
            },
        }
    ]
    category = data["category"]["translation"]
    assert category["translatableContent"] == {
        "categoryId": gid("Category", product.category.pk),
        "name": "Camilan",
        "slug": "camilan",
        "translation": {"name": "Snacks"},
    }
    variant = data["productVariants"]["edges"][0]["node"]["translation"]
    assert variant["translatableContent"] == {
        "productVariantId": gid("ProductVariant", world.variant_a.pk),
        "name": world.variant_a.name,
        "attributeValues": [],
        "translation": {"name": "Small pack"},
    }


PAGE_AND_MENU = """
query ($channel: String) {
  page(slug: "tentang-kami") {
    translation(languageCode: EN) { title content contentJson
      translatableContent { pageId title slug content contentJson attributeValues { name }
        page { slug } translation(languageCode: EN) { title } } }
  }
  menu(slug: "utama", channel: $channel) { items { translation(languageCode: EN) {
    translatableContent { menuItemId name menuItem { name } translation(languageCode: EN) { name }
  } } } }
}
"""


def test_pages_and_menu_items_lead_back_to_their_original_texts(gql, world):
    content = {"blocks": [{"type": "paragraph", "data": {"text": "Koperasi desa"}}]}
    page = Page.objects.create(
        page_type=PageType.objects.create(name="Info", slug="info"),
        title="Tentang kami",
        slug="tentang-kami",
        content=content,
        is_published=True,
    )
    PageTranslation.objects.create(
        page=page, language_code="en", title="About us", content=TRANSLATED
    )
    item = MenuItem.objects.create(
        menu=Menu.objects.create(name="Utama", slug="utama"), name="Beranda", url="https://a.id"
    )
    MenuItemTranslation.objects.create(menu_item=item, language_code="en", name="Home")

    result = gql.execute(PAGE_AND_MENU, {"channel": world.channel1.slug})

    assert "errors" not in result, result
    translation = result["data"]["page"]["translation"]
    assert translation["contentJson"] == translation["content"]
    assert json.loads(translation["content"]) == TRANSLATED
    page_content = translation["translatableContent"]
    assert page_content["pageId"] == gid("Page", page.pk)
    assert page_content["title"] == "Tentang kami"
    assert json.loads(page_content["content"]) == content
    assert page_content["contentJson"] == page_content["content"]
    assert page_content["attributeValues"] == []
    assert page_content["page"] == {"slug": "tentang-kami"}
    assert page_content["translation"] == {"title": "About us"}
    [menu_item] = result["data"]["menu"]["items"]
    assert menu_item["translation"]["translatableContent"] == {
        "menuItemId": gid("MenuItem", item.pk),
        "name": "Beranda",
        "menuItem": {"name": "Beranda"},
        "translation": {"name": "Home"},
    }


SHOP = """
query ($lang: LanguageCodeEnum!) {
  shop { description translation(languageCode: $lang) { id headerText description
    language { code } } }
}
"""


def test_the_shop_is_translated_into_the_languages_lumbung_speaks(gql, world):
    english = gql.execute(SHOP, {"lang": "EN"})["data"]["shop"]
    assert english["translation"]["description"] == english["description"]
    assert english["translation"]["language"] == {"code": "EN"}
    assert english["translation"]["headerText"] == ""
    indonesian = gql.execute(SHOP, {"lang": "ID"})["data"]["shop"]["translation"]
    assert indonesian["description"] == "Pasar daring untuk produk koperasi desa"
    assert indonesian["language"] == {"code": "ID"}
    # a language without Lumbung's texts: no translation, as Saleor
    assert gql.execute(SHOP, {"lang": "FR"})["data"]["shop"]["translation"] is None
