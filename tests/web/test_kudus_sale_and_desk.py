"""Issue 14 in a browser, on the demo data, as the people involved do it.

A villager buys a product of Koperasi Desa Merah Putih Kudus in the Bakalankrapyak
village shop and will pay at pickup; the cooperative's pengurus opens "orders to prepare"
from the back office's home and marks the order ready at the hub; the hub's operator sees
the cooperative's goods ready at the counter, takes the cash and hands them over. The
cooperative's RAT report is submitted through the domain service (a set-up step: the RAT
form is another page). The Kudus Dinas officer then sees the sale and the RAT on the
district desk, opens the cooperative and downloads the district PDF, which names it.
Another cooperative's pengurus gets 404 on the orders page.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.helpers import ROOT
from tests.web.test_counter import find_by_code, order_uuid, wait_for_sales

pytestmark = pytest.mark.browser

HUB = "bakalankrapyak"
COOP = "Koperasi Desa Merah Putih Kudus"
PENGURUS = "pengurus.merah-putih-kudus@lumbung.test"
OTHER_PENGURUS = "pengurus.kopwan-colo@lumbung.test"
OPERATOR = "operator.bakalankrapyak@lumbung.test"
KUDUS = "dinas.kudus@lumbung.test"
RAT_YEAR = 2025
WAIT_MS = 90_000

SUBMIT_RAT = f"""
from marketplace.village_hubs.models import Cooperative
from tests.factories.coop_rat import submitted_report
submitted_report(Cooperative.objects.get(name={COOP!r}), financial_year={RAT_YEAR})
"""


def _submit_rat_report(site) -> None:
    """The cooperative's RAT report for 2025, submitted through ``rat_report_submit`` on the
    site's database (its status refresh goes to the site's own worker)."""
    env = {
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "DATABASE_URL": site.database_url,
        "EMBEDDED_BROKER_DIR": str(site.log.parent / "broker"),
        "SECRET_KEY": "browser-tests-set-up-only",
        "LOG_FORMAT": "console",
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SUBMIT_RAT],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]


def _cooperative_id(site, name: str) -> int:
    return site.sql("SELECT id FROM village_hubs_cooperative WHERE name = %s", (name,))[0][0]


def _product_in_stock(site) -> tuple[str, str]:
    """(slug, name) of a product of the cooperative published in the hub, in stock."""
    rows = site.sql(
        "SELECT p.slug, p.name FROM catalog_product p"
        " JOIN village_hubs_cooperative c ON c.id = p.cooperative_id"
        " JOIN catalog_productvariant v ON v.product_id = p.id"
        " JOIN warehouses_stock s ON s.product_variant_id = v.id"
        " WHERE c.name = %s AND s.quantity - s.quantity_allocated >= 1"
        " ORDER BY p.name LIMIT 1",
        (COOP,),
    )
    assert rows, "the demo cooperative should sell something in stock"
    return rows[0]


def _buy(site, page, slug: str) -> str:
    """A villager buys one unit and will pay at pickup; returns the pickup code."""
    page.goto(f"{site.url}/{HUB}/produk/{slug}/")
    page.get_by_role("button", name="Masukkan keranjang").click()
    page.goto(f"{site.url}/{HUB}/keranjang/")
    page.get_by_role("link", name="Lanjut memesan").click()
    page.get_by_label("Nama Anda").fill("Bu Karsini")
    page.get_by_label("Nomor WhatsApp atau telepon").fill("0813 2222 3333")
    page.get_by_label("Bayar tunai saat mengambil").check()
    page.get_by_role("button", name="Kirim pesanan").click()
    page.wait_for_url(re.compile(r"/pesanan/"))
    return page.locator(".pickup-code").inner_text().strip()


def _marketplace_sales(page) -> str:
    return (
        page.locator("dt", has_text="Penjualan marketplace")
        .locator("xpath=following-sibling::dd[1]")
        .inner_text()
    )


def _sign_in_as(page, sign_in, email: str, next_url: str) -> None:
    page.context.clear_cookies()
    sign_in(page, email, next_url=next_url)


def test_a_kudus_sale_prepared_in_the_back_office_reaches_the_counter_and_the_district_desk(
    site, phone, sign_in, screenshot, axe
):
    coop_id = _cooperative_id(site, COOP)
    desk_page = f"{site.url}/dinas/koperasi/{coop_id}/"
    _sign_in_as(phone, sign_in, KUDUS, f"/dinas/koperasi/{coop_id}/")
    sales_before = _marketplace_sales(phone)
    _submit_rat_report(site)

    slug, product = _product_in_stock(site)
    phone.context.clear_cookies()
    code = _buy(site, phone, slug)
    number = site.sql("SELECT number FROM orders_order WHERE pickup_code = %s", (code,))[0][0]

    # the pengurus: home → orders to prepare → mark ready at the hub
    _sign_in_as(phone, sign_in, PENGURUS, "/koperasi/")
    phone.get_by_role("link", name=re.compile("pesanan menunggu produk Anda")).click()
    expect(phone.get_by_role("heading", name="Pesanan yang perlu disiapkan")).to_be_visible()
    card = phone.locator(f"li[data-order='{number}']")
    expect(card).to_contain_text(product)
    expect(card).to_contain_text("1 perlu dibawa")
    screenshot(phone, "backoffice-orders")
    assert axe(phone) == []
    card.get_by_role("button", name=f"Tandai pesanan #{number} siap di loket").click()
    expect(phone.get_by_text(f"Pesanan #{number} sudah ditandai siap di")).to_be_visible()
    expect(phone.locator(f"li[data-order='{number}']")).to_have_attribute("data-state", "ready")

    # the hub's counter sees the cooperative's goods ready, takes the cash, hands them over
    _sign_in_as(phone, sign_in, OPERATOR, f"/loket/{HUB}/")
    find_by_code(phone, code)
    section = phone.locator("section.coop", has=phone.get_by_role("heading", name=COOP))
    expect(section).to_contain_text("1 siap")
    screenshot(phone, "counter-order-ready-from-back-office")
    phone.get_by_role("button", name=re.compile(r"^Terima uang Rp[\d.]+ dan serahkan$")).click()
    expect(phone.locator("[data-stage=collected]")).to_be_visible()
    wait_for_sales(site, order_uuid(site, code), lines=1)

    # the Kudus officer: the sale and the RAT on the cooperative's page, then the PDF
    _sign_in_as(phone, sign_in, KUDUS, "/dinas/")
    expect(phone.get_by_role("link", name="Dinas", exact=True)).to_be_visible()  # the header's link
    deadline = time.monotonic() + WAIT_MS / 1000
    while True:
        phone.goto(desk_page)
        if _marketplace_sales(phone) != sales_before or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert _marketplace_sales(phone) != sales_before, "the sale never reached the desk"
    rat = phone.locator("section", has=phone.get_by_role("heading", name="Laporan RAT per tahun"))
    expect(rat.locator("tr", has_text=str(RAT_YEAR))).to_contain_text("Terkirim")
    screenshot(phone, "dinas-cooperative-after-sale")

    phone.goto(f"{site.url}/dinas/")
    phone.get_by_role("button", name="Unduh laporan (PDF)").click()
    link = phone.get_by_role("link", name="Unduh berkas")
    expect(link).to_be_visible(timeout=WAIT_MS)
    response = phone.request.get(site.url + link.get_attribute("href"))
    assert response.status == 200
    assert response.body()[:5] == b"%PDF-"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert COOP in " ".join(text.split())


def test_another_cooperatives_pengurus_gets_404_on_the_orders_page(site, phone_nojs, sign_in):
    coop_id = _cooperative_id(site, COOP)
    sign_in(phone_nojs, OTHER_PENGURUS, next_url="/koperasi/")
    expect(phone_nojs.get_by_role("link", name="Pesanan", exact=True)).to_be_visible()
    response = phone_nojs.goto(f"{site.url}/koperasi/{coop_id}/pesanan/")
    assert response.status == 404
    assert COOP not in phone_nojs.content()
