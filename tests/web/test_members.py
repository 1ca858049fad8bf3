"""Membership in a real browser on the demo: a villager applies to KUD Mina Segara
Pecatu on a phone (refused without consent, with the reason next to the box), its
pengurus approves from the back office with JavaScript off, the worker e-mails the
member number, the member signs in with it, and the pages pass axe-core (checked
with JavaScript on)."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.helpers import wait_for
from tests.web.test_account import PASSWORD, register

pytestmark = pytest.mark.browser

PENGURUS = "pengurus.kud-pecatu@lumbung.test"
NIK = "5103051203850002"


def test_a_villager_applies_and_the_pengurus_approves(
    site, phone, phone_nojs, sign_in, screenshot, axe
):
    (cooperative_id,) = site.sql(
        "SELECT id FROM village_hubs_cooperative WHERE name = 'KUD Mina Segara Pecatu'"
    )[0]
    email = f"wayan.{uuid.uuid4().hex[:6]}@example.com"
    register(phone, site, name="Wayan Sudarma", email=email)

    phone.goto(f"{site.url}/anggota/{cooperative_id}/daftar/")
    phone.get_by_label("NIK").fill(NIK)
    phone.get_by_label("Laki-laki (L)").check()
    phone.get_by_label("Desa/kelurahan").select_option(label="Pecatu")
    phone.get_by_label("Nomor WhatsApp atau telepon").fill("0812 3456 7890")
    phone.get_by_role("button", name="Kirim permohonan").click()
    expect(phone.get_by_text("Setujui pemberitahuan privasi untuk mendaftar.")).to_be_visible()
    assert site.sql("SELECT count(*) FROM members_memberapplication")[0][0] == 0
    phone.get_by_label(re.compile("setuju koperasi menyimpan data saya")).check()
    screenshot(phone, "member-apply")
    phone.get_by_role("button", name="Kirim permohonan").click()
    expect(phone.get_by_role("heading", name="Permohonan Anda sudah terkirim")).to_be_visible()
    assert axe(phone) == []
    (stored,) = site.sql("SELECT nik_encrypted FROM members_memberapplication")[0]
    assert NIK not in stored

    sign_in(phone_nojs, PENGURUS, next_url=f"/koperasi/{cooperative_id}/anggota/permohonan/")
    card = phone_nojs.locator("section", has_text="Wayan Sudarma")
    expect(card.get_by_text(f"NIK {NIK}")).to_be_visible()  # the pengurus sees it in full
    screenshot(phone_nojs, "member-applications")
    card.get_by_role("button", name="Setujui").click()
    approved = phone_nojs.get_by_text(re.compile(r"Wayan Sudarma sekarang anggota nomor \d+"))
    expect(approved).to_be_visible()
    number = re.search(r"nomor (\d+)", approved.inner_text()).group(1)
    expect(phone_nojs.get_by_role("link", name="Kabari lewat WhatsApp")).to_have_attribute(
        "href", re.compile(r"^https://wa\.me/6281234567890\?text=")
    )

    phone_nojs.goto(f"{site.url}/koperasi/{cooperative_id}/anggota/?q=Wayan")
    expect(phone_nojs.get_by_role("cell", name=re.compile("Wayan Sudarma"))).to_be_visible()
    mail = wait_for(
        lambda: next((m for m in site.mails() if email in m and "nomor anggota" in m), None),
        timeout=60,
        what="the approval e-mail",
    )
    assert NIK not in mail
    phone.reload()
    expect(phone.get_by_text(re.compile(r"Nomor anggota Anda \d+"))).to_be_visible()

    sign_in(phone, PENGURUS, next_url=f"/koperasi/{cooperative_id}/anggota/")
    expect(phone.get_by_role("heading", name="Anggota", exact=True)).to_be_visible()
    assert axe(phone) == []
    phone.goto(f"{site.url}/koperasi/{cooperative_id}/anggota/permohonan/")
    assert axe(phone) == []

    phone.goto(f"{site.url}/anggota/{cooperative_id}/masuk/")  # the member signs in by number
    phone.get_by_label("Nomor anggota").fill(number)
    phone.get_by_label("Kata sandi").fill(PASSWORD)
    phone.get_by_role("button", name="Masuk").last.click()
    expect(phone.get_by_role("heading", name="Keanggotaan saya")).to_be_visible()
    expect(phone.get_by_text(NIK)).to_be_visible()
    screenshot(phone, "member-page")
    assert axe(phone) == []
