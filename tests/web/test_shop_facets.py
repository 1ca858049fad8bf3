"""The shop's facet filters on a phone, with JavaScript off and on: a villager searches,
narrows by cooperative and price band (each with its count, in rupiah), sees the active
filters and removes one; the page passes axe-core and stays light."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.web.test_shop import KB, _weight

pytestmark = pytest.mark.browser

COOPERATIVE = "Koperasi Produsen Tani Amerta Pelaga"
BAND = "Rp50.000–Rp100.000"


def _count(page, label: str) -> int:
    """The count shown beside a facet option."""
    link = page.locator("a", has_text=label).filter(has=page.locator("span.n")).first
    return int(link.locator("span.n").inner_text())


def _cards(page) -> int:
    return page.locator("li.card.product").count()


def _narrow_and_remove(page, site, screenshot, tag: str) -> None:
    page.goto(site.url + "/pecatu/")
    page.get_by_label("Cari produk").fill("kopi")
    page.get_by_role("button", name="Cari").click()
    expect(page.get_by_label("Cari produk")).to_have_value("kopi")
    page.get_by_text("Saring hasil").click()  # <details>: opens without JavaScript
    expect(page.get_by_role("heading", name="Harga")).to_be_visible()
    expect(page.get_by_role("heading", name="Izin")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Tersedia \d+$"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Rp25\.000–Rp50\.000 \d+$"))).to_be_visible()
    in_cooperative = _count(page, COOPERATIVE)
    page.get_by_role("link", name=re.compile(rf"^{COOPERATIVE} \d+$")).click()
    expect(page.locator("li.card.product")).to_have_count(in_cooperative)
    expect(page.get_by_role("link", name=f"Hapus filter: {COOPERATIVE}")).to_be_visible()
    in_band = _count(page, BAND)
    assert 0 < in_band <= in_cooperative
    page.get_by_role("link", name=re.compile(rf"^{BAND} \d+$")).click()
    expect(page.locator("li.card.product")).to_have_count(in_band)
    expect(page.get_by_label("Cari produk")).to_have_value("kopi")  # the search is kept
    for card in page.locator("li.card.product .price").all():
        price = int(re.sub(r"\D", "", card.inner_text()))
        assert 50_000 <= price < 100_000
    expect(page.get_by_role("link", name="Hapus semua filter")).to_be_visible()
    screenshot(page, f"shop-search-facets-{tag}")
    page.get_by_role("link", name=f"Hapus filter: {COOPERATIVE}").click()
    expect(page.get_by_role("link", name=f"Hapus filter: {BAND}")).to_be_visible()
    expect(page.get_by_role("link", name=f"Hapus filter: {COOPERATIVE}")).to_have_count(0)
    expect(page.get_by_label("Cari produk")).to_have_value("kopi")
    page.get_by_role("link", name=f"Hapus filter: {BAND}").click()
    expect(page.get_by_role("link", name=re.compile("^Hapus filter"))).to_have_count(0)
    assert _cards(page) >= in_cooperative


def test_without_javascript_facets_narrow_combine_and_come_off(site, phone_nojs, screenshot):
    _narrow_and_remove(phone_nojs, site, screenshot, "nojs")


def test_with_javascript_facets_work_and_pass_axe(site, phone, screenshot, axe):
    _narrow_and_remove(phone, site, screenshot, "js")
    phone.goto(site.url + "/pecatu/?q=kopi&harga=2&halal=1&tersedia=1")
    assert axe(phone) == []  # active filters, the open facet groups, an empty result


def test_a_filtered_search_page_is_light_on_a_weak_connection(site, browser):
    from tests.web.conftest import _phone_context

    context = _phone_context(browser, javascript=True)
    without_images, with_images = _weight(
        context.new_page(), site.url + "/pecatu/?q=kopi&tersedia=1"
    )
    context.close()
    print("search page weight (bytes without images, with images):", without_images, with_images)  # noqa: T201
    assert 0 < without_images <= 60 * KB
    assert with_images <= 250 * KB
