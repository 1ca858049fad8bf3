"""PDFs uploaded as attribute files (a halal certificate, a leaflet) are page-counted
before any page is read, as RAT attachments are (issue 13 item 8)."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from pypdf import PdfWriter

from marketplace.catalog import files


def blank_pdf(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.PRODUCT_FILE_MAX_PAGES = 2
    return tmp_path


def test_a_pdf_over_the_page_limit_is_refused_and_nothing_stored(media_root):
    with translation.override("id"), pytest.raises(ValidationError) as exc_info:
        files.attribute_file_upload(content=blank_pdf(3), name="sertifikat-halal.pdf")

    [error] = exc_info.value.error_dict["file"]
    assert error.code == "invalid_file_type"
    assert error.messages == ["PDF ini lebih dari 2 halaman. Unggah berkas yang lebih pendek."]
    assert not any(media_root.rglob("*.*"))


def test_a_pdf_within_the_limit_is_stored(media_root):
    stored = files.attribute_file_upload(content=blank_pdf(2), name="sertifikat-halal.pdf")

    assert stored.content_type == "application/pdf"
    assert (media_root / stored.path).exists()
