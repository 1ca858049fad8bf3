"""The Dinas' district desk in a browser, on the demo data: the Kudus officer's overview,
list, a cooperative's page and the district PDF made by the site's worker; Badung's
officer cannot open a Kudus cooperative."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

KUDUS = "dinas.kudus@lumbung.test"
BADUNG = "dinas.badung@lumbung.test"
SLIPPING = "Kopwan Srikandi Colo"
DORMANT = "Koperasi Desa Merah Putih Kudus"
EXPORT_WAIT_MS = 60_000


def cooperative_id(site, name: str) -> int:
    return site.sql("SELECT id FROM village_hubs_cooperative WHERE name = %s", (name,))[0][0]


def test_the_kudus_officer_sees_the_overview_with_the_flagged_cooperatives(
    site, phone, sign_in, screenshot, axe
):
    sign_in(phone, KUDUS, next_url="/dinas/")
    expect(phone.get_by_role("heading", name="Meja Dinas")).to_be_visible()
    warnings = phone.locator("ul.flagged")
    expect(warnings.get_by_role("link", name=SLIPPING)).to_be_visible()
    expect(warnings.get_by_role("link", name=DORMANT)).to_be_visible()
    expect(warnings).to_contain_text("Penjualan turun")
    expect(phone.locator("svg .bar")).to_have_count(24)
    expect(phone.get_by_role("heading", name=re.compile("RAT tahun buku"))).to_be_visible()
    assert axe(phone) == []
    screenshot(phone, "dinas-overview")


def test_the_list_filters_without_javascript_and_opens_a_cooperative(
    site, phone_nojs, sign_in, screenshot
):
    page = phone_nojs
    sign_in(page, KUDUS, next_url="/dinas/koperasi/")
    expect(page.get_by_role("link", name=SLIPPING)).to_be_visible()
    expect(page.get_by_role("link", name=DORMANT)).to_be_visible()
    page.get_by_text("Saring dan urutkan").click()
    page.get_by_label("Tidak ada penjualan", exact=True).check()
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url(re.compile(r"peringatan=no_sales"))
    expect(page.get_by_role("link", name=DORMANT)).to_be_visible()
    expect(page.get_by_role("link", name=SLIPPING)).to_have_count(0)
    screenshot(page, "dinas-list")
    page.get_by_role("link", name=DORMANT).click()
    expect(page.get_by_role("heading", name=DORMANT)).to_be_visible()
    expect(page.get_by_role("heading", name="Laporan RAT per tahun")).to_be_visible()
    expect(page.locator("ul.warnings")).to_contain_text("Tidak ada penjualan")


def test_the_cooperative_page_shows_rat_and_warnings(site, phone, sign_in, screenshot, axe):
    sign_in(phone, KUDUS, next_url="/dinas/koperasi/")
    assert axe(phone) == []
    phone.get_by_role("link", name=SLIPPING).click()
    expect(phone.get_by_role("heading", name=SLIPPING)).to_be_visible()
    expect(phone.locator("ul.warnings")).to_contain_text("Penjualan turun")
    rat = phone.locator("section", has=phone.get_by_role("heading", name="Laporan RAT per tahun"))
    expect(rat.locator("tbody tr").first).to_be_visible()
    expect(rat).to_contain_text("Terkirim")
    expect(phone.locator("svg .bar")).to_have_count(12)
    assert axe(phone) == []
    screenshot(phone, "dinas-cooperative")


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_the_district_pdf_is_made_by_the_worker_and_downloaded(
    site, phone, phone_nojs, sign_in, js
):
    page = phone if js else phone_nojs
    sign_in(page, KUDUS, next_url="/dinas/")
    page.get_by_role("button", name="Unduh laporan (PDF)").click()
    page.wait_for_url(re.compile(r"/dinas/ekspor/[0-9a-f-]+/$"))
    link = page.get_by_role("link", name="Unduh berkas")
    # the page refreshes itself (meta refresh without JS, the status endpoint with JS)
    expect(link).to_be_visible(timeout=EXPORT_WAIT_MS)
    response = page.request.get(site.url + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body()[:4] == b"%PDF"


def test_a_badung_officer_gets_404_on_a_kudus_cooperative(site, phone, sign_in):
    kudus_coop = cooperative_id(site, SLIPPING)
    sign_in(phone, BADUNG, next_url="/dinas/")
    expect(phone.get_by_role("heading", name="Meja Dinas")).to_be_visible()
    response = phone.goto(f"{site.url}/dinas/koperasi/{kudus_coop}/")
    assert response.status == 404
    listed = phone.goto(f"{site.url}/dinas/koperasi/?q=Colo")
    assert listed.status == 200
    expect(phone.get_by_role("link", name=SLIPPING)).to_have_count(0)
