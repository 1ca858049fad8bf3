"""Checks on files attached to RAT reports: PDFs, or JPEG/PNG/WebP images.

Pure functions over bytes. The format is told from the bytes, never from the name:

- a PDF must start with ``%PDF-``, fit ``RAT_ATTACHMENT_MAX_BYTES``, have at most
  ``RAT_ATTACHMENT_MAX_PAGES`` pages (counted before any page is read:
  ``marketplace.core.pdf_files``) and open with ``pypdf``; encrypted (password-protected)
  and unreadable files are refused, because the Dinas must be able to read them. PDFs are
  stored as uploaded.
- anything else goes through the product image pipeline (``catalog.images.image_clean``):
  JPEG, PNG and WebP only, re-encoded without metadata (GPS, camera serials). Reporting
  may not import ``marketplace.catalog`` (import-linter contract), so the caller passes
  that function in as ``image_clean``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from coop_reporting.rat.error_codes import RatErrorCode
from marketplace.core.exceptions import field_error
from marketplace.core.pdf_files import PdfProblem, PdfRefused, pdf_page_count

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)

FILE_FIELD = "file"
PDF_MAGIC = b"%PDF-"
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF8", b"BM")

_EMPTY = _("The file is empty.")
_TOO_BIG = _("The file is too large. Upload a file of at most %(megabytes)s MB.")
_UNSUPPORTED = _("Upload a PDF, JPEG, PNG or WebP file.")
_ENCRYPTED = _("The PDF is protected with a password. Upload it without a password.")
_CORRUPT = _("The file is damaged or incomplete. Upload it again.")
_TOO_MANY_PAGES = _(
    "The PDF has more than %(max)s pages. Upload a shorter file, for example only the pages "
    "the report needs."
)

# Image refusals (ProductErrorCode values) → ours.
_IMAGE_CODES = {
    "required": RatErrorCode.REQUIRED,
    "file_size_limit_exceeded": RatErrorCode.FILE_SIZE_LIMIT_EXCEEDED,
    "unsupported_mime_type": RatErrorCode.UNSUPPORTED_FILE_TYPE,
}


@dataclass(frozen=True)
class CleanAttachment:
    content: bytes
    content_type: str
    extension: str  # without the dot
    page_count: int | None


def max_bytes() -> int:
    return int(settings.RAT_ATTACHMENT_MAX_BYTES)


def max_pages() -> int:
    return int(settings.RAT_ATTACHMENT_MAX_PAGES)


ImageCleaner = Callable[[bytes], Any]  # returns .content, .mime_type, .extension


def attachment_clean(content: bytes | IO[bytes], *, image_clean: ImageCleaner) -> CleanAttachment:
    """Check an uploaded attachment; images come back re-encoded without metadata.

    Raises ValidationError on field ``file`` with a ``RatErrorCode``: ``required`` (empty),
    ``file_size_limit_exceeded``, ``too_many_pages`` (a PDF over
    ``RAT_ATTACHMENT_MAX_PAGES``), ``unsupported_file_type`` (GIF, Word, …),
    ``encrypted_file`` or ``corrupt_file``.
    """
    limit = max_bytes()
    data = _read_bounded(content, limit)
    if not data:
        raise field_error(FILE_FIELD, _EMPTY, RatErrorCode.REQUIRED)
    if len(data) > limit:
        raise field_error(
            FILE_FIELD,
            _TOO_BIG % {"megabytes": limit // (1024 * 1024) or 1},
            RatErrorCode.FILE_SIZE_LIMIT_EXCEEDED,
        )
    if data.startswith(PDF_MAGIC):
        return CleanAttachment(
            content=data,
            content_type="application/pdf",
            extension="pdf",
            page_count=_pdf_pages(data),
        )
    return _image(data, image_clean)


def _read_bounded(content: bytes | IO[bytes], limit: int) -> bytes:
    """At most ``limit + 1`` bytes: enough to tell that a file is too big."""
    if isinstance(content, bytes | bytearray):
        return bytes(content)
    if hasattr(content, "seek"):
        content.seek(0)
    return content.read(limit + 1)


def _pdf_pages(data: bytes) -> int:
    try:
        return pdf_page_count(data, max_pages=max_pages())
    except PdfRefused as refused:
        logger.info(
            "rat_attachment_pdf_refused",
            extra={"problem": refused.problem.value, "size": len(data)},
        )
        if refused.problem is PdfProblem.TOO_MANY_PAGES:
            raise field_error(
                FILE_FIELD,
                _TOO_MANY_PAGES % {"max": refused.max_pages},
                RatErrorCode.TOO_MANY_PAGES,
            ) from None
        if refused.problem is PdfProblem.ENCRYPTED:
            raise field_error(FILE_FIELD, _ENCRYPTED, RatErrorCode.ENCRYPTED_FILE) from None
        raise field_error(FILE_FIELD, _CORRUPT, RatErrorCode.CORRUPT_FILE) from None


def _image(data: bytes, image_clean: ImageCleaner) -> CleanAttachment:
    try:
        clean = image_clean(data)
    except ValidationError as exc:
        errors = (
            [e for field_errors in exc.error_dict.values() for e in field_errors]
            if hasattr(exc, "error_dict")
            else exc.error_list
        )
        code = errors[0].code if errors else None
        ours = _IMAGE_CODES.get(code or "")
        if ours is None:  # "invalid": a damaged image, or no image at all
            looks_like_image = data.startswith(_IMAGE_MAGIC) or (
                data[:4] == b"RIFF" and data[8:12] == b"WEBP"
            )
            ours = (
                RatErrorCode.CORRUPT_FILE
                if looks_like_image
                else RatErrorCode.UNSUPPORTED_FILE_TYPE
            )
        message: StrOrPromise = _CORRUPT if ours is RatErrorCode.CORRUPT_FILE else _UNSUPPORTED
        if ours is RatErrorCode.FILE_SIZE_LIMIT_EXCEEDED:
            message = exc.messages[0]
        raise field_error(FILE_FIELD, message, ours) from None
    return CleanAttachment(
        content=clean.content,
        content_type=clean.mime_type,
        extension=clean.extension,
        page_count=None,
    )
