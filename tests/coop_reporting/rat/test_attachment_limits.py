"""RAT attachments are bounded before they are parsed (issue 13 item 8): a PDF's pages
are counted without reading them (the filed case: 60,000 blank pages took 14 s and kept
+181 MiB), and images meet the product images' pixel limit."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zlib

import pytest
from django.core.exceptions import ValidationError
from PIL import Image
from pypdf import PdfWriter

from coop_reporting.rat import services
from coop_reporting.rat.models import RatAttachment
from marketplace.catalog.images import image_clean
from tests.factories.coop_rat import draft_report
from tests.factories.village_hubs import CooperativeFactory

pytestmark = pytest.mark.django_db

MIB = 1024 * 1024


def blank_pdf(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def sixty_thousand_pages() -> bytes:
    return blank_pdf(60_000)


def lying_pdf(kids: int) -> bytes:
    """A hand-built PDF whose page tree says ``/Count 1`` but lists one page ``kids``
    times."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count 1 /Kids [" + b" ".join([b"3 0 R"] * kids) + b"] >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def png_declaring(width: int, height: int) -> bytes:
    """A PNG whose header declares ``width`` × ``height`` pixels, with (almost) no data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


def image_bytes(format: str, size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (20, 120, 60)).save(buffer, format=format)
    return buffer.getvalue()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def refusal(content: bytes) -> tuple[str, str]:
    report = draft_report(CooperativeFactory())
    with pytest.raises(ValidationError) as exc_info:
        services.rat_attachment_upload(
            report=report,
            kind="laporan_keuangan",
            uploaded_file=content,
            file_name="laporan",
            actor=None,
            image_clean=image_clean,
        )
    [error] = exc_info.value.error_dict["file"]
    return error.code, error.messages[0]


def test_a_sixty_thousand_page_pdf_is_refused_without_reading_its_pages(
    media_root, sixty_thousand_pages
):
    assert len(sixty_thousand_pages) < 10 * MIB  # under RAT_ATTACHMENT_MAX_BYTES

    tracemalloc.start()
    try:
        code, message = refusal(sixty_thousand_pages)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert code == "too_many_pages"
    assert message == (
        "PDF ini lebih dari 200 halaman. Unggah berkas yang lebih pendek, misalnya hanya "
        "halaman yang diperlukan laporan."
    )
    assert peak < 64 * MIB  # reading every page kept +181 MiB
    assert not RatAttachment.objects.exists()
    assert not any(media_root.rglob("*.*"))


def test_a_page_tree_that_lies_about_its_count_is_still_bounded(media_root):
    code, _message = refusal(lying_pdf(kids=1_000))

    assert code == "too_many_pages"
    assert not RatAttachment.objects.exists()


def test_the_page_limit_comes_from_the_settings(media_root, settings):
    settings.RAT_ATTACHMENT_MAX_PAGES = 3
    report = draft_report(CooperativeFactory())

    attachment = services.rat_attachment_upload(
        report=report,
        kind="berita_acara",
        uploaded_file=blank_pdf(3),
        file_name="berita-acara",
        actor=None,
        image_clean=image_clean,
    )
    assert attachment.page_count == 3

    code, message = refusal(blank_pdf(4))
    assert code == "too_many_pages"
    assert message.startswith("PDF ini lebih dari 3 halaman.")
    assert RatAttachment.objects.count() == 1


def test_an_image_declaring_billions_of_pixels_is_refused_before_decoding(media_root):
    content = png_declaring(50_000, 50_000)  # 2.5 gigapixels in a few hundred bytes
    assert len(content) < 1024

    code, _message = refusal(content)

    assert code == "file_size_limit_exceeded"
    assert not RatAttachment.objects.exists()
    assert not any(media_root.rglob("*.*"))


@pytest.mark.parametrize("format", ["JPEG", "PNG", "WEBP"])
def test_attachment_images_meet_the_product_image_pixel_limit(media_root, settings, format):
    settings.PRODUCT_IMAGE_MAX_PIXELS = 1_000  # the photo has 40 × 30 = 1,200

    code, _message = refusal(image_bytes(format))

    assert code == "file_size_limit_exceeded"
    assert not RatAttachment.objects.exists()
