"""RAT attachments: PDFs parsed with pypdf, images through the product image pipeline."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image
from pypdf import PdfWriter

from coop_reporting.rat import services
from coop_reporting.rat.models import RatAttachment
from marketplace.catalog.images import image_clean
from tests.factories.coop_rat import draft_report, submitted_report
from tests.factories.village_hubs import CooperativeFactory

pytestmark = pytest.mark.django_db


def pdf_bytes(*, password: str | None = None, pages: int = 2) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_bytes(format: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 120, 60)).save(buffer, format=format)
    return buffer.getvalue()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def upload(report, content: bytes, kind: str = "berita_acara") -> RatAttachment:
    return services.rat_attachment_upload(
        report=report,
        kind=kind,
        uploaded_file=content,
        file_name="berkas",
        actor=None,
        image_clean=image_clean,
    )


def test_pdf_is_stored_as_uploaded_with_its_page_count(media_root):
    report = draft_report(CooperativeFactory())
    content = pdf_bytes(pages=3)

    attachment = upload(report, content)

    assert attachment.content_type == "application/pdf"
    assert attachment.page_count == 3
    assert attachment.file.name.endswith(".pdf")
    with attachment.file.open("rb") as stored:
        assert stored.read() == content


def test_photo_of_the_attendance_list_is_stored_without_metadata(media_root):
    report = draft_report(CooperativeFactory())

    attachment = upload(report, image_bytes("JPEG"), kind="daftar_hadir")

    assert attachment.content_type == "image/jpeg"
    assert attachment.kind == "daftar_hadir"
    assert attachment.page_count is None


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (pdf_bytes(password="rahasia"), "encrypted_file"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\ngarbage", "corrupt_file"),
        (pdf_bytes()[:200], "corrupt_file"),
        (image_bytes("GIF"), "unsupported_file_type"),
        (b"PK\x03\x04 a word document", "unsupported_file_type"),
        (image_bytes("PNG")[:60], "corrupt_file"),
        (b"", "required"),
    ],
    ids=["encrypted", "corrupt", "truncated", "gif", "docx", "truncated-png", "empty"],
)
def test_unreadable_or_unsupported_files_are_refused(media_root, content, code):
    report = draft_report(CooperativeFactory())

    with pytest.raises(ValidationError) as exc_info:
        upload(report, content)

    assert [e.code for e in exc_info.value.error_dict["file"]] == [code]
    assert not RatAttachment.objects.exists()
    assert not any(media_root.rglob("*.*"))


def test_files_over_the_limit_are_refused(media_root, settings):
    settings.RAT_ATTACHMENT_MAX_BYTES = 1024
    report = draft_report(CooperativeFactory())

    with pytest.raises(ValidationError) as exc_info:
        upload(report, pdf_bytes() + b"\n" * 2048)

    assert [e.code for e in exc_info.value.error_dict["file"]] == ["file_size_limit_exceeded"]
    assert not RatAttachment.objects.exists()


def test_submitted_reports_take_no_more_attachments(media_root):
    report = submitted_report(CooperativeFactory())

    with pytest.raises(ValidationError) as exc_info:
        upload(report, pdf_bytes())

    assert [e.code for e in exc_info.value.error_dict["id"]] == ["not_draft"]
    assert not RatAttachment.objects.exists()
    assert not any(media_root.rglob("*.*"))


def test_a_correction_keeps_the_attachments_of_the_version_it_corrects(media_root):
    report = draft_report(CooperativeFactory())
    original = upload(report, pdf_bytes())
    report = services.rat_report_submit(report=report, actor=None)

    correction = services.rat_report_correct(report=report, actor=None)

    copied = correction.attachments.get()
    assert copied.pk != original.pk
    assert copied.file.name == original.file.name
    assert report.attachments.get() == original
