"""SHU per member in a real browser on the demo, at a phone's size: KUD Mina Segara
Pecatu's pengurus registers a member, records their savings and an offline transaction,
sets the AD/ART allocation for the last RAT year with JavaScript off (a sum over 100 %
refused next to the field), and sees the member's parts; the page passes axe-core."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from marketplace.core.money import format_rupiah

pytestmark = pytest.mark.browser

PENGURUS = "pengurus.kud-pecatu@lumbung.test"
NIK = "5103051203850007"


def test_the_pengurus_allocates_the_shu_and_sees_the_members_part(
    site, phone, phone_nojs, sign_in, screenshot, axe
):
    (cooperative_id,) = site.sql(
        "SELECT id FROM village_hubs_cooperative WHERE name = 'KUD Mina Segara Pecatu'"
    )[0]
    year, shu = site.sql(
        "SELECT financial_year, shu_net FROM coop_rat_ratreport WHERE cooperative_id = %s "
        "AND status = 'submitted' ORDER BY financial_year DESC, version DESC LIMIT 1",
        (cooperative_id,),
    )[0]
    name = f"Ketut SHU {uuid.uuid4().hex[:4]}"
    base = f"{site.url}/koperasi/{cooperative_id}"
    page = phone_nojs
    sign_in(page, PENGURUS, next_url=f"/koperasi/{cooperative_id}/anggota/baru/")
    page.get_by_label(re.compile("^Nama lengkap")).fill(name)
    page.get_by_label("NIK").fill(NIK)
    page.get_by_label("Laki-laki (L)").check()
    page.get_by_label("Desa/kelurahan").select_option(label="Pecatu")
    page.get_by_label("Tanggal masuk").fill(f"{year - 1}-01-10")
    page.get_by_role("button", name="Simpan").click()
    page.goto(f"{base}/anggota/?q={name}")
    page.get_by_role("link", name="Simpanan", exact=True).click()
    page.get_by_label("Simpanan", exact=True).select_option(label="Simpanan pokok")
    page.get_by_label("Nilai (Rp)").fill("1.000.000")
    page.get_by_label("Tanggal").fill(f"{year}-01-05")
    page.get_by_role("button", name="Catat").click()

    (number,) = site.sql("SELECT number FROM members_member WHERE name = %s", (name,))[0]
    page.goto(f"{base}/shu/{year}/transaksi/")
    page.get_by_label("Anggota").select_option(label=f"{number} {name}")
    page.get_by_label("Tanggal").fill(f"{year}-06-01")
    page.get_by_label("Nilai (Rp)").fill("500.000")
    page.get_by_label("Keterangan transaksi").fill("Setor gabah")
    page.get_by_role("button", name="Catat").click()
    expect(page.get_by_role("cell", name="Setor gabah")).to_be_visible()

    page.goto(f"{base}/shu/")
    page.get_by_label("Jasa modal (% dari SHU)").fill("60")
    page.get_by_label("Jasa usaha (% dari SHU)").fill("45")
    page.get_by_role("button", name="Simpan pembagian").click()
    expect(
        page.get_by_text("Jasa modal dan jasa usaha bersama-sama tidak boleh lebih dari 100%.")
    ).to_be_visible()
    page.get_by_label("Jasa usaha (% dari SHU)").fill("30")
    page.get_by_label("Jasa modal (% dari SHU)").fill("20")
    page.get_by_role("button", name="Simpan pembagian").click()
    expect(page.get_by_text("Pembagian SHU tersimpan.")).to_be_visible()
    # both pools are shared out whole, and the member with by far the largest savings (the
    # demo's own members hold a few hundred thousand rupiah) gets the largest jasa modal
    capital, patronage = round(shu * 0.2), round(shu * 0.3)
    totals = page.locator("table.statement tfoot tr")
    expect(totals).to_contain_text(format_rupiah(capital))
    expect(totals).to_contain_text(format_rupiah(patronage))
    expect(totals).to_contain_text(format_rupiah(capital + patronage))
    shares = {
        cells[1]: [int(re.sub(r"\D", "", cell)) for cell in cells[2:]]
        for cells in (
            row.locator("td").all_inner_texts()
            for row in page.locator("table.statement tbody tr").all()
        )
    }
    assert sum(row[0] for row in shares.values()) == capital
    assert sum(row[1] for row in shares.values()) == patronage
    assert shares[name][0] == max(row[0] for row in shares.values())
    page.get_by_text(f"{number} {name}: {format_rupiah(shares[name][2])}").click()
    expect(page.get_by_text(re.compile(r"^Rata-rata simpanan: Rp12\.000\.000"))).to_be_visible()

    sign_in(phone, PENGURUS, next_url=f"/koperasi/{cooperative_id}/shu/{year}/")
    expect(phone.get_by_role("heading", name=re.compile("SHU per anggota"))).to_be_visible()
    screenshot(phone, "backoffice-shu")
    assert axe(phone) == []
