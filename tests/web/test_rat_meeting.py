"""The RAT meeting in a real browser on the demo: a villager becomes a member of Koperasi
Produsen Tani Amerta Pelaga, its pengurus creates the meeting and sends the notice with
JavaScript off, the worker e-mails it, and the member follows the e-mail's link on a
phone, confirms attendance and votes once; the pengurus closes the item and sees the
decision (quorum met: the only active member attended). The pages pass axe-core."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.helpers import wait_for
from tests.web.test_account import register

pytestmark = pytest.mark.browser

PENGURUS = "pengurus.produsen-pelaga@lumbung.test"
NIK = "5103044507900003"
COOPERATIVE = "Koperasi Produsen Tani Amerta Pelaga"


def _become_member(site, phone, phone_nojs, sign_in, cooperative_id: int, email: str) -> None:
    register(phone, site, name="Ni Ketut Sari", email=email)
    phone.goto(f"{site.url}/anggota/{cooperative_id}/daftar/")
    phone.get_by_label("NIK").fill(NIK)
    phone.get_by_label("Perempuan (P)").check()
    phone.get_by_label("Desa/kelurahan").select_option(label="Pelaga")
    phone.get_by_label(re.compile("setuju koperasi menyimpan data saya")).check()
    phone.get_by_role("button", name="Kirim permohonan").click()
    sign_in(phone_nojs, PENGURUS, next_url=f"/koperasi/{cooperative_id}/anggota/permohonan/")
    phone_nojs.locator("section", has_text="Ni Ketut Sari").get_by_role(
        "button", name="Setujui"
    ).click()
    expect(phone_nojs.get_by_text(re.compile("Ni Ketut Sari sekarang anggota"))).to_be_visible()


def test_a_member_confirms_attendance_and_votes_on_a_phone(
    site, phone, phone_nojs, sign_in, screenshot, axe
):
    (cooperative_id,) = site.sql(
        "SELECT id FROM village_hubs_cooperative WHERE name = %s", (COOPERATIVE,)
    )[0]
    email = f"ketut.{uuid.uuid4().hex[:6]}@example.com"
    _become_member(site, phone, phone_nojs, sign_in, cooperative_id, email)

    office = phone_nojs
    office.goto(f"{site.url}/koperasi/{cooperative_id}/rat/rapat/")
    office.get_by_label("Tahun buku").fill("2026")
    office.get_by_label("Tanggal", exact=True).fill("2027-02-20")
    office.get_by_label("Jam").fill("09:00")
    office.get_by_label("Tempat").fill("Balai Banjar Kiadan")
    office.get_by_label("Acara").fill("Pengesahan laporan 2026\nPembagian SHU 2026")
    office.get_by_role("button", name="Buat rapat").click()
    expect(office.get_by_role("heading", name="RAT tahun buku 2026")).to_be_visible()
    office.get_by_role("button", name="Kirim undangan lewat e-mail").click()
    expect(office.get_by_text("Undangan dikirim ke 1 anggota lewat e-mail.")).to_be_visible()
    office.get_by_role("button", name="Buka pemungutan suara").first.click()

    mail = wait_for(
        lambda: next((m for m in site.mails() if email in m and "Undangan" in m), None),
        timeout=60,
        what="the notice e-mail",
    )
    link = re.search(r"http://\S+/anggota/\d+/rapat/\d+/", mail).group(0)
    phone.goto(link)
    expect(phone.get_by_text("Balai Banjar Kiadan")).to_be_visible()
    phone.get_by_role("button", name="Konfirmasi kehadiran saya").click()
    expect(phone.get_by_text("Anda tercatat hadir.")).to_be_visible()
    phone.get_by_label("Setuju", exact=True).check()
    screenshot(phone, "rat-meeting-vote")
    phone.get_by_role("button", name="Beri suara").click()
    expect(phone.get_by_text("Suara Anda: Setuju")).to_be_visible()
    assert axe(phone) == []
    assert site.sql("SELECT count(*) FROM rat_meetings_vote")[0][0] == 1

    office.reload()
    office.get_by_role("button", name="Tutup pemungutan suara").first.click()
    expect(office.get_by_text("Kuorum tercapai.")).to_be_visible()
    expect(office.get_by_role("cell", name="Disetujui", exact=True)).to_be_visible()
    screenshot(office, "rat-meeting-results")
