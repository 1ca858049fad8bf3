"""The consultation pages through Django's test client: the back office's list, question
and thread pages, the district desk's thread page, cooperative page and overview; errors
next to the fields; a form sent twice sends once; 404 for everyone else."""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coop_reporting.consultation import services
from coop_reporting.consultation.models import (
    ConsultationAttachment,
    ConsultationMessage,
    ConsultationThread,
)
from marketplace.core.models import OutgoingEmail
from tests.coop_reporting.consultation.conftest import ask, pdf_bytes, reply

pytestmark = pytest.mark.django_db


def list_url(cooperative) -> str:
    return reverse("web:backoffice-consultations", args=[cooperative.pk])


def ask_url(cooperative) -> str:
    return reverse("web:backoffice-consultation-ask", args=[cooperative.pk])


def thread_url(thread) -> str:
    return reverse("web:backoffice-consultation", args=[thread.cooperative_id, thread.pk])


def desk_url(thread) -> str:
    return reverse("web:dinas-consultation", args=[thread.pk])


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_a_pengurus_asks_with_a_file_and_reads_the_answer(client, desk):
    client.force_login(desk.admin_a)
    assert "Belum ada pertanyaan." in text(client.get(list_url(desk.coop_a)))
    token = str(uuid.uuid4())
    form = {
        "send_token": token,
        "topic": "legal",
        "text": "Apakah produk keripik kami perlu izin P-IRT?",
        "attachments": [SimpleUploadedFile("nib.pdf", pdf_bytes())],
    }
    response = client.post(ask_url(desk.coop_a), form)
    thread = ConsultationThread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == thread_url(thread)
    # the same form sent again (a double click) goes to the same thread, sends nothing more
    form["attachments"] = [SimpleUploadedFile("nib.pdf", pdf_bytes())]
    assert client.post(ask_url(desk.coop_a), form)["Location"] == thread_url(thread)
    assert ConsultationThread.objects.count() == 1
    assert OutgoingEmail.objects.count() == 2

    page = text(client.get(thread_url(thread)))
    assert "Apakah produk keripik kami perlu izin P-IRT?" in page
    assert "Hukum dan perizinan" in page
    assert "Menunggu jawaban" in page
    attachment = ConsultationAttachment.objects.get()
    download = client.get(
        reverse(
            "web:backoffice-consultation-attachment",
            args=[desk.coop_a.pk, thread.pk, attachment.pk],
        )
    )
    assert b"".join(download.streaming_content).startswith(b"%PDF-")

    client.force_login(desk.kudus_officer)
    coop_page = text(client.get(reverse("web:dinas-cooperative", args=[desk.coop_a.pk])))
    assert "Apakah produk keripik kami perlu izin P-IRT?" in coop_page
    response = client.post(
        desk_url(thread), {"send_token": str(uuid.uuid4()), "text": "Perlu, ajukan lewat OSS."}
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.status == "answered"

    client.force_login(desk.admin_a)
    page = text(client.get(thread_url(thread)))
    assert "Perlu, ajukan lewat OSS." in page
    assert "Sudah dijawab" in page
    client.post(reverse("web:backoffice-consultation-close", args=[desk.coop_a.pk, thread.pk]))
    thread.refresh_from_db()
    assert thread.status == "closed"
    assert "Ditutup pada" in text(client.get(thread_url(thread)))


def test_errors_are_next_to_the_fields_and_nothing_is_sent(client, desk):
    client.force_login(desk.admin_a)
    response = client.post(ask_url(desk.coop_a), {"send_token": str(uuid.uuid4()), "text": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(r'id="id_topic-error">Pilih topik\.<', html)
    assert re.search(r'id="id_text-error">Tulis pesan Anda\.<', html)

    word = SimpleUploadedFile("surat.docx", b"PK\x03\x04 bukan pdf")
    response = client.post(
        ask_url(desk.coop_a),
        {
            "send_token": str(uuid.uuid4()),
            "topic": "rat",
            "text": "Soal RAT",
            "attachments": [word],
        },
    )
    assert response.status_code == 400
    assert re.search(
        r'id="id_attachments-error">surat\.docx: Unggah berkas PDF, JPEG, PNG, atau WebP\.<',
        response.content.decode(),
    )
    # what was typed stays in the form
    assert "Soal RAT" in response.content.decode()
    assert not ConsultationThread.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_the_overview_shows_open_questions_per_cooperative_and_the_median_first_answer(
    client, desk
):
    ask(desk)
    ask(desk)
    ask(desk, cooperative=desk.coop_b, actor=desk.admin_b)
    answered = ask(desk, cooperative=desk.coop_b, actor=desk.admin_b)
    asked = datetime.datetime(2026, 8, 3, 9, 0, tzinfo=datetime.UTC)
    ConsultationThread.objects.filter(pk=answered.pk).update(
        status="answered", asked_at=asked, first_answered_at=asked + datetime.timedelta(hours=27)
    )
    client.force_login(desk.kudus_officer)
    page = text(client.get(reverse("web:dinas-overview")))
    assert "Pertanyaan dari koperasi" in page
    assert "Median waktu sampai jawaban pertama: 1 hari 3 jam" in page
    assert "KSP Artha Kudus 2" in page
    assert "KUD Makmur Kaliwungu 1" in page


def test_another_cooperatives_admin_a_cashier_and_a_badung_officer_get_404(client, desk):
    thread = ask(desk, files=[])
    message = ConsultationMessage.objects.get()
    attachment = ConsultationAttachment.objects.create(
        message=message,
        file=SimpleUploadedFile("x.pdf", pdf_bytes()),
        file_name="x.pdf",
        content_type="application/pdf",
        size=10,
    )
    back_office = [
        list_url(desk.coop_a),
        ask_url(desk.coop_a),
        thread_url(thread),
        reverse(
            "web:backoffice-consultation-attachment",
            args=[desk.coop_a.pk, thread.pk, attachment.pk],
        ),
    ]
    for outsider in (desk.admin_b, desk.staff_a, desk.bali_officer, desk.kudus_officer):
        client.force_login(outsider)
        for url in back_office:
            assert client.get(url).status_code == 404, (outsider.email, url)
    # B's admin, through B's own address
    client.force_login(desk.admin_b)
    own = reverse("web:backoffice-consultation", args=[desk.coop_b.pk, thread.pk])
    assert client.get(own).status_code == 404
    answer = {"send_token": str(uuid.uuid4()), "text": "Bukan urusan saya"}
    assert client.post(own, answer).status_code == 404
    # the Badung officer on the district desk
    client.force_login(desk.bali_officer)
    assert client.get(desk_url(thread)).status_code == 404
    assert client.post(desk_url(thread), answer).status_code == 404
    close = reverse("web:dinas-consultation-close", args=[thread.pk])
    assert client.post(close).status_code == 404
    files = reverse("web:dinas-consultation-attachment", args=[thread.pk, attachment.pk])
    assert client.get(files).status_code == 404
    thread.refresh_from_db()
    assert thread.status == "open"
    assert ConsultationMessage.objects.count() == 1


def test_lists_and_threads_cost_the_same_queries_for_one_message_or_many(client, desk):
    thread = ask(desk, files=[services.Upload(name="a.pdf", content=pdf_bytes())])

    def cost(user, url) -> int:
        client.force_login(user)
        client.get(url)  # warm the session
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    pages = [
        (desk.admin_a, list_url(desk.coop_a)),
        (desk.admin_a, thread_url(thread)),
        (desk.kudus_officer, desk_url(thread)),
        (desk.kudus_officer, reverse("web:dinas-cooperative", args=[desk.coop_a.pk])),
    ]
    before = [cost(user, url) for user, url in pages]
    for n in range(5):
        ask(desk, f"Pertanyaan ke-{n}", files=[services.Upload(name="b.pdf", content=pdf_bytes())])
        reply(thread, "dinas", desk.kudus_officer, f"Jawaban {n}",
              files=[services.Upload(name="c.pdf", content=pdf_bytes())])  # fmt: skip
        reply(thread, "cooperative", desk.admin_a, f"Tanggapan {n}")
    assert [cost(user, url) for user, url in pages] == before
