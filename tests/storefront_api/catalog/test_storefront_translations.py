"""Translations of products, variants and categories: Saleor's ``*Translate`` mutations
and ``translation(languageCode:)`` fields."""

from __future__ import annotations

import json

import pytest

from marketplace.content.models import (
    CategoryTranslation,
    ProductTranslation,
    ProductVariantTranslation,
)
from tests.storefront_api.catalog.conftest import gid, permission_denied, token_for

pytestmark = pytest.mark.django_db

PRODUCT_TRANSLATE = """
mutation ($id: ID!, $lang: LanguageCodeEnum!, $input: TranslationInput!) {
  productTranslate(id: $id, languageCode: $lang, input: $input) {
    product { id translation(languageCode: $lang) { name slug seoTitle description language {
      code language } } }
    errors { field code message }
  }
}
"""
READ = """
query ($id: ID, $channel: String, $lang: LanguageCodeEnum!) {
  product(id: $id, channel: $channel) {
    translation(languageCode: $lang) {
      id name slug seoTitle seoDescription description language { code language } }
    category { translation(languageCode: $lang) { name slug } }
    productVariants(first: 5) { edges { node { translation(languageCode: $lang) {
      id name language { code } } } } }
  }
}
"""
DESCRIPTION = {"blocks": [{"type": "paragraph", "data": {"text": "Crispy <b>cassava</b> chips"}}]}


def _translate(gql, world, user, lang="EN", **input):
    return gql.execute(
        PRODUCT_TRANSLATE,
        {"id": gid("Product", world.product_a.pk), "lang": lang, "input": input},
        token=token_for(user),
    )


def _read(gql, world, lang):
    result = gql.execute(
        READ,
        {"id": gid("Product", world.product_a.pk), "channel": world.channel1.slug, "lang": lang},
    )
    assert "errors" not in result, result
    return result["data"]["product"]


def test_cooperative_staff_translate_their_product_into_english(gql, world):
    # when coop A's staff translate product A
    result = _translate(
        gql, world, world.staff_a, name="Cassava chips", slug="cassava-chips",
        seoTitle="Cassava chips from Pecatu", description=json.dumps(DESCRIPTION),
    )  # fmt: skip
    # then
    payload = result["data"]["productTranslate"]
    assert payload["errors"] == []
    translation = payload["product"]["translation"]
    assert translation["name"] == "Cassava chips"
    assert translation["language"] == {"code": "EN", "language": "English"}
    # and shoppers see it in English, null in a language without a translation
    product = _read(gql, world, "EN")
    assert product["translation"]["name"] == "Cassava chips"
    assert product["translation"]["slug"] == "cassava-chips"
    assert product["translation"]["seoTitle"] == "Cassava chips from Pecatu"
    text = json.loads(product["translation"]["description"])["blocks"][0]["data"]["text"]
    assert text == "Crispy <b>cassava</b> chips"
    assert _read(gql, world, "FR")["translation"] is None


def test_translating_again_updates_the_same_translation(gql, world):
    _translate(gql, world, world.staff_a, name="Chips")
    _translate(gql, world, world.staff_a, name="Cassava chips")
    assert list(ProductTranslation.objects.values_list("language_code", "name")) == [
        ("en", "Cassava chips")
    ]


def test_translations_are_per_language_and_use_saleor_codes(gql, world):
    _translate(gql, world, world.platform, lang="PT_BR", name="Salgadinho de mandioca")
    assert ProductTranslation.objects.get().language_code == "pt-br"
    assert _read(gql, world, "PT_BR")["translation"]["language"]["code"] == "PT_BR"
    assert _read(gql, world, "PT")["translation"] is None


@pytest.mark.parametrize("role", ["anonymous", "customer", "staff_b", "operator1"])
def test_others_cannot_translate_a_product(gql, world, role):
    result = _translate(gql, world, world.user(role), name="Hacked")
    assert permission_denied(result)
    assert result["data"]["productTranslate"] is None
    assert not ProductTranslation.objects.exists()


def test_unknown_product_is_not_found(gql, world):
    result = gql.execute(
        PRODUCT_TRANSLATE,
        {"id": gid("Product", 999_999), "lang": "EN", "input": {"name": "x"}},
        token=token_for(world.platform),
    )
    assert result["data"]["productTranslate"]["errors"] == [
        {
            "field": "id",
            "code": "NOT_FOUND",
            "message": result["data"]["productTranslate"]["errors"][0]["message"],
        }
    ]
    assert not ProductTranslation.objects.exists()


CATEGORY_TRANSLATE = """
mutation ($id: ID!, $input: TranslationInput!) {
  categoryTranslate(id: $id, languageCode: EN, input: $input) {
    category { translation(languageCode: EN) { name slug } }
    errors { field code }
  }
}
"""


def test_platform_staff_translate_categories(gql, world):
    category = world.product_a.category
    variables = {"id": gid("Category", category.pk), "input": {"name": "Snacks", "slug": "snacks"}}
    # cooperative staff may not
    result = gql.execute(CATEGORY_TRANSLATE, variables, token=token_for(world.staff_a))
    assert permission_denied(result)
    assert not CategoryTranslation.objects.exists()
    # platform staff may
    result = gql.execute(CATEGORY_TRANSLATE, variables, token=token_for(world.platform))
    assert result["data"]["categoryTranslate"] == {
        "category": {"translation": {"name": "Snacks", "slug": "snacks"}},
        "errors": [],
    }
    assert _read(gql, world, "EN")["category"]["translation"] == {
        "name": "Snacks",
        "slug": "snacks",
    }


VARIANT_TRANSLATE = """
mutation ($id: ID!, $input: NameTranslationInput!) {
  productVariantTranslate(id: $id, languageCode: EN, input: $input) {
    productVariant { translation(languageCode: EN) { name } }
    errors { field code }
  }
}
"""


def test_variant_translation(gql, world):
    variables = {"id": gid("ProductVariant", world.variant_a.pk), "input": {"name": "250 grams"}}
    result = gql.execute(VARIANT_TRANSLATE, variables, token=token_for(world.staff_b))
    assert permission_denied(result)
    assert not ProductVariantTranslation.objects.exists()
    result = gql.execute(VARIANT_TRANSLATE, variables, token=token_for(world.staff_a))
    assert result["data"]["productVariantTranslate"] == {
        "productVariant": {"translation": {"name": "250 grams"}},
        "errors": [],
    }
    node = _read(gql, world, "EN")["productVariants"]["edges"][0]["node"]
    assert node["translation"]["name"] == "250 grams"
    assert node["translation"]["language"] == {"code": "EN"}
    assert _read(gql, world, "DE")["productVariants"]["edges"][0]["node"]["translation"] is None


def test_product_and_category_by_translated_slug(gql, world):
    _translate(gql, world, world.staff_a, name="Cassava chips", slug="cassava-chips")
    gql.execute(
        CATEGORY_TRANSLATE,
        {"id": gid("Category", world.product_a.category.pk), "input": {"slug": "snacks"}},
        token=token_for(world.platform),
    )
    query = """
    query ($slug: String, $channel: String, $lang: LanguageCodeEnum) {
      product(slug: $slug, channel: $channel, slugLanguageCode: $lang) { slug }
      category(slug: $slug, slugLanguageCode: $lang) { slug }
    }"""
    channel = world.channel1.slug
    data = gql.execute(query, {"slug": "cassava-chips", "channel": channel, "lang": "EN"})["data"]
    assert data["product"] == {"slug": "keripik-a"}
    data = gql.execute(query, {"slug": "snacks", "channel": channel, "lang": "EN"})["data"]
    assert data["category"] == {"slug": "camilan"}
    data = gql.execute(query, {"slug": "cassava-chips", "channel": channel, "lang": "FR"})["data"]
    assert data["product"] is None


def test_translated_description_is_sanitized(gql, world):
    dirty = {"blocks": [{"type": "paragraph", "data": {"text": "Chips<script>alert(1)</script>"}}]}
    _translate(gql, world, world.staff_a, description=json.dumps(dirty))
    stored = ProductTranslation.objects.get().description
    assert "<script>" not in json.dumps(stored)
