"""A member added by the pengurus reaches their cooperative in a real browser on the
demo: the pengurus adds Ketut with an e-mail address and records a deposit (JavaScript
off); Ketut, on a phone, asks for a one-time code, signs in with it and reads their
savings and KUD Mina Segara Pecatu's RAT report (pages checked with axe-core), then
again with JavaScript off."""

from __future__ import annotations

import re
import uuid

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.helpers import wait_for

pytestmark = pytest.mark.browser

PENGURUS = "pengurus.kud-pecatu@lumbung.test"
NIK = "5103051203850777"


def _code(site, email: str) -> str | None:
    for mail in reversed(site.mails()):
        found = re.search(r"masuk ke [^:\n]+: (\d{6})", mail)
        if email in mail and found:
            return found.group(1)
    return None


def test_a_member_signs_in_by_code_and_reads_the_rat_report_and_savings(
    site, phone, phone_nojs, sign_in, screenshot, axe
):
    (cooperative_id,) = site.sql(
        "SELECT id FROM village_hubs_cooperative WHERE name = 'KUD Mina Segara Pecatu'"
    )[0]
    email = f"ketut.{uuid.uuid4().hex[:6]}@example.com"
    today = timezone.localdate().isoformat()

    sign_in(phone_nojs, PENGURUS, next_url=f"/koperasi/{cooperative_id}/anggota/baru/")
    phone_nojs.get_by_label("Nama lengkap (sesuai KTP)").fill("Ketut Arsana")
    phone_nojs.get_by_label("NIK").fill(NIK)
    phone_nojs.get_by_label("Laki-laki (L)").check()
    phone_nojs.get_by_label("Desa/kelurahan").select_option(label="Pecatu")
    phone_nojs.get_by_label("Alamat e-mail").fill(email)
    phone_nojs.get_by_label("Tanggal masuk").fill(today)
    phone_nojs.get_by_role("button", name="Simpan").click()
    ((member_id, number),) = site.sql(
        "SELECT id, number FROM members_member WHERE email = %s", (email,)
    )
    phone_nojs.goto(f"{site.url}/koperasi/{cooperative_id}/anggota/{member_id}/simpanan/")
    phone_nojs.get_by_label("Simpanan", exact=True).select_option(label="Simpanan wajib")
    phone_nojs.get_by_label("Nilai (Rp)").fill("25000")
    phone_nojs.get_by_label("Tanggal").fill(today)
    phone_nojs.get_by_role("button", name="Catat").click()
    wait_for(
        lambda: any(email in m and "sandi-baru" in m for m in site.mails()),
        timeout=30,
        what="the invitation e-mail",
    )

    phone.goto(f"{site.url}/anggota/{cooperative_id}/masuk/")
    phone.get_by_role("link", name=re.compile("Masuk dengan kode")).click()
    phone.get_by_label("Nomor anggota").fill(str(number))
    phone.get_by_role("button", name="Kirimi saya kode").click()
    expect(phone.get_by_role("status")).to_be_visible()
    assert axe(phone) == []
    code = wait_for(lambda: _code(site, email), timeout=30, what="the sign-in code")
    phone.get_by_label("Kode dari e-mail").fill(code)
    phone.get_by_role("button", name="Masuk", exact=True).click()

    expect(phone.get_by_role("heading", name="Keanggotaan saya")).to_be_visible()
    expect(phone.get_by_text("Rp25.000").first).to_be_visible()
    screenshot(phone, "member-signed-in-by-code")
    phone.get_by_role("link", name="Laporan RAT dan laporan keuangan koperasi").click()
    phone.get_by_role("link", name=re.compile(r"Tahun buku \d{4}")).first.click()
    expect(phone.get_by_role("heading", name="Neraca")).to_be_visible()
    screenshot(phone, "member-rat-report")
    assert axe(phone) == []

    # the same with JavaScript off (the pengurus's browser, signed out)
    first_code = code
    phone_nojs.context.clear_cookies()
    phone_nojs.goto(f"{site.url}/anggota/{cooperative_id}/masuk/kode/")
    phone_nojs.get_by_label("Nomor anggota").fill(str(number))
    phone_nojs.get_by_role("button", name="Kirimi saya kode").click()
    code = wait_for(
        lambda: found if (found := _code(site, email)) != first_code else None,
        timeout=30,
        what="a second sign-in code",
    )
    phone_nojs.get_by_label("Kode dari e-mail").fill(code)
    phone_nojs.get_by_role("button", name="Masuk", exact=True).click()
    expect(phone_nojs.get_by_text("Rp25.000").first).to_be_visible()
    phone_nojs.get_by_role("link", name="Laporan RAT dan laporan keuangan koperasi").click()
    phone_nojs.get_by_role("link", name=re.compile(r"Tahun buku \d{4}")).first.click()
    expect(phone_nojs.get_by_role("heading", name="Neraca")).to_be_visible()
