"""The consultation desk's domain: asking, answering, closing and reopening; who sees a
thread; the e-mail each message sends; refused input changing nothing; the district
desk's figures computed in SQL."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from coop_reporting.consultation import selectors, services
from coop_reporting.consultation.models import (
    ConsultationAttachment,
    ConsultationMessage,
    ConsultationThread,
)
from coop_reporting.supervision.selectors import supervision_scope
from marketplace.core.models import OutgoingEmail
from tests.coop_reporting.consultation.conftest import ask, pdf_bytes, png_bytes, reply

pytestmark = pytest.mark.django_db

Upload = services.Upload


def emails() -> list[OutgoingEmail]:
    return list(OutgoingEmail.objects.order_by("pk"))


def codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


# --- the life of a thread ----------------------------------------------------------------


def test_a_question_is_open_and_emailed_once_to_each_officer_covering_the_cooperative(desk):
    thread = ask(desk, "Kapan batas waktu RAT tahun buku 2025?")

    assert thread.status == "open"
    assert thread.first_answered_at is None
    assert [m.text for m in thread.messages.all()] == ["Kapan batas waktu RAT tahun buku 2025?"]
    sent = emails()
    # Kudus' officer and Jawa Tengah's; never Badung's, never the asker
    assert sorted(e.to for e in sent) == ["petugas.jateng@dinas.test", "petugas.kudus@dinas.test"]
    mail = next(e for e in sent if e.to == "petugas.kudus@dinas.test")
    assert mail.subject == "Pertanyaan baru dari KSP Artha Kudus: RAT (rapat anggota tahunan)"
    assert "Halo Agus," in mail.body
    assert "KSP Artha Kudus mengajukan pertanyaan kepada Dinas" in mail.body
    assert "Kapan batas waktu RAT tahun buku 2025?" in mail.body
    assert f"http://127.0.0.1:8000/dinas/konsultasi/{thread.pk}/" in mail.body
    assert f"/dinas/konsultasi/{thread.pk}/" in mail.html_body


def test_a_dinas_answer_marks_it_answered_and_emails_each_admin_of_the_cooperative(desk):
    thread = ask(desk)
    OutgoingEmail.objects.all().delete()

    reply(thread, "dinas", desk.kudus_officer, "Paling lambat 30 Juni 2026, Bu.")

    thread.refresh_from_db()
    assert thread.status == "answered"
    assert thread.first_answered_at is not None
    sent = emails()
    # both admins of A; not A's cashier (not an admin), not B's admin
    assert [e.to for e in sent] == ["ketua.artha@koperasi.test", "bendahara.artha@koperasi.test"]
    assert sent[0].subject == "Dinas menjawab pertanyaan Anda: RAT (rapat anggota tahunan)"
    assert "Halo Siti," in sent[0].body
    assert "Paling lambat 30 Juni 2026, Bu." in sent[0].body
    link = f"http://127.0.0.1:8000/koperasi/{desk.coop_a.pk}/konsultasi/{thread.pk}/"
    assert link in sent[0].body


def test_a_cooperative_reply_opens_it_again_and_the_first_answer_time_stays(desk):
    thread = ask(desk)
    reply(thread, "dinas", desk.kudus_officer, "Sudah kami terima.")
    thread.refresh_from_db()
    first_answer = thread.first_answered_at
    OutgoingEmail.objects.all().delete()

    reply(thread, "cooperative", desk.second_admin_a, "Apakah boleh daring?")
    thread.refresh_from_db()
    assert thread.status == "open"
    # the other admin is not e-mailed about a message from her own side
    assert sorted(e.to for e in emails()) == [
        "petugas.jateng@dinas.test",
        "petugas.kudus@dinas.test",
    ]
    assert emails()[0].subject == "KSP Artha Kudus membalas: RAT (rapat anggota tahunan)"

    reply(thread, "dinas", desk.jateng_officer, "Boleh.")
    thread.refresh_from_db()
    assert thread.status == "answered"
    assert thread.first_answered_at == first_answer


def test_either_side_closes_it_stays_on_the_record_and_a_new_message_reopens_it(desk):
    thread = ask(desk)
    reply(thread, "dinas", desk.kudus_officer, "Jawaban.")
    services.consultation_close(thread=thread, actor=desk.admin_a)
    thread.refresh_from_db()
    assert thread.status == "closed"
    assert thread.closed_by == desk.admin_a
    assert ConsultationMessage.objects.filter(thread=thread).count() == 2

    with pytest.raises(ValidationError) as refused:
        services.consultation_close(thread=thread, actor=desk.kudus_officer)
    assert refused.value.code == "already_closed"

    OutgoingEmail.objects.all().delete()
    reply(thread, "cooperative", desk.admin_a, "Maaf, masih ada yang kurang jelas.")
    thread.refresh_from_db()
    assert thread.status == "open"
    assert thread.closed_at is None
    assert ConsultationMessage.objects.filter(thread=thread).count() == 3
    assert len(emails()) == 2  # the officers hear of it

    services.consultation_close(thread=thread, actor=desk.kudus_officer)
    reply(thread, "dinas", desk.kudus_officer, "Tambahan informasi.")
    thread.refresh_from_db()
    assert thread.status == "answered"


# --- refused input changes nothing ------------------------------------------------------


def _nothing_written() -> None:
    assert not ConsultationThread.objects.exists()
    assert not ConsultationMessage.objects.exists()
    assert not ConsultationAttachment.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_an_empty_question_or_a_missing_topic_is_refused_next_to_the_field(desk):
    with pytest.raises(ValidationError) as refused:
        ask(desk, "   \n ")
    assert codes(refused.value) == {"text": ["required"]}
    assert refused.value.error_dict["text"][0].messages == ["Tulis pesan Anda."]
    with pytest.raises(ValidationError) as refused:
        ask(desk, topic="pajak")
    assert codes(refused.value) == {"topic": ["required"]}
    _nothing_written()


def test_attachments_are_checked_as_rat_attachments_and_a_refusal_stores_nothing(
    desk, media_root, settings
):
    word = Upload(name="surat.docx", content=b"PK\x03\x04 not a pdf")
    with pytest.raises(ValidationError) as refused:
        ask(desk, files=[Upload(name="neraca.pdf", content=pdf_bytes()), word])
    assert codes(refused.value) == {"attachments": ["unsupported_file_type"]}
    assert refused.value.error_dict["attachments"][0].messages == [
        "surat.docx: Unggah berkas PDF, JPEG, PNG, atau WebP."
    ]
    settings.RAT_ATTACHMENT_MAX_PAGES = 2
    with pytest.raises(ValidationError) as refused:
        ask(desk, files=[Upload(name="tebal.pdf", content=pdf_bytes(pages=3))])
    assert codes(refused.value) == {"attachments": ["too_many_pages"]}
    four = [Upload(name=f"{n}.pdf", content=pdf_bytes()) for n in range(4)]
    with pytest.raises(ValidationError) as refused:
        ask(desk, files=four)
    assert codes(refused.value) == {"attachments": ["too_many_files"]}
    _nothing_written()
    assert not list(media_root.rglob("*.*"))


def test_a_pdf_and_a_photo_are_kept_with_the_message_and_named_in_the_email(desk, media_root):
    thread = ask(
        desk,
        files=[
            Upload(name="neraca.pdf", content=pdf_bytes(pages=2)),
            Upload(name="foto.png", content=png_bytes()),
        ],
    )
    files = list(ConsultationAttachment.objects.filter(message__thread=thread).order_by("pk"))
    assert [(f.file_name, f.content_type, f.page_count) for f in files] == [
        ("neraca.pdf", "application/pdf", 2),
        ("foto.png", "image/png", None),
    ]
    assert files[0].file.read().startswith(b"%PDF-")
    assert "Berkas terlampir: neraca.pdf, foto.png" in emails()[0].body


# --- who sees what ---------------------------------------------------------------------


def test_only_the_cooperatives_admins_and_its_officers_see_a_thread(desk):
    thread = ask(desk)
    bali = ask(desk, cooperative=desk.bali_coop, actor=desk.bali_admin)

    def seen(user) -> set[int]:
        return set(selectors.threads_visible_to(user).values_list("pk", flat=True))

    assert seen(desk.admin_a) == seen(desk.second_admin_a) == {thread.pk}
    assert seen(desk.kudus_officer) == seen(desk.jateng_officer) == {thread.pk}
    assert seen(desk.bali_officer) == seen(desk.bali_admin) == {bali.pk}
    assert seen(desk.admin_b) == seen(desk.staff_a) == set()
    assert seen(desk.platform_staff) == {thread.pk, bali.pk}
    assert selectors.writing_side(desk.admin_a, desk.coop_a) == "cooperative"
    assert selectors.writing_side(desk.kudus_officer, desk.coop_a) == "dinas"
    for outsider in (desk.admin_b, desk.staff_a, desk.bali_officer, desk.platform_staff):
        assert selectors.writing_side(outsider, desk.coop_a) is None
    assert selectors.can_close(desk.platform_staff, thread)
    assert not selectors.can_close(desk.bali_officer, thread)


# --- the district desk's figures --------------------------------------------------------


def _answered_after(desk, cooperative, actor, delay: datetime.timedelta | None) -> None:
    thread = ask(desk, cooperative=cooperative, actor=actor)
    asked = datetime.datetime(2026, 8, 3, 9, 0, tzinfo=datetime.UTC)
    ConsultationThread.objects.filter(pk=thread.pk).update(
        asked_at=asked, first_answered_at=asked + delay if delay is not None else None
    )


def test_median_time_to_a_first_answer_per_district_desk_in_sql(desk):
    hour = datetime.timedelta(hours=1)
    # Kudus: answered after 1 h, 3 h, 10 h and 2 days; one still unanswered
    for delay in (1 * hour, 3 * hour, 10 * hour, 48 * hour, None):
        _answered_after(desk, desk.coop_a, desk.admin_a, delay)
    # Badung: answered after 30 minutes
    _answered_after(desk, desk.bali_coop, desk.bali_admin, datetime.timedelta(minutes=30))

    kudus = supervision_scope(desk.kudus_officer)
    # four answered threads: the median is between 3 h and 10 h: (3 + 10) / 2 = 6.5 h
    assert selectors.median_time_to_first_answer(kudus) == datetime.timedelta(hours=6, minutes=30)
    assert selectors.median_time_to_first_answer(supervision_scope(desk.jateng_officer)) == (
        datetime.timedelta(hours=6, minutes=30)
    )
    bali = supervision_scope(desk.bali_officer)
    assert selectors.median_time_to_first_answer(bali) == datetime.timedelta(minutes=30)
    # everything: 30 min, 1 h, 3 h, 10 h, 48 h → the middle one, 3 h
    everything = supervision_scope(desk.platform_staff)
    assert selectors.median_time_to_first_answer(everything) == datetime.timedelta(hours=3)
    assert selectors.median_time_to_first_answer(supervision_scope(desk.admin_b)) is None


def test_open_questions_per_cooperative(desk):
    ask(desk)
    ask(desk)
    answered = ask(desk)
    reply(answered, "dinas", desk.kudus_officer, "Sudah.")
    ask(desk, cooperative=desk.coop_b, actor=desk.admin_b)
    ask(desk, cooperative=desk.bali_coop, actor=desk.bali_admin)

    rows = selectors.open_questions_by_cooperative(supervision_scope(desk.kudus_officer))
    assert [(row["name"], row["open"]) for row in rows] == [
        ("KSP Artha Kudus", 2),
        ("KUD Makmur Kaliwungu", 1),
    ]
