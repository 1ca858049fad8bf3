"""A villager buys in the Pecatu village shop on a phone: with and without JavaScript,
paying at pickup or by QRIS through the fake Midtrans; the pages' weight on a weak
connection; accessibility (axe-core); the cart across pages and at sign-in."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE_NUMBER = "0812 3456 7890"
KB = 1024


def _cards(page):
    """(link, cooperative) of each product card in stock on the hub page shown."""
    found = []
    for card in page.locator("li.card.product").all():
        if card.locator(".out").count():
            continue
        who = card.locator(".who").inner_text()
        link = card.locator("h2 a")
        found.append((link.get_attribute("href"), link.inner_text(), who))
    return found


def _two_cooperatives(page):
    """Two products in stock of two different cooperatives."""
    first = None
    for href, name, who in _cards(page):
        cooperative = who.split(" · ")[-2] if " · " in who else who
        if first is None:
            first = (href, name, cooperative)
        elif cooperative != first[2]:
            return [first, (href, name, cooperative)]
    raise AssertionError("the demo hub should sell products of two cooperatives")


def _buy_two_and_pay_at_pickup(site, page, screenshot, axe, tag):
    problems = {}
    page.goto(site.url + "/")
    page.get_by_role("link", name="Lumbung Desa Pecatu").click()
    expect(page.get_by_role("heading", name="Lumbung Desa Pecatu")).to_be_visible()
    screenshot(page, f"shop-hub-{tag}" if tag != "js" else "shop-hub")
    if axe:
        problems["hub"] = axe(page)
    products = _two_cooperatives(page)
    for href, name, _cooperative in products:
        page.goto(site.url + href)
        assert page.get_by_role("heading", name=name).is_visible()
        if axe and "product" not in problems:
            screenshot(page, "shop-product")
            problems["product"] = axe(page)
        page.get_by_role("button", name="Masukkan keranjang").click()
        expect(page.get_by_text("sudah masuk keranjang")).to_be_visible()
    page.get_by_role("link", name=re.compile("Keranjang")).click()
    page.wait_for_url(re.compile(r"/keranjang/$"))
    for _href, name, _cooperative in products:
        expect(page.get_by_text(name).first).to_be_visible()
    if axe:
        screenshot(page, "shop-cart")
        problems["cart"] = axe(page)
    page.get_by_role("link", name="Lanjut memesan").click()
    page.wait_for_url(re.compile(r"/pesan/$"))
    page.get_by_label("Nama Anda").fill("Ni Wayan Sari")
    page.get_by_label("Nomor WhatsApp atau telepon").fill(PHONE_NUMBER)
    assert page.get_by_label("Ambil sendiri di toko desa (gratis)").is_checked()
    courier = page.get_by_label("Diantar oleh toko desa: Kurir Desa Pecatu, Rp10.000")
    assert courier.is_visible()  # the hub's courier is offered, pickup stays the default
    assert not courier.is_checked()
    page.get_by_label("Bayar tunai saat mengambil").check()
    if axe:
        screenshot(page, "shop-checkout")
        problems["checkout"] = axe(page)
    page.get_by_role("button", name="Kirim pesanan").click()
    page.wait_for_url(re.compile(r"/pesanan/"))
    code = page.locator(".pickup-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4,8}", code), code
    assert page.locator(".qrbox svg").is_visible()
    assert (
        page.get_by_role("link", name="Kirim ke WhatsApp")
        .get_attribute("href")
        .startswith("https://wa.me/")
    )
    assert page.get_by_text("Jam buka").is_visible()
    screenshot(page, "order-page" if tag == "js" else f"order-page-{tag}")
    if axe:
        problems["order"] = axe(page)
    rows = site.sql(
        "SELECT o.user_email, a.phone, count(DISTINCT l.cooperative_id) FROM orders_order o"
        " JOIN accounts_address a ON a.id = o.billing_address_id"
        " JOIN orders_orderline l ON l.order_id = o.id WHERE o.pickup_code = %s"
        " GROUP BY o.user_email, a.phone",
        (code,),
    )
    assert rows == [("", "+6281234567890", 2)]
    return problems, code


def test_a_villager_with_only_a_phone_number_buys_from_two_cooperatives(
    site, phone, screenshot, axe
):
    problems, _code = _buy_two_and_pay_at_pickup(site, phone, screenshot, axe, "js")
    assert problems == {name: [] for name in problems}, problems


def test_the_same_purchase_without_javascript(site, phone_nojs, screenshot):
    _buy_two_and_pay_at_pickup(site, phone_nojs, screenshot, None, "nojs")


def test_front_page_search_and_hub_search_pass_axe(site, phone, axe, screenshot):
    phone.goto(site.url + "/")
    phone.get_by_label("Provinsi, kabupaten/kota atau desa").fill("Kudus")
    phone.get_by_role("button", name="Cari").click()
    phone.wait_for_url(re.compile(r"\?q=Kudus"))
    expect(phone.get_by_text("Lumbung Desa Bakalankrapyak")).to_be_visible()
    assert phone.get_by_text("Lumbung Desa Pecatu").count() == 0
    assert axe(phone) == []
    screenshot(phone, "shop-home-search")
    phone.goto(site.url + "/pecatu/")
    first_name = _cards(phone)[0][1]
    phone.get_by_label("Cari produk").fill(first_name)
    phone.get_by_role("button", name="Cari").click()
    phone.wait_for_url(re.compile(r"\?q="))
    expect(phone.get_by_role("link", name=first_name).first).to_be_visible()


def _pay_by_qris(site, page):
    page.goto(site.url + "/pecatu/")
    href, _name, _who = _cards(page)[0]
    page.goto(site.url + href)
    page.get_by_role("button", name="Masukkan keranjang").click()
    expect(page.get_by_text("sudah masuk keranjang")).to_be_visible()
    page.goto(site.url + "/pecatu/pesan/")
    page.get_by_label("Nama Anda").fill("Komang Ayu")
    page.get_by_label("Nomor WhatsApp atau telepon").fill("0813 1111 2222")
    page.get_by_label(re.compile("^QRIS")).check()
    page.get_by_role("button", name="Kirim pesanan").click()
    page.wait_for_url(re.compile(r"/bayar/"))
    expect(page.get_by_text("Menunggu pembayaran Anda")).to_be_visible()
    assert page.locator(".qrbox svg").is_visible()
    transaction_id = page.url.rstrip("/").split("/")[-1]
    [(psp_reference,)] = site.sql(
        "SELECT psp_reference FROM payments_transactionitem WHERE id = %s", (transaction_id,)
    )
    return psp_reference


def test_qris_payment_turns_the_order_paid_by_itself(site, phone, fake_midtrans, screenshot):
    psp_reference = _pay_by_qris(site, phone)
    screenshot(phone, "shop-payment-qris")
    fake_midtrans.set_status(psp_reference, "settlement", payment_type="qris")
    response = fake_midtrans.send_notification(
        site.url + "/payments/midtrans/notification/", fake_midtrans.notification(psp_reference)
    )
    assert response.status_code == 200
    # the worker applies it; the page's script sees it and shows the paid order
    phone.wait_for_url(re.compile(r"/pecatu/pesanan/"), timeout=60_000)
    expect(phone.get_by_text("Lunas")).to_be_visible()
    assert phone.locator(".pickup-code").is_visible()
    phone.reload()
    assert phone.get_by_text("Lunas").is_visible()


def test_qris_payment_is_seen_after_a_reload(site, phone_nojs, fake_midtrans):
    psp_reference = _pay_by_qris(site, phone_nojs)
    assert phone_nojs.locator('meta[http-equiv="refresh"]').count() == 1
    fake_midtrans.set_status(psp_reference, "settlement", payment_type="qris")
    phone_nojs.get_by_role("link", name="Muat ulang").click()  # the page asks Get Status
    phone_nojs.wait_for_url(re.compile(r"/pecatu/pesanan/"))
    expect(phone_nojs.get_by_text("Lunas")).to_be_visible()


def _weight(page, url):
    """Bytes transferred for the first view of ``url`` in a fresh browser: (without
    product images, with them)."""
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    time.sleep(0.5)
    entries = page.evaluate(
        """() => [...performance.getEntriesByType('navigation'),
                  ...performance.getEntriesByType('resource')]
                 .map(e => ({name: e.name, size: e.transferSize}))"""
    )
    images = sum(e["size"] for e in entries if "/thumbnail/" in e["name"])
    total = sum(e["size"] for e in entries)
    return total - images, total


def test_hub_shop_and_product_page_are_light_on_a_weak_connection(site, browser):
    from tests.web.conftest import _phone_context

    figures = {}
    for name, path in (("hub", "/pecatu/"), ("product", None)):
        context = _phone_context(browser, javascript=True)
        page = context.new_page()
        if path is None:
            page.goto(site.url + "/pecatu/")
            path = _cards(page)[0][0]
            context.close()
            context = _phone_context(browser, javascript=True)
            page = context.new_page()
        figures[name] = _weight(page, site.url + path)
        context.close()
    print("page weight (bytes without images, with images):", figures)  # noqa: T201
    for name, (without_images, with_images) in figures.items():
        assert 0 < without_images <= 60 * KB, (name, without_images)
        assert with_images <= 250 * KB, (name, with_images)
        assert with_images > without_images, (name, "the first view shows product photos")


def test_cart_survives_a_new_page_and_closing_the_browser(site, phone):
    phone.goto(site.url + "/pecatu/")
    href, name, _who = _cards(phone)[0]
    phone.goto(site.url + href)
    phone.get_by_role("button", name="Masukkan keranjang").click()
    expect(phone.get_by_text("sudah masuk keranjang")).to_be_visible()
    cookie = next(c for c in phone.context.cookies() if c["name"] == "sessionid")
    assert cookie["expires"] > time.time() + 29 * 24 * 3600  # kept when the browser closes
    other = phone.context.new_page()
    other.goto(site.url + "/pecatu/keranjang/")
    expect(other.get_by_text(name).first).to_be_visible()


def test_guest_cart_joins_the_account_at_sign_in(site, phone_nojs, sign_in):
    page = phone_nojs
    page.goto(site.url + "/pecatu/")
    href, name, _who = _cards(page)[-1]
    page.goto(site.url + href)
    page.get_by_role("button", name="Masukkan keranjang").click()
    expect(page.get_by_text("sudah masuk keranjang")).to_be_visible()
    sign_in(page, "pengurus.kud-pecatu@lumbung.test", next_url="/pecatu/keranjang/")
    page.wait_for_url(re.compile(r"/pecatu/keranjang/$"))
    expect(page.get_by_text(name).first).to_be_visible()
    rows = site.sql(
        "SELECT count(*) FROM checkout_checkout c JOIN accounts_user u ON u.id = c.user_id"
        " JOIN checkout_checkoutline l ON l.checkout_id = c.id"
        " WHERE u.email = 'pengurus.kud-pecatu@lumbung.test'"
    )
    assert rows[0][0] >= 1
