"""A consultation in a browser, on the demo data, from question to closing with its
e-mails as the site's worker sends them: the pengurus of Koperasi Desa Merah Putih Kudus
asks (a mistake first, then a PDF attached) on a phone with JavaScript, the Kudus
officer answers from the e-mailed link on a phone without JavaScript, the pengurus
reads the answer from her e-mail and closes the consultation."""

from __future__ import annotations

import email
import re
from email import policy

import pytest
from playwright.sync_api import expect

from tests.coop_reporting.consultation.conftest import pdf_bytes
from tests.helpers import wait_for

pytestmark = pytest.mark.browser

PENGURUS = "pengurus.merah-putih-kudus@lumbung.test"
KUDUS = "dinas.kudus@lumbung.test"
JATENG = "dinas.jateng@lumbung.test"
COOPERATIVE = "Koperasi Desa Merah Putih Kudus"
QUESTION = "Simpanan wajib anggota belum tercatat sejak Maret. Bagaimana memperbaikinya?"
ANSWER = "Catat sebagai piutang anggota, lalu bawa ke rapat pengurus bulan ini."
MAIL_WAIT_S = 60


def mails_about(site, path: str) -> list[email.message.EmailMessage]:
    """The e-mails the site sent that link to ``path``, as parsed messages."""
    found = []
    for raw in site.mails():
        for chunk in raw.split("-" * 79):
            if not chunk.strip():
                continue
            message = email.message_from_string(chunk.strip(), policy=policy.default)
            body = message.get_body(preferencelist=("plain",))
            if body is not None and path in body.get_content():
                found.append(message)
    return found


def plain(message: email.message.EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_consultation_from_question_to_closing_with_its_emails(
    site, phone, phone_nojs, sign_in, screenshot, axe
):
    cooperative_id = site.sql(
        "SELECT id FROM village_hubs_cooperative WHERE name = %s", (COOPERATIVE,)
    )[0][0]
    sign_in(phone, PENGURUS, next_url=f"/koperasi/{cooperative_id}/konsultasi/")
    expect(phone.get_by_role("heading", name="Tanya Dinas")).to_be_visible()
    phone.get_by_role("link", name="Ajukan pertanyaan").click()
    # a mistake first: no topic, no text
    phone.get_by_role("button", name="Kirim pertanyaan").click()
    expect(phone.locator("#id_topic-error")).to_have_text("Pilih topik.")
    expect(phone.locator("#id_text-error")).to_have_text("Tulis pesan Anda.")
    phone.get_by_label("Keuangan").check()
    phone.get_by_label("Pertanyaan Anda").fill(QUESTION)
    phone.get_by_label("Lampirkan berkas (boleh dikosongkan)").set_input_files(
        {"name": "buku-simpanan.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    assert axe(phone) == []
    screenshot(phone, "backoffice-consultation-ask")
    phone.get_by_role("button", name="Kirim pertanyaan").click()
    expect(phone.get_by_role("heading", name="Konsultasi dengan Dinas")).to_be_visible()
    expect(phone.locator(".status")).to_have_text("Menunggu jawaban")
    expect(phone.get_by_role("link", name="buku-simpanan.pdf")).to_be_visible()
    thread_id = int(re.search(r"/konsultasi/(\d+)/", phone.url).group(1))

    # the worker e-mails both officers covering Kudus, once each
    desk_path = f"/dinas/konsultasi/{thread_id}/"
    asked = wait_for(
        lambda: len(mails_about(site, desk_path)) >= 2 and mails_about(site, desk_path),
        timeout=MAIL_WAIT_S,
        what="the question's e-mails",
    )
    assert sorted(m["To"] for m in asked) == [JATENG, KUDUS]
    assert asked[0]["Subject"] == f"Pertanyaan baru dari {COOPERATIVE}: Keuangan"
    assert QUESTION in plain(asked[0])
    assert "Berkas terlampir: buku-simpanan.pdf" in plain(asked[0])
    link = re.search(rf"{re.escape(site.url)}{desk_path}", plain(asked[0])).group(0)

    # the Kudus officer opens the link, without JavaScript, and answers
    officer = phone_nojs
    sign_in(officer, KUDUS, next_url=link.removeprefix(site.url))
    expect(officer.get_by_text(QUESTION)).to_be_visible()
    officer.get_by_label("Jawaban Anda").fill(ANSWER)
    officer.get_by_role("button", name="Kirim", exact=True).click()
    expect(officer.locator(".status")).to_have_text("Sudah dijawab")
    screenshot(officer, "dinas-consultation")

    back_office_path = f"/koperasi/{cooperative_id}/konsultasi/{thread_id}/"
    [answered] = wait_for(
        lambda: mails_about(site, back_office_path),
        timeout=MAIL_WAIT_S,
        what="the answer's e-mail",
    )
    assert answered["To"] == PENGURUS
    assert answered["Subject"] == "Dinas menjawab pertanyaan Anda: Keuangan"
    assert ANSWER in plain(answered)

    # the pengurus follows her e-mail's link, reads the answer and closes
    phone.goto(site.url + back_office_path)
    expect(phone.get_by_text(ANSWER)).to_be_visible()
    phone.get_by_role("button", name="Tutup konsultasi").click()
    expect(phone.locator(".status")).to_have_text("Ditutup")
    expect(phone.get_by_text(QUESTION)).to_be_visible()  # it stays on the record
    assert axe(phone) == []
    screenshot(phone, "backoffice-consultation")

    # the officer sees it closed; closing sent no e-mail
    officer.goto(site.url + desk_path)
    expect(officer.locator(".status")).to_have_text("Ditutup")
    # the overview: the demo's open question of the cooperative is still waiting, and the
    # median time to a first answer is shown
    officer.goto(site.url + "/dinas/")
    questions = officer.locator(
        "section", has=officer.get_by_role("heading", name="Pertanyaan dari koperasi")
    )
    expect(questions.get_by_role("row", name=COOPERATIVE)).to_contain_text("1")
    expect(questions).to_contain_text(
        re.compile(r"Median waktu sampai jawaban pertama: \d+ (hari|jam|menit)")
    )
    screenshot(officer, "dinas-overview-consultations")
    assert len(mails_about(site, desk_path)) == 2
    assert len(mails_about(site, back_office_path)) == 1
