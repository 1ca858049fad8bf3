"""The cooperative's back office in a real browser on the demo: a pengurus adds a product
with a photo in two sizes and finds it in the hub's shop, imports the downloaded template
unchanged, another cooperative's pengurus gets 404, the product form works without
JavaScript, and the main pages pass axe-core."""

from __future__ import annotations

import io
import re
import uuid

import pytest
from PIL import Image
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PECATU = "pengurus.kud-pecatu@lumbung.test"
COLO = "pengurus.kopwan-colo@lumbung.test"


def _png() -> bytes:
    image = Image.new("RGB", (320, 320), (30, 120, 160))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _home_url(site, page, sign_in, email) -> str:
    sign_in(page, email, next_url="/koperasi/")
    expect(page.get_by_role("heading", name="Kantor koperasi")).to_be_visible()
    return page.url.split("?")[0]


def _add_product(page, home: str, name: str, screenshot=None) -> None:
    page.goto(home + "produk/baru/")
    page.get_by_label("Nama produk").fill(name)
    page.get_by_label("Jenis produk").select_option(label="Makanan kemasan")
    page.get_by_label("Kategori").select_option(index=1)
    page.get_by_label("Keterangan").fill("Ikan tongkol asap dari nelayan Pecatu.")
    if screenshot:
        screenshot(page, "backoffice-product-form")
    page.get_by_role("button", name="Simpan dan lanjutkan").click()
    expect(page.get_by_role("heading", name="2. Ukuran dan harga")).to_be_visible()
    for size, price in (("250 g", "15.000"), ("500 g", "28000")):
        page.get_by_label(size, exact=True).check()
        section = page.locator("fieldset", has=page.get_by_label(size, exact=True))
        section.get_by_label("Harga di Lumbung Desa Pecatu").fill(price)
    page.get_by_role("button", name="Simpan dan lanjutkan").click()
    expect(page.get_by_role("heading", name="3. Foto")).to_be_visible()
    page.get_by_label("Foto produk").set_input_files(
        {"name": "tongkol.png", "mimeType": "image/png", "buffer": _png()}
    )
    page.get_by_role("button", name="Tambahkan foto").click()
    expect(page.get_by_text("Foto tersimpan.")).to_be_visible()
    page.get_by_role("link", name="Lanjutkan").click()
    expect(page.get_by_role("heading", name="4. Tempat dijual")).to_be_visible()
    page.get_by_label("Jual di Lumbung Desa Pecatu").check()
    page.get_by_label(re.compile(r"^Stok 250 g di ")).first.fill("12")
    page.get_by_label(re.compile(r"^Stok 500 g di ")).first.fill("4")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Tersimpan. Produk sudah siap.")).to_be_visible()


def test_pengurus_adds_a_product_with_a_photo_in_two_sizes_and_sees_it_in_the_shop(
    site, phone, sign_in, screenshot, axe
):
    problems = {}
    home = _home_url(site, phone, sign_in, PECATU)
    expect(phone.get_by_role("heading", name="Penjualan bulan ini")).to_be_visible()
    screenshot(phone, "backoffice-home")
    problems["home"] = axe(phone)
    phone.goto(home + "produk/baru/")
    problems["product-form"] = axe(phone)
    name = f"Tongkol asap {uuid.uuid4().hex[:6]}"
    _add_product(phone, home, name, screenshot)
    expect(phone.get_by_text(name)).to_be_visible()
    expect(phone.get_by_text("250 g: Rp15.000 (Lumbung Desa Pecatu)")).to_be_visible()
    screenshot(phone, "backoffice-products")
    problems["products"] = axe(phone)
    photos = site.sql(
        "SELECT count(*) FROM catalog_productmedia m JOIN catalog_product p "
        "ON p.id = m.product_id WHERE p.name = %s",
        (name,),
    )
    assert photos[0][0] == 1
    phone.goto(f"{site.url}/pecatu/?q={name}")
    card = phone.locator("li.product", has_text=name)
    expect(card).to_be_visible()
    expect(card).to_contain_text("Rp15.000")
    assert problems == {"home": [], "product-form": [], "products": []}


def test_pengurus_imports_the_downloaded_template_unchanged(site, phone, sign_in, tmp_path):
    home = _home_url(site, phone, sign_in, PECATU)
    phone.goto(home + "impor/")
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Templat (Excel, XLSX)").click()
    template = tmp_path / "templat.xlsx"
    download.value.save_as(template)
    phone.get_by_label("Berkas lembar kerja (CSV atau XLSX)").set_input_files(template)
    phone.get_by_role("button", name="Impor", exact=True).click()
    expect(phone.get_by_role("heading", name="Impor selesai")).to_be_visible()


def test_another_cooperatives_pengurus_gets_404_on_its_product_page(site, phone, sign_in):
    home = _home_url(site, phone, sign_in, PECATU)
    phone.goto(home + "produk/")
    phone.locator("table a").first.click()
    product_page = phone.url
    assert "/produk/" in product_page
    phone.context.clear_cookies()
    colo_home = _home_url(site, phone, sign_in, COLO)
    assert colo_home != home
    assert phone.goto(product_page).status == 404
    assert phone.goto(home).status == 404


def test_the_product_form_works_without_javascript(site, phone_nojs, sign_in):
    home = _home_url(site, phone_nojs, sign_in, PECATU)
    _add_product(phone_nojs, home, f"Pindang {uuid.uuid4().hex[:6]}")


def test_producers_statement_and_activity_pages_pass_axe(site, phone, sign_in, screenshot, axe):
    problems = {}
    home = _home_url(site, phone, sign_in, PECATU)
    phone.get_by_role("link", name="Produsen").click()
    expect(phone.get_by_role("heading", name="Produsen")).to_be_visible()
    problems["producers"] = axe(phone)
    phone.locator("table").get_by_role("link", name="Laporan", exact=True).first.click()
    expect(phone.get_by_role("heading", name=re.compile("^Laporan penjualan "))).to_be_visible()
    problems["statement"] = axe(phone)
    phone.goto(home + "kegiatan/")
    expect(phone.get_by_role("heading", name="Penjualan per bulan")).to_be_visible()
    assert phone.locator("svg rect").count() == 12
    screenshot(phone, "backoffice-activity")
    problems["activity"] = axe(phone)
    assert problems == {"producers": [], "statement": [], "activity": []}


def test_statement_pdf_is_made_by_the_worker_and_downloaded(site, phone, sign_in):
    _home_url(site, phone, sign_in, PECATU)
    phone.get_by_role("link", name="Produsen").click()
    phone.locator("table").get_by_role("link", name="Laporan", exact=True).first.click()
    phone.get_by_role("button", name="Unduh sebagai PDF").click()
    expect(phone.get_by_role("heading", name="Berkas Anda")).to_be_visible()
    link = phone.get_by_role("link", name=re.compile(r"^Unduh .+\.pdf$"))
    expect(link).to_be_visible(timeout=60_000)  # the page refreshes until the worker is done
    with phone.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"
