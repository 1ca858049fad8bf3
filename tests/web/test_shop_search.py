"""The shop's search box on a phone: a typo gets a "Maksud Anda" link without JavaScript;
with JavaScript the box offers completions as the villager types ("kri" → "keripik")."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_without_javascript_a_typo_gets_a_did_you_mean_link(site, phone_nojs, screenshot):
    page = phone_nojs
    page.goto(site.url + "/pecatu/")
    page.get_by_label("Cari produk").fill("berass merah")
    page.get_by_role("button", name="Cari").click()
    expect(page.locator("li.card.product h2").first).to_have_text("Beras Merah 1 kg")
    link = page.get_by_role("link", name="beras merah", exact=True)
    expect(page.get_by_text("Maksud Anda:")).to_be_visible()
    screenshot(page, "shop-search-did-you-mean")
    link.click()
    expect(page.get_by_label("Cari produk")).to_have_value("beras merah")
    expect(page.get_by_text("Maksud Anda:")).to_have_count(0)


def test_with_javascript_the_box_offers_completions(site, phone, axe):
    page = phone
    page.goto(site.url + "/pecatu/?q=berass+merah")
    assert axe(page) == []  # the error line, the "Maksud Anda" link and the datalist
    page.goto(site.url + "/pecatu/")
    page.get_by_label("Cari produk").press_sequentially("kri", delay=50)
    expect(page.locator("#search-suggestions option[value='keripik']")).to_have_count(1)
    page.get_by_label("Cari produk").fill("sambel mat")
    expect(page.locator("#search-suggestions option[value='sambel matah']")).to_have_count(1)
