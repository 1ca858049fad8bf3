"""The RAT report online in a real browser on the demo, at a phone's size: a pengurus fills
in a year's report section by section, types a total that does not add up, reads the error
(in rupiah as Indonesians write it) next to the field, fixes it, attaches a real PDF and
submits; the same step without JavaScript; another cooperative's pengurus gets 404."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfWriter

pytestmark = pytest.mark.browser

PECATU = "pengurus.kud-pecatu@lumbung.test"
COLO = "pengurus.kopwan-colo@lumbung.test"
SAVE = "Simpan dan lanjutkan"
MISTAKE = "Total (Rp1.100.000.000) tidak sama dengan jumlah rinciannya (Rp1.000.000.000)."

BALANCE = {
    "Aset lancar": "500.000.000", "Aset tetap": "300.000.000", "Aset lain-lain": "200.000.000",
    "Total aset": "1.100.000.000",  # the mistake: the items add up to 1.000.000.000
    "Kewajiban lancar": "200.000.000", "Kewajiban jangka panjang": "100.000.000",
    "Simpanan pokok": "50.000.000", "Simpanan wajib": "250.000.000", "Cadangan": "150.000.000",
    "Hibah/donasi": "50.000.000", "Modal penyertaan": "100.000.000",
    "SHU tahun berjalan": "100.000.000", "Total ekuitas": "700.000.000",
    "Total kewajiban dan ekuitas": "1.000.000.000",
}  # fmt: skip
INCOME = {
    "Partisipasi bruto": "800.000.000", "Pendapatan lain": "100.000.000",
    "Beban pokok": "500.000.000", "Beban usaha": "200.000.000",
    "Beban perkoperasian": "50.000.000", "SHU sebelum pajak": "150.000.000",
    "Pajak": "50.000.000", "SHU bersih": "100.000.000",
}  # fmt: skip


def _pdf() -> bytes:
    writer = PdfWriter()
    for _ in range(2):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _fill(page, values: dict[str, str]) -> None:
    for label, value in values.items():
        page.get_by_label(label, exact=True).fill(value)


def _start(page, sign_in, email: str, year: int) -> str:
    sign_in(page, email, next_url="/koperasi/")
    page.get_by_role("link", name="Isi laporan RAT secara daring").click()
    expect(page.get_by_role("heading", name="Laporan RAT", exact=True)).to_be_visible()
    page.get_by_role("link", name="Mulai laporan RAT").click()
    page.get_by_label("Tahun buku").select_option(str(year))
    page.get_by_role("button", name="Mulai").click()
    expect(page.get_by_role("heading", name="1. Rapat")).to_be_visible()
    return page.url


def _balance_sheet_with_a_mistake_then_fixed(page, screenshot=None, axe=None) -> list:
    expect(page.get_by_role("heading", name="3. Neraca")).to_be_visible()
    _fill(page, BALANCE)
    page.get_by_role("button", name=SAVE).click()
    error = page.locator("#id_total_assets-error")
    expect(error).to_have_text(MISTAKE)
    expect(page.get_by_label("Total aset", exact=True)).to_have_value("1.100.000.000")
    problems = axe(page) if axe else []
    if screenshot:
        screenshot(page, "backoffice-rat-balance-sheet-error")
    page.get_by_label("Total aset", exact=True).fill("1.000.000.000")
    page.get_by_role("button", name=SAVE).click()
    expect(page.get_by_role("heading", name="4. Perhitungan hasil usaha")).to_be_visible()
    expect(page.get_by_text("Tersimpan di draf.")).to_be_visible()
    return problems


def test_pengurus_fills_in_the_rat_report_fixes_a_mistake_and_submits(
    site, phone, sign_in, screenshot, axe
):
    _start(phone, sign_in, PECATU, 2023)
    screenshot(phone, "backoffice-rat-meeting")
    phone.get_by_label("Tanggal RAT").fill("2024-04-20")
    phone.get_by_label("Metode").select_option(label="Tatap muka")
    _fill(phone, {"Anggota laki-laki": "121", "Anggota perempuan": "93", "Anggota hadir": "150"})
    phone.get_by_role("button", name=SAVE).click()
    _fill(phone, {"Pengurus": "3", "Pengawas": "3", "Karyawan": "4"})
    phone.get_by_label("Memiliki manajer").select_option(label="Ya")
    phone.get_by_role("button", name=SAVE).click()
    problems = _balance_sheet_with_a_mistake_then_fixed(phone, screenshot, axe)
    _fill(phone, INCOME)
    phone.get_by_role("button", name=SAVE).click()
    expect(phone.get_by_role("heading", name="5. Pembagian SHU")).to_be_visible()
    for index, (name, percent, amount) in enumerate(
        (("Dana cadangan", "40", "40.000.000"), ("Jasa anggota", "60", "60.000.000"))
    ):
        _fill(phone, {f"Bagian {index + 1}: nama": name,
                      f"Bagian {index + 1}: persentase": percent,
                      f"Bagian {index + 1}: jumlah dalam rupiah": amount})  # fmt: skip
    phone.get_by_role("button", name=SAVE).click()
    _fill(phone, {"Rencana kerja tahun berikutnya": "Membuka gerai kedua.",
                  "Rencana pendapatan (RAPB)": "950.000.000",
                  "Rencana belanja (RAPB)": "820.000.000"})  # fmt: skip
    phone.get_by_role("button", name=SAVE).click()
    expect(phone.get_by_role("heading", name="7. Lampiran")).to_be_visible()
    phone.get_by_label("Jenis berkas").select_option(label="Berita acara rapat")
    phone.get_by_label("Berkas", exact=True).set_input_files(
        {"name": "berita-acara.pdf", "mimeType": "application/pdf", "buffer": _pdf()}
    )
    phone.get_by_role("button", name="Lampirkan berkas").click()
    expect(phone.get_by_text("Berkas sudah dilampirkan.")).to_be_visible()
    expect(phone.get_by_text("berita-acara.pdf")).to_be_visible()
    phone.get_by_role("link", name="Lanjutkan").click()
    expect(phone.get_by_role("heading", name="8. Periksa dan kirim")).to_be_visible()
    expect(phone.get_by_text("Rp1.000.000.000").first).to_be_visible()
    screenshot(phone, "backoffice-rat-review")
    phone.get_by_role("button", name="Kirim laporan").click()
    expect(phone.get_by_text("Laporan RAT sudah dikirim ke Dinas.")).to_be_visible()
    year = phone.locator("section", has=phone.get_by_role("heading", name="Laporan RAT 2023"))
    expect(year).to_contain_text("Versi 1 — dikirim pada")
    screenshot(phone, "backoffice-rat-submitted")
    rows = site.sql(
        "SELECT r.status, r.total_assets, count(a.id) FROM coop_rat_ratreport r "
        "JOIN village_hubs_cooperative c ON c.id = r.cooperative_id "
        "LEFT JOIN coop_rat_ratattachment a ON a.report_id = r.id "
        "WHERE c.name = 'KUD Mina Segara Pecatu' AND r.financial_year = 2023 "
        "GROUP BY r.id"
    )
    assert rows == [("submitted", 1_000_000_000, 1)]
    assert problems == []


def test_a_section_works_without_javascript(site, phone_nojs, sign_in):
    _start(phone_nojs, sign_in, COLO, 2023)
    phone_nojs.get_by_role("link", name="3. Neraca").click()
    _balance_sheet_with_a_mistake_then_fixed(phone_nojs)
    phone_nojs.get_by_role("link", name="7. Lampiran").click()
    phone_nojs.get_by_label("Berkas", exact=True).set_input_files(
        {"name": "catatan.txt", "mimeType": "text/plain", "buffer": b"bukan laporan"}
    )
    phone_nojs.get_by_role("button", name="Lampirkan berkas").click()
    expect(phone_nojs.locator("#id_file-error")).to_have_text(
        "Unggah berkas PDF, JPEG, PNG, atau WebP."
    )


def test_another_cooperatives_pengurus_gets_404_on_the_rat_pages(site, phone, sign_in):
    sign_in(phone, PECATU, next_url="/koperasi/")
    phone.get_by_role("link", name="Laporan RAT", exact=True).click()
    phone.get_by_role("link", name="Versi 1").first.click()
    version_page = phone.url
    assert "/rat/" in version_page
    phone.context.clear_cookies()
    sign_in(phone, COLO, next_url="/koperasi/")
    assert phone.goto(version_page).status == 404


def test_pengurus_corrects_a_health_figure_and_reads_the_score_aspect_by_aspect(
    site, phone, sign_in, screenshot
):
    sign_in(phone, PECATU, next_url="/koperasi/")
    phone.get_by_role("link", name="Kesehatan simpan pinjam").click()
    row = phone.locator("tr", has=phone.get_by_role("cell", name="2025", exact=True))
    row.get_by_role("link", name="Isi 2025").click()
    expect(phone.get_by_role("heading", name="1. Permodalan")).to_be_visible()
    field = phone.get_by_label("Modal sendiri", exact=True)
    stored = field.input_value()
    assert stored.startswith("Rp")
    field.fill("empat ratus juta")
    phone.get_by_role("button", name=SAVE).click()
    expect(phone.locator("#id_modal_sendiri-error")).to_have_text(
        "Tulis jumlah rupiah utuh, misalnya 1.100.000.000."
    )
    phone.get_by_label("Modal sendiri", exact=True).fill(stored)
    phone.get_by_role("button", name=SAVE).click()
    expect(phone.get_by_text("Tersimpan. Skor dihitung ulang.")).to_be_visible()
    phone.get_by_role("link", name="Skor", exact=True).click()
    expect(phone.get_by_role("heading", name="Skor", exact=True)).to_be_visible()
    expect(phone.get_by_role("heading", name="Permodalan:")).to_be_visible()
    expect(phone.get_by_role("heading", name="Jatidiri Koperasi:")).to_be_visible()
    screenshot(phone, "backoffice-health-score")
