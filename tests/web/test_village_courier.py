"""The village courier in a browser, on the demo data, as the people involved do it.

A villager without JavaScript orders a product of KUD Mina Segara Pecatu in the Pecatu
shop, to be delivered by the hub's courier, and pays by QRIS (the fake Midtrans); the
cooperative's pengurus finds the order under the courier in "orders to prepare" and marks
it ready at the hub; the hub's operator finds it in the counter's courier list, reads the
address and hands the goods to the courier; the villager's order page then says the order
is on its way.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HUB = "pecatu"
COOP = "KUD Mina Segara Pecatu"
PENGURUS = "pengurus.kud-pecatu@lumbung.test"
OPERATOR = "operator.pecatu@lumbung.test"
COURIER = "Kurir Desa Pecatu"


def _product_in_stock(site) -> str:
    rows = site.sql(
        "SELECT p.slug FROM catalog_product p"
        " JOIN village_hubs_cooperative c ON c.id = p.cooperative_id"
        " JOIN catalog_productvariant v ON v.product_id = p.id"
        " JOIN warehouses_stock s ON s.product_variant_id = v.id"
        " WHERE c.name = %s AND s.quantity - s.quantity_allocated >= 1"
        " ORDER BY p.name LIMIT 1",
        (COOP,),
    )
    assert rows, "the demo cooperative should sell something in stock"
    return rows[0][0]


def _order_for_delivery_paid_by_qris(site, page, fake_midtrans) -> tuple[str, int]:
    """Returns the order page's address and the order's number."""
    page.goto(f"{site.url}/{HUB}/produk/{_product_in_stock(site)}/")
    page.get_by_role("button", name="Masukkan keranjang").click()
    page.goto(f"{site.url}/{HUB}/pesan/")
    page.get_by_label("Nama Anda").fill("Made Wirawan")
    page.get_by_label("Nomor WhatsApp atau telepon").fill("0812 3456 7890")
    page.get_by_label(re.compile(f"^Diantar oleh toko desa: {COURIER}")).check()
    page.get_by_label("Jalan, nomor rumah, RT/RW").fill("Jl. Uluwatu No. 12")
    page.get_by_label("Kecamatan").fill("Kuta Selatan")
    page.get_by_label("Kabupaten/kota").fill("Kabupaten Badung")
    page.get_by_label("Provinsi").fill("Bali")
    page.get_by_label("Kode pos").fill("80362")
    page.get_by_label(re.compile("^QRIS")).check()
    page.get_by_role("button", name="Kirim pesanan").click()
    page.wait_for_url(re.compile(r"/bayar/"))
    transaction_id = page.url.rstrip("/").split("/")[-1]
    [(psp_reference,)] = site.sql(
        "SELECT psp_reference FROM payments_transactionitem WHERE id = %s", (transaction_id,)
    )
    fake_midtrans.set_status(psp_reference, "settlement", payment_type="qris")
    page.get_by_role("link", name="Muat ulang").click()  # the page asks Get Status
    page.wait_for_url(re.compile(rf"/{HUB}/pesanan/"))
    number = int(re.search(r"#(\d+)", page.get_by_role("heading", level=1).inner_text())[1])
    return page.url, number


def test_a_delivery_goes_from_the_cooperative_to_the_counter_and_out_with_the_courier(
    site, phone, phone_nojs, sign_in, fake_midtrans, screenshot, axe
):
    order_url, number = _order_for_delivery_paid_by_qris(site, phone_nojs, fake_midtrans)
    delivery = phone_nojs.locator("section.delivery")
    expect(delivery).to_contain_text(f"Diantar oleh {COURIER} ke:")
    expect(delivery).to_contain_text("Jl. Uluwatu No. 12")
    expect(phone_nojs.get_by_text("Lunas").first).to_be_visible()
    assert phone_nojs.locator(".pickup-code").count() == 0  # nothing to collect

    # the pengurus prepares it: listed under the courier, marked ready at the hub
    sign_in(phone, PENGURUS, next_url="/koperasi/")
    phone.get_by_role("link", name=re.compile("pesanan menunggu produk Anda")).click()
    section = phone.locator("section", has=phone.get_by_role("heading", name=re.compile(COURIER)))
    card = section.locator(f"li[data-order='{number}']")
    expect(card).to_be_visible()
    assert "Made Wirawan" not in section.inner_text()  # the buyer's details stay with the hub
    card.get_by_role("button", name=f"Tandai pesanan #{number} siap di loket").click()
    expect(phone.get_by_text(f"Pesanan #{number} sudah ditandai siap di toko desa")).to_be_visible()

    # the operator: the counter's courier list, the address, hand to the courier
    phone.context.clear_cookies()
    sign_in(phone, OPERATOR, next_url=f"/loket/{HUB}/")
    courier_list = phone.locator("section.courier")
    expect(courier_list).to_contain_text("Siap untuk kurir (1)")
    courier_list.get_by_role("link", name=re.compile(f"#{number}")).click()
    expect(phone.locator("dd.address")).to_contain_text("Jl. Uluwatu No. 12")
    expect(phone.locator("dd.address")).to_contain_text("+6281234567890")
    screenshot(phone, "counter-courier-order")
    assert axe(phone) == []
    phone.get_by_role("button", name="Serahkan ke kurir").click()
    expect(phone.get_by_text("Barang sudah diserahkan ke kurir.")).to_be_visible()
    expect(phone.locator("[data-stage=collected]")).to_have_text("Dikirim dengan kurir")

    # the villager sees it on the way
    phone_nojs.goto(order_url)
    expect(phone_nojs.get_by_text("Pesanan Anda sedang diantar kurir.")).to_be_visible()
